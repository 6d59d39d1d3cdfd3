package main

func pair() (int, string) { return 1, "a" }

func none() {}

func main() {
	x := pair() + 1
	y := none()
	println(x, y)
}
