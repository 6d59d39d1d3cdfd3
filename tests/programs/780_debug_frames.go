package main

// A program for the debugger test (tests/tests/gdb.rs): calls that gc does not inline, with
// parameters of five kinds.

type Point struct {
	X, Y int
}

//go:noinline
func leaf(n int, s string, xs []int, p Point, q *Point) int {
	total := n + len(s) + len(xs) + p.X + p.Y + q.X
	return total
}

//go:noinline
func middle(n int) int {
	q := &Point{X: 5, Y: 6}
	return leaf(n, "hello", []int{1, 2, 3}, Point{X: 3, Y: 4}, q) + 1
}

func main() {
	r := middle(7)
	println("result", r)
}
