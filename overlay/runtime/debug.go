// runtime/debug's hooks (gc's debug.go, mgcpacer.go, rdebug.go, mstats.go, heapdump.go,
// runtime1.go). setGCPercent, setMemoryLimit and freeOSMemory are the collector's (rt/src/mgc.rs).
// rgo runs one thread with fixed-size goroutine stacks: the other settings are remembered and
// reported back as gc does, but change nothing yet.

package runtime

var (
	maxStackSize  = 1000000000
	maxThreads    = 10000
	tracebackText = "single"
)

// modinfo returns the module information string of the binary's build info (between its
// 16-byte sentinels), which rgo's linker writes like gc's (rt/src/proc.rs).
func modinfo() string

//go:linkname debug_modinfo runtime/debug.modinfo
func debug_modinfo() string {
	return modinfo()
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

// gSetPanicOnFault sets the current goroutine's paniconfault flag (the signal handler reads
// it) and returns the old value (rt/src/sched.rs).
func gSetPanicOnFault(new bool) bool

//go:linkname setPanicOnFault runtime/debug.setPanicOnFault
func setPanicOnFault(new bool) (old bool) {
	return gSetPanicOnFault(new)
}

// readGCStats fills the pause history for debug.ReadGCStats in gc's layout: the n most recent
// pause times (newest first), then their end times, then the last collection's time, the number
// of collections and the total pause time, from the collector's statistics (ReadMemStats).
//
//go:linkname readGCStats runtime/debug.readGCStats
func readGCStats(pauses *[]int64) {
	var m MemStats
	ReadMemStats(&m)
	if cap(*pauses) < len(m.PauseNs)+3 {
		throw("short slice passed to readGCStats")
	}
	n := int(m.NumGC)
	if n > len(m.PauseNs) {
		n = len(m.PauseNs)
	}
	p := (*pauses)[:n+n+3]
	for i := 0; i < n; i++ {
		j := (int(m.NumGC) - 1 - i) % len(m.PauseNs)
		p[i] = int64(m.PauseNs[j])
		p[n+i] = int64(m.PauseEnd[j])
	}
	p[n+n] = int64(m.LastGC)
	p[n+n+1] = int64(m.NumGC)
	p[n+n+2] = int64(m.PauseTotalNs)
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
