package main

// Integer <-> integer conversions: truncation, sign extension, zero extension.

func main() {
	vals := []int64{0, 1, -1, 127, 128, 255, 256, -128, -129, 32767, 32768, 65535, 65536, -32769,
		2147483647, 2147483648, 4294967295, 4294967296, -2147483649, 9223372036854775807, -9223372036854775808, 0x123456789abcdef}
	for _, v := range vals {
		println(v, int8(v), uint8(v), int16(v), uint16(v), int32(v), uint32(v), uint64(v), int(v), uint(v), uintptr(v))
	}
	var u64 uint64 = 0xfedcba9876543210
	println(int64(u64), int32(u64), int16(u64), int8(u64))
	// chains
	var b byte = 200
	println(int8(b), int(int8(b)), uint16(int8(b)), uint32(int8(b)), int64(b))
	var i8 int8 = -3
	println(uint8(i8), uint16(i8), uint32(i8), uint64(i8), int64(uint8(i8)))
	// rune and byte
	var r rune = 0x1F600
	println(r, byte(r), uint16(r), int8(r))
	// conversion in expressions
	x := 1000
	println(uint8(x)+uint8(x), int8(x)*2, uint16(x*x*x))
	// negative to unsigned then back
	n := -5
	un := uint(n)
	println(un, int(un), un/2, int(un/2))
}
