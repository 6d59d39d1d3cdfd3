package main

func main() {
	a := make(chan int)
	b := make(chan string)
	go func() {
		a <- 1
	}()
	for i := 0; i < 2; i++ {
		select {
		case v := <-a:
			println("a", v)
		case s := <-b:
			println("b", s)
		}
	}
}
