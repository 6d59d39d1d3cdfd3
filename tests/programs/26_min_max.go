package main

func main() {
	println(min(3, 1, 2), max(3, 1, 2), min(5), max(-5))
	a, b, c := 10, -20, 30
	println(min(a, b, c), max(a, b, c), min(a, b), max(b, c))
	var u8a, u8b uint8 = 200, 100
	println(min(u8a, u8b), max(u8a, u8b))
	var i64 int64 = -9223372036854775808
	println(min(i64, 0), max(i64, 1))
	println(min(1.5, 2.5), max(-0.5, -1.5), min(2.0, 1), max(1, 2.5))
	x, y := 0.1, 0.2
	println(min(x, y), max(x, y))
	// strings compare lexically
	println(min("banana", "apple", "cherry"), max("banana", "apple", "cherry"), min("", "a"), max("ab", "abc"))
	// float zero signs
	zero := 0.0
	nz := -zero
	println(min(zero, nz), max(nz, zero), min(nz, zero), max(zero, nz))
	// constant min/max
	const k = min(1<<70, 5, 1e3)
	const m = max(2.5, 1)
	println(k, m)
	// in loops
	vals := []int{5, 3, 9, -4, 7, 11, 0}
	lo, hi := vals[0], vals[0]
	for _, v := range vals {
		lo = min(lo, v)
		hi = max(hi, v)
	}
	println(lo, hi)
	var f32a, f32b float32 = 1.25, -3.5
	println(min(f32a, f32b), max(f32a, f32b))
	// clamp
	for _, v := range []int{-5, 0, 50, 100, 150} {
		println(v, max(0, min(v, 100)))
	}
	// mixed with typed constants
	type Score int
	var s Score = 42
	println(min(s, 10), max(s, 100))
}
