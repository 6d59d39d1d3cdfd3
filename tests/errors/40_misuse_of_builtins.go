package main

func main() {
	s := []int{1}
	println(len(s, s))
	append(s, 2)
	_ = cap(5)
	x := new(int, 3)
	delete(s, 0)
	println(x)
}
