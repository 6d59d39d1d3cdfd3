// Unnamed interfaces with unexported methods (imethod names carry a pkgPath), interfaces
// embedded in structs, and a method set mixing exported and unexported names.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type secret struct{ n int }

func (s secret) hidden() int { return s.n }
func (s secret) Shown() int  { return s.n + 1 }

//go:noinline
func useHidden(h interface{ hidden() int }) int { return h.hidden() }

//go:noinline
func useBoth(h interface {
	hidden() int
	Shown() int
}) int {
	return h.hidden() + h.Shown()
}

type Holder struct {
	I interface{ hidden() int }
	j interface{ Shown() int }
}

func main() {
	println(useHidden(secret{1}), useBoth(secret{2}))
	keep(Holder{secret{3}, secret{4}})
	var x interface{ hidden() int }
	keep(&x)
}
