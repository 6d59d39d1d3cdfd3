package main

import "reflect"

type Stringer interface{ String() string }

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }
func (r Rect) Name() string   { return "rect" }

type Circle struct{ R float64 }

func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (c *Circle) Name() string   { return "circle" }

func TotalArea[S Shape](shapes []S) float64 {
	t := 0.0
	for _, s := range shapes {
		t += s.Area()
	}
	return t
}

func Names[S Shape](shapes ...S) string {
	out := ""
	for i, s := range shapes {
		if i > 0 {
			out += ","
		}
		out += s.Name()
	}
	return out
}

// A constraint with both a type set and methods.
type IntStringer interface {
	~int
	String() string
}

type Weekday int

func (d Weekday) String() string { return [...]string{"Sun", "Mon", "Tue"}[d] }

func Next[T IntStringer](d T) string { return (d + 1).String() }

// Core types: S is any slice type of E.
func Last[S ~[]E, E any](s S) E { return s[len(s)-1] }

func Grow[S ~[]E, E any](s S, xs ...E) S {
	for _, x := range xs {
		s = append(s, x)
	}
	return s
}

func Clone[S ~[]E, E any](s S) S {
	out := make(S, len(s))
	copy(out, s)
	return out
}

type Path []string

func (p Path) String() string {
	out := ""
	for _, s := range p {
		out += "/" + s
	}
	return out
}

func Bytes[T ~string | ~[]byte](x T) int {
	n := 0
	for i := 0; i < len(x); i++ {
		if x[i] == 'a' {
			n++
		}
	}
	return n
}

func SumMap[M ~map[K]V, K comparable, V ~int | ~float64](m M) V {
	var s V
	for _, v := range m {
		s += v
	}
	return s
}

func Send[C ~chan E, E any](c C, xs ...E) {
	for _, x := range xs {
		c <- x
	}
	close(c)
}

type PtrTo[T any] interface {
	*T
	Set(string)
}

type Item struct{ name string }

func (i *Item) Set(s string) { i.name = s }

func MakeAll[T any, P PtrTo[T]](names ...string) []T {
	out := make([]T, len(names))
	for i, n := range names {
		P(&out[i]).Set(n)
	}
	return out
}

type Num interface{ ~int | ~float64 }

func Abs[T Num](x T) T {
	if x < 0 {
		return -x
	}
	return x
}

func Describe[T Stringer](xs []T) string {
	s := ""
	for _, x := range xs {
		s += x.String() + ";"
	}
	return s
}

func TypeName[T any]() string {
	var p *T
	return reflect.TypeOf(p).Elem().String()
}

func main() {
	println(TotalArea([]Rect{{1, 2}, {3, 4}}), TotalArea([]*Circle{{1}, {2}}))
	println(TotalArea([]Shape{Rect{1, 1}, &Circle{1}}))
	println(Names(Rect{}, Rect{}), Names[Shape](Rect{}, &Circle{}))
	println(Next(Weekday(0)), Next[Weekday](1))
	println(Last([]int{1, 2, 3}), Last(Path{"usr", "bin"}))
	p := Grow(Path{"a"}, "b", "c")
	println(p.String(), len(p))
	c := Clone(p)
	c[0] = "z"
	println(p.String(), c.String())
	println(Bytes("banana"), Bytes([]byte("abc")))
	println(SumMap(map[string]int{"a": 1, "b": 2}), SumMap(map[int]float64{1: 0.5, 2: 0.25}))
	ch := make(chan int, 3)
	Send(ch, 1, 2, 3)
	for v := range ch {
		print(v, " ")
	}
	println()
	items := MakeAll[Item]("x", "y")
	println(len(items), items[0].name, items[1].name)
	println(Abs(-3), Abs(2.5), Abs(-0.5))
	println(Describe([]Weekday{0, 1, 2}), Describe([]Path{{"a"}, {"b", "c"}}))
	println(TypeName[Rect](), TypeName[map[string][]int](), TypeName[Path]())
}
