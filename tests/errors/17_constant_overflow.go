package main

const Big = 1 << 100

func main() {
	var b byte = 256
	var i8 int8 = -129
	x := Big
	var u uint = -1
	println(b, i8, x, u)
}
