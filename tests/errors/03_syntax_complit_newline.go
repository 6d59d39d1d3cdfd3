package main

type point struct{ x, y int }

func main() {
	p := point{
		x: 1,
		y: 2
	}
	println(p.x)
}
