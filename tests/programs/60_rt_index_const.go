package main

func main() {
	s := []int{1, 2, 3}
	println("before", len(s))
	println(s[5])
	println("unreachable")
}
