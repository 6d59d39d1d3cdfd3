// Channel types with all directions (nil channels, only converted to interfaces).
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Msg struct{ Body string }

func main() {
	var c1 chan int
	var c2 <-chan string
	var c3 chan<- *Msg
	var c4 chan (<-chan int)
	keep(c1)
	keep(c2)
	keep(c3)
	keep(c4)
	println(c1 == nil, c2 == nil, c3 == nil, c4 == nil)
}
