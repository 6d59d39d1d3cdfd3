package main

import "fmt"

// gc multiplies complex64 values in float64 and rounds each part once to float32; doing the
// four products and the sums in float32 rounds several times and can differ in the last bit.

//go:noinline
func mul(a, b complex64) complex64 { return a * b }

//go:noinline
func mulAssign(a complex64, b complex64) complex64 {
	a *= b
	return a
}

func main() {
	a := complex64(complex(-400.921, -347.2))
	b := complex64(complex(-0.1, -0.33333334))
	c := complex64(complex(-0.1, -234.837))
	fmt.Println(mul(a, a), mul(b, b), mul(c, c))
	fmt.Println(mulAssign(a, a), mulAssign(b, c))
	fmt.Println(a*a, b*b, c*c)
	var sum complex64
	for i := range 20 {
		x := complex(float32(i)*0.1+0.3, float32(i)*-7.77)
		sum += mul(x, x+a)
	}
	fmt.Println(sum)
	fmt.Printf("%.10g %.10g\n", real(mul(a, b)), imag(mul(a, c)))
	// complex128 is unchanged.
	d := complex(-400.921, -347.2)
	fmt.Println(d*d, d*complex(0.1, 3))
}
