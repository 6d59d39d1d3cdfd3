package main

func main() {
	x := 10
	println(x / 0)
	println(x % 0)
	const c = 1.0 / 0
	println(c)
}
