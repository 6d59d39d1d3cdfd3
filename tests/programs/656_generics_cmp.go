package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~float32 | ~float64
}

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func MaxOf[T cmp.Ordered](first T, rest ...T) T {
	m := first
	for _, x := range rest {
		m = max(m, x)
	}
	return m
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

type Set[T comparable] map[T]struct{}

func (s Set[T]) Add(vs ...T) {
	for _, v := range vs {
		s[v] = struct{}{}
	}
}

func SortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	return slices.Sorted(maps.Keys(m))
}

func GroupBy[T any, K comparable](xs []T, key func(T) K) map[K][]T {
	out := map[K][]T{}
	for _, x := range xs {
		k := key(x)
		out[k] = append(out[k], x)
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

type Stringer interface{ String() string }

type ID int

func (i ID) String() string { return "#" + strconv.Itoa(int(i)) }

func JoinAll[T Stringer](xs []T, sep string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = x.String()
	}
	return strings.Join(parts, sep)
}

type Employee struct {
	Name string
	Dept string
	Age  int
	Pay  float64
}

type MyFloat float64

func main() {
	fmt.Println(Sum(1, 2, 3), Sum(1.5, 2.25), Sum[uint8](200, 100), Sum(MyFloat(0.1), 0.2), Sum[int]())
	fmt.Println(MaxOf(3, 9, 2), MaxOf("pear", "apple", "zoo"), MaxOf(2.5), min(3, 1, 2), max("a", "b"))
	fmt.Println(cmp.Compare(1, 2), cmp.Compare("b", "a"), cmp.Compare(2.0, 2.0), cmp.Less(1, 2), cmp.Or(0, 0, 5, 6), cmp.Or("", "dflt"))
	nan := 0.0
	nan = nan / nan
	fmt.Println(cmp.Compare(nan, 1.0), cmp.Compare(1.0, nan), cmp.Compare(nan, nan), cmp.Less(nan, -1e308))
	var st Stack[string]
	st.Push("a")
	st.Push("b")
	v1, _ := st.Pop()
	v2, _ := st.Pop()
	v3, ok := st.Pop()
	fmt.Printf("%s %s %q %v\n", v1, v2, v3, ok)
	s := Set[int]{}
	s.Add(3, 1, 3, 2, 1)
	fmt.Println(len(s), SortedKeys(s))
	emps := []Employee{{"Ann", "eng", 34, 120}, {"Bob", "ops", 45, 90}, {"Cid", "eng", 28, 110}, {"Dee", "ops", 45, 95}, {"Eve", "eng", 34, 130}, {"Fay", "hr", 51, 70}}
	slices.SortFunc(emps, func(a, b Employee) int {
		return cmp.Or(cmp.Compare(a.Dept, b.Dept), -cmp.Compare(a.Age, b.Age), strings.Compare(a.Name, b.Name))
	})
	for _, e := range emps {
		fmt.Print(e.Dept, "/", e.Name, "/", e.Age, " ")
	}
	fmt.Println()
	groups := GroupBy(emps, func(e Employee) string { return e.Dept })
	for _, d := range SortedKeys(groups) {
		total := Reduce(groups[d], 0.0, func(a float64, e Employee) float64 { return a + e.Pay })
		fmt.Printf("%s: n=%d avg=%.2f\n", d, len(groups[d]), total/float64(len(groups[d])))
	}
	byAge := maps.Collect(func(yield func(int, string) bool) {
		for _, e := range emps {
			if !yield(e.Age, e.Name) {
				return
			}
		}
	})
	fmt.Println(len(byAge), SortedKeys(byAge))
	fmt.Println(JoinAll([]ID{3, 1, 4}, ", "))
	idx, found := slices.BinarySearchFunc(emps, "hr", func(e Employee, d string) int { return cmp.Compare(e.Dept, d) })
	fmt.Println(idx, found)
	fmt.Println(Reduce([]string{"a", "b", "c"}, "", func(acc, s string) string { return s + acc }))
	pair := func(a, b any) [2]any { return [2]any{a, b} }
	fmt.Println(pair(1, "x"))
}
