package main

import "unsafe"

// println's float formatting is strconv's shortest 'g': among the shortest decimals that
// round-trip it takes the one closest to the exact value, and on an exact tie the even one.

var seed uint64 = 0x9E3779B97F4A7C15

func next() uint64 {
	seed ^= seed << 13
	seed ^= seed >> 7
	seed ^= seed << 17
	return seed
}

func main() {
	var f32 float32 = 274655.625
	var f64 float64 = 7.087255467946213e+13
	println(f32, f64)

	// Values with few fraction bits: exact ties between two shortest candidates are common.
	for i := 0; i < 1500; i++ {
		r := next()
		n := int64(r>>20) % 100000000
		sh := uint(r & 31)
		println(float32(n)/float32(int64(1)<<(sh%12)), float64(n)*float64(int64(1)<<(r>>8&15))/float64(int64(1)<<sh))
	}
	// Random bit patterns of every magnitude.
	for i := 0; i < 1500; i++ {
		r := next()
		var b32 uint32 = uint32(r)
		x := *(*float32)(unsafe.Pointer(&b32))
		y := *(*float64)(unsafe.Pointer(&r))
		println(x, y)
	}
	// Subnormals and powers of two (the skewed interval below a power of two).
	for e := -1074; e < 1024; e += 7 {
		v := 1.0
		for k := 0; k < e; k++ {
			v *= 2
		}
		for k := 0; k > e; k-- {
			v /= 2
		}
		println(v, float32(v), v*3, complex(float32(v), float32(v*5)))
	}
}
