package main

// Preemption with one P: goroutines that never block must not starve the others.

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

var counter atomic.Int64

func spinForever() {
	for {
	}
}

func countForever() {
	for {
		counter.Add(1)
	}
}

// pingPong hands the thread back and forth through channels forever: the two goroutines
// share one time slice and must be preempted together.
func pingPong(a, b chan int) {
	for v := range a {
		b <- v + 1
	}
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	runtime.GOMAXPROCS(1)
	go spinForever()
	go countForever()
	a, b := make(chan int), make(chan int)
	go pingPong(a, b)
	go func() {
		for v := range b {
			a <- v + 1
		}
	}()
	a <- 0

	start := time.Now()
	time.Sleep(30 * time.Millisecond)
	fmt.Println("main slept while others spun:", time.Since(start) >= 30*time.Millisecond)

	// A timer must fire while a goroutine computes without blocking.
	fired := make(chan bool, 1)
	time.AfterFunc(10*time.Millisecond, func() { fired <- true })
	r := make(chan int)
	go func() { r <- fib(30) }()
	fmt.Println("fib(30) =", <-r)
	fmt.Println("timer fired:", <-fired)

	// Goroutines that only compute all finish, and the counter advanced.
	results := make(chan int)
	for i := 0; i < 4; i++ {
		go func(i int) {
			s := 0
			for k := 0; k < 20_000_000; k++ {
				s += k % (i + 2)
			}
			results <- s
		}(i)
	}
	sum := 0
	for i := 0; i < 4; i++ {
		sum += <-results
	}
	fmt.Println("sum:", sum)
	fmt.Println("counter advanced:", counter.Load() > 0)
}
