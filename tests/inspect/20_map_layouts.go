// Map group layouts: zero-size elems (trailing padding in the slot), zero-size keys,
// indirect keys and elems (over 128 bytes), pointer keys.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Set map[int]struct{}

type T struct{ a, b int }

func main() {
	s := Set{1: {}}
	keep(s)
	keep(map[struct{}]int{{}: 1})
	keep(map[string][200]byte{"a": {}})
	keep(map[[200]byte]string{{}: "b"})
	keep(map[*T]bool{&T{1, 2}: true})
	keep(map[T][129]int8{})
	keep(map[int8]int8{})
	println(len(s), len(sinks))
}
