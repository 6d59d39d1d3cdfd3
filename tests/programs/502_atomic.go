package main

// sync/atomic, typed and function API, at every width: the values returned by Add (new),
// Swap/And/Or (old) and CompareAndSwap (success), and goroutines updating shared counters.

import "sync/atomic"

type node struct{ v int }

func main() {
	var i32 int32 = 5
	println(atomic.AddInt32(&i32, -7), atomic.SwapInt32(&i32, 100), atomic.CompareAndSwapInt32(&i32, 100, 1), atomic.CompareAndSwapInt32(&i32, 100, 2), atomic.LoadInt32(&i32))
	println(atomic.AndInt32(&i32, 3), atomic.OrInt32(&i32, -16), i32)
	var u32 uint32 = 0xFFFFFFF0
	println(atomic.AddUint32(&u32, 0x20), atomic.SwapUint32(&u32, 7), atomic.AndUint32(&u32, 5), atomic.OrUint32(&u32, 0x80000000), atomic.LoadUint32(&u32))
	var i64 int64 = -1 << 40
	println(atomic.AddInt64(&i64, 1<<41), atomic.SwapInt64(&i64, -3), atomic.CompareAndSwapInt64(&i64, -3, 1<<62), atomic.AndInt64(&i64, 1<<62|1), atomic.OrInt64(&i64, 9), atomic.LoadInt64(&i64))
	var u64 uint64 = 1<<64 - 1
	println(atomic.AddUint64(&u64, 2), atomic.SwapUint64(&u64, 1<<63), atomic.CompareAndSwapUint64(&u64, 1<<63, 42), atomic.AndUint64(&u64, 0xF0), atomic.OrUint64(&u64, 1), atomic.LoadUint64(&u64))
	var up uintptr = 10
	println(atomic.AddUintptr(&up, ^uintptr(0)), atomic.SwapUintptr(&up, 3), atomic.CompareAndSwapUintptr(&up, 3, 4), atomic.AndUintptr(&up, 6), atomic.OrUintptr(&up, 1), atomic.LoadUintptr(&up))
	atomic.StoreInt32(&i32, -9)
	atomic.StoreUint32(&u32, 9)
	atomic.StoreInt64(&i64, -1<<63)
	atomic.StoreUint64(&u64, 1<<63)
	atomic.StoreUintptr(&up, 77)
	println(i32, u32, i64, u64, up)

	var b atomic.Bool
	println(b.Load(), b.Swap(true), b.CompareAndSwap(true, false), b.Load())
	var a32 atomic.Int32
	a32.Store(-1)
	println(a32.Add(2), a32.Swap(8), a32.CompareAndSwap(8, 9), a32.And(12), a32.Or(3), a32.Load())
	var a64 atomic.Int64
	println(a64.Add(-5), a64.Swap(1<<50), a64.CompareAndSwap(1, 2), a64.And(-1), a64.Or(1), a64.Load())
	var au32 atomic.Uint32
	println(au32.Add(^uint32(0)), au32.Swap(1), au32.CompareAndSwap(1, 6), au32.And(4), au32.Or(8), au32.Load())
	var au64 atomic.Uint64
	println(au64.Add(1<<63), au64.Swap(5), au64.CompareAndSwap(5, 6), au64.And(2), au64.Or(1<<40), au64.Load())
	var aup atomic.Uintptr
	println(aup.Add(3), aup.Swap(4), aup.CompareAndSwap(3, 5), aup.And(5), aup.Or(2), aup.Load())
	var p atomic.Pointer[node]
	n1, n2 := &node{1}, &node{2}
	println(p.Load() == nil, p.CompareAndSwap(nil, n1), p.Load().v, p.Swap(n2).v, p.CompareAndSwap(n1, nil), p.Load().v)
	p.Store(n1)
	println(p.Load().v)

	// Goroutines: 8 workers add to shared counters, then report on a channel.
	var total atomic.Int64
	var hits uint32
	done := make(chan int)
	for w := 0; w < 8; w++ {
		go func(w int) {
			for k := 0; k < 1000; k++ {
				total.Add(int64(w))
				atomic.AddUint32(&hits, 1)
			}
			done <- w
		}(w)
	}
	sum := 0
	for w := 0; w < 8; w++ {
		sum += <-done
	}
	println(sum, total.Load(), atomic.LoadUint32(&hits))

	// A nil pointer faults like gc's: a run-time panic.
	defer func() { println("recovered:", recover() != nil) }()
	var np *int32
	atomic.AddInt32(np, 1)
}
