package main

func prefix(s string, n int) string {
	return s[:n]
}

func main() {
	println(prefix("hello", 3))
	println(prefix("hello", 5))
	println(prefix("hello", 10))
}
