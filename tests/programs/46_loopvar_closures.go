package main

// Go 1.22 per-iteration loop variables, observed through closures.

func main() {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, f := range fs {
		print(f(), " ")
	}
	println()
	var gs []func() string
	for _, s := range []string{"a", "b", "c"} {
		gs = append(gs, func() string { return s })
	}
	for _, g := range gs {
		print(g(), " ")
	}
	println()
	var hs []func() int
	for i := range 3 {
		hs = append(hs, func() int { return i * 10 })
	}
	for _, h := range hs {
		print(h(), " ")
	}
	println()
	// the post statement operates on a fresh copy each iteration
	var ptrs []*int
	for i := 0; i < 3; i++ {
		ptrs = append(ptrs, &i)
		i += 0
	}
	println(*ptrs[0], *ptrs[1], *ptrs[2])
	// modification inside the body is carried into the next iteration's copy
	var ks []func() int
	for k := 0; k < 6; k++ {
		ks = append(ks, func() int { return k })
		k++
	}
	for _, f := range ks {
		print(f(), " ")
	}
	println()
	// a variable declared outside the loop is shared
	var shared []func() int
	j := 0
	for j = 0; j < 3; j++ {
		shared = append(shared, func() int { return j })
	}
	for _, f := range shared {
		print(f(), " ")
	}
	println()
}
