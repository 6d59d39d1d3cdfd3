package main

func main() {
	s := []int{1, 2, 3}
	a := [3]int(s)
	println(a[0], a[2])
	b := [4]int(s)
	println("unreachable", b[0])
}
