// Maps of various key and element types.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Key struct {
	A int32
	B string
}

type Big struct {
	Data [40]int64
}

func main() {
	m1 := map[string]int{"a": 1}
	m2 := map[int64]*Key{7: {1, "x"}}
	m3 := map[Key]float64{{1, "y"}: 2.5}
	m4 := map[[4]byte]bool{{1, 2, 3, 4}: true}
	m5 := map[float64][]string{1.5: {"z"}}
	m6 := map[int]Big{}
	m6[1] = Big{}
	keep(m1)
	keep(m2)
	keep(m3)
	keep(m4)
	keep(m5)
	keep(m6)
	println(len(m1), len(m2), len(m3), len(m4), len(m5), len(m6))
}
