// Unnamed composite types: anonymous structs, nested maps/slices, interface literals.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Elem struct{ V int }

func main() {
	keep(struct {
		Name string
		Tags map[string][]Elem
	}{"a", nil})
	keep(map[string]map[Elem]bool{})
	keep([]map[string]*Elem{})
	var x interface {
		Len() int
		Get(int) Elem
	}
	keep(&x)
	keep(struct {
		p *Elem
		q []string
	}{})
	keep([2]struct{ e Elem }{})
	switch sinks[len(sinks)-1].(type) {
	case [2]struct{ e Elem }:
		println("array")
	}
}
