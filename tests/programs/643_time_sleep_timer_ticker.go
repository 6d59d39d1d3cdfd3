package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(20 * time.Millisecond)
	fmt.Println("slept at least 20ms:", time.Since(start) >= 20*time.Millisecond)

	var mu sync.Mutex
	var order []string
	record := func(s string) {
		mu.Lock()
		order = append(order, s)
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for i, d := range []int{90, 30, 60} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(d) * time.Millisecond)
			record(fmt.Sprintf("g%d(%dms)", i, d))
		}()
	}
	wg.Wait()
	fmt.Println(order)

	timer := time.NewTimer(30 * time.Millisecond)
	select {
	case <-timer.C:
		fmt.Println("timer fired")
	case <-time.After(500 * time.Millisecond):
		fmt.Println("too late")
	}
	t2 := time.NewTimer(time.Hour)
	fmt.Println("stopped before firing:", t2.Stop(), t2.Stop())
	t2.Reset(10 * time.Millisecond)
	<-t2.C
	fmt.Println("reset timer fired")

	ticker := time.NewTicker(10 * time.Millisecond)
	ticks := 0
	for range ticker.C {
		ticks++
		if ticks == 5 {
			ticker.Stop()
			break
		}
	}
	fmt.Println("ticks:", ticks)
	ticker.Reset(5 * time.Millisecond)
	<-ticker.C
	ticker.Stop()
	fmt.Println("ticker reset ok")

	done := make(chan string, 3)
	time.AfterFunc(75*time.Millisecond, func() { done <- "third" })
	time.AfterFunc(25*time.Millisecond, func() { done <- "first" })
	time.AfterFunc(50*time.Millisecond, func() { done <- "second" })
	cancelled := time.AfterFunc(35*time.Millisecond, func() { done <- "never" })
	fmt.Println("cancel:", cancelled.Stop())
	for i := 0; i < 3; i++ {
		fmt.Println(<-done)
	}
	select {
	case s := <-done:
		fmt.Println("unexpected", s)
	case <-time.After(30 * time.Millisecond):
		fmt.Println("no more callbacks")
	}
	tick := time.Tick(5 * time.Millisecond)
	<-tick
	<-tick
	fmt.Println("time.Tick works")
	deadline := time.Now().Add(50 * time.Millisecond)
	n := 0
	for time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		n++
	}
	fmt.Println("loop ran between 1 and 5 times:", n >= 1 && n <= 5)
	fmt.Println("total under 1s:", time.Since(start) < time.Second)
}
