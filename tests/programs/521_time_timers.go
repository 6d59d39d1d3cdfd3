package main

import (
	"context"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(20 * time.Millisecond)
	el := time.Since(start)
	println("slept", el >= 20*time.Millisecond, el < 2*time.Second)

	t := time.NewTimer(10 * time.Millisecond)
	<-t.C
	println("timer fired")

	tk := time.NewTicker(5 * time.Millisecond)
	n := 0
	for range tk.C {
		n++
		if n == 3 {
			break
		}
	}
	tk.Stop()
	println("ticks", n)

	done := make(chan int)
	time.AfterFunc(5*time.Millisecond, func() { done <- 42 })
	println("afterfunc", <-done)

	t2 := time.NewTimer(time.Hour)
	println("stop", t2.Stop())

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Millisecond)
	defer cancel()
	select {
	case <-ctx.Done():
		println("ctx", ctx.Err().Error())
	case <-time.After(time.Second):
		println("too slow")
	}

	ch := make(chan int)
	go func() {
		time.Sleep(5 * time.Millisecond)
		ch <- 1
	}()
	select {
	case v := <-ch:
		println("got", v)
	case <-time.After(time.Second):
		println("timeout")
	}

	d := 90 * time.Minute
	println(d.String())
	tm := time.Date(2024, time.March, 5, 14, 7, 9, 0, time.UTC)
	println(tm.Format(time.RFC3339), tm.Format("Mon Jan 2 15:04:05 2006"), tm.Weekday().String())
	println(tm.Add(36 * time.Hour).Format(time.DateTime))
	p, err := time.Parse("2006-01-02", "2023-11-30")
	println(p.Year(), p.Month().String(), p.Day(), err == nil)
}
