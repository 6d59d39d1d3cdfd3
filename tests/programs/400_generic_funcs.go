package main

type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~float32 | ~float64
}

func Max[T int | float64 | string](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
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

func Index[T comparable](xs []T, x T) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func Convert[From, To Number](x From) To { return To(x) }

func Zero[T any]() T {
	var z T
	return z
}

func Swap[T any](a, b *T) { *a, *b = *b, *a }

func Fib[T int | int64 | float64](n T) T {
	if n < 2 {
		return n
	}
	return Fib(n-1) + Fib(n-2)
}

func Identity[T any](x T) T { return x }

func Apply[T any](xs []T, f func(T) T) []T { return Map(xs, f) }

func Twice[T any](x T) [2]T { return [2]T{x, x} }

type Celsius float64
type MyInt int8

func Keys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func Count[K comparable](xs []K) map[K]int {
	m := make(map[K]int)
	for _, x := range xs {
		m[x]++
	}
	return m
}

func main() {
	println(Max(3, 7), Max(2.5, -1.0), Max("go", "rust"))
	println(Max[float64](1, 2))
	println(Sum(1, 2, 3), Sum[float64](0.5, 0.25), Sum[Celsius](10, 20.5), Sum[MyInt](100, 27, 1))
	println(Sum[int8](127, 1), Sum[uint8](255, 2))
	sq := Map([]int{1, 2, 3, 4}, func(x int) int { return x * x })
	println(len(sq), sq[0], sq[3])
	strs := Map(sq, func(x int) string { return string(rune('a' + x%26)) })
	println(strs[0] + strs[1] + strs[2] + strs[3])
	even := Filter(sq, func(x int) bool { return x%2 == 0 })
	println(len(even), even[0], even[1])
	total := Reduce([]string{"a", "bb", "ccc"}, 0, func(n int, s string) int { return n + len(s) })
	println(total)
	println(Index([]string{"x", "y", "z"}, "z"), Index([]float64{1, 2}, 3))
	println(Convert[float64, int](3.99), Convert[int, float32](7), Convert[int, MyInt](300))
	println(Zero[int](), Zero[string]() == "", Zero[*int]() == nil, Zero[[]int]() == nil)
	a, b := "left", "right"
	Swap(&a, &b)
	println(a, b)
	x, y := 1.5, 2.5
	Swap(&x, &y)
	println(x, y)
	println(Fib(20), Fib[int64](30), Fib(10.0))
	f := Identity[string]
	println(f("value"))
	g := Max[int]
	println(g(9, 8))
	println(len(Apply([]int{1, 2}, func(i int) int { return -i })))
	t := Twice(struct{ a, b int }{1, 2})
	println(t[1].a, t[1].b)
	ks := Keys(map[string]bool{"only": true})
	println(len(ks), ks[0])
	c := Count([]string{"a", "b", "a", "c", "a"})
	println(c["a"], c["b"], c["z"], len(c))
}
