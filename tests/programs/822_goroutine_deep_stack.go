package main

// A goroutine's stack may grow to gc's 1 GB limit: a recursion 100,000 deep through a
// function with a large frame completes in a goroutine as it does in main.

import "fmt"

func deep(n int) [64]int {
	var a [64]int
	if n == 0 {
		a[0] = 1
		return a
	}
	b := deep(n - 1)
	a[0] = b[0] + 1
	a[n%64] += b[n%64]
	return a
}

func main() {
	done := make(chan int)
	go func() {
		r := deep(100000)
		done <- r[0]
	}()
	fmt.Println("depth reached:", <-done)
}
