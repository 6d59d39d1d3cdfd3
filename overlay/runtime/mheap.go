// Weak pointers (gc's mheap.go weak handles). A weak handle is an indirection cell holding the
// pointer; there is one per pointer, so weak.Make(p) == weak.Make(p) as in gc. rgo has no
// collector yet, so a handle is never cleared and Value never returns nil for a live Make.

package runtime

import "unsafe"

var weakHandles map[unsafe.Pointer]*unsafe.Pointer

//go:linkname internal_weak_runtime_registerWeakPointer weak.runtime_registerWeakPointer
func internal_weak_runtime_registerWeakPointer(p unsafe.Pointer) unsafe.Pointer {
	if weakHandles == nil {
		weakHandles = make(map[unsafe.Pointer]*unsafe.Pointer)
	}
	h := weakHandles[p]
	if h == nil {
		h = new(unsafe.Pointer)
		*h = p
		weakHandles[p] = h
	}
	return unsafe.Pointer(h)
}

//go:linkname internal_weak_runtime_makeStrongFromWeak weak.runtime_makeStrongFromWeak
func internal_weak_runtime_makeStrongFromWeak(u unsafe.Pointer) unsafe.Pointer {
	return *(*unsafe.Pointer)(u)
}

//go:linkname unique_runtime_blockUntilEmptyCleanupQueue unique.runtime_blockUntilEmptyCleanupQueue
func unique_runtime_blockUntilEmptyCleanupQueue(timeout int64) bool {
	// No cleanup ever runs (no collector), so the queue is always empty.
	return true
}
