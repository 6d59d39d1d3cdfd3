package main

// Wrapping arithmetic of the unsigned integer types at every width.

func main() {
	var a8 uint8 = 255
	var z8 uint8 = 0
	println("uint8", a8+1, z8-1, a8*a8, a8*2, -a8, ^a8, ^z8)

	var a16 uint16 = 65535
	var z16 uint16 = 0
	println("uint16", a16+1, z16-1, a16*a16, -a16, ^z16)

	var a32 uint32 = 4294967295
	var z32 uint32 = 0
	println("uint32", a32+1, z32-1, a32*a32, -a32, ^z32)

	var a64 uint64 = 18446744073709551615
	var z64 uint64 = 0
	println("uint64", a64+1, z64-1, a64*a64, -a64, ^z64)

	var au uint = 1 << 63
	println("uint", au*2, au+au-1, au-1)
	var p uintptr = 0
	p--
	println("uintptr", p, p+2)

	var b byte = 'A'
	b += 200
	println("byte", b)

	// FNV-1a at 32 and 64 bits
	var h32 uint32 = 2166136261
	var h64 uint64 = 14695981039346656037
	s := "the quick brown fox jumps over the lazy dog"
	for i := 0; i < len(s); i++ {
		h32 ^= uint32(s[i])
		h32 *= 16777619
		h64 ^= uint64(s[i])
		h64 *= 1099511628211
	}
	println("fnv", h32, h64)

	// xorshift
	x := uint64(88172645463325252)
	for i := 0; i < 5; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		println("xorshift", x)
	}
	// 16-bit LCG
	var l uint16 = 1
	for i := 0; i < 6; i++ {
		l = l*25173 + 13849
		print(l, " ")
	}
	println()
	// unsigned comparisons near the top
	var big uint32 = 1 << 31
	println(big > 5, big-1 < big, z32-1 > big)
}
