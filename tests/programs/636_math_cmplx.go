package main

import (
	"fmt"
	"math"
	"math/cmplx"
)

func main() {
	zs := []complex128{0, 1, -1, 1i, -1i, 1 + 1i, 3 + 4i, -2.5 + 0.5i, 1e-10 - 1e10i, complex(math.Inf(1), 0), cmplx.NaN()}
	for _, z := range zs {
		fmt.Printf("z=%v abs=%.6g phase=%.6g conj=%v\n", z, cmplx.Abs(z), cmplx.Phase(z), cmplx.Conj(z))
		fmt.Printf("  sqrt=%.6g exp=%.6g log=%.6g\n", cmplx.Sqrt(z), cmplx.Exp(z), cmplx.Log(z))
		fmt.Printf("  sin=%.6g cos=%.6g tan=%.6g\n", cmplx.Sin(z), cmplx.Cos(z), cmplx.Tan(z))
		fmt.Printf("  asin=%.6g acos=%.6g atan=%.6g sinh=%.6g\n", cmplx.Asin(z), cmplx.Acos(z), cmplx.Atan(z), cmplx.Sinh(z))
		fmt.Printf("  pow=%.6g inf=%v nan=%v\n", cmplx.Pow(z, 0.5+1i), cmplx.IsInf(z), cmplx.IsNaN(z))
	}
	r, th := cmplx.Polar(-1 + 1i)
	fmt.Printf("%.10f %.10f %v\n", r, th, cmplx.Rect(2, math.Pi/2))
	fmt.Println(cmplx.Inf(), cmplx.Log10(100), cmplx.Cot(1+1i))
	var acc complex128 = 1
	for k := 0; k < 1000; k++ {
		acc = acc*complex(0.999, 0.01) + complex(float64(k%7)*1e-3, -1e-4)
	}
	fmt.Println(acc, real(acc), imag(acc))
	roots := make([]complex128, 8)
	for k := range roots {
		roots[k] = cmplx.Exp(complex(0, 2*math.Pi*float64(k)/8))
	}
	var sum complex128
	for _, w := range roots {
		sum += w
	}
	fmt.Printf("%.3f %.3g\n", roots[1], sum)
	var c64 complex64 = complex(float32(1.5), float32(-2))
	fmt.Println(c64*c64, c64/complex(float32(0.5), 1), real(c64), imag(c64))
	fmt.Println((1+2i)/(3-4i), (1+2i)*(3-4i), c64/complex64(complex(0, float32(len(zs)-len(zs)))))
}
