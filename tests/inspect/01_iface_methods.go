// Interfaces with value and pointer receivers; itabs for *T and T.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Shape interface {
	Area() float64
	Name() string
}

type Circle struct {
	R float64
	n string
}

func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (c *Circle) Name() string  { return c.n }

type Sq struct{ S int }

func (s Sq) Area() float64 { return float64(s.S * s.S) }
func (s Sq) Name() string  { return "sq" }

func main() {
	var shapes []Shape
	shapes = append(shapes, &Circle{R: 1, n: "c"}, Sq{2})
	for _, s := range shapes {
		println(s.Name(), int(s.Area()))
	}
	keep(Sq{3})
	println(sinks[0].(Sq).S)
}
