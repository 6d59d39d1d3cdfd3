package main

func divmod(a, b int) (int, int) { return a / b, a % b }

func named(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func minmax(xs ...int) (lo, hi int) {
	if len(xs) == 0 {
		return
	}
	lo, hi = xs[0], xs[0]
	for _, x := range xs[1:] {
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
	}
	return lo, hi
}

func swap(a, b string) (string, string) { return b, a }

func lookup(key string) (val int, ok bool) {
	switch key {
	case "a":
		return 1, true
	case "b":
		val = 2
		ok = true
	}
	return
}

func threeKinds() (int8, string, float64) { return -1, "three", 3.5 }

func manyResults() (a, b, c, d, e, f, g, h, i, j int) {
	return 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
}

func bigStruct() (s [5]int, t string) {
	for i := range s {
		s[i] = i * i
	}
	t = "big"
	return
}

func shadowNamed(x int) (r int) {
	r = x
	{
		r := 100 // shadows the result
		_ = r
	}
	return
}

func passThrough(a, b int) (int, int) { return divmod(a, b) }
func sum2(a, b int) int               { return a + b }

func main() {
	q, r := divmod(17, 5)
	println(q, r)
	q, r = named(-17, 5)
	println(q, r)
	println(minmax(4, -2, 9, 0))
	println(minmax())
	a, b := swap("x", "y")
	println(a, b)
	v, ok := lookup("a")
	println(v, ok)
	v, ok = lookup("b")
	println(v, ok)
	v, ok = lookup("c")
	println(v, ok)
	println(threeKinds())
	println(manyResults())
	s, t := bigStruct()
	println(s[4], t)
	println(shadowNamed(5))
	println(sum2(passThrough(23, 4)))
	// ignoring results with blank
	_, r2 := divmod(100, 7)
	q2, _ := divmod(100, 7)
	println(q2, r2)
	// swapping through a multi-value assignment
	x, y, z := 1, 2, 3
	x, y, z = z, x, y
	println(x, y, z)
	// results assigned to array elements and map entries
	var arr [2]int
	m := map[string]int{}
	arr[0], m["r"] = divmod(50, 8)
	println(arr[0], m["r"])
}
