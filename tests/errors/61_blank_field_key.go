package main

// A blank field can never be named in a struct literal.

type T struct {
	_ string
	x int
}

func main() {
	_ = T{"ok", 1}
	_ = T{_: "look"}
	_ = T{x: 2, _: "out"}
}
