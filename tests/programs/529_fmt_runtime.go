package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"
)

type result struct {
	id  int
	val string
}

func worker(ctx context.Context, id int, out chan<- result, wg *sync.WaitGroup) {
	defer wg.Done()
	select {
	case <-time.After(time.Duration(id) * time.Millisecond):
		out <- result{id, strings.Repeat("*", id)}
	case <-ctx.Done():
		out <- result{id, "canceled: " + ctx.Err().Error()}
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	out := make(chan result, 10)
	var wg sync.WaitGroup
	for _, id := range []int{1, 3, 5, 200} {
		wg.Add(1)
		go worker(ctx, id, out, &wg)
	}
	wg.Wait()
	close(out)
	var rs []result
	for r := range out {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].id < rs[j].id })
	for _, r := range rs {
		fmt.Printf("%3d %q\n", r.id, r.val)
	}

	_, file, line, ok := runtime.Caller(0)
	fmt.Println(filepath.Base(file), line, ok)
	fmt.Println(runtime.FuncForPC(func() uintptr { pc, _, _, _ := runtime.Caller(0); return pc }()).Name())

	err := fmt.Errorf("wrapped: %w", os.ErrNotExist)
	fmt.Println(err, errors.Is(err, os.ErrNotExist))
	fmt.Printf("%v %+v %T\n", rs[0], rs[0], rs[0])
	bi, ok := debug.ReadBuildInfo()
	fmt.Println(ok, bi.Main.Path != "" || bi.Path != "")
	fmt.Fprintln(os.Stderr, "done", time.Duration(1500)*time.Millisecond)
}
