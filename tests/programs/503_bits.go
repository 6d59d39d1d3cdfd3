package main

// math/bits over many inputs: counts, lengths, rotations, reversals, and the double-width
// arithmetic (gc intrinsifies most of these; their results are exact either way).

import "math/bits"

var seed uint64 = 0x853C49E6748FEA9B

func next() uint64 {
	seed ^= seed << 13
	seed ^= seed >> 7
	seed ^= seed << 17
	return seed
}

func main() {
	var h uint64 = 14695981039346656037
	mix := func(v uint64) {
		h ^= v
		h *= 1099511628211
	}
	for i := 0; i < 3000; i++ {
		x := next()
		if i%7 == 0 {
			x >>= uint(i % 64)
		}
		y := next()
		mix(uint64(bits.LeadingZeros64(x)))
		mix(uint64(bits.TrailingZeros64(x)))
		mix(uint64(bits.OnesCount64(x)))
		mix(uint64(bits.Len64(x)))
		mix(uint64(bits.LeadingZeros32(uint32(x))))
		mix(uint64(bits.TrailingZeros32(uint32(x))))
		mix(uint64(bits.OnesCount32(uint32(x))))
		mix(uint64(bits.Len32(uint32(x))))
		mix(uint64(bits.LeadingZeros16(uint16(x))))
		mix(uint64(bits.TrailingZeros16(uint16(x))))
		mix(uint64(bits.OnesCount16(uint16(x))))
		mix(uint64(bits.Len8(uint8(x))))
		mix(uint64(bits.TrailingZeros8(uint8(x))))
		mix(uint64(bits.OnesCount8(uint8(x))))
		mix(uint64(bits.LeadingZeros(uint(x))))
		mix(bits.RotateLeft64(x, int(y%130)-65))
		mix(uint64(bits.RotateLeft32(uint32(x), int(y%70)-35)))
		mix(uint64(bits.RotateLeft16(uint16(x), int(y%40)-20)))
		mix(uint64(bits.RotateLeft8(uint8(x), int(y%20)-10)))
		mix(bits.Reverse64(x))
		mix(uint64(bits.Reverse32(uint32(x))))
		mix(uint64(bits.Reverse16(uint16(x))))
		mix(uint64(bits.Reverse8(uint8(x))))
		mix(bits.ReverseBytes64(x))
		mix(uint64(bits.ReverseBytes32(uint32(x))))
		mix(uint64(bits.ReverseBytes16(uint16(x))))
		s, c := bits.Add64(x, y, y&1)
		mix(s)
		mix(c)
		d, b := bits.Sub64(x, y, x&1)
		mix(d)
		mix(b)
		hi, lo := bits.Mul64(x, y)
		mix(hi)
		mix(lo)
		s32, c32 := bits.Add32(uint32(x), uint32(y), uint32(y>>63))
		mix(uint64(s32))
		mix(uint64(c32))
		h32, l32 := bits.Mul32(uint32(x), uint32(y))
		mix(uint64(h32))
		mix(uint64(l32))
		if y != 0 {
			hi2 := hi % y
			q, r := bits.Div64(hi2, lo, y)
			mix(q)
			mix(r)
			mix(bits.Rem64(hi, lo, y))
		}
		if i < 5 {
			println(x, y, bits.Len64(x), bits.OnesCount64(x), hi, lo)
		}
	}
	println("checksum", h)
}
