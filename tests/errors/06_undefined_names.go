package main

func main() {
	x := y + 1
	println(x)
	undefinedFunc(x)
	var t T
	_ = t
}
