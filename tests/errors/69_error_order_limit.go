package main

func f() {
	a := 1
	b := 2
	var x int = "s"
	var y int = "t"
}

func main() {
	c := 1
	var z string = 1
	var w string = 2
	d := 3
	var q string = 3
	var r string = 4
	e := 5
}
