package main

// Truncated division and remainder, including negatives and the
// most-negative / -1 case, at every width.

func main() {
	nums := []int{7, -7, 6, -6, 0, 1, -1, 13, -13}
	dens := []int{1, -1, 2, -2, 3, -3, 5, -5, 7}
	for _, n := range nums {
		for _, d := range dens {
			print(n, "/", d, "=", n/d, " ", n, "%", d, "=", n%d, "; ")
		}
		println()
	}
	var m8 int8 = -128
	var m16 int16 = -32768
	var m32 int32 = -2147483648
	var m64 int64 = -9223372036854775808
	var one = -1
	println("min/-1", m8/int8(one), m16/int16(one), m32/int32(one), m64/int64(one))
	println("min%-1", m8%int8(one), m16%int16(one), m32%int32(one), m64%int64(one))
	println("min/2", m8/2, m16/3, m32/7, m64/10)
	println("min%", m8%3, m16%7, m32%10, m64%10)

	var u8 uint8 = 250
	var u16 uint16 = 65000
	var u32 uint32 = 4000000000
	var u64 uint64 = 18000000000000000000
	println("unsigned /", u8/7, u16/7, u32/7, u64/7)
	println("unsigned %", u8%7, u16%7, u32%7, u64%7)

	// power-of-two divisors (often strength-reduced)
	for _, v := range []int32{-9, -8, -1, 0, 1, 8, 9} {
		println(v, v/4, v%4, v/-4, v%-4, v>>2)
	}
	// compound
	x := -100
	x /= 7
	println(x)
	x %= 4
	println(x)
	// constant divisions are exact and truncated too
	const c1 = -7 / 2
	const c2 = -7 % 2
	println(c1, c2, 7/-2, 7%-2)
}
