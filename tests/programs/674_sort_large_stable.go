package main

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strconv"
)

type rec struct {
	key   int
	group string
	seq   int
}

func digest(rs []rec) string {
	h := fnv.New64a()
	for _, r := range rs {
		h.Write([]byte(strconv.Itoa(r.key) + r.group + strconv.Itoa(r.seq) + ";"))
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

func main() {
	x := uint64(42)
	next := func() uint64 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return x
	}
	groups := []string{"red", "green", "blue", "cyan", "magenta"}
	base := make([]rec, 10000)
	for i := range base {
		base[i] = rec{int(next() % 100), groups[next()%5], i}
	}
	a := slices.Clone(base)
	slices.SortStableFunc(a, func(p, q rec) int { return cmp.Compare(p.key, q.key) })
	b := slices.Clone(base)
	sort.SliceStable(b, func(i, j int) bool { return b[i].key < b[j].key })
	fmt.Println("stable equal:", slices.Equal(a, b), digest(a))
	c := slices.Clone(base)
	slices.SortStableFunc(c, func(p, q rec) int {
		return cmp.Or(cmp.Compare(p.group, q.group), cmp.Compare(q.key, p.key))
	})
	fmt.Println(digest(c), c[0], c[len(c)-1])
	ints := make([]int, 50000)
	for i := range ints {
		ints[i] = int(next() % 1000000)
	}
	s1 := slices.Clone(ints)
	slices.Sort(s1)
	s2 := slices.Clone(ints)
	sort.Ints(s2)
	fmt.Println(slices.Equal(s1, s2), s1[0], s1[25000], s1[49999], slices.IsSorted(s1))
	u := slices.Compact(slices.Clone(s1))
	fmt.Println("distinct:", len(u))
	strs := make([]string, 3000)
	for i := range strs {
		strs[i] = strconv.FormatUint(next()%100000, 36)
	}
	slices.Sort(strs)
	fmt.Println(strs[:5], strs[len(strs)-3:])
	fl := make([]float64, 1000)
	for i := range fl {
		fl[i] = float64(int64(next()%2000)-1000) / 7
	}
	slices.Sort(fl)
	fmt.Println(fl[0], fl[500], fl[999])
	idx, found := slices.BinarySearch(s1, s1[12345])
	fmt.Println(s1[idx] == s1[12345], found)
	rev := slices.Clone(s1[:10])
	slices.Reverse(rev)
	fmt.Println(rev)
}
