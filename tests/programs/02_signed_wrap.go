package main

// Wrapping arithmetic of the signed integer types at every width.

func main() {
	var a8 int8 = 127
	var b8 int8 = -128
	println("int8", a8+1, b8-1, a8*2, b8*b8, -b8, a8*a8, b8/(-1+a8-a8))
	a8++
	println("int8 ++", a8)
	b8--
	println("int8 --", b8)

	var a16 int16 = 32767
	var b16 int16 = -32768
	println("int16", a16+1, b16-1, a16*3, b16*b16, -b16, a16*a16)

	var a32 int32 = 2147483647
	var b32 int32 = -2147483648
	println("int32", a32+1, b32-1, a32*a32, b32*-1, -b32, a32*7)

	var a64 int64 = 9223372036854775807
	var b64 int64 = -9223372036854775808
	println("int64", a64+1, b64-1, a64*a64, b64*-1, -b64, a64*3)

	var ai int = 9223372036854775807
	println("int", ai+1, ai*2, -(ai + 1))

	// accumulate in a loop: multiplicative hash at each width
	var h8 int8 = 1
	var h16 int16 = 1
	var h32 int32 = 1
	var h64 int64 = 1
	for i := 0; i < 40; i++ {
		h8 = h8*31 + int8(i)
		h16 = h16*31 + int16(i)
		h32 = h32*31 + int32(i)
		h64 = h64*31 + int64(i)
	}
	println("hash", h8, h16, h32, h64)

	// compound assignment operators wrap too
	x := int8(100)
	x += 100
	println("x+=100", x)
	x -= 100
	println("x-=100", x)
	x *= 3
	println("x*=3", x)
	y := int16(-30000)
	y -= 10000
	println("y", y)

	// factorials overflow
	f32 := int32(1)
	f64 := int64(1)
	for i := int32(1); i <= 25; i++ {
		f32 *= i
		f64 *= int64(i)
		if i%5 == 0 {
			println("fact", i, f32, f64)
		}
	}
}
