package main

// The collector: dropped binary trees are reclaimed while a long-lived tree stays intact,
// finalizers and cleanups run for unreachable objects (allocated in other frames, so that no
// stale stack slot can hold them), and ReadMemStats counts collections and frees.
import (
	"runtime"
	"time"
)

type Node struct{ left, right *Node }

func bottomUp(d int) *Node {
	if d <= 0 {
		return &Node{}
	}
	return &Node{bottomUp(d - 1), bottomUp(d - 1)}
}

func (n *Node) check() int {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.check() + n.right.check()
}

type T struct {
	a [4]int
	p *int
}

var ran int

func addCleanups() {
	for i := 0; i < 10; i++ {
		t := &T{}
		runtime.AddCleanup(t, func(n int) { ran += n }, 1)
	}
}

func addFinalizers() {
	for i := 0; i < 10; i++ {
		t := &T{}
		runtime.SetFinalizer(t, func(x *T) { ran += 100 })
	}
}

func main() {
	long := bottomUp(14)
	total := 0
	for i := 0; i < 100; i++ {
		total += bottomUp(12).check()
	}
	println(total, long.check())

	m := map[int][]byte{}
	for i := 0; i < 50000; i++ {
		m[i%1000] = make([]byte, 100+i%50)
		m[i%1000][0] = byte(i)
	}
	sum := 0
	for k, v := range m {
		sum += k + int(v[0])
	}
	println(len(m), sum)

	addCleanups()
	addFinalizers()
	for i := 0; i < 5; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	println(ran)

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	println(ms.NumGC > 0, ms.Frees > 0, ms.HeapObjects == ms.Mallocs-ms.Frees, ms.HeapAlloc < 64<<20, ms.NumForcedGC >= 5)
}
