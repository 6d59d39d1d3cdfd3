package main

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Vec[T any] = []T
type IntPair[V any] = Pair[int, V]
type Set[T comparable] = map[T]bool

func Sum[T ~int | ~float64](v Vec[T]) T {
	var s T
	for _, x := range v {
		s += x
	}
	return s
}

func main() {
	var v Vec[int] = []int{1, 2, 3}
	println(Sum(v), Sum(Vec[float64]{0.5}))
	p := IntPair[string]{1, "x"}
	var q Pair[int, string] = p
	println(q.Key, q.Val)
	s := Set[string]{"a": true}
	println(len(s), s["a"])
	var x any = p
	_, ok := x.(Pair[int, string])
	println(ok)
}
