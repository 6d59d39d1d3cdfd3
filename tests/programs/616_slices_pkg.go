package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type Item struct {
	Name  string
	Price int
}

func main() {
	s := []int{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5}
	s2 := slices.Clone(s)
	slices.Sort(s2)
	fmt.Println(s, s2, slices.IsSorted(s2))
	fmt.Println(slices.Contains(s, 9), slices.Index(s, 5), slices.IndexFunc(s, func(v int) bool { return v > 4 }), slices.Max(s), slices.Min(s))
	i, found := slices.BinarySearch(s2, 5)
	fmt.Println(i, found)
	i, found = slices.BinarySearch(s2, 7)
	fmt.Println(i, found)
	fmt.Println(slices.Compact(slices.Clone(s2)), slices.Equal(s, s2), slices.Compare([]int{1, 2}, []int{1, 3}))
	r := slices.Clone(s)
	slices.Reverse(r)
	fmt.Println(r)
	fmt.Println(slices.Insert([]int{1, 2, 5}, 2, 3, 4), slices.Delete([]int{0, 1, 2, 3, 4}, 1, 3), slices.Replace([]int{0, 1, 2}, 1, 2, 7, 8, 9))
	fmt.Println(slices.DeleteFunc(slices.Clone(s), func(v int) bool { return v%2 == 1 }))
	c := slices.Grow([]int{1}, 10)
	fmt.Println(len(c), cap(c) >= 11, slices.Clip(c[:1:5]), cap(slices.Clip(c[:1:5])))
	items := []Item{{"pen", 3}, {"book", 12}, {"cup", 3}, {"lamp", 25}, {"ink", 12}}
	slices.SortStableFunc(items, func(a, b Item) int { return cmp.Compare(a.Price, b.Price) })
	fmt.Println(items)
	slices.SortFunc(items, func(a, b Item) int {
		return cmp.Or(cmp.Compare(b.Price, a.Price), strings.Compare(a.Name, b.Name))
	})
	fmt.Println(items)
	j, ok := slices.BinarySearchFunc([]Item{{"a", 1}, {"b", 5}, {"c", 9}}, 5, func(it Item, t int) int { return cmp.Compare(it.Price, t) })
	fmt.Println(j, ok)
	fmt.Println(slices.MaxFunc(items, func(a, b Item) int { return strings.Compare(a.Name, b.Name) }), slices.ContainsFunc(items, func(it Item) bool { return it.Price > 20 }))
	fmt.Println(slices.Concat([]string{"a"}, nil, []string{"b", "c"}), slices.Repeat([]int{1, 2}, 3))
	for i, v := range slices.All([]string{"x", "y"}) {
		fmt.Print(i, v, ";")
	}
	for v := range slices.Values([]int{7, 8}) {
		fmt.Print(v, ";")
	}
	for i, v := range slices.Backward([]int{1, 2, 3}) {
		fmt.Print(i, "=", v, ";")
	}
	fmt.Println()
	fmt.Println(slices.Collect(slices.Values([]int{4, 5, 6})), slices.Sorted(slices.Values([]string{"q", "a", "m"})), slices.AppendSeq([]int{0}, slices.Values([]int{1, 2})))
	for ch := range slices.Chunk([]int{1, 2, 3, 4, 5}, 2) {
		fmt.Print(ch, " ")
	}
	fmt.Println()
	fmt.Println(slices.SortedFunc(slices.Values([]int{3, 1, 2}), func(a, b int) int { return b - a }), slices.EqualFunc([]int{1, 2}, []string{"1", "2"}, func(a int, b string) bool { return fmt.Sprint(a) == b }))
	var nilS []int
	fmt.Println(slices.Clone(nilS) == nil, slices.Compact(nilS) == nil, len(slices.Concat[[]int]()))
}
