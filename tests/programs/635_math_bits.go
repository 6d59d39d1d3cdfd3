package main

import (
	"fmt"
	"math/bits"
)

func main() {
	vals := []uint64{0, 1, 2, 3, 0x80, 0xff, 0x8000000000000000, 0xffffffffffffffff, 0x0123456789abcdef, 1 << 32, 0xdeadbeef}
	for _, v := range vals {
		fmt.Printf("%#x: lz=%d tz=%d ones=%d len=%d rev=%#x bytes=%#x rotl7=%#x rotr3=%#x\n", v, bits.LeadingZeros64(v), bits.TrailingZeros64(v), bits.OnesCount64(v), bits.Len64(v), bits.Reverse64(v), bits.ReverseBytes64(v), bits.RotateLeft64(v, 7), bits.RotateLeft64(v, -3))
		u32, u16, u8 := uint32(v), uint16(v), uint8(v)
		fmt.Printf("   32: %d %d %d %d %#x %#x | 16: %d %d %d %#x | 8: %d %d %d %#x\n", bits.LeadingZeros32(u32), bits.TrailingZeros32(u32), bits.OnesCount32(u32), bits.Len32(u32), bits.Reverse32(u32), bits.RotateLeft32(u32, 5),
			bits.LeadingZeros16(u16), bits.OnesCount16(u16), bits.Len16(u16), bits.ReverseBytes16(u16), bits.LeadingZeros8(u8), bits.TrailingZeros8(u8), bits.Len8(u8), bits.Reverse8(u8))
		fmt.Println("   uint:", bits.LeadingZeros(uint(v)), bits.OnesCount(uint(v)), bits.Len(uint(v)))
	}
	fmt.Println(bits.UintSize)
	s, c := bits.Add64(0xffffffffffffffff, 1, 0)
	fmt.Println(s, c)
	s, c = bits.Add64(5, 6, 1)
	fmt.Println(s, c)
	d, b := bits.Sub64(0, 1, 0)
	fmt.Println(d, b)
	hi, lo := bits.Mul64(0xffffffffffffffff, 0xffffffffffffffff)
	fmt.Printf("%#x %#x\n", hi, lo)
	q, r := bits.Div64(1, 0, 3)
	fmt.Println(q, r, bits.Rem64(7, 9, 10))
	h32, l32 := bits.Mul32(0xffffffff, 2)
	fmt.Println(h32, l32)
	q32, r32 := bits.Div32(0, 100, 7)
	fmt.Println(q32, r32)
	a, cc := bits.Add32(1<<31, 1<<31, 0)
	fmt.Println(a, cc)
	var acc uint64 = 0
	x := uint64(0x9e3779b97f4a7c15)
	for i := 0; i < 1000; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		hh, ll := bits.Mul64(x, x|1)
		acc += uint64(bits.OnesCount64(hh)) + uint64(bits.TrailingZeros64(ll|1<<63)) + uint64(bits.Len64(x>>uint(i%64)))
		acc = bits.RotateLeft64(acc, i%13) ^ bits.Reverse64(ll)
	}
	fmt.Printf("%#x\n", acc)
	defer func() { fmt.Println("recovered:", recover()) }()
	bits.Div64(5, 0, 3)
}
