package main

func main() {
	println("hello, world")
	print("no newline", 1, 2, "\n")
	println("several", "operands", 3, true, 'x')
	println()
	print()
	println("done")
}
