package main

// For `rgo explain` (tests/tests/explain.rs): a struct type with value- and pointer-receiver
// methods, stored in two interfaces.

type Shape interface {
	Area() int
	Perimeter() int
}

type Named interface{ Name() string }

type Rect struct{ W, H int }

func (r Rect) Area() int      { return r.W * r.H }
func (r Rect) Perimeter() int { return 2 * (r.W + r.H) }
func (r *Rect) Name() string  { return "rect" }

func main() {
	var s Shape = Rect{2, 3}
	var n Named = &Rect{1, 1}
	println(s.Area(), s.Perimeter(), n.Name())
}
