package main

// Preempted goroutines keep pointers in registers; the collector must see them.

import (
	"fmt"
	"runtime"
)

type node struct {
	next *node
	val  int
	pad  [4]int
}

// walk builds and walks lists without blocking; preemption can stop it anywhere, with the
// only reference to a list in a register.
func walk(id int, rounds int, out chan<- int) {
	total := 0
	for r := 0; r < rounds; r++ {
		var head *node
		for i := 0; i < 1000; i++ {
			head = &node{next: head, val: i + id}
		}
		for k := 0; k < 200; k++ {
			for n := head; n != nil; n = n.next {
				total += n.val & 1
			}
		}
	}
	out <- total
}

func main() {
	runtime.GOMAXPROCS(1)
	out := make(chan int)
	for id := 0; id < 3; id++ {
		go walk(id, 30, out)
	}
	// Garbage so that collections happen while the walkers are preempted.
	stop := make(chan bool)
	go func() {
		var keep [][]byte
		for {
			select {
			case <-stop:
				return
			default:
			}
			keep = append(keep, make([]byte, 1<<12))
			if len(keep) > 512 {
				keep = nil
			}
		}
	}()
	sum := 0
	for id := 0; id < 3; id++ {
		sum += <-out
	}
	close(stop)
	fmt.Println("total:", sum)
}
