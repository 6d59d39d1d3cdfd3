package main

func main() {
	s := make([]int, 5, 8)
	j, k := 3, 4
	println(cap(s[:j:k]))
	j, k = 3, 2
	println(cap(s[:j:k]))
}
