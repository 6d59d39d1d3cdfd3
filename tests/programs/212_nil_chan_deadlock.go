package main

func main() {
	var a chan int
	var b chan string
	for i := 0; i < 2; i++ {
		select {
		case v := <-a:
			println("a", v)
		case b <- "x":
			println("b")
		default:
			println("nothing ready", i)
		}
	}
	println("receiving from nil")
	<-a
}
