package main

// sort and slices without fmt.

import (
	"slices"
	"sort"
)

type byLen []string

func (b byLen) Len() int           { return len(b) }
func (b byLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b byLen) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func main() {
	x := uint32(7)
	xs := make([]int, 500)
	for i := range xs {
		x = x*1103515245 + 12345
		xs[i] = int(x>>16) % 1000
	}
	ys := slices.Clone(xs)
	sort.Ints(xs)
	slices.Sort(ys)
	println(slices.Equal(xs, ys), xs[0], xs[250], xs[499], sort.IntsAreSorted(xs))
	i, found := slices.BinarySearch(xs, xs[100])
	println(xs[i] == xs[100], found, slices.Index(xs, -1), slices.Contains(xs, xs[7]))
	words := []string{"ccc", "a", "bb", "dddd", "ee", "f"}
	sort.Stable(byLen(words))
	for _, w := range words {
		print(w, " ")
	}
	println()
	slices.SortFunc(words, func(a, b string) int {
		if a < b {
			return 1
		}
		if a > b {
			return -1
		}
		return 0
	})
	for _, w := range words {
		print(w, " ")
	}
	println()
	u := slices.Compact(ys)
	println(len(u), slices.Max(u), slices.Min(u))
	slices.Reverse(u)
	println(u[0], u[len(u)-1])
	idx := sort.Search(len(xs), func(k int) bool { return xs[k] >= 500 })
	println(idx)
	sum := 0
	for v := range slices.Values(xs[:10]) {
		sum += v
	}
	println(sum, len(slices.Collect(slices.Values(xs))))
}
