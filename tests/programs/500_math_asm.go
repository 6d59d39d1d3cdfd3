package main

// The math functions gc runs in amd64 assembly (Floor, Ceil, Trunc, Max, Min, Hypot, Log) or
// intrinsifies (Sqrt, Abs, Copysign), over 2000+ inputs each: special values, random bit
// patterns (NaNs with payloads, signalling NaNs, subnormals, huge values) and random values in
// the ranges that matter. Each function prints a checksum of all result bits and a few
// results in hex, so a single differing bit shows. Log's inputs leave out the cases where
// gc's assembly and GOROOT's Go fallback differ (subnormals, NaNs with the sign bit set;
// docs/asm.md), which 501_math_asm_known covers.

import "math"

var seed uint64 = 0x9E3779B97F4A7C15

func next() uint64 {
	seed ^= seed << 13
	seed ^= seed >> 7
	seed ^= seed << 17
	return seed
}

func uniform(lo, hi float64) float64 {
	return lo + (hi-lo)*(float64(next()>>11)/(1<<53))
}

var specials = []uint64{
	0, 1 << 63, // ±0
	0x7FF0000000000000, 0xFFF0000000000000, // ±Inf
	0x7FF8000000000001, 0xFFF8000000000000, // quiet NaNs
	0x7FF0000000000001, 0x7FF4000000000000, 0xFFF0000000000123, // signalling NaNs
	1, 0x000FFFFFFFFFFFFF, 0x8000000000000001, // subnormals
	0x0010000000000000, 0x7FEFFFFFFFFFFFFF, 0xFFEFFFFFFFFFFFFF, // min normal, ±max
	0x3FE0000000000000, 0xBFE0000000000000, // ±0.5
	0x3FF0000000000000, 0xBFF0000000000000, // ±1
	0x4330000000000000, 0x432FFFFFFFFFFFFF, 0xC32FFFFFFFFFFFFF, // 2^52, just below
	0x4340000000000000, 0x3FDFFFFFFFFFFFFF, 0x3FF8000000000000, 0xC004000000000000,
}

func inputs(n int) []float64 {
	xs := make([]float64, 0, n+len(specials))
	for _, b := range specials {
		xs = append(xs, math.Float64frombits(b))
	}
	for len(xs) < n+len(specials) {
		switch len(xs) % 5 {
		case 0:
			xs = append(xs, math.Float64frombits(next()))
		case 1:
			xs = append(xs, uniform(-10, 10))
		case 2:
			xs = append(xs, uniform(-1e6, 1e6))
		case 3:
			xs = append(xs, float64(int64(next())>>20)/4)
		case 4:
			xs = append(xs, uniform(-1, 1)*math.Float64frombits(next()&0x43FFFFFFFFFFFFFF))
		}
	}
	return xs
}

const hexdigits = "0123456789abcdef"

func hex(v uint64) string {
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = hexdigits[v&15]
		v >>= 4
	}
	return string(b[:])
}

type sum struct {
	name string
	h    uint64
	n    int
}

func (s *sum) add(y float64) {
	b := math.Float64bits(y)
	for i := 0; i < 8; i++ {
		s.h ^= b & 0xff
		s.h *= 1099511628211
		b >>= 8
	}
	if s.n < 6 || s.n%500 == 0 {
		println(" ", s.name, s.n, hex(math.Float64bits(y)))
	}
	s.n++
}

func (s *sum) done() {
	println(s.name, "n =", s.n, "checksum", hex(s.h))
}

func unary(name string, f func(float64) float64, xs []float64) {
	s := &sum{name: name, h: 14695981039346656037}
	for _, x := range xs {
		s.add(f(x))
	}
	s.done()
}

func binary(name string, f func(float64, float64) float64, xs, ys []float64) {
	s := &sum{name: name, h: 14695981039346656037}
	for i, x := range xs {
		s.add(f(x, ys[i]))
		s.add(f(ys[i], x))
	}
	s.done()
}

func main() {
	xs := inputs(2000)
	ys := inputs(2000)
	unary("Floor", math.Floor, xs)
	unary("Ceil", math.Ceil, xs)
	unary("Trunc", math.Trunc, xs)
	unary("RoundToEven", math.RoundToEven, xs)
	unary("Sqrt", math.Sqrt, xs)
	unary("Abs", math.Abs, xs)
	binary("Copysign", math.Copysign, xs, ys)
	binary("Max", math.Max, xs, ys)
	binary("Min", math.Min, xs, ys)
	binary("Hypot", math.Hypot, xs, ys)

	// Log: positive normal inputs, zeros, infinities, NaNs without the sign bit and
	// negative numbers.
	var ls []float64
	for _, x := range xs {
		b := math.Float64bits(x)
		subnormal := b&0x7FF0000000000000 == 0 && b&0x000FFFFFFFFFFFFF != 0
		negNaN := x != x && b>>63 == 1
		if !subnormal && !negNaN {
			ls = append(ls, x, math.Abs(x)*1.5)
		}
	}
	unary("Log", math.Log, ls)

	// Direct calls: gc intrinsifies these at the call site (ROUNDSD, SQRTSD), which is not
	// always what the function computes (a signalling NaN comes out quiet).
	df := &sum{name: "direct Floor", h: 14695981039346656037}
	dc := &sum{name: "direct Ceil", h: 14695981039346656037}
	dt := &sum{name: "direct Trunc", h: 14695981039346656037}
	dr := &sum{name: "direct RoundToEven", h: 14695981039346656037}
	ds := &sum{name: "direct Sqrt", h: 14695981039346656037}
	for _, x := range xs {
		df.add(math.Floor(x))
		dc.add(math.Ceil(x))
		dt.add(math.Trunc(x))
		dr.add(math.RoundToEven(x))
		ds.add(math.Sqrt(x))
	}
	df.done()
	dc.done()
	dt.done()
	dr.done()
	ds.done()
	a, b := 2.0, -3.5
	println(math.Sqrt(a), math.Abs(b), math.Copysign(a, b), math.Floor(b), math.Ceil(b), math.Trunc(b))
	println(math.Max(a, b), math.Min(a, b), math.Hypot(3, 4), math.Log(math.E), math.Sqrt(-1))
}
