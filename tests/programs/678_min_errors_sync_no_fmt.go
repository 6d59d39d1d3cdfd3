package main

// errors, sync and sync/atomic without fmt.

import (
	"errors"
	"sync"
	"sync/atomic"
)

type codeErr struct{ code int }

func (e *codeErr) Error() string { return "code error" }

var errBase = errors.New("base")

func main() {
	wrapped := errors.Join(errBase, &codeErr{7})
	println(wrapped.Error(), errors.Is(wrapped, errBase))
	var ce *codeErr
	println(errors.As(wrapped, &ce), ce.code)
	var n atomic.Int64
	var mu sync.Mutex
	total := 0
	var wg sync.WaitGroup
	for i := 1; i <= 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n.Add(int64(i))
			mu.Lock()
			total += i
			mu.Unlock()
		}()
	}
	wg.Wait()
	println(n.Load(), total)
	var once sync.Once
	calls := 0
	for i := 0; i < 3; i++ {
		once.Do(func() { calls++ })
	}
	println(calls)
	ch := make(chan int, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch <- i * 2
		}()
	}
	wg.Wait()
	close(ch)
	s := 0
	for v := range ch {
		s += v
	}
	println(s)
	panic(errors.New("final error from errors.New"))
}
