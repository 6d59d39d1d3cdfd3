package main

import (
	"fmt"
	"sort"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *Counter) Inc(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k]++
}

type Cache struct {
	mu   sync.RWMutex
	data map[int]int
}

func (c *Cache) Get(k int) (int, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.data[k]
	return v, ok
}

func (c *Cache) Set(k, v int) {
	c.mu.Lock()
	c.data[k] = v
	c.mu.Unlock()
}

func main() {
	c := Counter{m: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				c.Inc([]string{"a", "b", "c"}[(id+j)%3])
			}
		}(i)
	}
	wg.Wait()
	keys := make([]string, 0)
	total := 0
	for k, v := range c.m {
		keys = append(keys, k)
		total += v
	}
	sort.Strings(keys)
	fmt.Println(keys, total, c.m["a"], c.m["b"], c.m["c"])

	cache := &Cache{data: map[int]int{}}
	var wg2 sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			for k := w; k < 1000; k += 4 {
				cache.Set(k, k*k)
			}
		}()
	}
	hits := make([]int, 8)
	for r := 0; r < 8; r++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			for k := 0; k < 1000; k++ {
				if _, ok := cache.Get(k); ok {
					hits[r]++
				}
			}
		}()
	}
	wg2.Wait()
	sum := 0
	for k := 0; k < 1000; k++ {
		v, _ := cache.Get(k)
		sum += v
	}
	fmt.Println(len(cache.data), sum)

	results := make([]int, 20)
	var wg3 sync.WaitGroup
	for i := range results {
		wg3.Go(func() {
			s := 0
			for k := 0; k <= i*1000; k++ {
				s += k
			}
			results[i] = s
		})
	}
	wg3.Wait()
	fmt.Println(results)

	var mu sync.Mutex
	fmt.Println(mu.TryLock(), mu.TryLock())
	mu.Unlock()
	var rw sync.RWMutex
	fmt.Println(rw.TryRLock(), rw.TryRLock(), rw.TryLock())
	rw.RUnlock()
	rw.RUnlock()
	fmt.Println(rw.TryLock())
	rw.Unlock()
	locker := rw.RLocker()
	locker.Lock()
	locker.Unlock()

	ch := make(chan int)
	var pw sync.WaitGroup
	for p := 0; p < 3; p++ {
		pw.Add(1)
		go func() {
			defer pw.Done()
			for i := 0; i < 10; i++ {
				ch <- p*100 + i
			}
		}()
	}
	go func() { pw.Wait(); close(ch) }()
	all := []int{}
	for v := range ch {
		all = append(all, v)
	}
	sort.Ints(all)
	fmt.Println(len(all), all[0], all[len(all)-1])
	defer func() { fmt.Println("recovered:", recover()) }()
	var bad sync.WaitGroup
	bad.Add(-1)
}
