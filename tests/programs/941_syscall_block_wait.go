package main

// Blocking system calls of several kinds (nanosleep, wait4 on a child, flock on a locked
// file) hand the P to another thread: the counting goroutine goes on meanwhile.

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func counter(stop chan bool, n *int) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		*n++
		time.Sleep(time.Millisecond)
	}
}

func during(name string, f func()) {
	stop := make(chan bool)
	n := 0
	done := make(chan bool)
	go func() { counter(stop, &n); done <- true }()
	f()
	stop <- true
	<-done
	fmt.Printf("%s: counter ran: %v\n", name, n >= 5)
}

func main() {
	during("nanosleep", func() {
		ts := syscall.NsecToTimespec(int64(50 * time.Millisecond))
		syscall.Nanosleep(&ts, nil)
	})

	during("wait4", func() {
		cmd := exec.Command("/bin/sleep", "0.05")
		if err := cmd.Run(); err != nil {
			fmt.Println("sleep:", err)
		}
	})

	f, err := os.CreateTemp("", "flock")
	if err != nil {
		panic(err)
	}
	defer os.Remove(f.Name())
	g, err := os.Open(f.Name())
	if err != nil {
		panic(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		panic(err)
	}
	go func() {
		time.Sleep(50 * time.Millisecond)
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	}()
	during("flock", func() {
		// Blocks until the goroutine above unlocks: it must get to run.
		if err := syscall.Flock(int(g.Fd()), syscall.LOCK_EX); err != nil {
			fmt.Println("flock:", err)
		}
	})
	fmt.Println("done")
}
