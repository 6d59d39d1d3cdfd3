package main

import (
	"fmt"
	"math"
)

func main() {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1.0 / 3, 2.5, 100, 1e6, 1e21, 1e-7, 123456789.123456789,
		math.MaxFloat64, math.SmallestNonzeroFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 6.02214076e23, -0.000123}
	verbs := []string{"%v", "%e", "%E", "%f", "%F", "%g", "%G", "%x", "%X", "%b", "%.2f", "%.0f", "%.3e", "%.4g", "%10.3f", "%-10.2f|", "%+.1e", "% g", "%#g", "%#.3g", "%010.2f", "%+08.3f", "%.0e", "%8.2g"}
	for _, v := range vals {
		fmt.Printf("%-24v:", v)
		for _, verb := range verbs {
			fmt.Printf(" [%s]", fmt.Sprintf(verb, v))
		}
		fmt.Println()
	}
	f32 := []float32{0.1, 1.0 / 3, 16777216, 3.4028235e38, 1e-45, -2.5}
	for _, v := range f32 {
		fmt.Printf("%v %g %e %f %.10f %T\n", v, v, v, v, v, v)
		fmt.Println(v, float64(v))
	}
	cs := []complex128{0, 1 + 2i, -1.5 - 0.25i, complex(math.Inf(1), math.NaN())}
	for _, c := range cs {
		fmt.Printf("%v %.2f %e %g %+.1f %T\n", c, c, c, c, c, c)
	}
	fmt.Printf("%v %v\n", complex64(1.25+3i), []complex64{1, 1i})
	fmt.Println(1e20, 1e21, 123456789.0, 0.000001, 0.0000001, float32(1e20), float32(1e21))
	fmt.Printf("%6.2f|%-8.3e|%+g|%08.3f|%x\n", math.Pi, math.E, math.Sqrt2, -math.Pi, 1.0)
	fmt.Printf("%.*f %*.*f\n", 3, math.Pi, 10, 2, math.E)
	fmt.Printf("%d %s %t\n", 1.5, 2.5, 3.5)
}
