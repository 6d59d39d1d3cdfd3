package main

// Declarations whose meaning depends on the order they are checked in: a defined type whose
// right-hand side is a type still being declared (through a pointer in that type's literal),
// append of a slice type that is not assignable to the first argument's type but has its
// element type, and a package variable whose initialiser mentions a constant (constants are
// initialised first, so the variables keep their source order).

import "fmt"

type List struct {
	Val  int
	Next *Node
}

type Node List

type A struct{ b *B }
type B C
type C D
type D A

type Ints []int
type MoreInts []int

var (
	first  = trace("first")
	second = trace("second")
)

const label = "c"

func trace(s string) string {
	if label != "" {
		fmt.Println("init", s)
	}
	return s
}

func main() {
	n := &Node{Val: 2}
	l := &List{Val: 1, Next: n}
	fmt.Printf("%T %T %d %d\n", l, l.Next, l.Val, l.Next.Val)
	d := &D{b: &B{}}
	fmt.Printf("%T %T %v\n", d, d.b, d.b.b == nil)
	x := append(Ints{1}, MoreInts{2, 3}...)
	fmt.Printf("%T %v\n", x, x)
	fmt.Println(first, second)
}
