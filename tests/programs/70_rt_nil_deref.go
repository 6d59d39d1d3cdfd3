package main

type T struct {
	name string
	val  int
}

func main() {
	var p *int
	println("p is nil:", p == nil)
	*p = 1
	println("unreachable")
}
