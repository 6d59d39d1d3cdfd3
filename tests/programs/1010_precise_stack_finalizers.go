package main

// Objects that a live frame no longer references are freed at the next collection: the
// collector scans Go frames precisely (only the pointers live at the call, and stack objects
// only while a pointer to them is live), so finalizers run while the frame is still active.

import (
	"fmt"
	"runtime"
)

type obj struct {
	id   int
	data [6]int64 // past the tiny allocator
}

var finalized = map[int]bool{}

func track(id int) *obj {
	o := &obj{id: id}
	runtime.SetFinalizer(o, func(o *obj) { finalized[o.id] = true })
	return o
}

// settle runs collections until the finalizer goroutine had its chance.
func settle() {
	for i := 0; i < 5; i++ {
		runtime.GC()
		runtime.Gosched()
	}
}

type holder struct{ p *obj }

//go:noinline
func use(h *holder) int { return h.p.id }

// A pointer dropped in a live frame.
func droppedLocal() {
	p := track(1)
	settle()
	fmt.Println("local kept while live:", !finalized[1], p.id)
	p = nil
	settle()
	fmt.Println("local freed after drop:", finalized[1])
}

// An address-taken local: live while its address is, dead once the callee returned.
func stackObject() {
	var h holder
	h.p = track(2)
	fmt.Println("stack object used:", use(&h))
	settle()
	fmt.Println("stack object freed after its last use:", finalized[2])
}

// The receive buffer of a range loop does not keep the previous element.
func rangeChannel() {
	c := make(chan *obj, 2)
	c <- track(3)
	c <- track(4)
	close(c)
	n := 0
	for o := range c {
		n += o.id
		o = nil
		settle()
		fmt.Println("after element", n, "freed:", finalized[3])
	}
}

// A pointer kept live across the collections stays.
func keptAlive() {
	p := track(5)
	settle()
	fmt.Println("kept alive:", !finalized[5], p.id)
	runtime.KeepAlive(p)
}

func main() {
	droppedLocal()
	stackObject()
	rangeChannel()
	keptAlive()
}
