package main

func main() {
	var i int = 1
	var f float64 = 2
	var s string = "x"
	println(i + f)
	println(s + i)
	println(i == s)
}
