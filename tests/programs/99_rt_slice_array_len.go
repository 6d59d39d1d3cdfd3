package main

func main() {
	var arr [4]int
	n := 4
	println(len(arr[1:n]))
	n = 5
	println(len(arr[1:n]))
}
