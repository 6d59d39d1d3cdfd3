package main

// Range over functions: the loop body becomes a closure that escapes into the iterator (rgo, like
// gc -l, does not inline), with the #state/#next/#rvN variables of gc's rewrite.

func count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func static(yield func(int) bool) {
	yield(1)
}

func sum(seq func(func(int) bool)) int {
	s := 0
	for x := range seq {
		s += x
	}
	return s
}

func find(seq func(func(int) bool), v int) (idx int, ok bool) {
	i := 0
	for x := range seq {
		if x == v {
			return i, true
		}
		i++
	}
	return -1, false
}

func unnamed(k int) (int, string) {
	for x := range count(5) {
		if x == k {
			return x, "found"
		}
	}
	return 0, ""
}

func labelled() int {
	n := 0
L:
	for i := 0; i < 3; i++ {
		for x := range count(3) {
			if x == 1 {
				continue L
			}
			n += x + i
		}
	}
	return n
}

func nested(m int) int {
	t := 0
	for x := range count(3) {
		for y := range count(3) {
			t += x * y * m
		}
	}
	return t
}

func st() int {
	s := 0
	for x := range static {
		s += x
	}
	return s
}

func closures() []func() int {
	var fs []func() int
	for x := range count(3) {
		fs = append(fs, func() int { return x })
	}
	return fs
}

func main() {
	println(sum(count(10)))
	println(find(count(10), 3))
	println(unnamed(3))
	println(labelled(), nested(2), st(), len(closures()))
}
