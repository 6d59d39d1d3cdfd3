// Weak pointers (gc's mheap.go weak handles). A weak handle is an indirection cell holding the
// pointer; there is one per pointer, so weak.Make(p) == weak.Make(p) as in gc. rgo has no
// collector yet, so a handle is never cleared and Value never returns nil for a live Make.

package runtime

import "unsafe"

// A weak handle: its first word is the pointer (what makeStrongFromWeak reads).
type weakHandle struct {
	p    unsafe.Pointer
	next *weakHandle
}

const weakTabSize = 251

var weakHandles [weakTabSize]*weakHandle

//go:linkname internal_weak_runtime_registerWeakPointer weak.runtime_registerWeakPointer
func internal_weak_runtime_registerWeakPointer(p unsafe.Pointer) unsafe.Pointer {
	root := &weakHandles[(uintptr(p)>>3)%weakTabSize]
	for h := *root; h != nil; h = h.next {
		if h.p == p {
			return unsafe.Pointer(h)
		}
	}
	h := &weakHandle{p: p, next: *root}
	*root = h
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
