package main

import (
	"errors"
	"strings"
)

type T struct{ a, b int }

func (t *T) Get() int { return t.a }
func (t T) Sum() int  { return t.a + t.b }

type Inner struct{ x int }

func (i *Inner) X() int { return i.x }

type Outer struct {
	name string
	Inner
}

func add(a, b int) int { return a + b }

func twice(x int) int { return add(x, x) }

func loop(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i * i
		if s > 100 {
			s -= 3
		}
	}
	return s
}

func makeCounter() func() int {
	c := 0
	return func() int { c++; return c }
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func countdown(n int) int {
	if n == 0 {
		return 0
	}
	return countdown(n - 1)
}

func rec() { defer func() { recover() }() }

//go:noinline
func kept(x int) int { return x }

func first(x []int) *int { return &x[0] }

func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func apply(f func(int) int, x int) int { return f(x) }

func double(x int) int { return 2 * x }

func describe(v any) string {
	switch v.(type) {
	case int:
		return "int"
	case string:
		return "string"
	}
	return "other"
}

func fail(msg string) error {
	if msg == "" {
		panic("empty")
	}
	return errors.New(msg)
}

func join(a, b string) string { return a + "/" + b }

func upper(s string) string { return strings.ToUpper(s) }

func classify(n int) string {
	switch {
	case n < 0:
		return "neg"
	case n == 0:
		return "zero"
	default:
		return "pos"
	}
}

func mapLen(m map[string]int, k string) (int, bool) {
	v, ok := m[k]
	return v, ok
}

func work(ch chan int) {
	go func() { ch <- 1 }()
	defer close(ch)
}

func main() {
	t := &T{1, 2}
	o := Outer{name: "o", Inner: Inner{3}}
	println(t.Get(), t.Sum(), o.X(), twice(3), loop(10), fib(5), countdown(3))
	f := makeCounter()
	println(f())
	func() { println("x") }()
	s := make([]int, 3)
	println(*first(s), kept(1), sum(1, 2, 3), sum(), apply(double, 4))
	println(describe(1), fail("x") != nil, join("a", "b"), upper("q"), classify(2))
	v, ok := mapLen(map[string]int{"a": 1}, "a")
	println(v, ok)
	ch := make(chan int, 1)
	work(ch)
	rec()
}
