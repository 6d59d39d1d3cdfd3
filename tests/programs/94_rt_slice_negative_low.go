package main

func tail(s []int, from int) []int { return s[from:] }

func main() {
	s := []int{1, 2, 3}
	println(len(tail(s, 1)), len(tail(s, 3)))
	println(len(tail(s, -1)))
}
