package main

import (
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		mu.Lock()
		time.Sleep(5 * time.Millisecond)
		println("holder sleeping done")
	}()
	wg.Wait()
	println("waited")
	mu.Lock()
	println("never")
}
