package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

type ctxKey string

func worker(ctx context.Context, id int, out chan<- string) {
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			out <- fmt.Sprintf("worker %d stopped: %v", id, ctx.Err())
			return
		case <-time.After(2 * time.Millisecond):
		}
	}
}

func main() {
	ctx := context.Background()
	fmt.Println(ctx, context.TODO(), ctx.Err(), ctx.Done() == nil)
	vctx := context.WithValue(ctx, ctxKey("user"), "alice")
	vctx2 := context.WithValue(vctx, ctxKey("role"), "admin")
	fmt.Println(vctx2.Value(ctxKey("user")), vctx2.Value(ctxKey("role")), vctx2.Value(ctxKey("none")), vctx2.Value("user"))
	cctx, cancel := context.WithCancel(vctx2)
	out := make(chan string)
	go worker(cctx, 1, out)
	time.Sleep(10 * time.Millisecond)
	cancel()
	fmt.Println(<-out)
	cancel()
	fmt.Println(cctx.Err(), errors.Is(cctx.Err(), context.Canceled), cctx.Value(ctxKey("user")))
	tctx, tcancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer tcancel()
	go worker(tctx, 2, out)
	fmt.Println(<-out)
	fmt.Println(errors.Is(tctx.Err(), context.DeadlineExceeded), context.Cause(tctx))
	_, hasDeadline := tctx.Deadline()
	_, noDeadline := ctx.Deadline()
	fmt.Println(hasDeadline, noDeadline)
	parent, pcancel := context.WithCancel(ctx)
	child, ccancel := context.WithTimeout(parent, time.Hour)
	defer ccancel()
	pcancel()
	<-child.Done()
	fmt.Println("child:", child.Err())
	myErr := errors.New("shutdown requested")
	cc, ccf := context.WithCancelCause(ctx)
	ccf(myErr)
	fmt.Println(cc.Err(), context.Cause(cc), context.Cause(ctx))
	dctx, dcancel := context.WithDeadlineCause(ctx, time.Now().Add(5*time.Millisecond), errors.New("too slow"))
	defer dcancel()
	<-dctx.Done()
	fmt.Println(dctx.Err(), context.Cause(dctx))
	tc, tcf := context.WithTimeoutCause(ctx, time.Hour, errors.New("unused"))
	tcf()
	fmt.Println(tc.Err(), context.Cause(tc))
	stopped := make(chan bool, 1)
	actx, acancel := context.WithCancel(ctx)
	stop := context.AfterFunc(actx, func() { stopped <- true })
	acancel()
	fmt.Println(<-stopped, stop())
	wctx := context.WithoutCancel(cctx)
	fmt.Println(wctx.Err(), wctx.Value(ctxKey("user")), wctx.Done() == nil)
	deadline := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	past, pc := context.WithDeadline(ctx, deadline)
	defer pc()
	fmt.Println(past.Err())
	fmt.Println(cctx)
}
