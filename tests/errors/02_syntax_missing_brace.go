package main

func main() {
	if true {
		println("yes")
	
}
