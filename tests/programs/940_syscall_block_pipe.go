package main

// A goroutine blocked in read(2) on a blocking pipe must not stop the others: the P goes to
// another thread while the call blocks (gc's entersyscall/handoffp). The other goroutines
// keep ticking on timers, exchanging on channels and computing; then the pipe is written and
// the reader wakes.

import (
	"fmt"
	"sync"
	"syscall"
	"time"
)

func main() {
	var p [2]int
	if err := syscall.Pipe(p[:]); err != nil {
		panic(err)
	}
	got := make(chan string)
	go func() {
		buf := make([]byte, 32)
		n, err := syscall.Read(p[0], buf) // blocks this thread
		got <- fmt.Sprintf("read %q err=%v", buf[:n], err)
	}()

	// Timers fire while the reader blocks.
	ticks := 0
	for i := 0; i < 5; i++ {
		time.Sleep(2 * time.Millisecond)
		ticks++
	}
	fmt.Println("ticks:", ticks)

	// Channel ping-pong between two goroutines.
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	sum := 0
	for i := 0; i < 1000; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	<-pong
	fmt.Println("ping-pong sum:", sum)

	// Compute in several goroutines.
	var wg sync.WaitGroup
	res := make([]int, 4)
	for k := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := 0
			for i := 0; i < 1_000_000; i++ {
				s += i % (k + 3)
			}
			res[k] = s
		}()
	}
	wg.Wait()
	fmt.Println("compute:", res)

	select {
	case s := <-got:
		fmt.Println("reader finished too early:", s)
	default:
		fmt.Println("reader still blocked")
	}
	syscall.Write(p[1], []byte("hello"))
	fmt.Println(<-got)

	// A second blocking call on the same goroutine after the first came back.
	go func() {
		buf := make([]byte, 32)
		n, _ := syscall.Read(p[0], buf)
		got <- string(buf[:n])
	}()
	time.Sleep(5 * time.Millisecond)
	syscall.Write(p[1], []byte("again"))
	fmt.Println(<-got)
}
