package main

import (
	"container/list"
	"fmt"
	"strings"
)

type entry[K comparable, V any] struct {
	key K
	val V
}

type LRU[K comparable, V any] struct {
	cap     int
	ll      *list.List
	items   map[K]*list.Element
	hits    int
	misses  int
	evicted []K
	onEvict func(K, V)
}

func NewLRU[K comparable, V any](capacity int, onEvict func(K, V)) *LRU[K, V] {
	return &LRU[K, V]{cap: capacity, ll: list.New(), items: make(map[K]*list.Element), onEvict: onEvict}
}

func (c *LRU[K, V]) Get(k K) (V, bool) {
	if e, ok := c.items[k]; ok {
		c.ll.MoveToFront(e)
		c.hits++
		return e.Value.(*entry[K, V]).val, true
	}
	c.misses++
	var zero V
	return zero, false
}

func (c *LRU[K, V]) Put(k K, v V) {
	if e, ok := c.items[k]; ok {
		c.ll.MoveToFront(e)
		e.Value.(*entry[K, V]).val = v
		return
	}
	c.items[k] = c.ll.PushFront(&entry[K, V]{k, v})
	if c.ll.Len() > c.cap {
		last := c.ll.Back()
		ent := last.Value.(*entry[K, V])
		c.ll.Remove(last)
		delete(c.items, ent.key)
		c.evicted = append(c.evicted, ent.key)
		if c.onEvict != nil {
			c.onEvict(ent.key, ent.val)
		}
	}
}

func (c *LRU[K, V]) Keys() []K {
	keys := make([]K, 0, c.ll.Len())
	for e := c.ll.Front(); e != nil; e = e.Next() {
		keys = append(keys, e.Value.(*entry[K, V]).key)
	}
	return keys
}

func (c *LRU[K, V]) String() string {
	var sb strings.Builder
	sb.WriteString("[")
	for e := c.ll.Front(); e != nil; e = e.Next() {
		en := e.Value.(*entry[K, V])
		if e != c.ll.Front() {
			sb.WriteString(" ")
		}
		fmt.Fprintf(&sb, "%v:%v", en.key, en.val)
	}
	sb.WriteString("]")
	return sb.String()
}

func fibMemo(c *LRU[int, uint64], n int) uint64 {
	if n < 2 {
		return uint64(n)
	}
	if v, ok := c.Get(n); ok {
		return v
	}
	v := fibMemo(c, n-1) + fibMemo(c, n-2)
	c.Put(n, v)
	return v
}

func main() {
	var log []string
	c := NewLRU[string, int](3, func(k string, v int) { log = append(log, fmt.Sprintf("evict %s=%d", k, v)) })
	c.Put("a", 1)
	c.Put("b", 2)
	c.Put("c", 3)
	fmt.Println(c)
	c.Get("a")
	c.Put("d", 4)
	fmt.Println(c)
	c.Put("b", 20)
	c.Put("c", 30)
	fmt.Println(c, c.Keys())
	v, ok := c.Get("a")
	fmt.Println(v, ok)
	v, ok = c.Get("c")
	fmt.Println(v, ok)
	fmt.Println(log, c.hits, c.misses)
	fc := NewLRU[int, uint64](10, nil)
	fmt.Println(fibMemo(fc, 90), fc.hits, fc.misses, len(fc.evicted))
	pages := NewLRU[int, string](4, nil)
	seq := []int{7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1}
	faults := 0
	for _, p := range seq {
		if _, ok := pages.Get(p); !ok {
			faults++
			pages.Put(p, fmt.Sprint("page", p))
		}
	}
	fmt.Println("faults:", faults, "resident:", pages.Keys(), "evicted:", pages.evicted)
	x := uint32(2463534242)
	big := NewLRU[uint32, int](64, nil)
	for i := 0; i < 20000; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		k := x % 100
		if _, ok := big.Get(k); !ok {
			big.Put(k, i)
		}
	}
	fmt.Printf("hit rate %.4f, size %d, evictions %d\n", float64(big.hits)/float64(big.hits+big.misses), big.ll.Len(), len(big.evicted))
}
