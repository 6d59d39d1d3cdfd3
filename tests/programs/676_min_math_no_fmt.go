package main

// math and math/bits without fmt: results printed as raw bits through println.

import (
	"math"
	"math/bits"
)

func main() {
	h := uint64(14695981039346656037)
	mix := func(v float64) {
		b := math.Float64bits(v)
		for i := 0; i < 8; i++ {
			h ^= b & 0xff
			h *= 1099511628211
			b >>= 8
		}
	}
	for i := 0; i < 2000; i++ {
		x := float64(i)/100 - 10
		mix(math.Sin(x))
		mix(math.Cos(x))
		mix(math.Atan(x))
		mix(math.Sqrt(math.Abs(x)))
		mix(math.Floor(x * 3.3))
		mix(math.Mod(x, 1.7))
		mix(math.Cbrt(x))
		mix(math.Trunc(x * 7.1))
	}
	println(h)
	println(math.Float64bits(math.Pi), math.Float64bits(math.Sqrt(2)), math.Float32bits(float32(math.E)))
	println(math.Inf(1), math.Inf(-1), math.NaN() != math.NaN(), math.MaxInt64, math.MinInt64)
	println(math.Sin(1), math.Atan2(1, -1), math.Round(2.5), math.RoundToEven(2.5), math.Copysign(3, -1))
	fr, e := math.Frexp(1000)
	println(fr, e, math.Ldexp(0.5, 11))
	println(bits.OnesCount64(0xdeadbeef), bits.LeadingZeros32(1), bits.TrailingZeros16(8), bits.Len(255), bits.Reverse8(1))
	hi, lo := bits.Mul64(1<<63, 6)
	println(hi, lo)
	s, c := bits.Add64(1<<63, 1<<63, 1)
	println(s, c, bits.RotateLeft32(1, -1))
}
