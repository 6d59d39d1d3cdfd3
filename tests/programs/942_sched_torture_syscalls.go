package main

// A channel/mutex/select/timer torture with blocking system calls in it (read(2) on blocking
// pipes that helper goroutines write after a delay, nanosleep): the P moves between threads
// while the calls block, and nothing may hang or be lost.

import (
	"fmt"
	"sync"
	"syscall"
	"time"
)

// 16 workers pass tokens through buffered and unbuffered channels, select with timeouts,
// lock a shared mutex, sleep on timers, compute (needing preemption), and block in read(2)
// on pipes and in nanosleep.
func main() {
	const workers = 16
	const rounds = 200
	var mu sync.Mutex
	total := 0
	unbuf := make(chan int)
	buf := make(chan int, 8)
	var wg sync.WaitGroup
	// Pipes for blocking reads.
	pipes := make([][2]int, 4)
	for i := range pipes {
		if err := syscall.Pipe(pipes[i][:]); err != nil {
			panic(err)
		}
	}
	var pipeMu [4]sync.Mutex
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				switch (w + r) % 7 {
				case 0:
					select {
					case unbuf <- w:
					case v := <-unbuf:
						mu.Lock()
						total += v - v
						mu.Unlock()
					case <-time.After(time.Millisecond):
					}
				case 1:
					select {
					case buf <- r:
					default:
						<-buf
					}
				case 2:
					mu.Lock()
					total++
					mu.Unlock()
				case 3:
					time.Sleep(time.Duration(r%3) * 100 * time.Microsecond)
				case 4:
					s := 0
					for i := 0; i < 20000*(w%3+1); i++ {
						s += i ^ w
					}
					if s == -1 {
						fmt.Println(s)
					}
				case 5:
					i := (w + r) % 4
					pipeMu[i].Lock()
					go func() {
						time.Sleep(50 * time.Microsecond)
						syscall.Write(pipes[i][1], []byte{byte(w)})
					}()
					var b [1]byte
					syscall.Read(pipes[i][0], b[:])
					pipeMu[i].Unlock()
				case 6:
					ts := syscall.Timespec{Nsec: 20000}
					syscall.Nanosleep(&ts, nil)
					syscall.Getpid()
				}
			}
		}(w)
	}
	wg.Wait()
	// drain
	for len(buf) > 0 {
		<-buf
	}
	fmt.Println("total", total)
}
