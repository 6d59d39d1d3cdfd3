package main

type T struct{ a, b int }

var global *int
var gt *T

func ret() *int {
	x := 1
	return &x
}

func store() {
	y := 2
	global = &y
}

func closure() func() int {
	z := 3
	return func() int { z++; return z }
}

func big() *[200]int {
	var a [200]int
	return &a
}

func local() int {
	w := 4
	p := &w
	return *p
}

func structs() {
	t := T{1, 2}
	gt = &t
	u := T{3, 4}
	q := &u
	println(q.a)
}

func main() {
	println(*ret())
	store()
	println(*global, closure()(), big()[0], local())
	structs()
}
