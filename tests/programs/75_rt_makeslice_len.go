package main

func alloc(n int) []byte {
	return make([]byte, n)
}

func main() {
	println(len(alloc(3)))
	println(len(alloc(0)))
	println(len(alloc(-1)))
}
