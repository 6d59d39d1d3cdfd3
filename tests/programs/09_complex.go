package main

func main() {
	var c complex128 = complex(1, 2)
	d := 3 - 4i
	println(c, d, c+d, c-d, c*d, c/d)
	println(real(c), imag(d), c == complex(1, 2), c != d)
	var c64 complex64 = complex(float32(0.1), float32(0.2))
	println(c64, c64*c64, real(c64), imag(c64))
	println(complex64(c), complex128(c64))
	// powers of i
	p := complex(1, 0)
	for k := 0; k < 5; k++ {
		println("i^", k, p)
		p *= 1i
	}
	// Mandelbrot membership, a tiny ASCII grid
	for y := -1.0; y <= 1.0; y += 0.5 {
		for x := -2.0; x <= 0.5; x += 0.25 {
			z := complex(0, 0)
			cc := complex(x, y)
			n := 0
			for ; n < 50 && real(z)*real(z)+imag(z)*imag(z) <= 4; n++ {
				z = z*z + cc
			}
			if n == 50 {
				print("*")
			} else {
				print(".")
			}
		}
		println()
	}
	// special values
	zero := 0.0
	inf := 1 / zero
	nan := zero / zero
	println(complex(inf, nan), complex(-inf, 0), complex(nan, -inf))
	println(complex(0, 0)/complex(zero, 0))
	println(-c, -complex(zero, zero))
	const k = 2i * 2i
	println(k, real(k))
	var u complex64 = 1 + 1i
	u /= 3
	println(u)
	x := complex(1e300, 1e300)
	println(x*x, x/x)
}
