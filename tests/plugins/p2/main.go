package main

import (
	"strings"

	"rgo.test/plugins/shared"
)

var Greeting = "hi from p2"

func init() { shared.Register("p2") }

func Add(a, b int) int { return a + b }

// Squares sums i*i for i < n in goroutines, over a channel: runtime entry points (chanrecv2,
// selectnbrecv, newproc) the host itself may never call.
func Squares(n int) int {
	ch := make(chan int)
	done := make(chan struct{})
	for i := 0; i < n; i++ {
		go func() { ch <- i * i }()
	}
	go func() {
		for i := 0; i < n; i++ {
			<-done
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
		select {
		case done <- struct{}{}:
		default:
			go func() { done <- struct{}{} }()
		}
	}
	return sum
}

func Shout(s string) string { return strings.ToUpper(s) + "!" }

func main() {}
