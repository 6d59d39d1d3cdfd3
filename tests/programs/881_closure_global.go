package main

// A function literal that captures nothing is a global function in gc: every evaluation
// yields the same static funcval (no allocation), while a capturing one gets a new closure
// object each time.

import (
	"fmt"
	"unsafe"
)

func newfunc() func(int) int { return func(x int) int { return x + 1 } }

func capturing(k int) func(int) int { return func(x int) int { return x + k } }

func word(f func(int) int) uintptr { return *(*uintptr)(unsafe.Pointer(&f)) }

var global = func() string { return "global" }

func main() {
	a, b := newfunc(), newfunc()
	fmt.Println(a(1), b(2), word(a) == word(b))
	c, d := capturing(1), capturing(1)
	fmt.Println(c(1), d(2), word(c) == word(d))
	g := func() string { return "local" }
	fmt.Println(global(), g())
	fns := []func() int{}
	for i := 0; i < 3; i++ {
		fns = append(fns, func() int { return 42 })
	}
	same := true
	for _, f := range fns {
		same = same && *(*uintptr)(unsafe.Pointer(&f)) == *(*uintptr)(unsafe.Pointer(&fns[0]))
	}
	fmt.Println(fns[2](), same)
}
