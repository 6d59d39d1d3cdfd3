// Pointer types: pointers to basic, named, pointer and array types.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Node struct {
	Val  int
	Next *Node
}

func main() {
	n := &Node{Val: 1}
	keep(n)
	x := 5
	keep(&x)
	px := &x
	keep(&px)
	a := [3]int{}
	keep(&a)
	s := "s"
	keep(&s)
	println(n.Val, *px, a[0], s)
}
