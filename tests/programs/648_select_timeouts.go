package main

import (
	"fmt"
	"time"
)

func producer(n int, delay time.Duration) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			time.Sleep(delay)
			ch <- i
		}
	}()
	return ch
}

func main() {
	slow := make(chan string)
	go func() {
		time.Sleep(5 * time.Second)
		slow <- "slow result"
	}()
	select {
	case s := <-slow:
		fmt.Println(s)
	case <-time.After(20 * time.Millisecond):
		fmt.Println("timeout waiting for slow")
	}
	fast := make(chan string, 1)
	go func() { fast <- "fast result" }()
	select {
	case s := <-fast:
		fmt.Println(s)
	case <-time.After(500 * time.Millisecond):
		fmt.Println("timeout")
	}
	ch := make(chan int)
	select {
	case v := <-ch:
		fmt.Println(v)
	default:
		fmt.Println("no value ready")
	}
	buf := make(chan int, 2)
	sent := 0
	for i := 0; i < 5; i++ {
		select {
		case buf <- i:
			sent++
		default:
		}
	}
	fmt.Println("sent", sent, len(buf), cap(buf))
	sum := 0
	for c := producer(5, time.Millisecond); ; {
		v, ok := <-c
		if !ok {
			break
		}
		sum += v
	}
	fmt.Println("sum", sum)
	a, b := producer(3, time.Millisecond), producer(4, time.Millisecond)
	total, count := 0, 0
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			total += v
			count++
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			total += v * 10
			count++
		}
	}
	fmt.Println("merged", count, total)
	quit := make(chan struct{})
	results := make(chan int)
	go func() {
		i := 0
		for {
			select {
			case results <- i * i:
				i++
			case <-quit:
				close(results)
				return
			}
		}
	}()
	for i := 0; i < 5; i++ {
		fmt.Print(<-results, " ")
	}
	close(quit)
	for range results {
	}
	fmt.Println("quit")
	var nilch chan int
	select {
	case <-nilch:
		fmt.Println("impossible")
	case <-time.After(5 * time.Millisecond):
		fmt.Println("nil channel never ready")
	}
	timeout := time.After(300 * time.Millisecond)
	heartbeat := time.NewTicker(10 * time.Millisecond)
	defer heartbeat.Stop()
	beats := 0
loop:
	for {
		select {
		case <-heartbeat.C:
			beats++
			if beats == 3 {
				break loop
			}
		case <-timeout:
			fmt.Println("timed out")
			break loop
		}
	}
	fmt.Println("beats", beats)
	done := make(chan bool)
	data := make(chan int, 10)
	go func() {
		for v := range data {
			_ = v
		}
		done <- true
	}()
	for i := 0; i < 10; i++ {
		data <- i
	}
	close(data)
	<-done
	fmt.Println("drained")
	unbuf := make(chan int)
	failure := make(chan error)
	go func() {
		v := <-unbuf
		time.Sleep(5 * time.Millisecond)
		failure <- fmt.Errorf("worker failed after receiving %d", v)
	}()
	unbuf <- 7
	select {
	case err := <-failure:
		panic(err)
	case <-time.After(time.Second):
		fmt.Println("no failure reported")
	}
}
