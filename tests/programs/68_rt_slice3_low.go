package main

func main() {
	var arr [6]int
	i, j := 2, 1
	s := arr[i:j:5]
	println(len(s))
}
