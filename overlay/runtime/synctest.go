// internal/synctest's hooks (gc's synctest.go). rgo has no synctest bubbles yet: no goroutine
// is ever in one, and Run/Wait report that as a fatal error.

package runtime

import "unsafe"

//go:linkname synctestRun internal/synctest.Run
func synctestRun(f func()) {
	fatal("synctest.Run: synctest bubbles are not supported by rgo yet")
}

//go:linkname synctestWait internal/synctest.Wait
func synctestWait() {
	fatal("synctest.Wait not called from a synctest bubble")
}

//go:linkname synctest_isInBubble internal/synctest.IsInBubble
func synctest_isInBubble() bool {
	return false
}

//go:linkname synctest_acquire internal/synctest.acquire
func synctest_acquire() any {
	return nil
}

//go:linkname synctest_release internal/synctest.release
func synctest_release(bubble any) {}

//go:linkname synctest_inBubble internal/synctest.inBubble
func synctest_inBubble(bubble any, f func()) {
	f()
}

// Association values of internal/synctest: Unbubbled.
//
//go:linkname synctest_associate internal/synctest.associate
func synctest_associate(p unsafe.Pointer) int {
	return 0
}

//go:linkname synctest_disassociate internal/synctest.disassociate
func synctest_disassociate(p unsafe.Pointer) {}

//go:linkname synctest_isAssociated internal/synctest.isAssociated
func synctest_isAssociated(p unsafe.Pointer) bool {
	return false
}
