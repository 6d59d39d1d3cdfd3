package main

func main() {
	println("panicking with nil")
	panic(nil)
}
