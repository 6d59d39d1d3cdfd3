package main

// //go:uintptrescapes: the uintptr arguments of a call are pointers the caller converted, and
// the objects stay alive until the call returns, also when the call is started by `go` or
// `defer` (its arguments then live in a heap closure and, for `...uintptr`, a heap array).

import (
	"fmt"
	"runtime"
	"unsafe"
)

var finalized int

func setup() unsafe.Pointer {
	s := make([]string, 1)
	s[0] = "ok"
	runtime.SetFinalizer(&s[0], func(p *string) { *p = "FAIL"; finalized++ })
	return unsafe.Pointer(&s[0])
}

//go:uintptrescapes
//go:noinline
func check(name string, done chan bool, p uintptr, rest ...uintptr) {
	runtime.GC()
	runtime.GC()
	ok := *(*string)(unsafe.Pointer(p)) == "ok"
	for _, r := range rest {
		ok = ok && *(*string)(unsafe.Pointer(r)) == "ok"
	}
	fmt.Println(name, ok, len(rest))
	if done != nil {
		done <- true
	}
}

type T struct{}

//go:uintptrescapes
//go:noinline
func (T) check(name string, done chan bool, p uintptr, rest ...uintptr) {
	check(name, done, p, rest...)
}

func main() {
	done := make(chan bool)
	go check("go", done, uintptr(setup()), uintptr(setup()), uintptr(setup()), uintptr(setup()))
	<-done
	go T{}.check("go method", done, uintptr(setup()), uintptr(setup()), uintptr(setup()))
	<-done
	func() {
		defer check("defer", nil, uintptr(setup()), uintptr(setup()), uintptr(setup()))
	}()
	func() {
		defer T{}.check("defer method", nil, uintptr(setup()), uintptr(setup()))
	}()
}
