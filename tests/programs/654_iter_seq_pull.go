package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func Fib() iter.Seq[int] {
	return func(yield func(int) bool) {
		a, b := 0, 1
		for {
			if !yield(a) {
				return
			}
			a, b = b, a+b
		}
	}
}

func Filter[T any](s iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range s {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func Map[T, U any](s iter.Seq[T], f func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		for v := range s {
			if !yield(f(v)) {
				return
			}
		}
	}
}

func Take[T any](s iter.Seq[T], n int) iter.Seq[T] {
	return func(yield func(T) bool) {
		if n <= 0 {
			return
		}
		i := 0
		for v := range s {
			if !yield(v) {
				return
			}
			i++
			if i == n {
				return
			}
		}
	}
}

func Enumerate[T any](s iter.Seq[T]) iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		i := 0
		for v := range s {
			if !yield(i, v) {
				return
			}
			i++
		}
	}
}

func Zip[A, B any](a iter.Seq[A], b iter.Seq[B]) iter.Seq2[A, B] {
	return func(yield func(A, B) bool) {
		na, sa := iter.Pull(a)
		defer sa()
		nb, sb := iter.Pull(b)
		defer sb()
		for {
			va, ok1 := na()
			vb, ok2 := nb()
			if !ok1 || !ok2 || !yield(va, vb) {
				return
			}
		}
	}
}

type Tree struct {
	Left, Right *Tree
	Val         int
}

func (t *Tree) Insert(v int) *Tree {
	if t == nil {
		return &Tree{Val: v}
	}
	if v < t.Val {
		t.Left = t.Left.Insert(v)
	} else {
		t.Right = t.Right.Insert(v)
	}
	return t
}

func (t *Tree) All() iter.Seq[int] {
	return func(yield func(int) bool) { t.walk(yield) }
}

func (t *Tree) walk(yield func(int) bool) bool {
	if t == nil {
		return true
	}
	return t.Left.walk(yield) && yield(t.Val) && t.Right.walk(yield)
}

func main() {
	for i := range Count(5) {
		fmt.Print(i, " ")
	}
	fmt.Println()
	evens := Filter(Fib(), func(n int) bool { return n%2 == 0 })
	fmt.Println(slices.Collect(Take(evens, 8)))
	sq := Map(Count(6), func(n int) string { return strings.Repeat("*", n) })
	for i, s := range Enumerate(sq) {
		fmt.Printf("%d:%q ", i, s)
	}
	fmt.Println()
	for a, b := range Zip(Count(100), slices.Values([]string{"x", "y", "z"})) {
		fmt.Print(a, b, " ")
	}
	fmt.Println()
	next, stop := iter.Pull(Fib())
	for i := 0; i < 10; i++ {
		v, ok := next()
		fmt.Print(v, ok, " ")
	}
	stop()
	v, ok := next()
	fmt.Println("| after stop:", v, ok)
	next2, stop2 := iter.Pull2(maps.All(map[string]int{"only": 1}))
	k, val, ok := next2()
	fmt.Println(k, val, ok)
	k, val, ok = next2()
	fmt.Printf("%q %d %v\n", k, val, ok)
	stop2()
	var root *Tree
	for _, v := range []int{50, 30, 70, 20, 40, 60, 80, 35, 45, 65} {
		root = root.Insert(v)
	}
	fmt.Println(slices.Collect(root.All()))
	for v := range root.All() {
		if v > 45 {
			fmt.Println("first above 45:", v)
			break
		}
	}
	total := 0
	for v := range Take(root.All(), 3) {
		total += v
	}
	fmt.Println("sum of smallest 3:", total)
	lines := strings.Lines("alpha\nbeta\ngamma\n")
	upper := Map(lines, func(s string) string { return strings.ToUpper(strings.TrimSpace(s)) })
	fmt.Println(slices.Collect(upper))
	for range Count(3) {
		fmt.Print("tick ")
	}
	fmt.Println()
	pn, ps := iter.Pull(Count(3))
	defer ps()
	for {
		v, ok := pn()
		if !ok {
			break
		}
		fmt.Print("pulled ", v, "; ")
	}
	fmt.Println()
}
