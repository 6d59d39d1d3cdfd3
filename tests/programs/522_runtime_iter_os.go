package main

import (
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

func where() string {
	pc, file, line, ok := runtime.Caller(1)
	return runtime.FuncForPC(pc).Name() + " " + filepath.Base(file) + " " + itoa(line) + " " + btoa(ok)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

func btoa(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i * i) {
				return
			}
		}
	}
}

type T struct{}

func (T) M() string { return where() }

func main() {
	println(where())
	println(T{}.M())
	pcs := make([]uintptr, 10)
	n := runtime.Callers(1, pcs)
	fr := runtime.CallersFrames(pcs[:n])
	f, _ := fr.Next()
	println(f.Function, filepath.Base(f.File), f.Line)

	next, stop := iter.Pull(count(5))
	for {
		v, ok := next()
		if !ok {
			break
		}
		print(v, " ")
	}
	println()
	stop()
	next2, stop2 := iter.Pull(count(100))
	a, _ := next2()
	b, _ := next2()
	stop2()
	_, ok := next2()
	println(a, b, ok)

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer println("deferred before goexit")
		runtime.Goexit()
		println("not reached")
	}()
	wg.Wait()

	dir, err := os.MkdirTemp("", "rgo")
	if err != nil {
		println("mkdirtemp", err.Error())
		return
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(name, []byte("hello file\n"), 0o644); err != nil {
		println("write", err.Error())
	}
	data, err := os.ReadFile(name)
	println(string(data) == "hello file\n", err == nil)
	ents, _ := os.ReadDir(dir)
	println(len(ents), ents[0].Name())
	_, err = os.Stat(filepath.Join(dir, "missing"))
	println(os.IsNotExist(err), strings.Contains(err.Error(), "no such file"))
	println(runtime.NumGoroutine(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU() > 0)
	buf := make([]byte, 1024)
	s := string(buf[:runtime.Stack(buf, false)])
	println(strings.HasPrefix(s, "goroutine 1 [running]:\nmain.main("))
}
