package bubble

import (
	"context"
	"fmt"
	"testing"
	"testing/synctest"
	"sync"
	"time"
)

func TestX(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		fmt.Println("start", start.UTC())
		time.Sleep(3 * time.Second)
		fmt.Println("slept", time.Since(start))
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		done := false
		go func() { <-ctx.Done(); done = true }()
		time.Sleep(4999 * time.Millisecond)
		synctest.Wait()
		fmt.Println("before", done)
		time.Sleep(time.Millisecond)
		synctest.Wait()
		fmt.Println("after", done, ctx.Err(), time.Since(start))
		var wg sync.WaitGroup
		for i := 0; i < 3; i++ {
			wg.Add(1)
			go func() { defer wg.Done(); time.Sleep(time.Duration(i) * time.Hour) }()
		}
		wg.Wait()
		fmt.Println("wg", time.Since(start))
		tk := time.NewTicker(time.Minute)
		for i := 0; i < 3; i++ {
			<-tk.C
		}
		tk.Stop()
		fmt.Println("ticker", time.Since(start))
		c := make(chan int)
		var mu sync.Mutex
		cond := sync.NewCond(&mu)
		go func() { mu.Lock(); cond.Wait(); mu.Unlock(); c <- 1 }()
		synctest.Wait()
		cond.Signal()
		fmt.Println(<-c)
		tm := time.AfterFunc(time.Second, func() { fmt.Println("afterfunc", time.Since(start)) })
		_ = tm
	})
	fmt.Println("real time again", time.Now().Year() > 2020)
	defer func() { fmt.Println("recovered:", recover()) }()
	synctest.Test(t, func(t *testing.T) {
		c := make(chan int)
		go func() { <-c }()
	})
}

// TestTimersSameInstant: timers due at the same instant fire in no fixed order, and a timer
// already due fires at once.
func TestTimersSameInstant(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		seen := map[int]bool{}
		for range 1000 {
			t1 := time.NewTimer(1)
			t2 := time.NewTimer(1)
			select {
			case <-t1.C:
				seen[1] = true
			case <-t2.C:
				seen[2] = true
			}
			synctest.Wait()
		}
		fmt.Println("both orders:", seen[1] && seen[2])
		tm := time.NewTimer(0)
		select {
		case <-tm.C:
			fmt.Println("zero timer fired at once")
		default:
			fmt.Println("zero timer pending")
		}
	})
}
