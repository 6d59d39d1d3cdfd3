package main

import "reflect"

type Base[T any] struct{ v T }

func (b *Base[T]) Set(v T) { b.v = v }
func (b Base[T]) Get() T   { return b.v }

type Derived struct {
	Base[string]
	n int
}

type Getter[T any] interface{ Get() T }

type Wrapper[T any] struct {
	*Base[T]
}

func Use[T any](g Getter[T]) T { return g.Get() }

type Num[T any] struct{ x T }

func (n Num[T]) String() string { return "num" }

// A method with its own type parameters (Go 1.27).
type R struct{ k int }

func (r R) Scale[T ~int | ~float64](x T) T { return x * T(r.k) }

func (r *R) Add[T ~int](x T) { r.k += int(x) }

type Blanker interface{ Blank() }

type Bar[T any] interface{ Blank() }

type Foo struct{}

func (Foo) Blank() {}

func Check[T comparable](p Bar[T]) bool {
	x, ok := p.(any)
	return ok && x == p
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func main() {
	var d Derived
	d.Set("x")
	println(d.Get())
	var g Getter[string] = d
	println(g.Get(), Use[string](&d))
	w := Wrapper[int]{&Base[int]{}}
	w.Set(5)
	println(Use[int](w))
	var s interface{ String() string } = Num[float64]{}
	println(s.String())
	h := g.Get
	println(h())
	r := R{3}
	println(r.Scale(2), r.Scale[float64](1.5))
	scale := r.Scale[float64]
	r.k = 100
	println(scale(0.5))
	r.k = 3
	r.Add(4)
	r.Add[int](1)
	println(r.k)
	println(Check[int](Foo{}))
	var b Blanker = Foo{}
	var a any = b
	println(a == b, a != b)
	var bi Bar[string] = Foo{}
	println(a == bi)
	t := reflect.TypeOf(Pair[int, string]{})
	println(t.String(), t.Name(), t.NumField(), t.Field(1).Type.String())
	pt := reflect.TypeOf(&Base[[]byte]{})
	println(pt.String(), pt.NumMethod(), pt.Method(0).Name, pt.Method(1).Name)
	println(reflect.TypeOf(Wrapper[Pair[string, int]]{}).String())
}
