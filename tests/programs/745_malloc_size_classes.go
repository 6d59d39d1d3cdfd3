package main

// Allocations of 1017..1024 bytes (between the two size-class tables) and the capacities
// append grows to around them.

import "fmt"

type node struct {
	next *node
	pad  [120]byte
}

func main() {
	for n := 1010; n <= 1030; n++ {
		b := make([]byte, n)
		b[n-1] = 1
		fmt.Print(len(b), " ", cap(b), " ")
	}
	fmt.Println()
	for n := 250; n <= 258; n++ {
		r := make([]rune, 0, n)
		for i := 0; i < n; i++ {
			r = append(r, rune('a'+i%26))
		}
		fmt.Print(cap(r), " ", string(r[n-3:]), " ")
	}
	fmt.Println()
	var ps []*int
	for i := 0; i < 300; i++ {
		v := i
		ps = append(ps, &v)
	}
	fmt.Println(len(ps), cap(ps), *ps[127], *ps[299])
	ns := make([]node, 8)
	for i := range ns {
		if i > 0 {
			ns[i].next = &ns[i-1]
		}
	}
	fmt.Println(len(ns), ns[7].next == &ns[6])
}
