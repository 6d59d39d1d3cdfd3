// GC masks: interface words (only the data word is scanned), sparse pointers in large
// structs (on-demand masks depend on PtrBytes, not on the number of pointers).
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Sparse struct {
	A *int
	B [2000]byte
	C *int
}

type Ifaces struct {
	X any
	n int
	E error
	Y [3]any
}

type Dense struct {
	P [128]*int
}

type Dense2 struct {
	P [129]*int
}

func main() {
	keep(&Sparse{})
	keep(Ifaces{})
	keep(&Dense{})
	keep(&Dense2{})
	keep([2]any{})
	keep([]error{})
	println(len(sinks))
}
