package main

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func adder(base int) func(int) int {
	return func(x int) int { return base + x }
}

func apply(xs []int, f func(int) int) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func main() {
	c1 := counter()
	c2 := counter()
	println(c1(), c1(), c1(), c2())
	add5 := adder(5)
	println(add5(10), adder(-1)(1))
	total := 0
	acc := func(x int) { total += x }
	for i := 1; i <= 10; i++ {
		acc(i)
	}
	println(total)
	factor := 3
	r := apply([]int{1, 2, 3}, func(x int) int { return x * factor })
	factor = 10 // captured by reference
	r2 := apply([]int{1, 2, 3}, func(x int) int { return x * factor })
	println(r[2], r2[2])
	// immediately invoked
	v := func(a, b int) int { return a*b + 1 }(6, 7)
	println(v)
	// closures sharing a variable
	x := 0
	inc := func() { x++ }
	get := func() int { return x }
	inc()
	inc()
	println(get(), x)
}
