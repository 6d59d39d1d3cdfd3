package main

// math's functions over pseudo-random inputs (a fixed seed), summarised per function as a
// hash of the result bits: gc runs exp_amd64.s, log_amd64.s, hypot_amd64.s, floor_amd64.s and
// dim_amd64.s for them, and rgo assembles the same files. scripts/asm-math-diff.sh runs this
// program with 1,000,000 inputs per function (the first argument) under gc and rgo.

import (
	"fmt"
	"math"
	"os"
	"strconv"
)

// splitmix64: a small deterministic generator, so both toolchains see the same inputs.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// input draws from a mix: any bit pattern (NaNs, infinities, subnormals included), uniform
// in [-lim, lim], log-uniform positive values, and small integers and halves.
func (r *rng) input(lim float64) float64 {
	u := r.next()
	switch u % 4 {
	case 0:
		return math.Float64frombits(r.next())
	case 1:
		return (float64(r.next()>>11)/(1<<53)*2 - 1) * lim
	case 2:
		e := float64(r.next()>>11)/(1<<53)*1400 - 700
		return math.Exp2(e / 1.5)
	default:
		return float64(int64(r.next()%2001)-1000) / 2
	}
}

type fn1 struct {
	name string
	lim  float64
	f    func(float64) float64
}

type fn2 struct {
	name string
	f    func(float64, float64) float64
}

func main() {
	n := 20000
	dump := false
	if len(os.Args) > 1 {
		if v, err := strconv.Atoi(os.Args[1]); err == nil {
			n = v
		}
	}
	if len(os.Args) > 2 && os.Args[2] == "dump" {
		dump = true
	}
	one := []fn1{
		{"Exp", 750, math.Exp},
		{"Exp(direct)", 750, func(x float64) float64 { return math.Exp(x) }},
		{"Log", 1e6, math.Log},
		{"Log(direct)", 1e6, func(x float64) float64 { return math.Log(x) }},
		{"Log10", 1e6, math.Log10},
		{"Log2", 1e6, math.Log2},
		{"Floor", 1e17, math.Floor},
		{"Ceil", 1e17, math.Ceil},
		{"Trunc", 1e17, math.Trunc},
		{"Floor(direct)", 1e17, func(x float64) float64 { return math.Floor(x) }},
		{"Sinh", 750, math.Sinh},
		{"Cosh", 750, math.Cosh},
		{"Tanh", 30, math.Tanh},
		{"Sqrt", 1e6, math.Sqrt},
		{"Modf.int", 1e17, func(x float64) float64 { i, _ := math.Modf(x); return i }},
		{"Modf.frac", 1e17, func(x float64) float64 { _, f := math.Modf(x); return f }},
	}
	two := []fn2{
		{"Hypot", math.Hypot},
		{"Max", math.Max},
		{"Min", math.Min},
		{"Pow", math.Pow},
		{"Dim", math.Dim},
	}
	r := &rng{s: 20270303}
	for _, f := range one {
		h := uint64(14695981039346656037)
		for i := 0; i < n; i++ {
			x := f.input(r)
			b := math.Float64bits(f.f(x))
			if dump {
				fmt.Printf("%s %016x %016x\n", f.name, math.Float64bits(x), b)
			}
			for k := 0; k < 64; k += 8 {
				h = (h ^ (b >> k & 0xff)) * 1099511628211
			}
		}
		fmt.Printf("%-14s %d %016x\n", f.name, n, h)
	}
	for _, f := range two {
		h := uint64(14695981039346656037)
		for i := 0; i < n; i++ {
			x, y := r.input(1e3), r.input(1e3)
			b := math.Float64bits(f.f(x, y))
			if dump {
				fmt.Printf("%s %016x,%016x %016x\n", f.name, math.Float64bits(x), math.Float64bits(y), b)
			}
			for k := 0; k < 64; k += 8 {
				h = (h ^ (b >> k & 0xff)) * 1099511628211
			}
		}
		fmt.Printf("%-14s %d %016x\n", f.name, n, h)
	}
}

func (f fn1) input(r *rng) float64 { return r.input(f.lim) }
