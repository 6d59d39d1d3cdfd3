// Named basic types with methods (value receivers on direct and indirect types).
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Celsius float64
type Count int
type Label string
type Flag bool
type Ptr *int

func (c Celsius) String() string { return "C" }
func (c Count) String() string   { return "N" }
func (l Label) String() string   { return string(l) }
func (f *Flag) Toggle()          { *f = !*f }

type Stringer interface{ String() string }

//go:noinline
func show(ss []Stringer) {
	for _, s := range ss {
		println(s.String())
	}
}

func main() {
	show([]Stringer{Celsius(1), Count(2), Label("x")})
	f := Flag(false)
	f.Toggle()
	keep(f)
	keep(&f)
	var p Ptr
	keep(p)
	println(f)
}
