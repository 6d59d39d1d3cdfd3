package main

import (
	"fmt"
	"sort"
	"strings"
)

type Person struct {
	Name string
	Age  int
}

type ByAge []Person

func (a ByAge) Len() int           { return len(a) }
func (a ByAge) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }
func (a ByAge) Less(i, j int) bool { return a[i].Age < a[j].Age }

func main() {
	ints := []int{5, 2, 8, -1, 9, 2, 0, 7}
	sort.Ints(ints)
	fmt.Println(ints, sort.IntsAreSorted(ints), sort.SearchInts(ints, 7), sort.SearchInts(ints, 6))
	fl := []float64{2.5, -1, 3.25, 0}
	sort.Float64s(fl)
	fmt.Println(fl)
	ss := []string{"pear", "apple", "fig", "Banana", "cherry"}
	sort.Strings(ss)
	fmt.Println(ss, sort.SearchStrings(ss, "cherry"))
	people := []Person{{"Alice", 30}, {"Bob", 25}, {"Carol", 35}, {"Dan", 25}, {"Eve", 30}, {"Frank", 20}}
	sort.Stable(ByAge(people))
	fmt.Println(people)
	sort.Sort(sort.Reverse(ByAge(people)))
	fmt.Println(people[0], people[len(people)-1])
	sort.SliceStable(people, func(i, j int) bool { return people[i].Name > people[j].Name })
	fmt.Println(people)
	sort.Slice(people, func(i, j int) bool {
		if people[i].Age != people[j].Age {
			return people[i].Age < people[j].Age
		}
		return people[i].Name < people[j].Name
	})
	fmt.Println(people)
	idx := sort.Search(100, func(i int) bool { return i*i >= 50 })
	fmt.Println(idx)
	pos, found := sort.Find(len(ss), func(i int) int { return strings.Compare("fig", ss[i]) })
	fmt.Println(pos, found)
	rs := sort.StringSlice{"c", "a", "b"}
	rs.Sort()
	fmt.Println(rs, rs.Search("b"))
	big := make([]int, 2000)
	x := uint32(12345)
	for i := range big {
		x = x*1664525 + 1013904223
		big[i] = int(x >> 16 % 1000)
	}
	sort.Ints(big)
	sum := 0
	for i, v := range big {
		sum += i * v
	}
	fmt.Println(big[0], big[999], big[1999], sum, sort.IntsAreSorted(big))
	pairs := make([]Person, 300)
	for i := range pairs {
		x = x*1664525 + 1013904223
		pairs[i] = Person{fmt.Sprint("p", i), int(x >> 20 % 10)}
	}
	sort.Stable(ByAge(pairs))
	for _, p := range pairs[:12] {
		fmt.Print(p.Name, ":", p.Age, " ")
	}
	fmt.Println()
}
