// Closures, method values and method expressions stored as func values.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Counter struct{ n int }

func (c *Counter) Inc() int    { c.n++; return c.n }
func (c Counter) Get() int     { return c.n }
func (c Counter) Add(d int) int { return c.n + d }

type Op func(int) int

func main() {
	c := &Counter{}
	x := 10
	keep(func() int { x++; return x })
	keep(c.Inc)
	keep(Counter.Get)
	keep((*Counter).Inc)
	keep(Op(func(i int) int { return i * 2 }))
	keep(c.Add)
	println(c.Inc(), x, len(sinks))
}
