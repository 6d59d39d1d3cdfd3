package main

func main() {
	x := 0.1
	panic(x * 3)
}
