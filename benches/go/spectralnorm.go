// spectral-norm from the Computer Language Benchmarks Game: the spectral norm of the infinite
// matrix A with a(i,j) = 1/((i+j)(i+j+1)/2+i+1), truncated to n×n, by ten rounds of the power
// method on AᵀA; prints it to nine decimals. Nested floating-point loops over slices.
package main

import (
	"fmt"
	"math"
)

const n = 4000

func a(i, j int) float64 {
	return 1 / float64((i+j)*(i+j+1)/2+i+1)
}

// mulAv sets av = A·v.
func mulAv(v, av []float64) {
	for i := range av {
		s := 0.0
		for j, x := range v {
			s += a(i, j) * x
		}
		av[i] = s
	}
}

// mulAtv sets atv = Aᵀ·v.
func mulAtv(v, atv []float64) {
	for i := range atv {
		s := 0.0
		for j, x := range v {
			s += a(j, i) * x
		}
		atv[i] = s
	}
}

func mulAtAv(v, out, tmp []float64) {
	mulAv(v, tmp)
	mulAtv(tmp, out)
}

func main() {
	u := make([]float64, n)
	for i := range u {
		u[i] = 1
	}
	v := make([]float64, n)
	tmp := make([]float64, n)
	for range 10 {
		mulAtAv(u, v, tmp)
		mulAtAv(v, u, tmp)
	}
	var vBv, vv float64
	for i := range v {
		vBv += u[i] * v[i]
		vv += v[i] * v[i]
	}
	fmt.Printf("%0.9f\n", math.Sqrt(vBv/vv))
}
