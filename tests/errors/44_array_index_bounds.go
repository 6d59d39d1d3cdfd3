package main

func main() {
	var a [3]int
	a[5] = 1
	a[-1] = 2
	s := "hey"
	_ = s[10]
	b := [2]int{1, 2, 3}
	_ = b
}
