package main

// Order of evaluation the spec does define: assignments happen in two
// phases, calls/receives happen left to right, && and || short-circuit.

var log string

func f(name string, v int) int {
	log += name
	return v
}

func idx(name string, i int) int {
	log += name
	return i
}

func main() {
	// two-phase assignment: operands of index expressions on the left and
	// all expressions on the right are evaluated first
	a := []int{0, 0, 0}
	i := 0
	i, a[i] = 1, 9
	println(i, a[0], a[1])
	x, y := 1, 2
	x, y = y, x+y
	println(x, y)
	b := []int{1, 2, 3}
	j := 0
	b[j], j = 10, 2
	println(b[0], b[2], j)
	// swaps through indexes
	b[0], b[2] = b[2], b[0]
	println(b[0], b[2])
	// function calls are evaluated left to right
	log = ""
	s := f("a", 1) + f("b", 2)*f("c", 3)
	println(s, log)
	log = ""
	arr := [3]int{}
	arr[idx("i", 1)] = f("v", 5)
	println(arr[1], log)
	log = ""
	m := map[int]int{}
	m[idx("k", 1)], m[idx("l", 2)] = f("x", 10), f("y", 20)
	println(m[1], m[2], log)
	log = ""
	_ = []int{f("1", 1), f("2", 2), f("3", 3)}
	println(log)
	log = ""
	println(f("p", 1), f("q", 2), f("r", 3))
	println(log)
	// short-circuit
	log = ""
	if f("A", 0) == 1 && f("B", 1) == 1 {
		println("no")
	}
	if f("C", 1) == 1 || f("D", 1) == 1 {
		println("yes")
	}
	println(log)
	// op-assignment evaluates the index once
	log = ""
	c := []int{5, 6, 7}
	c[idx("z", 2)] += 10
	println(c[2], log)
	// increment through pointer and map
	p := &c[0]
	*p++
	m[idx("m", 1)]++
	println(c[0], m[1], log)
}
