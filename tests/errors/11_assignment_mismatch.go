package main

func two() (int, int) { return 1, 2 }

func main() {
	a, b, c := two()
	d := two()
	var e, f int = 1
	var g int
	g, _ = 1, 2, 3
	println(a, b, c, d, e, f, g)
}
