package main

type MyFloat float64

func main() {
	zero := 0.0
	println(1.5, 0.0, -zero, 1e21, 1e20, 1e-7, 123456789.0, 100.0, 1e6, 1e-5)
	println(5e-324, 1.7976931348623157e308, 1/zero, -1/zero, zero/zero)
	println(0.1, 0.2, 0.3, 1.0/3, 2.0/3, 10.0/3)
	println(float32(0.1), float32(1)/3, float32(16777216), float32(1e10), float32(3.4e38))
	println(1e100, 1e-100, 123.456, -0.000001, 0.000001, 1234567.0, 12345678.9)
	println(float64(1<<53), float64(1<<53)+1, 9007199254740993.0)
	println(MyFloat(2.5), float32(-0.0), 1e15, 1e16, 1e17, 999999999999999999999.0)
	println(3.0, 3.5e0, 35e-1, 0.35e1, 1_000.000_1)
	// every power of ten
	f := 1.0
	for i := 0; i < 25; i++ {
		print(f, " ")
		f *= 10
	}
	println()
	f = 1.0
	for i := 0; i < 12; i++ {
		print(f, " ")
		f /= 10
	}
	println()
	// float32 shortest formatting
	var g float32 = 1
	for i := 0; i < 10; i++ {
		g *= 1.1
		print(g, " ")
	}
	println()
	print(1.25, -2.5, "\n")
	// values whose shortest repr needs 17 digits
	tenth := 0.1
	println(tenth+0.2, 1-1e-16, 2.0000000000000004, 4.35, tenth*3, 0.1+0.2)
	// big and tiny float32
	println(float32(1.4e-45), float32(1.1754944e-38), float32(3.4028235e38))
	// complex printing
	println(complex(1.5, -2), complex(float32(0.1), float32(0.2)), complex(zero, -zero), complex(-zero, zero))
	println(complex(1e21, 1e-7), complex(1/zero, zero/zero))
}
