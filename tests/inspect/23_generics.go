// Generic types: instances with basic, named and instance type arguments (generic methods
// and functions are not lowered by rgo yet, so there are none).
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Box[T any] struct{ v T }

type Name string

type List[T any] []T

func main() {
	keep(Pair[string, int]{"a", 1})
	keep(List[Name](nil))
	keep(Pair[Name, []Name]{})
	keep(&Box[int]{})
	keep(Box[Pair[int, bool]]{})
	println(len(sinks))
}
