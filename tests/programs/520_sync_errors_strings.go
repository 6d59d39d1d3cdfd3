package main

import (
	"errors"
	"os"
	"strings"
	"sync"
)

type counter struct {
	mu sync.Mutex
	n  int
}

func main() {
	var wg sync.WaitGroup
	c := &counter{}
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.mu.Lock()
			c.n += i
			c.mu.Unlock()
		}(i)
	}
	wg.Wait()
	println("sum", c.n)

	var once sync.Once
	for i := 0; i < 3; i++ {
		once.Do(func() { println("once") })
	}

	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	done := make(chan bool)
	for i := 0; i < 3; i++ {
		go func(i int) {
			mu.Lock()
			for !ready {
				cond.Wait()
			}
			mu.Unlock()
			done <- true
		}(i)
	}
	mu.Lock()
	ready = true
	cond.Broadcast()
	mu.Unlock()
	for i := 0; i < 3; i++ {
		<-done
	}
	println("cond ok")

	var rw sync.RWMutex
	m := map[string]int{}
	var wg2 sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg2.Add(2)
		go func(i int) {
			defer wg2.Done()
			rw.Lock()
			m[strings.Repeat("k", i+1)] = i
			rw.Unlock()
		}(i)
		go func() {
			defer wg2.Done()
			rw.RLock()
			_ = len(m)
			rw.RUnlock()
		}()
	}
	wg2.Wait()
	println("map", len(m))

	p := sync.Pool{New: func() any { return new(int) }}
	x := p.Get().(*int)
	*x = 7
	p.Put(x)
	println("pool ok")

	err := errors.New("boom")
	w := errors.Join(err, errors.New("bang"))
	println(errors.Is(w, err), w.Error())
	println(strings.ToUpper("hello"), strings.Contains("seafood", "foo"), strings.Fields(" a b  c ")[2])
	println(len(os.Args) > 0, os.Getenv("HOME") != "")
	var sm sync.Map
	sm.Store("a", 1)
	v, ok := sm.Load("a")
	println(v.(int), ok)
	os.Stdout.Write([]byte("to stdout\n"))
	os.Exit(3)
}
