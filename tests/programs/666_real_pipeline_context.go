package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"
)

func generate(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 1; i <= n; i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func square(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			select {
			case out <- v * v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func merge(ctx context.Context, cs ...<-chan int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range c {
				select {
				case out <- v:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

var errTooBig = errors.New("value too big")

func runPipeline(parent context.Context, n, limit int) ([]int, error) {
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)
	src := generate(ctx, n)
	workers := make([]<-chan int, 3)
	for i := range workers {
		workers[i] = square(ctx, src)
	}
	var got []int
	for v := range merge(ctx, workers...) {
		if v > limit {
			cancel(fmt.Errorf("saw %d: %w", v, errTooBig))
			break
		}
		got = append(got, v)
	}
	sort.Ints(got)
	if err := context.Cause(ctx); err != nil {
		return got, err
	}
	return got, nil
}

func slowStage(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

func main() {
	got, err := runPipeline(context.Background(), 10, 1000)
	fmt.Println(got, err)
	sum := 0
	got, err = runPipeline(context.Background(), 1000, 1<<62)
	for _, v := range got {
		sum += v
	}
	fmt.Println(len(got), sum, err)
	got, err = runPipeline(context.Background(), 100, 50)
	fmt.Println(errors.Is(err, errTooBig), len(got) <= 7)
	for _, v := range got {
		if v > 50 {
			fmt.Println("unexpected", v)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	fmt.Println(slowStage(ctx, time.Millisecond))
	err = slowStage(ctx, 5*time.Second)
	fmt.Println(err, errors.Is(err, context.DeadlineExceeded))
	pctx, pcancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	errs := make([]error, 5)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = slowStage(pctx, time.Duration(i)*time.Hour+time.Hour)
		}()
	}
	time.Sleep(5 * time.Millisecond)
	pcancel()
	wg.Wait()
	fmt.Println(errs)
	tctx, tcancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer tcancel()
	count := 0
	for v := range generate(tctx, 1<<30) {
		_ = v
		count++
		if count == 1 {
			time.Sleep(60 * time.Millisecond)
		}
	}
	fmt.Println("stopped after deadline:", count >= 1, tctx.Err())
}
