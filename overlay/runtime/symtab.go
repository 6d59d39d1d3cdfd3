// Callers, frames and function information from the pclntab (gc's symtab.go, traceback.go,
// extern.go). rgo does not inline, so every frame is a real call and File/Line are the call's.

package runtime

import "unsafe"

// Caller reports file and line number information about function invocations on the calling
// goroutine's stack. skip 0 identifies the caller of Caller.
func Caller(skip int) (pc uintptr, file string, line int, ok bool) {
	var rpc [1]uintptr
	if callers(skip+1, &rpc[0], 1) < 1 {
		return
	}
	frame, _ := CallersFrames(rpc[:]).Next()
	return frame.PC, frame.File, frame.Line, frame.PC != 0
}

// Callers fills pc with the return program counters of function invocations on the calling
// goroutine's stack. skip 0 identifies the frame of Callers itself.
func Callers(skip int, pc []uintptr) int {
	if len(pc) == 0 {
		return 0
	}
	return callers(skip, &pc[0], len(pc))
}

// Frames may be used to get function/file/line information for a slice of PC values
// returned by Callers.
type Frames struct {
	callers []uintptr
}

// Frame is the information returned by Frames for each call frame.
type Frame struct {
	PC        uintptr
	Func      *Func
	Function  string
	File      string
	Line      int
	startLine int
	Entry     uintptr
}

// CallersFrames takes a slice of PCs returned by Callers and prepares to return
// function/file/line information.
func CallersFrames(callers []uintptr) *Frames {
	return &Frames{callers: callers}
}

// Next returns a Frame representing the next call frame in the slice of PC values, and
// whether there are more frames.
func (ci *Frames) Next() (frame Frame, more bool) {
	for len(ci.callers) > 0 {
		pc := ci.callers[0]
		ci.callers = ci.callers[1:]
		entry := funcentry(pc)
		if entry == 0 {
			continue
		}
		// The stored pc follows the call; the call's line is the one at pc-1.
		if pc > entry {
			pc--
		}
		frame = Frame{
			PC:       pc,
			Func:     &Func{entry: entry},
			Function: funcNameForPrint(funcname(pc)),
			File:     funcfile(pc),
			Line:     funcline(pc),
			Entry:    entry,
		}
		break
	}
	return frame, len(ci.callers) > 0
}

// A Func represents a Go function in the running binary.
type Func struct {
	entry uintptr
}

// FuncForPC returns a *Func describing the function that contains the given program counter
// address, or else nil.
func FuncForPC(pc uintptr) *Func {
	entry := funcentry(pc)
	if entry == 0 {
		return nil
	}
	return &Func{entry: entry}
}

// Name returns the name of the function.
func (f *Func) Name() string {
	if f == nil {
		return ""
	}
	return funcNameForPrint(funcname(f.entry))
}

// Entry returns the entry address of the function.
func (f *Func) Entry() uintptr {
	if f == nil {
		return 0
	}
	return f.entry
}

// FileLine returns the file name and line number of the source code corresponding to the
// program counter pc.
func (f *Func) FileLine(pc uintptr) (file string, line int) {
	return funcfile(pc), funcline(pc)
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
	j := -1
	for k := len(name) - 1; k > i; k-- {
		if name[k] == ']' {
			j = k
			break
		}
	}
	if j < 0 {
		return name
	}
	return name[:i] + "[...]" + name[j+1:]
}

// Stack formats a stack trace of the calling goroutine into buf and returns the number of
// bytes written. With all set gc adds the other goroutines; rgo formats the calling one only.
func Stack(buf []byte, all bool) int {
	if len(buf) == 0 {
		return 0
	}
	return stack(unsafe.Pointer(&buf[0]), len(buf))
}

func stack(buf unsafe.Pointer, n int) int
