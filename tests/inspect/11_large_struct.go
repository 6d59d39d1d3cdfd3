// Large pointerful types: more than 128 pointer words use an on-demand GC mask.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Big struct {
	P [200]*int
	N int
}

type Medium struct {
	P [100]*int
	S [40]string
}

type NoPtr struct {
	B [4096]byte
}

func main() {
	b := &Big{}
	keep(b)
	keep(*b)
	m := &Medium{}
	keep(m)
	keep(&NoPtr{})
	println(b.N, len(m.S))
}
