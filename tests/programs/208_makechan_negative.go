package main

func size() int { return -3 }

func main() {
	c := make(chan int, size())
	println(cap(c))
}
