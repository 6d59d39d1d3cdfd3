package main

func sum(nums ...int) int {
	t := 0
	for _, n := range nums {
		t += n
	}
	return t
}

func count(prefix string, vals ...string) int {
	println(prefix, len(vals), vals == nil)
	return len(vals)
}

func modify(xs ...int) {
	if len(xs) > 0 {
		xs[0] = -1
	}
}

func join(sep string, parts ...string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += sep
		}
		out += p
	}
	return out
}

func forward(xs ...int) int { return sum(xs...) }

func maxOf(first float64, rest ...float64) float64 {
	m := first
	for _, r := range rest {
		if r > m {
			m = r
		}
	}
	return m
}

func bytesLen(bs ...byte) int { return len(bs) }

func main() {
	println(sum(), sum(1), sum(1, 2, 3), sum([]int{4, 5, 6}...))
	count("none")
	count("two", "a", "b")
	count("nil", nil...)
	count("empty", []string{}...)
	// passing a slice shares it
	s := []int{1, 2, 3}
	modify(s...)
	println(s[0])
	// passing individual args makes a new slice
	a := 5
	modify(a, a)
	println(a)
	println(join(", ", "x", "y", "z"), join("-"), join("+", []string{"solo"}...))
	println(forward(10, 20, 30))
	println(maxOf(1), maxOf(1, 5, 3), maxOf(-1, -5))
	println(bytesLen([]byte("hello")...), bytesLen('a', 'b'))
	// variadic function values
	f := sum
	println(f(1, 1, 1))
	var g func(...int) int = forward
	println(g(s...))
	// large number of args
	println(sum(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20))
	// append is variadic too
	x := append([]int{}, s...)
	x = append(x, s[1:]...)
	println(len(x), x[4])
}
