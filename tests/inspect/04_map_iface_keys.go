// Map keys needing generated hash functions: interfaces, structs with floats, arrays of strings.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type FK struct {
	F float32
	N int16
	S string
}

type Stringer interface{ String() string }

type Name string

func (n Name) String() string { return string(n) }

func main() {
	m1 := map[any]int{1: 1, "a": 2}
	m2 := map[FK]string{{1, 2, "x"}: "y"}
	m3 := map[[3]string]int{{"a", "b", "c"}: 1}
	m4 := map[Stringer]bool{Name("q"): true}
	m5 := map[complex128]int8{1i: 1}
	keep(m1)
	keep(m2)
	keep(m3)
	keep(m4)
	keep(m5)
	println(len(m1), len(m2), len(m3), len(m4), len(m5))
}
