package main

var v = 3

func main() {
	var x v
	_ = x
	f := main
	var y f
	_ = y
}
