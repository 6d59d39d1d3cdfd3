package main

func main() {
	x := 5.5
	for i := range x {
		println(i)
	}
	ch := make(chan int)
	for a, b := range ch {
		println(a, b)
	}
}
