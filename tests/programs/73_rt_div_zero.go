package main

func div(a, b int) int { return a / b }

func main() {
	for _, d := range []int{3, 2, 1, 0} {
		println(100, "/", d, "=", div(100, d))
	}
}
