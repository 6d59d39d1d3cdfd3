package main

type S struct{ a int }

func main() {
	s := "abc"
	n := int(s)
	f := float64("1.5")
	b := bool(1)
	t := S(5)
	println(n, f, b, t.a)
}
