package main

func main() {
	a := make(chan int, 1)
	b := make(chan int, 1)

	// Nothing ready: default.
	select {
	case v := <-a:
		println("a", v)
	case v := <-b:
		println("b", v)
	default:
		println("default")
	}

	// One case and default, both ways.
	select {
	case a <- 1:
		println("sent a")
	default:
		println("a full")
	}
	select {
	case a <- 2:
		println("sent a")
	default:
		println("a full")
	}
	select {
	case v, ok := <-a:
		println("recv a", v, ok)
	default:
		println("a empty")
	}
	select {
	case v := <-a:
		println("recv a", v)
	default:
		println("a empty")
	}

	// Several ready cases are chosen at random: both must come up.
	na, nb := 0, 0
	for i := 0; i < 2000; i++ {
		if len(a) == 0 {
			a <- 1
		}
		if len(b) == 0 {
			b <- 2
		}
		select {
		case <-a:
			na++
		case <-b:
			nb++
		}
	}
	println("fair", na > 500, nb > 500, na+nb)
	println("left", len(a)+len(b))
	for len(a)+len(b) > 0 {
		select {
		case <-a:
		case <-b:
		}
	}

	// nil channel cases are never ready.
	var nilc chan int
	c := make(chan int, 1)
	c <- 5
	select {
	case v := <-nilc:
		println("nil recv", v)
	case nilc <- 1:
		println("nil send")
	case v, ok := <-c:
		println("c", v, ok)
	}

	// A closed channel is always ready.
	close(c)
	for i := 0; i < 2; i++ {
		select {
		case v, ok := <-c:
			println("closed", v, ok)
		case <-nilc:
			println("nil")
		}
	}

	// Blocking select woken by another goroutine, receive side.
	d := make(chan string)
	e := make(chan string)
	go func() { e <- "from e" }()
	select {
	case s := <-d:
		println(s)
	case s := <-e:
		println(s)
	}

	// Blocking select, send side.
	res := make(chan int)
	got := make(chan string)
	go func() {
		got <- <-d
	}()
	select {
	case d <- "hello":
		println("sent hello")
	case <-res:
		println("unexpected")
	}
	println("got", <-got)

	// break leaves the select only; labeled break leaves the loop.
	n := 0
loop:
	for i := 0; i < 10; i++ {
		select {
		default:
			if i == 2 {
				break
			}
			if i == 5 {
				break loop
			}
			n += i
		}
	}
	println("n", n)

	// Assigning to existing variables and to a map element.
	m := map[string]int{}
	var ok bool
	q := make(chan int, 2)
	q <- 8
	select {
	case m["k"], ok = <-q:
	case <-nilc:
	}
	println(m["k"], ok)

	// A select in a loop collecting from two producers until both close.
	x := make(chan int)
	y := make(chan int)
	go func() {
		for i := 0; i < 5; i++ {
			x <- i
		}
		close(x)
	}()
	go func() {
		for i := 0; i < 5; i++ {
			y <- 100 + i
		}
		close(y)
	}()
	total := 0
	for x != nil || y != nil {
		select {
		case v, ok := <-x:
			if !ok {
				x = nil
				continue
			}
			total += v
		case v, ok := <-y:
			if !ok {
				y = nil
				continue
			}
			total += v
		}
	}
	println("total", total)

	// One case without default behaves like the plain operation.
	one := make(chan int, 1)
	one <- 3
	select {
	case v := <-one:
		println("one", v)
	}
}
