package main

type Pair[A, B any] struct {
	First  A
	Second B
}

func MakePair[A, B any](a A, b B) Pair[A, B] { return Pair[A, B]{a, b} }

func Zip[A, B any](as []A, bs []B) []Pair[A, B] {
	n := len(as)
	if len(bs) < n {
		n = len(bs)
	}
	out := make([]Pair[A, B], n)
	for i := range out {
		out[i] = MakePair(as[i], bs[i])
	}
	return out
}

func Counter[T comparable]() (func(T) int, func() int) {
	seen := map[T]int{}
	total := 0
	add := func(x T) int {
		seen[x]++
		total++
		return seen[x]
	}
	return add, func() int { return total }
}

func Compose[A, B, C any](f func(A) B, g func(B) C) func(A) C {
	return func(x A) C { return g(f(x)) }
}

func Memo[K comparable, V any](f func(K) V) func(K) V {
	cache := make(map[K]V)
	return func(k K) V {
		if v, ok := cache[k]; ok {
			return v
		}
		v := f(k)
		cache[k] = v
		return v
	}
}

type Box[T any] struct{ v T }

func (b Box[T]) Map(f func(T) T) Box[T] { return Box[T]{f(b.v)} }

func Wrap[T any](v T) Box[Box[T]] { return Box[Box[T]]{Box[T]{v}} }

func Outer[T any](x T) []T {
	inner := func(n int) []T {
		out := []T{}
		for i := 0; i < n; i++ {
			out = append(out, x)
		}
		return out
	}
	return inner(3)
}

func Generate[T any](n int, f func(int) T) <-chan T {
	ch := make(chan T)
	go func() {
		for i := 0; i < n; i++ {
			ch <- f(i)
		}
		close(ch)
	}()
	return ch
}

func Deferred[T any](x T) (out []T) {
	defer func() { out = append(out, x) }()
	out = append(out, x, x)
	return out
}

func Recursive[T any](xs []T, f func(T)) {
	if len(xs) == 0 {
		return
	}
	f(xs[0])
	Recursive(xs[1:], f)
}

type Num interface{ ~int | ~float64 }

func Scale[T Num](k T) func(T) T { return func(x T) T { return k * x } }

func main() {
	z := Zip([]int{1, 2, 3}, []string{"a", "b"})
	println(len(z), z[0].First, z[0].Second, z[1].First, z[1].Second)
	add, total := Counter[string]()
	add("x")
	add("y")
	println(add("x"), total())
	f := Compose(func(i int) float64 { return float64(i) / 2 }, func(f float64) string {
		if f > 1 {
			return "big"
		}
		return "small"
	})
	println(f(1), f(5))
	calls := 0
	sq := Memo(func(n int) int { calls++; return n * n })
	println(sq(4), sq(4), sq(5), calls)
	b := Box[int]{2}.Map(func(x int) int { return x * 21 })
	println(b.v)
	w := Wrap("deep")
	println(w.v.v)
	o := Outer(1.5)
	println(len(o), o[2])
	sum := 0
	for v := range Generate(5, func(i int) int { return i * i }) {
		sum += v
	}
	println(sum)
	for s := range Generate(2, func(i int) string { return string(rune('A' + i)) }) {
		print(s)
	}
	println()
	d := Deferred("d")
	println(len(d), d[2])
	Recursive([]string{"r1", "r2"}, func(s string) { print(s, " ") })
	println()
	println(Scale(3)(4), Scale(0.5)(3))
	nested := MakePair(MakePair(1, "one"), []Pair[string, bool]{{"t", true}})
	println(nested.First.Second, nested.Second[0].First, nested.Second[0].Second)
}
