package main

var ready = setup()

func setup() bool {
	println("setup")
	return true
}

func init() {
	println("init, ready =", ready)
	var m map[int]int
	m[1] = 1
}

func main() {
	println("unreachable")
}
