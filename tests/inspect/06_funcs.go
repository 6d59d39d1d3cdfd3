// Function types, variadic functions, named func types with methods.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Handler func(int, string) (bool, error)

func (h Handler) Call() bool { ok, _ := h(1, "x"); return ok }

type Caller interface{ Call() bool }

//go:noinline
func call(c Caller) bool { return c.Call() }

func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func main() {
	var h Handler = func(n int, s string) (bool, error) { return n > 0, nil }
	println(call(h))
	keep(sum)
	keep(func(a, b float32) float32 { return a + b })
	keep(func() {})
	keep(func(f func(int) int) []func() { return nil })
	keep(func(p *Handler, xs ...Caller) (Caller, error) { return nil, nil })
	println(sum(1, 2, 3), len(sinks))
}
