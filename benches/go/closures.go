// Benchmark: closures: closures returned from functions (escaping, so heap
// allocated), closures built and called in loops capturing loop variables by
// value and by reference, shared captured counters, method values, a
// functional map/filter/reduce over slices with func arguments, composed
// closure pipelines and a recursive closure.
package main

type acc struct {
	total int
	scale int
}

func (a *acc) add(v int) { a.total += v*a.scale + 1 }

func (a acc) scaled(k int) int { return a.total*k + a.scale }

// makeAdder returns a closure capturing n by value; it escapes to the heap.
func makeAdder(n int) func(int) int {
	return func(x int) int { return x + n }
}

// makeCounter returns two closures sharing c, captured by reference: c and
// both closures live on the heap.
func makeCounter(step int) (func() int, func(int)) {
	c := 0
	return func() int { c += step; return c }, func(v int) { c = v }
}

func compose(f, g func(int) int) func(int) int {
	return func(x int) int { return g(f(x)) }
}

func mapInts(xs []int, f func(int) int) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func filterInts(xs []int, keep func(int) bool) []int {
	var out []int
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func reduce(xs []int, init int, f func(int, int) int) int {
	r := init
	for _, x := range xs {
		r = f(r, x)
	}
	return r
}

func apply(n int, f func(int) int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += f(i)
	}
	return s
}

func mix(h, v int) int {
	return (h^v)*1099511628211 + 7
}

func main() {
	h := 14695981039346656037 % 1000000007

	// 1. Escaping closures: adders built in a loop, composed into pipelines
	// and stored in a ring of funcs (three heap closures per iteration), and
	// called through it.
	s := 0
	ring := make([]func(int) int, 256)
	for i := range ring {
		ring[i] = makeAdder(i)
	}
	for i := 0; i < 1000000; i++ {
		ring[i&255] = compose(makeAdder(i&1023), makeAdder(-(i >> 3)))
		s += ring[(i*7)&255](i) + ring[(i*13+5)&255](i>>1)
	}
	h = mix(h, s)

	// 2. Non-escaping closures in a loop: capture the loop variable and a
	// per-iteration value by value, and an outer accumulator by reference.
	total := 0
	for i := 0; i < 10000000; i++ {
		k := i % 7
		f := func(x int) int { return x*k + i }
		total += f(i & 255)
		bump := func() { total += k - 3 }
		bump()
	}
	h = mix(h, total)

	// 3. Closures stored in a slice, each capturing its own loop variable.
	fs := make([]func() int, 0, 64)
	for round := 0; round < 2000; round++ {
		fs = fs[:0]
		for j := 0; j < 64; j++ {
			fs = append(fs, func() int { return j*j + round })
		}
		for _, g := range fs {
			s += g()
		}
	}
	h = mix(h, s)

	// 4. Counters sharing a captured variable.
	for i := 0; i < 100000; i++ {
		next, reset := makeCounter(i%5 + 1)
		for j := 0; j < 8; j++ {
			s += next()
		}
		reset(i & 15)
		s += next()
	}
	h = mix(h, s)

	// 5. Method values: bound to a pointer receiver and to a value receiver
	// (which copies the receiver when the method value is made).
	a := &acc{scale: 3}
	add := a.add
	for i := 0; i < 10000000; i++ {
		add(i & 1023)
	}
	scaled := a.scaled
	a.total = 0
	h = mix(h, scaled(5)+apply(1000, a.scaled))
	methods := []func(int){a.add, (&acc{scale: 2}).add}
	for i := 0; i < 1000000; i++ {
		methods[i&1](i)
	}
	h = mix(h, a.total)

	// 6. map/filter/reduce with func arguments over a slice.
	xs := make([]int, 4096)
	for i := range xs {
		xs[i] = (i*7919 + 13) % 10007
	}
	for r := 0; r < 400; r++ {
		ys := mapInts(xs, func(x int) int { return x*3 + r })
		zs := filterInts(ys, func(x int) bool { return x%5 != r%5 })
		s += reduce(zs, r, func(acc, x int) int { return acc ^ (x + acc>>3) })
	}
	h = mix(h, s)

	// 7. A recursive closure (it captures the variable it is assigned to).
	var fibc func(int) int
	fibc = func(n int) int {
		if n < 2 {
			return n
		}
		return fibc(n-1) + fibc(n-2)
	}
	h = mix(h, fibc(30))

	// 8. A closure pipeline built from a slice of stages.
	stages := []func(int) int{makeAdder(3), func(x int) int { return x * 5 }, makeAdder(-7)}
	pipe := func(x int) int { return x }
	for _, st := range stages {
		pipe = compose(pipe, st)
	}
	h = mix(h, apply(3000000, pipe))

	println("closures checksum:", h, "s:", s, "total:", total)
}
