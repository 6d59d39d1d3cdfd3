// runtime/debug's hooks (gc's debug.go, mgcpacer.go, rdebug.go, mstats.go, heapdump.go,
// runtime1.go). rgo has no collector, one thread and fixed-size goroutine stacks: the settings
// are remembered and reported back as gc does, but change nothing yet.

package runtime



var (
	gcPercent     int32 = 100
	memoryLimit   int64 = 1<<63 - 1
	maxStackSize        = 1000000000
	maxThreads          = 10000
	panicOnFault  bool
	tracebackText = "single"
)

// modinfo returns the module information string of the binary's build info (between its
// 16-byte sentinels), which rgo's linker writes like gc's (rt/src/proc.rs).
func modinfo() string

//go:linkname debug_modinfo runtime/debug.modinfo
func debug_modinfo() string {
	return modinfo()
}

//go:linkname setGCPercent runtime/debug.setGCPercent
func setGCPercent(in int32) (out int32) {
	out = gcPercent
	if in < 0 {
		in = -1
	}
	gcPercent = in
	return out
}

//go:linkname setMemoryLimit runtime/debug.setMemoryLimit
func setMemoryLimit(in int64) (out int64) {
	out = memoryLimit
	if in >= 0 {
		memoryLimit = in
	}
	return out
}

//go:linkname setMaxStack runtime/debug.setMaxStack
func setMaxStack(in int) (out int) {
	out = maxStackSize
	maxStackSize = in
	return out
}

//go:linkname setMaxThreads runtime/debug.setMaxThreads
func setMaxThreads(in int) (out int) {
	out = maxThreads
	maxThreads = in
	return out
}

//go:linkname setPanicOnFault runtime/debug.setPanicOnFault
func setPanicOnFault(new bool) (old bool) {
	old = panicOnFault
	panicOnFault = new
	return old
}

//go:linkname runtime_debug_freeOSMemory runtime/debug.freeOSMemory
func runtime_debug_freeOSMemory() {}

// readGCStats fills the pause history: no collection has ever run.
//
//go:linkname readGCStats runtime/debug.readGCStats
func readGCStats(pauses *[]int64) {
	p := (*pauses)[:0]
	// gc's layout: pauses[0:n], then end times, then last GC time, NumGC, total pause.
	p = append(p, 0, 0, 0)
	*pauses = p
}

//go:linkname setTraceback runtime/debug.SetTraceback
func setTraceback(level string) {
	tracebackText = level
}

//go:linkname runtime_debug_WriteHeapDump runtime/debug.WriteHeapDump
func runtime_debug_WriteHeapDump(fd uintptr) {
	fatal("debug.WriteHeapDump is not supported by rgo")
}

//go:linkname setCrashFD runtime.setCrashFD
func setCrashFD(fd uintptr) uintptr {
	return ^uintptr(0)
}


