package main

var total int

total = 5

func main() {
	println(total)
}
