package main

// Package-level variables are initialized in dependency order, not
// declaration order; independent ones in declaration order.

var (
	a = c + b // depends on b and c
	b = f("b", 1)
	c = f("c", 2)
	d = f("d", 3) + total
)

var total = sumOf(x, y, z)
var x, y, z = f("x", 10), f("y", 20), f("z", 30)

var trace string

func f(name string, v int) int {
	trace += name + " "
	println("init", name, v)
	return v
}

func sumOf(vs ...int) int {
	s := 0
	for _, v := range vs {
		s += v
	}
	println("sumOf", s)
	return s
}

var table = buildTable()

func buildTable() []int {
	println("buildTable, first =", first)
	t := make([]int, first)
	for i := range t {
		t[i] = i * i
	}
	return t
}

var first = f("first", 4)

var (
	m     = map[string]int{"k": kval}
	kval  = f("kval", 7)
	arr   = [3]int{a, b, c}
	ptr   = &arr[1]
	str   = "s" + str2
	str2  = "t"
	fl    = float64(a) / 2
	nilV  []int
	zeroV int
)

func main() {
	println(a, b, c, d, total)
	println(trace)
	println(len(table), table[3], m["k"], arr[0], *ptr, str, fl, nilV == nil, zeroV)
}
