package main

// A program for the debugger test (tests/tests/gdb.rs): local variables of several kinds, made
// by calls and alive across a later call, printed on the line after that call.

type Point struct {
	X, Y int
}

//go:noinline
func triple(k int) int { return k * 3 }

//go:noinline
func label(k int) string { return "gopher"[:k+3] }

//go:noinline
func step() {}

//go:noinline
func use(n int, s string, xs []int, p Point, q *Point, m map[string]int, e any) int {
	return n + len(s) + len(xs) + p.X + q.Y + len(m)
}

//go:noinline
func work(k int) int {
	count := triple(k)
	name := label(k)
	xs := make([]int, k, k+2)
	pt := Point{X: k, Y: count}
	q := &Point{X: 5, Y: 6}
	m := map[string]int{"a": k}
	var e any = pt
	step()
	r := use(count, name, xs, pt, q, m, e)
	return r + count + len(name) + len(xs) + pt.X + q.X + len(m)
}

func main() {
	println("result", work(2))
}
