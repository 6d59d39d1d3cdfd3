package main

// Shifts: counts >= width, signed (arithmetic) vs unsigned (logical),
// shift counts of every unsigned and signed type.

func main() {
	var one8 int8 = 1
	var neg8 int8 = -128
	var u8 uint8 = 0x81
	for _, s := range []uint{0, 1, 6, 7, 8, 9, 63, 64, 65, 200} {
		println("8bit", s, one8<<s, neg8>>s, neg8<<s, u8<<s, u8>>s)
	}
	var n16 int16 = -2
	var u16 uint16 = 0xffff
	for _, s := range []uint8{0, 1, 15, 16, 17, 255} {
		println("16bit", s, n16<<s, n16>>s, u16<<s, u16>>s)
	}
	var n32 int32 = -5
	var u32 uint32 = 0x80000001
	for _, s := range []uint16{0, 1, 31, 32, 33, 1000} {
		println("32bit", s, n32<<s, n32>>s, u32<<s, u32>>s)
	}
	var n64 int64 = -9
	var u64 uint64 = 0x8000000000000001
	for _, s := range []uint32{0, 1, 62, 63, 64, 65, 4294967295} {
		println("64bit", s, n64<<s, n64>>s, u64<<s, u64>>s)
	}
	var big uint64 = 1 << 40
	println("big count", 1<<big == 0, n64>>big, u64>>big)
	// signed shift counts (Go 1.13+), non-negative
	for _, s := range []int{0, 3, 63, 64, 100} {
		println("signed count", s, 1<<s, -1>>s, uint(1)<<s)
	}
	var sc8 int8 = 7
	println("int8 count", 1<<sc8, int64(1)<<sc8)
	// shift of untyped constant in typed context
	var k uint = 3
	var f int32 = 1 << k
	var g = int64(1) << 62 >> k
	println(f, g)
	// rotate idioms
	x := uint32(0x12345678)
	for r := uint(0); r < 36; r += 4 {
		println("rotl", r, x<<r|x>>(32-r))
	}
	// constants
	const c = 1 << 100 >> 98
	println(c, uint64(1<<63), -1<<3)
}
