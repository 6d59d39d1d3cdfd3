package main

var total = compute()

func compute() int {
	return total + 1
}

func main() {
	println(total)
}
