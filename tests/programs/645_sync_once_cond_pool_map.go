package main

import (
	"bytes"
	"fmt"
	"sort"
	"sync"
)

var initCount int

func expensive() int {
	initCount++
	return 42
}

func main() {
	var once sync.Once
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			once.Do(func() { expensive() })
		}()
	}
	wg.Wait()
	fmt.Println("init count:", initCount)
	get := sync.OnceValue(expensive)
	first := get()
	second := get()
	fmt.Println(first, second, initCount)
	pair := sync.OnceValues(func() (string, error) { return "cfg", nil })
	s, err := pair()
	fmt.Println(s, err)
	calls := 0
	f := sync.OnceFunc(func() { calls++ })
	f()
	f()
	fmt.Println("calls:", calls)
	pf := sync.OnceFunc(func() { panic("once panic") })
	for i := 0; i < 2; i++ {
		func() {
			defer func() { fmt.Println("recovered:", recover()) }()
			pf()
		}()
	}

	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := 0
	queue := []int{}
	var cw sync.WaitGroup
	consumed := make([]int, 0)
	for c := 0; c < 3; c++ {
		cw.Add(1)
		go func() {
			defer cw.Done()
			for {
				mu.Lock()
				for len(queue) == 0 && ready < 2 {
					cond.Wait()
				}
				if len(queue) == 0 {
					mu.Unlock()
					return
				}
				v := queue[0]
				queue = queue[1:]
				consumed = append(consumed, v)
				mu.Unlock()
			}
		}()
	}
	for i := 1; i <= 30; i++ {
		mu.Lock()
		queue = append(queue, i)
		mu.Unlock()
		cond.Signal()
	}
	mu.Lock()
	ready = 2
	mu.Unlock()
	cond.Broadcast()
	cw.Wait()
	sort.Ints(consumed)
	sum := 0
	for _, v := range consumed {
		sum += v
	}
	fmt.Println("consumed", len(consumed), sum)

	created := 0
	pool := sync.Pool{New: func() any {
		created++
		return new(bytes.Buffer)
	}}
	b := pool.Get().(*bytes.Buffer)
	b.WriteString("pooled")
	fmt.Println(b.String(), created >= 1)
	b.Reset()
	pool.Put(b)
	b2 := pool.Get().(*bytes.Buffer)
	fmt.Println(b2.Len())
	var empty sync.Pool
	fmt.Println(empty.Get())

	var m sync.Map
	var mw sync.WaitGroup
	for i := 0; i < 20; i++ {
		mw.Add(1)
		go func() {
			defer mw.Done()
			m.Store(i, i*i)
			m.LoadOrStore("shared", "first-wins-any")
		}()
	}
	mw.Wait()
	v, ok := m.Load(7)
	fmt.Println(v, ok)
	_, ok = m.Load(99)
	fmt.Println(ok)
	act, loaded := m.LoadOrStore(3, "new")
	fmt.Println(act, loaded)
	old, loaded := m.LoadAndDelete(3)
	fmt.Println(old, loaded)
	prev, loaded := m.Swap(4, "swapped")
	fmt.Println(prev, loaded)
	fmt.Println(m.CompareAndSwap(4, "swapped", "cas"), m.CompareAndSwap(4, "x", "y"), m.CompareAndDelete(5, 25))
	keys := []int{}
	m.Range(func(k, v any) bool {
		if ki, ok := k.(int); ok {
			keys = append(keys, ki)
		}
		return true
	})
	sort.Ints(keys)
	fmt.Println(keys)
	m.Clear()
	n := 0
	m.Range(func(k, v any) bool { n++; return true })
	fmt.Println(n)
}
