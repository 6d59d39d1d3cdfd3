// Weak pointers (gc's mheap.go weak handles). A weak handle is an indirection cell holding the
// object's address; there is one per object, so weak.Make(p) == weak.Make(p) as in gc. The
// address is a uintptr, which the collector does not trace, and the collector sets it to 0 once
// the object is unreachable (rt/src/mheap.rs clear_unreachable_weak).

package runtime

import "unsafe"

// A weak handle: its first word is the object's address (what makeStrongFromWeak reads).
type weakHandle struct {
	p    uintptr
	next *weakHandle
}

const weakTabSize = 251

var weakHandles [weakTabSize]*weakHandle

// weakRegister hands a new handle to the collector (rt/src/mheap.rs).
func weakRegister(h *weakHandle)

//go:linkname internal_weak_runtime_registerWeakPointer weak.runtime_registerWeakPointer
func internal_weak_runtime_registerWeakPointer(p unsafe.Pointer) unsafe.Pointer {
	root := &weakHandles[(uintptr(p)>>3)%weakTabSize]
	for link := root; *link != nil; {
		h := *link
		if h.p == 0 {
			// Cleared by the collector: its object is gone.
			*link = h.next
			continue
		}
		if h.p == uintptr(p) {
			return unsafe.Pointer(h)
		}
		link = &h.next
	}
	h := &weakHandle{p: uintptr(p), next: *root}
	*root = h
	weakRegister(h)
	return unsafe.Pointer(h)
}

//go:linkname internal_weak_runtime_makeStrongFromWeak weak.runtime_makeStrongFromWeak
func internal_weak_runtime_makeStrongFromWeak(u unsafe.Pointer) unsafe.Pointer {
	return *(*unsafe.Pointer)(u)
}

// finqIdle reports whether no finalizer or cleanup call is queued or running
// (rt/src/mfinal.rs).
func finqIdle() bool

// blockUntilEmptyCleanupQueue yields to the finalizer goroutine until the queued cleanups have
// run, or until timeout nanoseconds have passed; it reports whether the queue emptied.
func blockUntilEmptyCleanupQueue(timeout int64) bool {
	start := nanotime()
	for !finqIdle() {
		if nanotime()-start >= timeout {
			return false
		}
		Gosched()
	}
	return true
}

//go:linkname unique_runtime_blockUntilEmptyCleanupQueue unique.runtime_blockUntilEmptyCleanupQueue
func unique_runtime_blockUntilEmptyCleanupQueue(timeout int64) bool {
	return blockUntilEmptyCleanupQueue(timeout)
}

//go:linkname sync_test_runtime_blockUntilEmptyCleanupQueue sync_test.runtime_blockUntilEmptyCleanupQueue
func sync_test_runtime_blockUntilEmptyCleanupQueue(timeout int64) bool {
	return blockUntilEmptyCleanupQueue(timeout)
}

// boring_registerCache registers a crypto/internal/boring/bcache cache, which gc clears at the
// start of every collection; rgo has no collector, so caches are never cleared.
//
//go:linkname boring_registerCache crypto/internal/boring/bcache.registerCache
func boring_registerCache(p unsafe.Pointer) {}
