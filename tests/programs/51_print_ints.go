package main

type MyInt int16
type MyUint uint32

func main() {
	println(0, 1, -1, 42, -42)
	println(int8(-128), int8(127), int16(-32768), int16(32767))
	println(int32(-2147483648), int32(2147483647))
	println(int64(-9223372036854775808), int64(9223372036854775807))
	println(uint8(255), uint16(65535), uint32(4294967295), uint64(18446744073709551615))
	println(uint(18446744073709551615), uintptr(0), uintptr(1<<63))
	println(MyInt(-7), MyUint(7))
	println('a', 'é', '\n', byte('z'), rune(-1))
	print(1, 2, 3, "\n")
	print(-1, -2, "\n")
	print("a", "b", 1, "c", -2, "\n")
	var i int = 123456789
	for i > 0 {
		print(i, " ")
		i /= 10
	}
	println()
	for _, v := range []int64{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000000, 100000000000000000} {
		print(v, " ", -v, " ")
	}
	println()
	// powers of two as uint64
	for s := uint(0); s < 64; s += 7 {
		print(uint64(1)<<s, " ")
	}
	println()
	println(0x7f, 0o777, 0b1111, 1_000_000)
}
