package main

func main() {
	l, c := 5, 10
	s := make([]int, l, c)
	println(len(s), cap(s))
	c = 4
	s = make([]int, l, c)
	println("unreachable", len(s))
}
