package main

// Timers and tickers that the program no longer references are collected (as in gc since Go
// 1.23): the runtime's timer heap holds a channel timer only while a goroutine waits on its
// channel. Also checks that such unheaped timers still deliver: lazily on a receive or a
// select poll, and by waking a blocked receiver.

import (
	"fmt"
	"runtime"
	"time"
)

func live() int64 {
	var s runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&s)
	return int64(s.Mallocs - s.Frees)
}

func check(what string, f func()) {
	const n = 10000
	before := live()
	for i := 0; i < n; i++ {
		f()
	}
	grew := live() - before
	fmt.Printf("%s collected: %v\n", what, grew < n)
}

func main() {
	check("After", func() { time.After(time.Hour) })
	check("Tick", func() { time.Tick(time.Hour) })
	check("NewTimer", func() { time.NewTimer(time.Hour) })
	check("NewTicker", func() { time.NewTicker(time.Hour) })

	// A due timer nobody waited on delivers on the next receive.
	t := time.NewTimer(time.Millisecond)
	time.Sleep(5 * time.Millisecond)
	select {
	case <-t.C:
		fmt.Println("polled: fired")
	default:
		fmt.Println("polled: not fired")
	}
	// Stop of a fired but unreceived timer reports pending under Go 1.23 semantics only if
	// the value was still buffered: it was received above, so false.
	fmt.Println("stop after receive:", t.Stop())

	t2 := time.NewTimer(time.Millisecond)
	time.Sleep(5 * time.Millisecond)
	fmt.Println("stop of due unreceived timer:", t2.Stop())
	fmt.Println("len of timer chan:", len(t2.C), cap(t2.C))

	// A blocked receiver is woken by the timer.
	tk := time.NewTicker(2 * time.Millisecond)
	for i := 0; i < 3; i++ {
		<-tk.C
	}
	tk.Stop()
	fmt.Println("ticker ticked 3 times")

	// A select blocked on two timers wakes for the earlier.
	a := time.NewTimer(time.Hour)
	b := time.NewTimer(3 * time.Millisecond)
	select {
	case <-a.C:
		fmt.Println("a")
	case <-b.C:
		fmt.Println("b first")
	}
	fmt.Println("reset of stopped:", a.Stop(), a.Reset(time.Millisecond))
	<-a.C
	fmt.Println("a after reset")
}
