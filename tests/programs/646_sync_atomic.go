package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type config struct {
	name    string
	version int
}

func main() {
	var n atomic.Int64
	var u atomic.Uint32
	var flag atomic.Bool
	var wg sync.WaitGroup
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 1000; j++ {
				n.Add(1)
				u.Add(2)
			}
			flag.Store(true)
		}()
	}
	wg.Wait()
	fmt.Println(n.Load(), u.Load(), flag.Load())
	fmt.Println(n.Swap(5), n.CompareAndSwap(5, 6), n.CompareAndSwap(5, 7), n.Load())
	fmt.Println(u.And(0xf0), u.Load(), u.Or(0x0f), u.Load())
	var p atomic.Pointer[config]
	fmt.Println(p.Load() == nil)
	p.Store(&config{"a", 1})
	var cw sync.WaitGroup
	for i := 0; i < 10; i++ {
		cw.Add(1)
		go func() {
			defer cw.Done()
			for {
				old := p.Load()
				nc := &config{old.name, old.version + 1}
				if p.CompareAndSwap(old, nc) {
					return
				}
			}
		}()
	}
	cw.Wait()
	fmt.Println(p.Load().name, p.Load().version)
	var v atomic.Value
	fmt.Println(v.Load())
	v.Store([]string{"x"})
	fmt.Println(v.Load().([]string))
	var sv atomic.Value
	sv.Store("a")
	fmt.Println(sv.CompareAndSwap("a", "b"), sv.CompareAndSwap("a", "c"), sv.Load(), sv.Swap("d"), sv.Load())
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		v.Store(42)
	}()
	var raw int32
	atomic.AddInt32(&raw, 10)
	atomic.AddInt32(&raw, -3)
	fmt.Println(atomic.LoadInt32(&raw))
	fmt.Println(atomic.CompareAndSwapInt32(&raw, 7, 70))
	fmt.Println(raw)
	fmt.Println(atomic.SwapInt32(&raw, 1))
	fmt.Println(raw)
	var r64 uint64
	atomic.StoreUint64(&r64, 1<<40)
	atomic.AddUint64(&r64, ^uint64(0))
	fmt.Println(atomic.LoadUint64(&r64))
	fmt.Println(atomic.OrUint64(&r64, 1))
	fmt.Println(atomic.AndUint64(&r64, 0xff))
	fmt.Println(r64)
	var up atomic.Uintptr
	up.Store(100)
	up.Add(^uintptr(9))
	fmt.Println(up.Load())
	var i32 atomic.Int32
	i32.Store(-5)
	fmt.Println(i32.Add(5), i32.Load())
	var b atomic.Bool
	fmt.Println(b.Swap(true), b.CompareAndSwap(true, false), b.Load())
	var seq atomic.Uint64
	ids := make([]uint64, 100)
	var iw sync.WaitGroup
	for i := range ids {
		iw.Add(1)
		go func() {
			defer iw.Done()
			ids[i] = seq.Add(1)
		}()
	}
	iw.Wait()
	seen := make(map[uint64]bool)
	max := uint64(0)
	for _, id := range ids {
		seen[id] = true
		if id > max {
			max = id
		}
	}
	fmt.Println(len(seen), max)
}
