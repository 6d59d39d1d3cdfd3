package main

import (
	"fmt"
	"math"
)

// gc computes every function here in pure Go on amd64, except Floor, Ceil, Trunc, Max and Min
// (floor_amd64.s, dim_amd64.s) and Sqrt/FMA (instructions), whose results are exact, so any
// correct implementation gives the same bits. Exp, Log and Hypot (exp_amd64.s, log_amd64.s,
// hypot_amd64.s) and the functions built on them are in 634.

type fn1 struct {
	name string
	f    func(float64) float64
	lo   float64
	hi   float64
}

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
		t := float64(i) / float64(n-1)
		xs = append(xs, lo+(hi-lo)*t)
	}
	seed := uint64(0x9e3779b97f4a7c15)
	for i := 0; i < 200; i++ {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		t := float64(seed>>11) / (1 << 53)
		xs = append(xs, lo+(hi-lo)*t)
	}
	xs = append(xs, 0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 1e-300, -1e-300, 1e300, math.Inf(1), math.Inf(-1), math.NaN(), math.Pi, math.Pi/2, math.MaxFloat64, math.SmallestNonzeroFloat64)
	return xs
}

func main() {
	fns := []fn1{
		{"Sin", math.Sin, -20, 20}, {"Cos", math.Cos, -20, 20}, {"Tan", math.Tan, -10, 10},
		{"Asin", math.Asin, -1, 1}, {"Acos", math.Acos, -1, 1}, {"Atan", math.Atan, -50, 50},
		{"Atanh", math.Atanh, -1, 1}, {"Sqrt", math.Sqrt, 0, 1e6}, {"Cbrt", math.Cbrt, -1e6, 1e6},
		{"Log1p", math.Log1p, -0.99, 100}, {"Expm1", math.Expm1, -40, 40}, {"Exp2", math.Exp2, -100, 100},
		{"Floor", math.Floor, -1e4, 1e4}, {"Ceil", math.Ceil, -1e4, 1e4}, {"Trunc", math.Trunc, -1e4, 1e4},
		{"Round", math.Round, -1e3, 1e3}, {"RoundToEven", math.RoundToEven, -1e3, 1e3}, {"Abs", math.Abs, -5, 5},
		{"J0", math.J0, -30, 30}, {"J1", math.J1, -30, 30}, {"Logb", math.Logb, -1e10, 1e10},
	}
	for _, f := range fns {
		h := uint64(fnvOffset)
		xs := inputs(f.lo, f.hi, 1000)
		for _, x := range xs {
			h = hashBits(h, f.f(x))
		}
		fmt.Printf("%-12s n=%d hash=%016x f(0.3)=%v f(%g)=%v\n", f.name, len(xs), h, f.f(0.3), xs[777], f.f(xs[777]))
	}
	fn2 := []struct {
		name string
		f    func(x, y float64) float64
	}{{"Atan2", math.Atan2}, {"Mod", math.Mod}, {"Remainder", math.Remainder}, {"Dim", math.Dim}, {"Max", math.Max}, {"Min", math.Min}, {"Copysign", math.Copysign}, {"Nextafter", math.Nextafter}}
	for _, f := range fn2 {
		h := uint64(fnvOffset)
		xs := inputs(-100, 100, 40)
		ys := inputs(-7, 7, 30)
		for _, x := range xs {
			for _, y := range ys {
				h = hashBits(h, f.f(x, y))
			}
		}
		fmt.Printf("%-10s n=%d hash=%016x f(5.5,-2.25)=%v\n", f.name, len(xs)*len(ys), h, f.f(5.5, -2.25))
	}
	h := uint64(fnvOffset)
	for _, x := range inputs(-1e5, 1e5, 1000) {
		fr, e := math.Frexp(x)
		ip, fp := math.Modf(x)
		h = hashBits(h, fr)
		h = hashBits(h, float64(e))
		h = hashBits(h, math.Ldexp(fr, e+3))
		h = hashBits(h, ip)
		h = hashBits(h, fp)
		h = hashBits(h, float64(math.Ilogb(x)))
		s, c := math.Sincos(x)
		h = hashBits(h, s)
		h = hashBits(h, c)
		h = hashBits(h, math.FMA(x, 1.0000001, -x))
	}
	fmt.Printf("frexp/modf/ldexp/sincos/fma hash=%016x\n", h)
	fmt.Println(math.Sin(1e10), math.Cos(1e15), math.Tan(math.Pi/2), math.Sqrt(-1), math.Mod(7, 0), math.Atan2(0, -1), math.Atan2(math.Copysign(0, -1), -1))
	fmt.Println(math.Float32bits(float32(math.Pi)), math.Float32frombits(0x40490fdb), math.Float64frombits(0x7ff8000000000001), math.Signbit(math.Copysign(0, -1)), math.IsInf(math.Inf(-1), -1), math.IsNaN(math.NaN()))
	fmt.Println(math.MaxInt8, math.MinInt64, uint64(math.MaxUint64), math.MaxFloat32, math.SmallestNonzeroFloat32, math.Pi, math.E, math.Phi, math.Ln2)
}
