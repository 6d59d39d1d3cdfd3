package main

import "unsafe"

// Closures that escape move their by-reference variables to the heap; closures returning
// closures; recursive closures through a variable; method values.

func obj(p unsafe.Pointer) uintptr { return uintptr(*(*unsafe.Pointer)(p)) }

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func adder(base int) func(int) func() int {
	return func(d int) func() int {
		return func() int { return base + d }
	}
}

type T struct {
	a int32
	b string
}

func (t T) Get() string   { return t.b }
func (t *T) Inc() int32   { t.a++; return t.a }

var keep func() int

func main() {
	c := counter()
	c()
	c()
	println(c())
	np := (*int)(unsafe.Pointer(*(*uintptr)(unsafe.Pointer(obj(unsafe.Pointer(&c)) + 8))))
	println("n via closure object:", *np)

	add := adder(10)(5)
	println(add())
	ab := obj(unsafe.Pointer(&add))
	println("base", *(*int)(unsafe.Pointer(ab + 8)), "d", *(*int)(unsafe.Pointer(ab + 16)))

	var fib func(int) int
	fib = func(n int) int {
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	}
	println(fib(15))

	t := T{1, "hi"}
	get := t.Get
	inc := (&t).Inc
	t.b = "changed"
	println(get(), inc(), inc(), t.a)
	gb := obj(unsafe.Pointer(&get))
	println("method value copy:", *(*int32)(unsafe.Pointer(gb + 8)), *(*string)(unsafe.Pointer(gb + 16)))

	s := 7
	keep = func() int { s *= 2; return s }
	println(keep(), keep())
}
