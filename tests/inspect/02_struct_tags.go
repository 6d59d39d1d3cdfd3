// Struct fields: tags, unexported and blank fields, embedded fields.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Inner struct {
	X, Y int
}

type Tagged struct {
	A     int    `json:"a"`
	b     string `json:"b,omitempty"`
	_     int32
	C     []byte
	Inner `embed:"yes"`
	d     *Tagged
}

type Plain struct {
	P1 int8
	P2 int64
}

func main() {
	keep(Tagged{A: 1, b: "x"})
	t := sinks[0].(Tagged)
	println(t.A, t.b, t.X)
	keep(Plain{1, 2})
	println(sinks[1].(Plain).P2)
	keep(Inner{3, 4})
	println(sinks[2].(Inner).Y)
}
