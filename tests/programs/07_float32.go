package main

// float32 arithmetic rounds to single precision after every operation.

func main() {
	var a float32 = 0.1
	var b float32 = 0.2
	println(a, b, a+b, a*b, a/b, a-b)
	println(a+b == 0.3, float64(a+b), float64(a))
	var sum float32
	for i := 0; i < 10; i++ {
		sum += 0.1
	}
	println("sum", sum, sum == 1, float64(sum))
	var big float32 = 16777216 // 2^24
	println(big+1, big+2, big+1 == big)
	var third float32 = 1.0 / 3
	println(third, third*3, float64(third))
	x := float32(1)
	for i := 0; i < 8; i++ {
		x /= 7
		print(x, " ")
	}
	println()
	var m float32 = 3.4028235e38
	println(m, m*2, -m*2, m/1e38)
	var tiny float32 = 1e-45
	println(tiny, tiny/2, tiny*0.6, 1.17549435e-38)
	// float64 -> float32 rounding of halfway-ish values
	vals := []float64{0.1, 1.0000001, 16777217, 3.141592653589793, 1e39, 1e-46, -2.5e-45, 123456789}
	for _, v := range vals {
		println(v, float32(v))
	}
	// fused multiply-add is not allowed to change float32 results
	p, q, r := float32(1.0000001), float32(1.0000001), float32(-1.0000002)
	println(p*q+r, float32(p*q)+r)
	// integer conversions through float32
	var i32 int32 = 16777217
	println(float32(i32), int32(float32(i32)), float32(int64(1)<<40+1))
	var neg float32 = -0.0
	z := float32(0)
	println(neg, -z, 1/(-z), z*-1)
}
