package main

// Producer/consumer over unbuffered channels: range until close, comma-ok after close,
// a done channel, and results gathered from several workers.

func producer(c chan<- int, n int) {
	for i := 1; i <= n; i++ {
		c <- i * i
	}
	close(c)
}

func square(in <-chan int, out chan<- int) {
	for v := range in {
		out <- v * v
	}
	close(out)
}

func worker(id int, jobs <-chan int, results chan<- int, done chan<- bool) {
	for j := range jobs {
		results <- j * 10
	}
	done <- true
	_ = id
}

func main() {
	c := make(chan int)
	go producer(c, 6)
	sum := 0
	for v := range c {
		println("got", v)
		sum += v
	}
	println("sum", sum)
	v, ok := <-c
	println("after close:", v, ok)

	// A pipeline of two stages.
	src := make(chan int)
	sq := make(chan int)
	go square(src, sq)
	go func() {
		for i := 0; i < 4; i++ {
			src <- i
		}
		close(src)
	}()
	for v := range sq {
		println("squared", v)
	}

	// Workers: sum the results (order-independent).
	jobs := make(chan int)
	results := make(chan int, 100)
	done := make(chan bool)
	for w := 0; w < 3; w++ {
		go worker(w, jobs, results, done)
	}
	for i := 1; i <= 20; i++ {
		jobs <- i
	}
	close(jobs)
	for w := 0; w < 3; w++ {
		<-done
	}
	close(results)
	total := 0
	for r := range results {
		total += r
	}
	println("total", total)

	// Strings and a receive used as a statement.
	s := make(chan string)
	go func() {
		s <- "hello"
		s <- "ignored"
		s <- "world"
	}()
	a := <-s
	<-s
	b := <-s
	println(a, b)
}
