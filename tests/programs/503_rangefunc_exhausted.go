package main

var saved func(int) bool

func keep(yield func(int) bool) {
	saved = yield
	yield(1)
}

func main() {
	for x := range keep {
		println("x", x)
	}
	println("loop over")
	saved(2)
	println("unreachable")
}
