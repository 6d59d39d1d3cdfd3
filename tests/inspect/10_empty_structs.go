// Empty structs, zero-size arrays, and structs with trailing zero-size fields.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Empty struct{}

func (Empty) Hello() string { return "hello" }

type Greeter interface{ Hello() string }

type Trail struct {
	N int32
	E struct{}
}

//go:noinline
func greet(g Greeter) { println(g.Hello()) }

func main() {
	greet(Empty{})
	keep(struct{}{})
	keep(Trail{N: 1})
	keep([0]string{})
	keep([]struct{}{{}})
	println(len(sinks))
}
