package main

func main() {
	s := []int{10, 20, 30}
	var i uint64 = 2
	println(s[i])
	i -= 3
	println(s[i])
}
