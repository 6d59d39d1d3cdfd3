package main

// Calls gc inlines and rgo expands in place (leaf callees that cannot panic): closures returned
// by an inlined constructor and the counter they share, named and multiple results, returns
// from loops and switches, methods on values, pointers and embedded fields, nested expansions
// in arguments, expansions inside closures, deferring functions and goroutines, and a value
// receiver copied at the call. A panic next to an expanded call keeps gc's traceback.

import (
	"fmt"
	"runtime"
	"unicode/utf16"
)

func makeCounter(step int) (func() int, func(int)) {
	c := 0
	return func() int { c += step; return c }, func(v int) { c = v }
}

func makeAdder(n int) func(int) int {
	return func(x int) int { return x + n }
}

func mix(h, v int) int { return (h^v)*1099511628211 + 7 }

func clamp(x, lo, hi int) (r int) {
	r = x
	if r < lo {
		return lo
	}
	if r > hi {
		r = hi
	}
	return
}

func firstOver(lim int) int {
	for i := 0; ; i++ {
		if i*i > lim {
			return i
		}
	}
}

func sign(x int) string {
	switch {
	case x < 0:
		return "neg"
	case x == 0:
		return "zero"
	}
	return "pos"
}

func divmod(a int) (q, r int) { return a / 7, a % 7 }

type pt struct{ x, y int }

func newPt(x, y int) *pt { return &pt{x, y} }

func (p pt) sum() int       { return p.x + p.y }
func (p pt) moved(d int) pt { p.x += d; return p }
func (p *pt) isNil() bool   { return p == nil }

type named struct {
	pt
	name string
}

func pair(a, b int) [2]int { return [2]int{a, b} }

func describe(v any) any { return v }

var sink *pt

func withDefer() (s int) {
	defer func() { s++ }()
	next, _ := makeCounter(2)
	next()
	return next()
}

func main() {
	s := 0
	for i := 0; i < 1000; i++ {
		next, reset := makeCounter(i%5 + 1)
		for j := 0; j < 8; j++ {
			s += next()
		}
		reset(i & 15)
		s += next()
	}
	fmt.Println("counters", s)

	add := makeAdder(3)
	fmt.Println("adder", add(4), makeAdder(10)(5))

	fmt.Println("mix", mix(mix(1, 2), mix(3, 4)))
	fmt.Println("clamp", clamp(-5, 0, 10), clamp(5, 0, 10), clamp(50, 0, 10))
	fmt.Println("firstOver", firstOver(50), firstOver(0))
	fmt.Println("sign", sign(-3), sign(0), sign(9))
	q, r := divmod(45)
	fmt.Println("divmod", q, r)

	p := newPt(1, 2)
	fmt.Println("pt", p.sum(), p.moved(5).sum(), p.x, p.isNil())
	var np *pt
	fmt.Println("nil pt", np.isNil())
	n := named{pt{3, 4}, "n"}
	fmt.Println("embedded", n.sum(), n.moved(1).x, n.x)
	sink = newPt(7, 8)
	fmt.Println("sink", sink.sum())

	a := pair(1, 2)
	a[0] = 9
	fmt.Println("array", a, pair(3, 4))
	fmt.Println("iface", describe(5), describe("x"))

	fmt.Println("utf16", utf16.IsSurrogate(0xd800), utf16.IsSurrogate('a'))

	f := func(k int) int { return clamp(k, 1, 3) * mix(k, 1) }
	fmt.Println("closure", f(0), f(10))
	fmt.Println("defer", withDefer())

	done := make(chan int)
	go func() {
		next, _ := makeCounter(5)
		next()
		done <- next()
	}()
	fmt.Println("goroutine", <-done)

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.Mallocs
	t := 0
	for i := 0; i < 100; i++ {
		next, _ := makeCounter(1)
		t += next()
	}
	runtime.ReadMemStats(&ms)
	fmt.Println("stack closures", t, ms.Mallocs-before < 50)

	var bad *pt
	fmt.Println(clamp(bad.sum(), 0, 1))
}
