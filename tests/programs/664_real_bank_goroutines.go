package main

import (
	"errors"
	"fmt"
	"sort"
	"sync"
)

var ErrInsufficient = errors.New("insufficient funds")
var ErrNoAccount = errors.New("no such account")

type Account struct {
	mu      sync.Mutex
	ID      int
	Owner   string
	balance int64
	history []int64
}

type Bank struct {
	mu       sync.RWMutex
	accounts map[int]*Account
	failed   int
	fmu      sync.Mutex
}

func (b *Bank) Open(id int, owner string, initial int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.accounts[id] = &Account{ID: id, Owner: owner, balance: initial}
}

func (b *Bank) get(id int) (*Account, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	a, ok := b.accounts[id]
	if !ok {
		return nil, fmt.Errorf("account %d: %w", id, ErrNoAccount)
	}
	return a, nil
}

func (b *Bank) Transfer(from, to int, amount int64) error {
	if from == to {
		return nil
	}
	fa, err := b.get(from)
	if err != nil {
		return err
	}
	ta, err := b.get(to)
	if err != nil {
		return err
	}
	first, second := fa, ta
	if first.ID > second.ID {
		first, second = second, first
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	if fa.balance < amount {
		b.fmu.Lock()
		b.failed++
		b.fmu.Unlock()
		return fmt.Errorf("transfer %d->%d of %d: %w", from, to, amount, ErrInsufficient)
	}
	fa.balance -= amount
	ta.balance += amount
	fa.history = append(fa.history, -amount)
	ta.history = append(ta.history, amount)
	return nil
}

func (b *Bank) Total() int64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	var t int64
	for _, a := range b.accounts {
		a.mu.Lock()
		t += a.balance
		a.mu.Unlock()
	}
	return t
}

func main() {
	bank := &Bank{accounts: map[int]*Account{}}
	owners := []string{"ann", "bob", "cid", "dee", "eve", "fay", "gus", "hal"}
	for i, o := range owners {
		bank.Open(i, o, int64(1000*(i+1)))
	}
	fmt.Println("initial total:", bank.Total())
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := uint32(w*7919 + 1)
			for i := 0; i < 500; i++ {
				x = x*1664525 + 1013904223
				from := int(x>>8) % len(owners)
				to := int(x>>16) % len(owners)
				amt := int64(x>>24) % 300
				bank.Transfer(from, to, amt)
			}
		}()
	}
	wg.Wait()
	fmt.Println("final total:", bank.Total(), "conserved:", bank.Total() == 36000)
	ids := make([]int, 0)
	for id := range bank.accounts {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	nonneg := true
	for _, id := range ids {
		a := bank.accounts[id]
		var net int64
		for _, h := range a.history {
			net += h
		}
		if a.balance < 0 || a.balance != int64(1000*(id+1))+net {
			nonneg = false
		}
	}
	fmt.Println("balances consistent with histories and non-negative:", nonneg)
	err := bank.Transfer(0, 99, 1)
	fmt.Println(err, errors.Is(err, ErrNoAccount))
	bank.Open(100, "poor", 5)
	bank.Open(101, "rich", 0)
	err = bank.Transfer(100, 101, 10)
	fmt.Println(err, errors.Is(err, ErrInsufficient))
	fmt.Println(bank.Transfer(100, 101, 5), bank.accounts[100].balance, bank.accounts[101].balance)
	var audit sync.WaitGroup
	results := make([]int64, 4)
	for i := range results {
		audit.Add(1)
		go func() {
			defer audit.Done()
			results[i] = bank.Total()
		}()
	}
	audit.Wait()
	fmt.Println(results)
}
