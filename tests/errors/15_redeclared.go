package main

var x int
var x string

func f() {}
func f() {}

func main() {
	a := 1
	var a int
	println(a)
}
