package main

func add(a, b int) int { return a + b }

func variadic(prefix string, xs ...int) {}

func main() {
	println(add(1))
	println(add(1, 2, 3))
	variadic()
	variadic("a", 1, "b")
}
