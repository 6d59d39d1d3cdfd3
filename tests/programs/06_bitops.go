package main

func main() {
	vals := []int32{0, 1, -1, 0x5555, -0x5556, 0x7fffffff, -0x80000000}
	for _, a := range vals {
		for _, b := range vals[:4] {
			print(a&b, " ", a|b, " ", a^b, " ", a&^b, "; ")
		}
		println(^a, -a)
	}
	var u uint8 = 0xa5
	println(u&0x0f, u|0x0f, u^0xff, u&^0xf0, ^u)
	var u64 uint64 = 0xdeadbeefcafebabe
	println(u64&0xffff, u64|1, u64^u64>>32, u64&^0xff00ff00ff00ff00, ^u64)
	// popcount, leading zeros, trailing zeros by hand
	for _, v := range []uint64{0, 1, 0x80, 0xff00, 1 << 63, 0xffffffffffffffff} {
		pop, lz, tz := 0, 0, 0
		for i := 0; i < 64; i++ {
			if v&(1<<i) != 0 {
				pop++
			}
		}
		for i := 63; i >= 0 && v&(1<<i) == 0; i-- {
			lz++
		}
		for i := 0; i < 64 && v&(1<<i) == 0; i++ {
			tz++
		}
		println(v, pop, lz, tz)
	}
	// bit reversal of a byte
	for _, b := range []byte{1, 2, 3, 0x80, 0xf0, 0x5a} {
		var r byte
		for i := 0; i < 8; i++ {
			r = r<<1 | b>>i&1
		}
		println(b, r)
	}
	// compound bitwise assignment
	x := 0xff
	x &= 0x3c
	x |= 0x100
	x ^= 0x1ff
	x &^= 0x3
	x <<= 4
	x >>= 2
	println(x)
}
