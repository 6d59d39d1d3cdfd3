package main

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

func main() {
	// A pipe between goroutines: the reader parks until the writer runs.
	r, w, err := os.Pipe()
	if err != nil {
		println(err.Error())
		return
	}
	go func() {
		for i := 0; i < 3; i++ {
			w.Write([]byte("line " + string(rune('a'+i)) + "\n"))
			time.Sleep(time.Millisecond)
		}
		w.Close()
	}()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		println("read:", sc.Text())
	}
	r.Close()

	// A read deadline on a pipe nobody writes to.
	r2, w2, _ := os.Pipe()
	r2.SetReadDeadline(time.Now().Add(10 * time.Millisecond))
	_, err = r2.Read(make([]byte, 1))
	println("deadline:", errors.Is(err, os.ErrDeadlineExceeded))
	w2.Close()
	r2.Close()

	// io.Pipe (channels and sync only).
	pr, pw := io.Pipe()
	go func() {
		io.WriteString(pw, strings.Repeat("x", 10000))
		pw.Close()
	}()
	b, _ := io.ReadAll(pr)
	println("io.Pipe:", len(b))

	// Child processes.
	out, err := exec.Command("echo", "hi", "there").Output()
	println("echo:", strings.TrimSpace(string(out)), err == nil)
	cmd := exec.Command("sh", "-c", "read x; echo got $x; exit 3")
	cmd.Stdin = strings.NewReader("input\n")
	out, err = cmd.Output()
	var ee *exec.ExitError
	println("sh:", strings.TrimSpace(string(out)), errors.As(err, &ee), cmd.ProcessState.ExitCode())
	_, err = exec.LookPath("surely-not-a-command-xyz")
	println("lookpath:", errors.Is(err, exec.ErrNotFound))
}
