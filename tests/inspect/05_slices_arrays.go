// Slices and arrays of named and unnamed element types.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Point struct{ X, Y int }

type Grid [3][3]Point

func main() {
	keep([]Point{{1, 2}})
	keep([4]int{1, 2, 3, 4})
	keep([2]string{"a", "b"})
	keep(Grid{})
	keep([][]float64{{1}})
	keep([]*Point{nil})
	keep([0]int{})
	println(len(sinks))
}
