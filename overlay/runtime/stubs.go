// Primitives of the Rust runtime (rt/) that the Go part of package runtime builds on. They have
// no body: the Rust runtime exports each under the symbol runtime.<name> and they are called
// with the C convention (docs/abi.md).

package runtime

import "unsafe"

// getg returns the running goroutine's g (rt/src/start.rs).
func getg() unsafe.Pointer

// gopark blocks the running goroutine until goready is called on it; reason is one of the
// waitReason constants below (printed in deadlock tracebacks).
func gopark(reason uint8)

// goready makes a goroutine blocked in gopark runnable (it goes to runnext, as in gc).
func goready(gp unsafe.Pointer)

// goswitch blocks the running goroutine (reason) and runs gp at once, leaving the run queue
// untouched (coroutine switches). With exit set the running goroutine ends instead.
func goswitch(gp unsafe.Pointer, reason uint8, exit bool)

// newprocParked creates a goroutine that will run fn but leaves it blocked (reason); it starts
// when switched to or readied. The caller's pc is its "created by" position.
func newprocParked(fn func(), reason uint8) unsafe.Pointer

// nanotime is the monotonic clock (CLOCK_MONOTONIC) in nanoseconds.
func nanotime() int64

// walltime is the wall clock (CLOCK_REALTIME).
func walltime() (sec int64, nsec int32)

// throw reports a fatal runtime error (fatal error: s, with a traceback) and exits 2.
func throw(s string)

// fatal reports a fatal user error (fatal error: s) and exits 2.
func fatal(s string)

// exit ends the process with status code.
func exit(code int32)

// write writes n bytes at p to fd; returns the byte count or -errno.
func write(fd uintptr, p unsafe.Pointer, n int32) int32

// sysargs returns argc and argv as the kernel gave them; sysenvp the environment array.
func sysargs() (int32, unsafe.Pointer)
func sysenvp() unsafe.Pointer

// rand returns a random 64-bit number (seeded from the kernel).
func rand() uint64

// cheaprand returns a non-cryptographic random number.
func cheaprand() uint32

// numgoroutine counts the goroutines that have not exited.
func numgoroutine() int

// ncpu is the number of CPUs available to the process (sched_getaffinity).
func getncpu() int32

// Wait reasons (gc's waitReason strings; rt/src/sched.rs prints them).
const (
	waitReasonSleep           uint8 = 7
	waitReasonSyncMutexLock   uint8 = 8
	waitReasonSyncRWMutexRLock uint8 = 9
	waitReasonSyncRWMutexLock uint8 = 10
	waitReasonSyncWaitGroupWait uint8 = 11
	waitReasonSyncCondWait    uint8 = 12
	waitReasonSemacquire      uint8 = 13
	waitReasonCoroutine       uint8 = 14
	waitReasonIOWait          uint8 = 15
)

// roundupsize is the size of the allocation mallocgc makes for size bytes (its size class).
func roundupsize(size uintptr, noscan bool) uintptr

//go:linkname bytealg_MakeNoZero internal/bytealg.MakeNoZero
func bytealg_MakeNoZero(len int) []byte {
	return make([]byte, len, int(roundupsize(uintptr(len), true)))
}

// mutex is gc's runtime mutex: a futex word (rt/src/lock_futex.rs).
type mutex struct {
	key uint32
}

// lock and unlock take and release l.
func lock(l *mutex)
func unlock(l *mutex)

// goparkunlock blocks the running goroutine like gopark and releases l once it is parked
// (gc's goparkunlock): a goroutine that takes l and readies it finds it parked.
func goparkunlock(l *mutex, reason uint8)

// cas32, xadd32 (returns the new value) and load32 are gc's atomic.Cas, Xadd and Load.
func cas32(p *uint32, old, new uint32) bool
func xadd32(p *uint32, delta int32) uint32
func load32(p *uint32) uint32
