package main

type T struct{ a, b int }

func main() {
	t := T{a: 1, c: 2}
	println(t.d)
	u := T{1}
	v := T{a: 1, 2}
	println(u.a, v.a)
}
