package main

import "reflect"

// Methods declared on aliases (and aliases of aliases, and an alias of a pointer type) belong to
// the defined type the alias chain ends in.

type B = A
type A = T

func (b B) M() int { return b.x + 1 }
func (b *B) P()    { b.x++ }

type T struct{ x int }

type PT = *C
type C = T2
type T2 struct{ n int }

func (p PT) Inc() { p.n += 10 }
func (c C) Get() int { return c.n }

type I interface{ M() int }
type J interface {
	Inc()
	Get() int
}

func main() {
	t := T{3}
	println(t.M())
	t.P()
	var i I = t
	println(i.M())
	f := T.M
	g := (*A).P
	g(&t)
	println(f(t), B.M(t))
	var j J = &T2{1}
	j.Inc()
	println(j.Get())
	println(reflect.TypeOf(t).NumMethod(), reflect.TypeOf(&t).NumMethod(), reflect.TypeOf(&T2{}).NumMethod())
	println(reflect.TypeOf(&t).Method(1).Name, reflect.TypeOf(t).String())
}
