// Function-local named types (the ·N suffix in link strings).
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type I interface{ M() int }

type show interface{ Show() string }

func first() show {
	type Local struct{ A int }
	return nil
}

//go:noinline
func second() any {
	type Local struct{ B string }
	return Local{"x"}
}

//go:noinline
func third() I {
	type impl struct{ n int }
	return nil
}

type impl2 int

func (i impl2) M() int { return int(i) }

//go:noinline
func fourth() I {
	type Local int
	var x I = impl2(4)
	keep(Local(3))
	return x
}

func main() {
	b := second()
	switch v := b.(type) {
	case string:
		println("string", v)
	default:
		println(v != nil)
	}
	println(first() == nil, third() == nil, fourth().M())
}
