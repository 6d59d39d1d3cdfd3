package main

func main() {
	s := []int{1, 2, 3}
	k := 3
	t := s[0:1:k]
	println(len(t), cap(t))
	k = 10
	t = s[0:2:k]
	println("unreachable", len(t))
}
