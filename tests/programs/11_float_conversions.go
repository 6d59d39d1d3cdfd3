package main

// float -> int truncates toward zero; int -> float rounds to nearest even.

func main() {
	fs := []float64{0, 0.4, 0.5, 0.6, 1.5, 2.5, -0.4, -0.5, -1.5, -2.5, -2.7, 99.99, 1e9 + 0.5, -1e9 - 0.5, 4294967295.9, 9.2e18, -9.2e18}
	for _, f := range fs {
		println(f, int(f), int64(f), int32(int64(f)))
	}
	small := []float64{0, 1.9, 100.7, 127.9, 200.5, 255.99, 65535.5, 4294967295.5}
	for _, f := range small {
		println(f, uint8(f), uint16(f), uint32(f), uint64(f), uint(f))
	}
	neg := []float64{-1.9, -100.7, -128.9}
	for _, f := range neg {
		println(f, int8(f), int16(f), int32(f))
	}
	println(uint64(1.8446744073709550e19), uint64(9.3e18), int64(-9.223372036854775808e18))
	var f32 float32 = 16777217.0
	m399, p2549 := float32(-3.99), float32(254.9)
	println(f32, int32(f32), int64(m399), uint8(p2549))
	// int -> float
	is := []int64{0, 1, -1, 1 << 53, 1<<53 + 1, 1<<53 + 3, 1<<62 + 1, -1 << 63, 9007199254740993, 123456789012345678}
	for _, i := range is {
		println(i, float64(i), float32(i), int64(float64(i)))
	}
	us := []uint64{1<<64 - 1, 1 << 63, 1<<63 + 1025, 1<<63 + 1024, 12345678901234567890}
	for _, u := range us {
		println(u, float64(u), float32(u))
	}
	var u32 uint32 = 4294967295
	var i32 int32 = -2147483648
	var u8 uint8 = 255
	var i16 int16 = -32768
	println(float64(u32), float32(u32), float64(i32), float32(u8), float64(i16))
	// float64 <-> float32
	e50 := -1e50
	println(float32(1e-50), float32(e50), float64(float32(0.3)), float32(float64(float32(0.3))))
	// rounding via conversion in loops
	total := 0
	for i := 0; i < 100; i++ {
		total += int(float64(i) * 0.7)
	}
	println(total)
}
