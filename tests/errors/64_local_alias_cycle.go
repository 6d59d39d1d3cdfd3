package main

// A function-local alias is in scope in its own right-hand side: naming it there is a cycle.
// Defined types may refer to themselves.

func main() {
	type T = T
	type L = []L
	type D []D
	var d D
	_ = d
}
