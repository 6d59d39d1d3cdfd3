package main

type counter struct {
	n int
}

func (c *counter) add(k int, done chan bool) {
	c.n += k
	done <- true
}

type adder interface {
	add(k int, done chan bool)
}

type val struct{ v int }

func (v val) report(out chan int) { out <- v.v }

func sum(out chan int, xs ...int) {
	t := 0
	for _, x := range xs {
		t += x
	}
	out <- t
}

func relay(left, right chan int) {
	left <- 1 + <-right
}

func pair() (int, string) { return 7, "seven" }

func main() {
	// A chain of 1000 goroutines, each adding one.
	const n = 1000
	leftmost := make(chan int)
	right := leftmost
	left := leftmost
	for i := 0; i < n; i++ {
		right = make(chan int)
		go relay(left, right)
		left = right
	}
	go func(c chan int) { c <- 1 }(right)
	println("chain", <-leftmost)

	// Closures capture variables by reference.
	done := make(chan bool)
	x := 0
	for i := 0; i < 10; i++ {
		go func() {
			x += i
			done <- true
		}()
		<-done
	}
	println("x", x)

	// Method calls: pointer receiver, value receiver, interface, method value.
	c := &counter{}
	go c.add(5, done)
	<-done
	var a adder = c
	go a.add(6, done)
	<-done
	f := c.add
	go f(7, done)
	<-done
	println("counter", c.n)

	out := make(chan int)
	v := val{3}
	go v.report(out)
	v.v = 4 // the receiver was copied at the go statement
	println("report", <-out)

	// Arguments are evaluated at the go statement.
	k := 10
	go sum(out, k, k+1, k+2)
	k = 100
	println("sum", <-out)
	ys := []int{1, 2, 3, 4}
	go sum(out, ys...)
	println("spread", <-out)

	// A func value with no arguments.
	g := func() { out <- 55 }
	go g()
	println("funcval", <-out)

	// Multiple results passed on.
	strs := make(chan string, 1)
	go func(i int, s string) {
		strs <- s
		out <- i
	}(pair())
	println(<-out, <-strs)

	// Goroutines started by goroutines.
	res := make(chan int)
	go func() {
		inner := make(chan int)
		for i := 0; i < 5; i++ {
			go func(i int) { inner <- i * i }(i)
		}
		t := 0
		for i := 0; i < 5; i++ {
			t += <-inner
		}
		res <- t
	}()
	println("nested", <-res)

	// main returning while goroutines are still blocked ends the program.
	block := make(chan int)
	go func() { <-block }()
	println("end")
}
