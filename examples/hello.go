package main

// The builtin println writes to standard error, so this program needs no
// imports at all.
func main() {
	println("hello, world")
}
