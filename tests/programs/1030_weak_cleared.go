package main

// Weak pointers: weak.Make gives one handle per object, Value returns the object while it is
// reachable, and after the collector finds the object unreachable the handle reads nil (the
// handle must not keep the object alive). Many objects are dropped so that an address a
// conservative scan still finds on the stack cannot decide the outcome.

import (
	"fmt"
	"runtime"
	"weak"
)

type T struct {
	a [64]int
	p *int
}

//go:noinline
func mk(i int) weak.Pointer[T] {
	t := &T{}
	t.a[3] = i
	w := weak.Make(t)
	if w.Value() != t || weak.Make(t) != w {
		panic("weak.Make")
	}
	return w
}

//go:noinline
func clobber(n int) int {
	var buf [256]int
	for i := range buf {
		buf[i] = i + n
	}
	return buf[n%256]
}

func main() {
	ws := make([]weak.Pointer[T], 100)
	for i := range ws {
		ws[i] = mk(i)
	}
	clobber(3)
	runtime.GC()
	runtime.GC()
	cleared := 0
	for _, w := range ws {
		if w.Value() == nil {
			cleared++
		}
	}
	fmt.Println("most dropped objects cleared:", cleared >= 50)

	keep := &T{}
	keep.a[0] = 42
	w := weak.Make(keep)
	runtime.GC()
	fmt.Println("reachable object kept:", w.Value() == keep, w.Value().a[0])
	fmt.Println("same handle after GC:", weak.Make(keep) == w)
	runtime.KeepAlive(keep)
}
