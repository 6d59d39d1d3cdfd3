package main

type S struct{ a int }

func main() {
	s := S{1}
	m := map[string]int{}
	println(!s.a)
	println(-"str")
	println(s < s)
	println(m == m)
	f := func() {}
	println(f == f)
}
