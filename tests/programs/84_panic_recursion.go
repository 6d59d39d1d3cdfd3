package main

func descend(depth int) int {
	if depth == 0 {
		var s []int
		return s[depth]
	}
	return descend(depth-1) + 1
}

func main() {
	println("start")
	println(descend(3))
}
