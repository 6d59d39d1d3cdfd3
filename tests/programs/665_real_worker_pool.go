package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Job struct {
	ID    int
	Input string
}

type Result struct {
	JobID  int
	Worker int
	Digest string
	Err    error
}

var ErrEmpty = errors.New("empty input")

func process(j Job) (string, error) {
	if j.Input == "" {
		return "", fmt.Errorf("job %d: %w", j.ID, ErrEmpty)
	}
	sum := sha256.Sum256([]byte(strings.Repeat(j.Input, j.ID%5+1)))
	for i := 0; i < 200; i++ {
		sum = sha256.Sum256(sum[:])
	}
	return hex.EncodeToString(sum[:6]), nil
}

func main() {
	jobs := make(chan Job)
	results := make(chan Result, 8)
	var wg sync.WaitGroup
	const workers = 4
	perWorker := make([]int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := range jobs {
				d, err := process(j)
				perWorker[id]++
				results <- Result{j.ID, id, d, err}
			}
		}(w)
	}
	go func() {
		for i := 1; i <= 40; i++ {
			in := fmt.Sprintf("payload-%d", i*i)
			if i%13 == 0 {
				in = ""
			}
			jobs <- Job{i, in}
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var all []Result
	for r := range results {
		all = append(all, r)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].JobID < all[j].JobID })
	failed := 0
	for _, r := range all {
		if r.Err != nil {
			failed++
			fmt.Printf("job %2d: error %v (empty=%v)\n", r.JobID, r.Err, errors.Is(r.Err, ErrEmpty))
			continue
		}
		fmt.Printf("job %2d: %s\n", r.JobID, r.Digest)
	}
	total := 0
	for _, n := range perWorker {
		total += n
	}
	fmt.Println("results:", len(all), "failed:", failed, "processed:", total)
	sem := make(chan struct{}, 3)
	var mu sync.Mutex
	active, peak := 0, 0
	var wg2 sync.WaitGroup
	for i := 0; i < 12; i++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			sem <- struct{}{}
			mu.Lock()
			active++
			if active > peak {
				peak = active
			}
			mu.Unlock()
			process(Job{i, "x"})
			mu.Lock()
			active--
			mu.Unlock()
			<-sem
		}()
	}
	wg2.Wait()
	fmt.Println("peak concurrency within limit:", peak >= 1 && peak <= 3)
	var errOnce sync.Once
	var firstErr error
	var wg3 sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg3.Add(1)
		go func() {
			defer wg3.Done()
			if _, err := process(Job{i, ""}); err != nil {
				errOnce.Do(func() { firstErr = errors.New("at least one job failed") })
			}
		}()
	}
	wg3.Wait()
	fmt.Println(firstErr)
}
