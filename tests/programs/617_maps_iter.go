package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

func main() {
	m := map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(keys)
	vals := slices.Sorted(maps.Values(m))
	fmt.Println(vals)
	for _, k := range keys {
		fmt.Print(k, "=", m[k], " ")
	}
	fmt.Println()
	c := maps.Clone(m)
	delete(c, "one")
	c["six"] = 6
	fmt.Println(len(m), len(c), maps.Equal(m, c), maps.Equal(m, maps.Clone(m)))
	maps.DeleteFunc(c, func(k string, v int) bool { return v%2 == 0 })
	fmt.Println(slices.Sorted(maps.Keys(c)))
	dst := map[string]int{"zero": 0, "one": 100}
	maps.Copy(dst, m)
	fmt.Println(dst)
	inv := maps.Collect(func(yield func(int, string) bool) {
		for k, v := range m {
			if !yield(v, strings.ToUpper(k)) {
				return
			}
		}
	})
	fmt.Println(inv)
	pairs := maps.All(map[int]bool{1: true, 2: false})
	total := 0
	for k, v := range pairs {
		if v {
			total += k * 10
		} else {
			total += k
		}
	}
	fmt.Println(total)
	ins := map[int]string{}
	maps.Insert(ins, slices.All([]string{"a", "b", "c"}))
	fmt.Println(ins)
	fmt.Println(maps.EqualFunc(map[int]string{1: "x"}, map[int]string{1: "X"}, strings.EqualFold))
	count := 0
	for k := range maps.Keys(m) {
		if len(k) > 3 {
			count++
		}
	}
	fmt.Println(count)
	groups := map[int][]string{}
	for _, w := range []string{"a", "bb", "cc", "d", "eee", "ff"} {
		groups[len(w)] = append(groups[len(w)], w)
	}
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		fmt.Println(k, groups[k])
	}
	big := map[int]int{}
	for i := 0; i < 1000; i++ {
		big[i*7%1009] = i
	}
	sum := 0
	for k, v := range big {
		sum += k ^ v
	}
	ks := slices.Sorted(maps.Keys(big))
	fmt.Println(len(big), sum, ks[:5], ks[len(ks)-3:])
	clear(big)
	fmt.Println(len(big))
}
