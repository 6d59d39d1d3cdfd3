package main

// Functions gc computes on amd64 with assembly (Exp, Log, Hypot; see
// GOROOT/src/math/*_amd64.s) and the functions whose pure-Go code calls them.
// Kept apart from 633 so that a difference in the assembly paths stays isolated.

import (
	"fmt"
	"math"
)

const fnvOffset = 14695981039346656037
const fnvPrime = 1099511628211

func hashBits(h uint64, v float64) uint64 {
	b := math.Float64bits(v)
	for i := 0; i < 8; i++ {
		h ^= b & 0xff
		h *= fnvPrime
		b >>= 8
	}
	return h
}

func inputs(lo, hi float64, n int) []float64 {
	xs := make([]float64, 0, n+16)
	for i := 0; i < n; i++ {
		xs = append(xs, lo+(hi-lo)*float64(i)/float64(n-1))
	}
	xs = append(xs, 0, math.Copysign(0, -1), 1, -1, 0.5, 1e-300, 1e300, math.Inf(1), math.Inf(-1), math.NaN(), math.Pi)
	return xs
}

func main() {
	fns := []struct {
		name   string
		f      func(float64) float64
		lo, hi float64
	}{
		{"Exp", math.Exp, -745, 710}, {"Log", math.Log, 1e-10, 1e10}, {"Log2", math.Log2, 1e-5, 1e5}, {"Log10", math.Log10, 1e-5, 1e5},
		{"Sinh", math.Sinh, -30, 30}, {"Cosh", math.Cosh, -30, 30}, {"Tanh", math.Tanh, -30, 30},
		{"Asinh", math.Asinh, -1e3, 1e3}, {"Acosh", math.Acosh, 1, 1e3}, {"Gamma", math.Gamma, -20.5, 30},
		{"Erf", math.Erf, -6, 6}, {"Erfc", math.Erfc, -6, 6}, {"Erfinv", math.Erfinv, -1, 1},
		{"Y0", math.Y0, 0, 40}, {"Y1", math.Y1, 0, 40},
	}
	for _, f := range fns {
		h := uint64(fnvOffset)
		xs := inputs(f.lo, f.hi, 1000)
		for _, x := range xs {
			h = hashBits(h, f.f(x))
		}
		fmt.Printf("%-6s n=%d hash=%016x f(0.7)=%v f(2.5)=%v\n", f.name, len(xs), h, f.f(0.7), f.f(2.5))
	}
	h, hh := uint64(fnvOffset), uint64(fnvOffset)
	for _, x := range inputs(-10, 10, 40) {
		for _, y := range inputs(-5, 5, 30) {
			h = hashBits(h, math.Pow(x, y))
			hh = hashBits(hh, math.Hypot(x, y))
		}
	}
	fmt.Printf("Pow hash=%016x Hypot hash=%016x\n", h, hh)
	h = fnvOffset
	for n := -3; n < 10; n++ {
		for _, x := range inputs(0.1, 30, 100) {
			h = hashBits(h, math.Jn(n, x))
			h = hashBits(h, math.Yn(n, x))
		}
	}
	lg, sign := math.Lgamma(-2.5)
	fmt.Printf("Jn/Yn hash=%016x Lgamma(-2.5)=%v %d\n", h, lg, sign)
	fmt.Println(math.Pow(2, 0.5), math.Pow(-8, 1.0/3), math.Pow(0, -1), math.Exp(1), math.Log(math.E), math.Hypot(3, 4), math.Gamma(5), math.Exp(-1000), math.Exp(710))
}
