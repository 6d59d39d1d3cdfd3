package main

// For `rgo explain` (tests/tests/explain.rs): a closure that captures one variable by
// reference (it is reassigned) and one by value.

func counter() func() int {
	n := 0
	step := 2
	return func() int {
		n += step
		return n
	}
}

func main() {
	c := counter()
	c()
	println(c())
}
