package main

func main() {
	a, b := 0.1, 0.2
	println(a+b, a+b == 0.3, a*3, 1-0.9, 0.3-0.1)
	vals := []float64{1, -1, 0.5, 1e21, 1e20, 1e-7, 123456789, 1.5e300, 2.2250738585072014e-308, 5e-324, 100, 1e6, 1e-5, 0.000123, 3.0000000000000004}
	for _, v := range vals {
		println(v, -v, v*v, v/3, v+1)
	}
	// division, sqrt by Newton
	x := 2.0
	g := 1.0
	for i := 0; i < 6; i++ {
		g = (g + x/g) / 2
		println("newton", i, g)
	}
	println(g*g == 2, g*g-2)
	// harmonic series
	h := 0.0
	for i := 1; i <= 1000; i++ {
		h += 1 / float64(i)
	}
	println("H1000", h)
	// comparisons
	println(1.0 < 2.0, 0.1+0.2 > 0.3, -0.0 == 0.0, 1e308*10 > 1e308)
	// increments on floats
	f := 0.5
	f++
	f *= 3
	f -= 0.25
	f /= 2
	println(f)
	// large and small magnitude mixing
	big := 1e16
	println(big+1, big+2, big+1-big, (big+1)-big)
	// pi by Leibniz
	pi := 0.0
	sign := 1.0
	for k := 0; k < 100000; k++ {
		pi += sign * 4 / float64(2*k+1)
		sign = -sign
	}
	println("pi", pi)
	var f32 float32 = 0.1
	println(float64(f32) == 0.1, f32 == 0.1)
	// subnormal arithmetic
	s := 5e-324
	println(s/2, s*0.5, s*1.5, s+s)
}
