package main

type point struct {
	x, y int
	name string
}

type big struct {
	a [10]int
	s string
}

func main() {
	c := make(chan int, 3)
	println(len(c), cap(c))
	c <- 1
	c <- 2
	println(len(c), cap(c))
	println(<-c)
	c <- 3
	c <- 4
	println(len(c), cap(c))
	for len(c) > 0 {
		println(<-c)
	}

	// The ring buffer wraps around many times.
	r := make(chan point, 4)
	for i := 0; i < 10; i++ {
		r <- point{i, -i, "p"}
		r <- point{i * 2, i * 3, "q"}
		a := <-r
		b := <-r
		println(a.x, a.y, a.name, b.x, b.y, b.name, len(r))
	}

	// Elements larger than registers.
	bc := make(chan big, 2)
	var bv big
	for i := range bv.a {
		bv.a[i] = i * i
	}
	bv.s = "big"
	bc <- bv
	bv.a[0] = 99
	got := <-bc
	println(got.a[0], got.a[9], got.s)

	// Draining a closed buffered channel, then zero values.
	d := make(chan string, 2)
	d <- "one"
	d <- "two"
	close(d)
	for i := 0; i < 4; i++ {
		v, ok := <-d
		println(i, v, ok, len(d))
	}

	// Zero-size elements.
	z := make(chan struct{}, 2)
	z <- struct{}{}
	z <- struct{}{}
	println(len(z))
	<-z
	_, ok := <-z
	println(ok, len(z))

	// nil channels have length and capacity 0.
	var n chan int
	println(len(n), cap(n), n == nil)

	// Channels of channels.
	cc := make(chan chan int, 1)
	inner := make(chan int, 1)
	cc <- inner
	(<-cc) <- 42
	println(<-inner)

	// Unsigned and typed sizes.
	var sz uint8 = 5
	u := make(chan bool, sz)
	println(cap(u))
}
