package main

func main() {
	zero := 0.0
	inf := 1 / zero
	ninf := -1 / zero
	nan := zero / zero
	println(inf, ninf, nan, -nan, inf-inf, inf*0, inf+1, -inf)
	println(nan == nan, nan != nan, nan < 1, nan > 1, nan <= nan, nan >= 0)
	println(inf == inf, inf > 1e308, ninf < -1e308, inf == -ninf)
	println(1/inf, -1/inf, 1/(-1/inf))
	var f32z float32
	f32inf := 1 / f32z
	f32nan := f32z / f32z
	println(f32inf, -f32inf, f32nan, f32nan == f32nan)
	var big float32 = 3e38
	println(big*10, float32(1e300*zero+1e300*2))
	// NaN propagation in min/max and comparisons
	println(min(1.0, nan), max(nan, 2.0), min(inf, 3.0), max(ninf, -3.0))
	println(min(0.0, -zero), max(-zero, 0.0), min(-zero, 0.0))
	// self-test for NaN
	vals := []float64{0, 1, nan, inf, ninf, -zero}
	for _, v := range vals {
		println(v, v != v, v == v+1, v*0, -v)
	}
	// overflow to infinity
	x := 1e308
	println(x*10, -x*10, x*10-x*10)
	// -0 printing and sign
	nz := -zero
	println(nz, zero*-1, 1/nz, nz == 0)
	// complex with NaN parts
	c := complex(nan, 1)
	println(c, c == c, complex(inf, -inf))
}
