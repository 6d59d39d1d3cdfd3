// The public API of package runtime that rgo supports. Functions declared without a body are
// implemented in Rust (rt/) and called with the C convention (docs/abi.md).

package runtime

const (
	GOOS     = "linux"
	GOARCH   = "amd64"
	Compiler = "gc"
)

// GC runs a garbage collection. rgo has no collector yet, so there is nothing to do.
func GC() {}

// Gosched yields the processor to other goroutines.
func Gosched()

// KeepAlive marks its argument as reachable up to this call.
func KeepAlive(x any) {}

// SetFinalizer records a finalizer for obj. Without a collector nothing is ever finalized.
func SetFinalizer(obj any, finalizer any) {}

// GOMAXPROCS reports (and would set) the number of threads running Go code: rgo runs all
// goroutines on one thread.
func GOMAXPROCS(n int) int { return 1 }

// Version is the Go version rgo implements.
func Version() string { return "go1.27.3" }

// MemProfileRate controls memory profiling (no effect in rgo).
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

// ReadMemStats fills m. Without a collector nothing is freed; the allocation counters are zero
// for now.
func ReadMemStats(m *MemStats) {
	*m = MemStats{}
	m.EnableGC = true
}
