package main

import "unsafe"

func main() {
	println("hi")
}
