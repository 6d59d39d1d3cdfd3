package main

// append(s, make([]T, n)...) grows s once and zeroes the new elements (gc's extendslice), with
// makeslice's panic for a negative n; slices.Equal[S] infers E from S's constraint.

import (
	"fmt"
	"slices"
	"testing"
)

func main() {
	fmt.Println(slices.Equal[[]string]([]string{"a"}, []string{"a"}))
	s := make([]int, 3, 10)
	full := s[:cap(s)]
	for i := range full {
		full[i] = 7
	}
	t := append(s, make([]int, 4)...)
	fmt.Println(t, len(t), cap(t))
	u := append(s[:3:3], make([]int, 2)...)
	fmt.Println(u, len(u))
	ps := []*int{new(int)}
	ps = append(ps, make([]*int, 3)...)
	fmt.Println(len(ps), ps[1] == nil)
	s2 := make([]int, 10, 12)
	fmt.Println(testing.AllocsPerRun(100, func() { _ = slices.Grow(s2, cap(s2)-len(s2)+1) }))
	defer func() { fmt.Println("recovered:", recover()) }()
	n := -1
	_ = append(s, make([]int, n)...)
}
