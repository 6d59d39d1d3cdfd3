// Call stacks as values (gc's runtime/extern.go Caller/Callers and symtab.go Frames/Func).
// The walk over frame pointers and the pclntab look-ups are Rust (rt/src/symtab.rs); a *Func
// points at the function's _func record in the pclntab, as in gc.

package runtime

import "unsafe"

// Frame is the information CallersFrames returns for each call frame (gc's field set).
type Frame struct {
	PC        uintptr
	Func      *Func
	Function  string
	File      string
	Line      int
	startLine int
	Entry     uintptr
	funcInfo  uintptr
}

// Frames walks a slice of return PCs from Callers.
type Frames struct {
	callers []uintptr
}

// Func is a Go function in the running binary; a *Func is its _func record.
type Func struct {
	opaque struct{}
}

// callers stores up to len(pcbuf) return PCs of the current goroutine's frames, skipping
// `skip` frames (0 = the caller of callers), and returns how many it stored.
func callers(skip int, pcbuf []uintptr) int

// findfuncRecord returns the _func record of the function containing pc, or 0.
func findfuncRecord(pc uintptr) uintptr

// funcRecordName, funcRecordEntry and funcRecordFileLine read a _func record.
func funcRecordName(f uintptr) string
func funcRecordEntry(f uintptr) uintptr
func funcRecordFileLine(f uintptr, pc uintptr) (string, int)

// Caller reports file and line of the function invocation skip frames up (0 = Caller's caller).
func Caller(skip int) (pc uintptr, file string, line int, ok bool) {
	var rpc [1]uintptr
	if callers(skip+1, rpc[:]) < 1 {
		return
	}
	f := findfuncRecord(rpc[0] - 1)
	if f == 0 {
		return
	}
	pc = rpc[0] - 1
	file, line = funcRecordFileLine(f, pc)
	return pc, file, line, true
}

// Callers fills pc with the return PCs of the calling goroutine's frames; skip 0 is Callers
// itself, 1 its caller.
func Callers(skip int, pc []uintptr) int {
	if len(pc) == 0 {
		return 0
	}
	return callers(skip, pc)
}

// CallersFrames turns PCs from Callers into Frames.
func CallersFrames(callers []uintptr) *Frames {
	return &Frames{callers: callers}
}

// Next returns the next frame and whether more follow.
func (ci *Frames) Next() (frame Frame, more bool) {
	for len(ci.callers) > 0 {
		pc := ci.callers[0]
		ci.callers = ci.callers[1:]
		f := findfuncRecord(pc - 1)
		if f == 0 {
			continue
		}
		frame.PC = pc - 1
		frame.Func = (*Func)(unsafe.Pointer(f))
		frame.Function = funcNameForPrint(funcRecordName(f))
		frame.Entry = funcRecordEntry(f)
		frame.File, frame.Line = funcRecordFileLine(f, pc-1)
		frame.funcInfo = f
		break
	}
	return frame, len(ci.callers) > 0
}

// FuncForPC returns the function containing pc, or nil.
func FuncForPC(pc uintptr) *Func {
	f := findfuncRecord(pc)
	if f == 0 {
		return nil
	}
	return (*Func)(unsafe.Pointer(f))
}

// Name returns the function's name.
func (f *Func) Name() string {
	if f == nil {
		return ""
	}
	return funcNameForPrint(funcRecordName(uintptr(unsafe.Pointer(f))))
}

// Entry returns the function's entry address.
func (f *Func) Entry() uintptr {
	return funcRecordEntry(uintptr(unsafe.Pointer(f)))
}

// FileLine returns the file name and line number of pc within f.
func (f *Func) FileLine(pc uintptr) (file string, line int) {
	return funcRecordFileLine(uintptr(unsafe.Pointer(f)), pc)
}

// funcNameForPrint elides the type arguments of generic instances, as gc prints them:
// main.Max[int] → main.Max[...].
func funcNameForPrint(name string) string {
	i := -1
	for k := 0; k < len(name); k++ {
		if name[k] == '[' {
			i = k
			break
		}
	}
	if i < 0 {
		return name
	}
	for k := len(name) - 1; k > i; k-- {
		if name[k] == ']' {
			return name[:i] + "[...]" + name[k+1:]
		}
	}
	return name
}

// Stack formats a stack trace of the calling goroutine into buf and returns the number of
// bytes written. With all set gc adds the other goroutines; rgo formats the calling one only.
func Stack(buf []byte, all bool) int {
	if len(buf) == 0 {
		return 0
	}
	return stack(unsafe.Pointer(&buf[0]), len(buf))
}

// stack writes the calling goroutine's traceback into buf (rt/src/proc.rs).
func stack(buf unsafe.Pointer, n int) int
