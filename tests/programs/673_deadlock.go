package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	results := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			results <- i * i
		}()
	}
	sum := 0
	for i := 0; i < 3; i++ {
		sum += <-results
	}
	wg.Wait()
	fmt.Println("sum of squares:", sum)
	fmt.Println("now waiting on a channel nobody sends to")
	<-results
}
