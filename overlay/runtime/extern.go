// The public API of package runtime that rgo supports. Functions declared without a body are
// implemented in Rust (rt/) and called with the C convention (docs/abi.md).
//
// The collector is in rt/src/mgc.rs, finalizers and cleanups in rt/src/mfinal.rs.

package runtime

import "unsafe"

const (
	GOOS     = "linux"
	GOARCH   = "amd64"
	Compiler = "gc"
)

// GC runs a garbage collection and blocks until it is complete (rt/src/mgc.rs).
func GC()

// Gosched yields the processor to other goroutines.
func Gosched()

// KeepAlive marks its argument as reachable up to this call.
func KeepAlive(x any) {}

// SetFinalizer sets the finalizer associated with obj to the provided finalizer function
// (gc's rules; rt/src/mfinal.rs).
func SetFinalizer(obj any, finalizer any) {
	setfinalizer(obj, finalizer)
}

func setfinalizer(obj any, finalizer any)

// Cleanup is a handle to a cleanup call for a specific object (AddCleanup).
type Cleanup struct {
	id  uint64
	ptr uintptr
}

// AddCleanup attaches a cleanup function to ptr: some time after ptr becomes unreachable,
// cleanup(arg) runs on the finalizer goroutine (rt/src/mfinal.rs).
func AddCleanup[T, S any](ptr *T, cleanup func(S), arg S) Cleanup {
	// Force ptr to the heap, as gc's abi.Escape does.
	cleanupEscape = ptr
	cleanupEscape = nil
	if ptr == nil {
		panic("runtime.AddCleanup: ptr is nil")
	}
	if p, ok := any(arg).(*T); ok && p == ptr {
		panic("runtime.AddCleanup: ptr is equal to arg, cleanup will never run")
	}
	if p, ok := any(arg).(unsafe.Pointer); ok && p == unsafe.Pointer(ptr) {
		panic("runtime.AddCleanup: ptr is equal to arg, cleanup will never run")
	}
	id := addcleanup(uintptr(unsafe.Pointer(ptr)), func() { cleanup(arg) })
	return Cleanup{id: id, ptr: uintptr(unsafe.Pointer(ptr))}
}

var cleanupEscape any

func addcleanup(ptr uintptr, fn func()) uint64

func stopcleanup(id uint64)

// Stop cancels the cleanup call.
func (c Cleanup) Stop() {
	stopcleanup(c.id)
}

// Goexit terminates the goroutine that calls it after running its deferred calls
// (rt/src/proc.rs).
func Goexit()

// GOROOT returns the $GOROOT environment variable. (gc falls back to the GOROOT its toolchain
// was built with, which its linker records; rgo's linker records none.)
func GOROOT() string {
	return gogetenv("GOROOT")
}

// NumGoroutine returns the number of goroutines that currently exist.
func NumGoroutine() int {
	return numgoroutine()
}

var ncpu int32

// NumCPU returns the number of logical CPUs usable by the current process.
func NumCPU() int {
	if ncpu == 0 {
		ncpu = getncpu()
	}
	return int(ncpu)
}

// LockOSThread wires the calling goroutine to its thread; with one thread running every
// goroutine it only counts nesting, as gc does.
func LockOSThread() {
	lockedCount++
}

// UnlockOSThread undoes an earlier LockOSThread.
func UnlockOSThread() {
	if lockedCount > 0 {
		lockedCount--
	}
}

var lockedCount int

// NumCgoCall returns the number of cgo calls made (rgo programs make none).
func NumCgoCall() int64 { return 0 }

// Breakpoint executes a breakpoint trap.
func Breakpoint() {
	breakpoint()
}

func breakpoint()

// GOMAXPROCS reports (and would set) the number of threads running Go code: rgo runs all
// goroutines on one thread.
func GOMAXPROCS(n int) int { return 1 }

// Version is the Go version rgo implements.
func Version() string { return "go1.27.3" }

// MemProfileRate controls the fraction of allocations that are recorded in the heap profile:
// on average one every MemProfileRate bytes (rt/src/mprof.rs); 0 turns profiling off.
var MemProfileRate int = 512 * 1024

// MemStats has gc's fields; rgo fills what its allocator knows.
type MemStats struct {
	Alloc         uint64
	TotalAlloc    uint64
	Sys           uint64
	Lookups       uint64
	Mallocs       uint64
	Frees         uint64
	HeapAlloc     uint64
	HeapSys       uint64
	HeapIdle      uint64
	HeapInuse     uint64
	HeapReleased  uint64
	HeapObjects   uint64
	StackInuse    uint64
	StackSys      uint64
	MSpanInuse    uint64
	MSpanSys      uint64
	MCacheInuse   uint64
	MCacheSys     uint64
	BuckHashSys   uint64
	GCSys         uint64
	OtherSys      uint64
	NextGC        uint64
	LastGC        uint64
	PauseTotalNs  uint64
	PauseNs       [256]uint64
	PauseEnd      [256]uint64
	NumGC         uint32
	NumForcedGC   uint32
	GCCPUFraction float64
	EnableGC      bool
	DebugGC       bool
	BySize        [61]struct {
		Size    uint32
		Mallocs uint64
		Frees   uint64
	}
}

// ReadMemStats fills m with the allocator's and collector's statistics (gc's field meanings;
// rt/src/mgc.rs). BySize is not filled.
func ReadMemStats(m *MemStats) {
	*m = MemStats{}
	readmemstats(m)
}

func readmemstats(m *MemStats)
