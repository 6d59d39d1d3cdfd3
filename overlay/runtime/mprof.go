// The profiling and execution-trace API (gc's mprof.go, cpuprof.go, trace.go, proflabel.go).
// The heap profile is real: the allocator samples allocations every MemProfileRate bytes on
// average and the sweep records their frees (rt/src/mprof.rs); MemProfile and runtime/pprof's
// heap and allocs profiles read its buckets. rgo's runtime does not sample blocking events,
// mutex contention or CPU time, and writes no execution trace, so those profiles hold no
// records (the answer gc gives with those profiling rates set to zero), and StartTrace reports
// that tracing is unavailable.

package runtime

import "unsafe"

// StackRecord describes a single execution stack (gc's type).
type StackRecord struct {
	Stack0 [32]uintptr // stack trace for this record; ends at first 0 entry
}

// Stack returns the stack trace of the record: a prefix of r.Stack0.
func (r *StackRecord) Stack() []uintptr {
	for i, v := range r.Stack0 {
		if v == 0 {
			return r.Stack0[0:i]
		}
	}
	return r.Stack0[0:]
}

// MemProfileRecord describes the live objects allocated by a particular call sequence.
type MemProfileRecord struct {
	AllocBytes, FreeBytes     int64       // number of bytes allocated, freed
	AllocObjects, FreeObjects int64       // number of objects allocated, freed
	Stack0                    [32]uintptr // stack trace for this record; ends at first 0 entry
}

// InUseBytes returns the number of bytes in use (AllocBytes - FreeBytes).
func (r *MemProfileRecord) InUseBytes() int64 { return r.AllocBytes - r.FreeBytes }

// InUseObjects returns the number of objects in use (AllocObjects - FreeObjects).
func (r *MemProfileRecord) InUseObjects() int64 { return r.AllocObjects - r.FreeObjects }

// Stack returns the stack trace of the record: a prefix of r.Stack0.
func (r *MemProfileRecord) Stack() []uintptr {
	for i, v := range r.Stack0 {
		if v == 0 {
			return r.Stack0[0:i]
		}
	}
	return r.Stack0[0:]
}

// BlockProfileRecord describes blocking events originated at a particular call sequence.
type BlockProfileRecord struct {
	Count  int64
	Cycles int64
	StackRecord
}

var (
	blockProfileRate  int
	mutexProfileFrac  int
	cpuProfileRate    int
	profLabelOfAnyG   unsafe.Pointer
	traceUnsupported  = plainError("runtime: rgo does not record execution traces")
	traceClockPerSecs = uint64(1e9)
)

// SetBlockProfileRate remembers the rate; rgo records no blocking events.
func SetBlockProfileRate(rate int) { blockProfileRate = rate }

// SetMutexProfileFraction returns the previous fraction and remembers the new one (a negative
// rate only reads it, as in gc); rgo records no contention events.
func SetMutexProfileFraction(rate int) int {
	old := mutexProfileFrac
	if rate >= 0 {
		mutexProfileFrac = rate
	}
	return old
}

// SetCPUProfileRate remembers the rate; rgo takes no CPU samples, so readProfile ends at once.
func SetCPUProfileRate(hz int) { cpuProfileRate = hz }

// memRecord is a heap-profile bucket as rt/src/mprof.rs reports it.
type memRecord struct {
	allocs, frees, size int64
	stk                 *uintptr
	nstk                int
	next                uintptr
}

// mprofHead returns the newest bucket, where a reading starts (buckets made while reading are
// left out); mprofCount the number of buckets MemProfile reports from head on; mprofNext
// stores in *r the first reported bucket at or after b and returns it, 0 at the end.
func mprofHead() uintptr
func mprofCount(head uintptr, inuseZero bool) int
func mprofNext(b uintptr, inuseZero bool, r *memRecord) uintptr

// memProfileInternal is gc's: it returns the number of records n; when they fit in size, it
// passes each to copyFn and ok is true.
func memProfileInternal(size int, inuseZero bool, copyFn func(*memRecord)) (n int, ok bool) {
	var r memRecord
	head := mprofHead()
	n = mprofCount(head, inuseZero)
	if n > size {
		return n, false
	}
	for b := mprofNext(head, inuseZero, &r); b != 0; b = mprofNext(r.next, inuseZero, &r) {
		copyFn(&r)
	}
	return n, true
}

// MemProfile returns a profile of memory allocated and freed per allocation site: gc's
// documented contract (records as of the last completed collection, ok false and the count
// when p is too small).
func MemProfile(p []MemProfileRecord, inuseZero bool) (n int, ok bool) {
	return memProfileInternal(len(p), inuseZero, func(r *memRecord) {
		d := &p[0]
		p = p[1:]
		d.AllocBytes = r.allocs * r.size
		d.FreeBytes = r.frees * r.size
		d.AllocObjects = r.allocs
		d.FreeObjects = r.frees
		i := copy(d.Stack0[:], unsafe.Slice(r.stk, r.nstk))
		clear(d.Stack0[i:])
	})
}

// profMemRecord has the layout of internal/profilerecord.MemProfileRecord, the element type of
// the slice runtime/pprof passes to pprof_memProfileInternal.
type profMemRecord struct {
	ObjectSize                int64
	AllocObjects, FreeObjects int64
	Stack                     []uintptr
}

// BlockProfile reports the blocking profile, which rgo does not record: no records.
func BlockProfile(p []BlockProfileRecord) (n int, ok bool) { return 0, true }

// MutexProfile reports the contention profile, which rgo does not record: no records.
func MutexProfile(p []BlockProfileRecord) (n int, ok bool) { return 0, true }

// ThreadCreateProfile reports where OS threads were created; rgo runs goroutines on the one
// thread the kernel started, which no Go code created: no records.
func ThreadCreateProfile(p []StackRecord) (n int, ok bool) { return 0, true }

// StartTrace fails: rgo writes no execution trace.
func StartTrace() error { return traceUnsupported }

// StopTrace does nothing: no trace can have been started.
func StopTrace() {}

// ReadTrace returns nil, the end of a trace that never started.
func ReadTrace() (buf []byte) { return nil }

// The hooks runtime/pprof and runtime/trace reach by linkname (gc's names). The profile
// readers take slices of internal/profilerecord's types, which this package cannot import;
// a slice is passed the same way whatever its element type, and none is read here.

//go:linkname pprof_readProfile runtime/pprof.readProfile
func pprof_readProfile() (data []uint64, tags []unsafe.Pointer, eof bool) {
	return nil, nil, true
}

//go:linkname pprof_cyclesPerSecond runtime/pprof.runtime_cyclesPerSecond
func pprof_cyclesPerSecond() int64 { return 1e9 }

//go:linkname pprof_goroutineProfileWithLabels
func pprof_goroutineProfileWithLabels(p []StackRecord, labels []unsafe.Pointer) (n int, ok bool) {
	return 0, true
}

//go:linkname pprof_goroutineLeakProfileWithLabels
func pprof_goroutineLeakProfileWithLabels(p []StackRecord, labels []unsafe.Pointer) (n int, ok bool) {
	return 0, true
}

//go:linkname pprof_memProfileInternal
func pprof_memProfileInternal(p []profMemRecord, inuseZero bool) (n int, ok bool) {
	return memProfileInternal(len(p), inuseZero, func(r *memRecord) {
		p[0] = profMemRecord{
			AllocObjects: r.allocs,
			FreeObjects:  r.frees,
			ObjectSize:   r.size,
			Stack:        unsafe.Slice(r.stk, r.nstk),
		}
		p = p[1:]
	})
}

//go:linkname pprof_blockProfileInternal
func pprof_blockProfileInternal(p []BlockProfileRecord) (n int, ok bool) { return 0, true }

//go:linkname pprof_mutexProfileInternal
func pprof_mutexProfileInternal(p []BlockProfileRecord) (n int, ok bool) { return 0, true }

//go:linkname pprof_threadCreateInternal
func pprof_threadCreateInternal(p []StackRecord) (n int, ok bool) { return 0, true }

// pprof_fpunwindExpand copies the frame-pointer stack as it is: rgo records no inlined frames
// that would need expanding.
//
//go:linkname pprof_fpunwindExpand
func pprof_fpunwindExpand(dst, src []uintptr) int { return copy(dst, src) }

//go:linkname pprof_makeProfStack
func pprof_makeProfStack() []uintptr { return make([]uintptr, 32) }

//go:linkname pprof_FrameStartLine runtime/pprof.runtime_FrameStartLine
func pprof_FrameStartLine(f *Frame) int { return f.startLine }

//go:linkname pprof_FrameSymbolName runtime/pprof.runtime_FrameSymbolName
func pprof_FrameSymbolName(f *Frame) string { return f.Function }

//go:linkname pprof_expandFinalInlineFrame runtime/pprof.runtime_expandFinalInlineFrame
func pprof_expandFinalInlineFrame(stk []uintptr) []uintptr { return stk }

// Profiling labels: rgo keeps one label set for the whole program rather than one per
// goroutine (no profile reads them back).
//
//go:linkname pprof_setProfLabel runtime/pprof.runtime_setProfLabel
func pprof_setProfLabel(labels unsafe.Pointer) { profLabelOfAnyG = labels }

//go:linkname pprof_getProfLabel runtime/pprof.runtime_getProfLabel
func pprof_getProfLabel() unsafe.Pointer { return profLabelOfAnyG }

//go:linkname pprof_goroutineleakcount runtime/pprof.runtime_goroutineleakcount
func pprof_goroutineleakcount() int { return 0 }

//go:linkname pprof_goroutineLeakGC runtime/pprof.runtime_goroutineLeakGC
func pprof_goroutineLeakGC() {}

//go:linkname trace_traceClockUnitsPerSecond runtime/trace.runtime_traceClockUnitsPerSecond
func trace_traceClockUnitsPerSecond() uint64 { return traceClockPerSecs }

//go:linkname traceAdvance
func traceAdvance(stopTrace bool) {}

//go:linkname traceClockNow
func traceClockNow() uint64 { return uint64(nanotime()) }

// User annotations (tasks, regions, logs) are trace events: with no trace, nothing is written.

//go:linkname trace_userTaskCreate runtime/trace.userTaskCreate
func trace_userTaskCreate(id, parentID uint64, taskType string) {}

//go:linkname trace_userTaskEnd runtime/trace.userTaskEnd
func trace_userTaskEnd(id uint64) {}

//go:linkname trace_userRegion runtime/trace.userRegion
func trace_userRegion(id, mode uint64, regionType string) {}

//go:linkname trace_userLog runtime/trace.userLog
func trace_userLog(id uint64, category, message string) {}
