// Method table order: exported first, then by name; Xcount; unexported methods.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type Many struct{ v int }

func (m Many) Zed() int    { return m.v }
func (m Many) alpha() int  { return 1 }
func (m *Many) Beta() int  { return 2 }
func (m Many) Alpha() int  { return 3 }
func (m *Many) gamma() int { return 4 }
func (m Many) M1() int     { return 5 }

type AZ interface {
	Zed() int
	Alpha() int
	alpha() int
}

//go:noinline
func use(z AZ) { println(z.Zed(), z.Alpha(), z.alpha()) }

func main() {
	use(Many{7})
	use(&Many{8})
	keep(&Many{})
}
