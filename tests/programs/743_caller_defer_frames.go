package main

// runtime.Caller and runtime.Callers from deferred calls count frames as gc does: the
// function running its defers at exit (at its closing brace), gopanic during a panic, and
// sigpanic plus the faulting line for a nil dereference.

import (
	"fmt"
	"runtime"
	"strings"
)

func where(skip int) string {
	_, file, line, ok := runtime.Caller(skip + 1)
	if !ok {
		return "?"
	}
	return fmt.Sprintf("%s:%d", file[strings.LastIndex(file, "/")+1:], line)
}

// goFrames lists the Go functions on the stack above the caller, innermost first.
func goFrames() []string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(2, pcs)
	fr := runtime.CallersFrames(pcs[:n])
	var out []string
	for {
		f, more := fr.Next()
		if strings.HasPrefix(f.Function, "main.") {
			out = append(out, fmt.Sprintf("%s:%d", f.Function, f.Line))
		} else {
			out = append(out, f.Function)
		}
		if !more || f.Function == "main.main" {
			break
		}
	}
	return out
}

func normal() {
	defer func() {
		fmt.Println("normal exit:", where(1))
		fmt.Println(goFrames())
	}()
}

func panicking() {
	defer func() { recover() }()
	defer func() {
		fmt.Println("panic: caller 1 is gopanic:", strings.HasSuffix(where(1), ":0") || strings.Contains(where(1), "panic"))
		fmt.Println("panic: caller 2:", where(2))
	}()
	panic("x")
}

var sink int64

func deref(p *int64) {
	defer func() {
		recover()
		buf := make([]byte, 4096)
		s := string(buf[:runtime.Stack(buf, false)])
		fmt.Println("fault line in stack:", strings.Contains(s, ".go:66 "))
	}()
	v := *p
	sink = v
}

func loop() {
	for i := 0; i < 2; i++ {
		defer func() { fmt.Println("loop defer:", where(1)) }()
	}
}

func main() {
	normal()
	panicking()
	deref(nil)
	loop()
}
