// Padded structs, float fields, mixed equality (generated eq functions).
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Padded struct {
	A int8
	B int64
	C int8
}

type Mixed struct {
	F  float64
	S  string
	I  any
	E  error
	N  [2]int16
	_  int32
	Z  complex64
}

type Cmp interface{ Eq(Cmp) bool }

func (p Padded) Eq(o Cmp) bool { return p == o.(Padded) }

//go:noinline
func eq(a, b Cmp) bool { return a.Eq(b) }

func main() {
	println(eq(Padded{1, 2, 3}, Padded{1, 2, 3}))
	keep(Mixed{F: 1})
	println(sinks[0] == sinks[0])
	keep(struct {
		a int8
		b int64
	}{})
}
