package main

// The heap profile: runtime.MemProfileRate sampling, MemProfile records (allocation sites,
// frees found by the collector, in-use filtering) and runtime/pprof's heap profile.
import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/pprof"
	"strings"
)

type node struct {
	next *node
	pad  [48]byte
}

var kept []*node
var small []*int32

//go:noinline
func allocNodes(n int) {
	for i := 0; i < n; i++ {
		kept = append(kept, &node{})
	}
}

//go:noinline
func allocTiny(n int) {
	for i := 0; i < n; i++ {
		small = append(small, new(int32))
	}
}

// site sums the records whose stack passes through fn.
func site(fn string, inuseZero bool) (allocs, frees, allocBytes, freeBytes int64, records int) {
	var p []runtime.MemProfileRecord
	n, ok := runtime.MemProfile(nil, inuseZero)
	for !ok {
		p = make([]runtime.MemProfileRecord, n+10)
		n, ok = runtime.MemProfile(p, inuseZero)
	}
	for _, r := range p[:n] {
		frames := runtime.CallersFrames(r.Stack())
		for {
			f, more := frames.Next()
			if f.Function == fn {
				allocs += r.AllocObjects
				frees += r.FreeObjects
				allocBytes += r.AllocBytes
				freeBytes += r.FreeBytes
				records++
				break
			}
			if !more {
				break
			}
		}
	}
	return
}

func main() {
	runtime.MemProfileRate = 1
	kept = make([]*node, 0, 100)
	small = make([]*int32, 0, 400)

	// The record reports slot sizes: 56-byte nodes take 64-byte slots.
	allocNodes(100)
	runtime.GC()
	runtime.GC()
	runtime.GC()
	a, f, ab, fb, _ := site("main.allocNodes", false)
	fmt.Println("nodes:", a-f, "in use,", ab-fb, "bytes")

	// Drop half of them: the collector records the frees.
	for i := 0; i < 50; i++ {
		kept[i] = nil
	}
	runtime.GC()
	runtime.GC()
	runtime.GC()
	a, f, ab, fb, _ = site("main.allocNodes", false)
	fmt.Println("nodes after drop:", a-f, "in use,", ab-fb, "bytes")

	// Drop all: with inuseZero false the site disappears, with true it stays.
	kept = nil
	runtime.GC()
	runtime.GC()
	runtime.GC()
	_, _, _, _, r := site("main.allocNodes", false)
	fmt.Println("records in use:", r)
	a, f, _, _, r = site("main.allocNodes", true)
	fmt.Println("with inuseZero:", r > 0, "allocs == frees:", a == f, "allocs >= 100:", a >= 100)

	// Tiny objects are sampled as the 16-byte blocks they share, four int32 to a block.
	allocTiny(400)
	runtime.GC()
	runtime.GC()
	runtime.GC()
	a, f, ab, fb, _ = site("main.allocTiny", false)
	// Four to a block, unless a collection starts a new block in between (each one does).
	fmt.Println("tiny blocks for 400 objects, 100 to 400:", a-f >= 100 && a-f <= 400, "bytes per block:", (ab-fb)/(a-f))

	// Mallocs counts every tiny object, Frees the ones that share a block.
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for i := 0; i < 1000; i++ {
		small[i%len(small)] = new(int32)
	}
	runtime.ReadMemStats(&m1)
	fmt.Println("mallocs per tiny object:", float64(m1.Mallocs-m0.Mallocs)/1000 >= 1)

	// runtime/pprof reads the same buckets.
	var buf bytes.Buffer
	if err := pprof.Lookup("heap").WriteTo(&buf, 1); err != nil {
		fmt.Println("WriteTo:", err)
	}
	text := buf.String()
	fmt.Println("pprof header:", strings.HasPrefix(text, "heap profile: "))
	fmt.Println("pprof has main.allocTiny:", strings.Contains(text, "main.allocTiny+"))
	buf.Reset()
	if err := pprof.WriteHeapProfile(&buf); err != nil {
		fmt.Println("WriteHeapProfile:", err)
	}
	// A gzip-compressed protocol buffer.
	fmt.Println("proto profile gzip magic:", buf.Len() > 2 && buf.Bytes()[0] == 0x1f && buf.Bytes()[1] == 0x8b)
	runtime.KeepAlive(small)
}
