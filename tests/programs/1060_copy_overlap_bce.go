package main

// copy and append with every small and medium length, overlapping forwards and backwards (the
// runtime's memmove takes a different path below and above 64 bytes), and index expressions
// whose bounds checks the backend removes or keeps: the values must match and out-of-range
// indexes must still panic with gc's message.

import (
	"fmt"
	"math"
)

func fill(b []byte) {
	for i := range b {
		b[i] = byte(i*7 + 3)
	}
}

func sum(b []byte) int {
	s := 0
	for i, c := range b {
		s += int(c) * (i + 1)
	}
	return s
}

func copies() {
	total := 0
	for n := 0; n <= 200; n++ {
		for shift := -3; shift <= 3; shift++ {
			buf := make([]byte, 260)
			fill(buf)
			src, dst := 20, 20+shift
			copy(buf[dst:dst+n], buf[src:src+n])
			total = total*31 + sum(buf)
			total %= 1000000007
		}
	}
	fmt.Println("overlapping copies:", total)
	var out []byte
	for i := 0; i < 300; i++ {
		chunk := make([]byte, i%70)
		fill(chunk)
		out = append(out, chunk...)
	}
	fmt.Println("appends:", len(out), sum(out))
}

// The loop variable is below len(s): no check is needed inside.
func prefixSums(s []int) {
	for i := 1; i < len(s); i++ {
		s[i] += s[i-1]
	}
}

// i < j and j checked: i needs no check of its own.
func reverse(a *[11]int, k int) {
	for i, j := 0, k; i < j; i, j = i+1, j-1 {
		a[i], a[j] = a[j], a[i]
	}
}

// A decrementing index that stays in range only because the loop condition says so.
func countDown(s []int) int {
	t := 0
	for i := len(s) - 1; i >= 0; i-- {
		t += s[i] * i
	}
	return t
}

// j >= 0 does not make j = i-1 an index below len(s) when i-1 wrapped around.
func wrapped(s []int, i int) int {
	j := i - 1
	if j >= 0 && i < len(s) {
		return s[j]
	}
	return -1
}

func mustPanic(name string, f func()) {
	defer func() {
		fmt.Println(name, "->", recover())
	}()
	f()
}

func main() {
	copies()
	s := []int{1, 2, 3, 4, 5, 6, 7, 8}
	prefixSums(s)
	fmt.Println(s, countDown(s))
	var a [11]int
	for i := range a {
		a[i] = i
	}
	reverse(&a, 10)
	fmt.Println(a)
	reverse(&a, 4)
	fmt.Println(a)
	mustPanic("reverse past the end", func() { reverse(&a, 11) })
	mustPanic("negative index", func() {
		x := -1
		for i := x; i < 3; i++ {
			_ = s[i]
		}
	})
	mustPanic("loop bound above len", func() {
		n := len(s) + 1
		t := 0
		for i := 0; i < n; i++ {
			t += s[i]
		}
		fmt.Println(t)
	})
	fmt.Println(wrapped(s, 3), wrapped(s, 0))
	mustPanic("wrapped index", func() { fmt.Println(wrapped(s, math.MinInt)) })
	mustPanic("slice beyond cap", func() {
		j := 3
		for i := 0; i < 12; i++ {
			j = i
		}
		fmt.Println(s[:j])
	})
}
