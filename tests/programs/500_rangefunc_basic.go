package main

type Seq[V any] func(yield func(V) bool)
type Seq2[K, V any] func(yield func(K, V) bool)

func count(n int) Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				println("  count stopped at", i)
				return
			}
		}
	}
}

func pairs(s []string) Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i, x := range s {
			if !yield(i, x) {
				return
			}
		}
	}
}

func times(n int) func(func() bool) {
	return func(yield func() bool) {
		for i := 0; i < n; i++ {
			if !yield() {
				return
			}
		}
	}
}

type List struct {
	vals []int
}

func (l *List) All(yield func(int, int) bool) {
	for i, v := range l.vals {
		if !yield(i, v) {
			return
		}
	}
}

func Map[T, U any](s Seq[T], f func(T) U) Seq[U] {
	return func(yield func(U) bool) {
		for x := range s {
			if !yield(f(x)) {
				return
			}
		}
	}
}

func Filter[T any](s Seq[T], keep func(T) bool) Seq[T] {
	return func(yield func(T) bool) {
		for x := range s {
			if keep(x) && !yield(x) {
				return
			}
		}
	}
}

func Collect[T any](s Seq[T]) []T {
	var out []T
	for x := range s {
		out = append(out, x)
	}
	return out
}

func find(s Seq[int], want int) (int, bool) {
	i := 0
	for x := range s {
		if x == want {
			return i, true
		}
		i++
	}
	return -1, false
}

func findNamed(s Seq2[int, string], want string) (idx int, err string) {
	err = "none"
	for i, x := range s {
		if x == want {
			idx = i
			return
		}
	}
	return -1, "not found"
}

func nestedReturn() (r int) {
	for i := range count(5) {
		for j := range count(5) {
			if i*j == 6 {
				return i*10 + j
			}
		}
	}
	return -1
}

func labels() {
outer:
	for i := range count(4) {
		for j := range count(4) {
			if j == 2 {
				continue outer
			}
			if i == 3 {
				break outer
			}
			println("labels", i, j)
		}
	}
	println("after labels")
}

func plainOuter() {
L:
	for k := 0; k < 3; k++ {
		for i := range count(5) {
			if i == 1 && k == 1 {
				continue L
			}
			if i == 2 && k == 2 {
				break L
			}
			println("plain", k, i)
		}
		println("end k", k)
	}
	println("after plain")
}

func gotoOut() {
	n := 0
again:
	n++
	for i := range count(10) {
		for j := range count(10) {
			if j == 1 && n < 3 {
				println("goto at", n, i, j)
				goto again
			}
			if j == 2 {
				goto done
			}
		}
	}
done:
	println("done n =", n)
}

func switchInBody() {
	for i := range count(6) {
		switch {
		case i == 1:
			continue
		case i == 4:
			break
		default:
			println("switch", i)
		}
		if i == 5 {
			break
		}
		println("tail", i)
	}
}

func assignForm() {
	var k int
	var v string
	arr := [3]string{}
	for k, v = range pairs([]string{"a", "b", "c"}) {
		arr[k] = v + v
	}
	println(k, v, arr[0], arr[1], arr[2])
	idx := 0
	for idx, arr[idx] = range pairs([]string{"x", "y"}) {
	}
	println(idx, arr[0], arr[1], arr[2])
}

func perIteration() {
	var fs []func() int
	for x := range count(3) {
		fs = append(fs, func() int { return x * 100 })
	}
	var ps []*int
	for x := range count(3) {
		ps = append(ps, &x)
	}
	for i, f := range fs {
		println("closure", f(), *ps[i])
	}
}

func main() {
	sum := 0
	for x := range count(5) {
		sum += x
	}
	println("sum", sum)
	for i, s := range pairs([]string{"p", "q"}) {
		println("pair", i, s)
	}
	n := 0
	for range times(4) {
		n++
	}
	println("times", n)
	for x := range count(10) {
		if x == 2 {
			println("break at 2")
			break
		}
	}
	l := &List{vals: []int{7, 8, 9}}
	for i, v := range l.All {
		println("method", i, v)
	}
	sq := Map(count(5), func(x int) string { return string(rune('a' + x)) })
	for s := range sq {
		print(s, " ")
	}
	println()
	ev := Collect(Filter(count(10), func(x int) bool { return x%2 == 0 }))
	println("evens", len(ev), ev[0], ev[4])
	println(find(count(10), 7))
	println(find(count(3), 7))
	println(findNamed(pairs([]string{"u", "v", "w"}), "w"))
	println(findNamed(pairs([]string{"u"}), "z"))
	println("nested", nestedReturn())
	labels()
	plainOuter()
	gotoOut()
	switchInBody()
	assignForm()
	perIteration()
	total := 0
	for i := range count(3) {
		for j := range count(3) {
			for k := range count(3) {
				if k > j {
					break
				}
				total += i + j + k
			}
		}
	}
	println("total", total)
}
