// Types containing themselves through arrays and structs: gc reports each cycle once,
// from the type met again while checking the declaration that completes the cycle.

package main

type C struct{ b B }
type A [2]B
type B struct {
	a A
	c C
}

type P struct{ q [3]Q }
type Q struct{ r R }
type R [1]P

func main() {
	var b B
	_ = b
	var p P
	_ = p
}
