package main

import (
	"fmt"
	"math"
	"strconv"
)

func main() {
	floats := []float64{0, -0.0, 1, -1.5, 0.1, 0.2 + 0.1, 1.0 / 3, 2.0 / 3, 1e23, 5e-324, math.MaxFloat64, 123456.789, 1e-10, 100, 1234567890123456789, math.Inf(1), math.NaN(), math.Pi}
	fmts := []byte{'b', 'e', 'E', 'f', 'g', 'G', 'x', 'X'}
	precs := []int{-1, 0, 3, 17}
	for _, f := range floats {
		fmt.Print(f, ":")
		for _, fm := range fmts {
			for _, p := range precs {
				fmt.Print(" ", strconv.FormatFloat(f, fm, p, 64))
			}
		}
		fmt.Println(" |32:", strconv.FormatFloat(f, 'g', -1, 32))
	}
	inputs := []string{"0", "1", "-1.5", "1e10", "1E-5", ".5", "5.", "0x1p-2", "0x1.8p1", "inf", "-Inf", "+INF", "NaN", "nan", "1_000.5", "0x_1p0", "1e400", "-1e400", "1e-400", "abc", "", "1.5x", "4.9406564584124654e-324", "2.2250738585072011e-308", "0.1", "9007199254740993", "1.7976931348623157e308", "1.7976931348623159e308"}
	for _, in := range inputs {
		v, err := strconv.ParseFloat(in, 64)
		v32, err32 := strconv.ParseFloat(in, 32)
		fmt.Printf("%q -> %v %x (%v) | %v (%v)\n", in, v, math.Float64bits(v), err, v32, err32)
	}
	for _, base := range []int{2, 8, 10, 16, 36} {
		fmt.Println(base, strconv.FormatInt(-255, base), strconv.FormatUint(1<<64-1, base), strconv.Itoa(base*1000))
	}
	ints := []struct {
		s    string
		base int
		bits int
	}{{"123", 10, 64}, {"-128", 10, 8}, {"128", 10, 8}, {"ff", 16, 64}, {"0xff", 0, 64}, {"0o17", 0, 64}, {"0b101", 0, 64}, {"017", 0, 64}, {"1_000", 0, 64}, {"1_000", 10, 64}, {"zz", 36, 64}, {"9223372036854775808", 10, 64}, {"-9223372036854775808", 10, 64}, {"", 10, 64}, {"12a", 10, 64}, {"1", 1, 64}, {"1", 10, 65}}
	for _, t := range ints {
		v, err := strconv.ParseInt(t.s, t.base, t.bits)
		fmt.Printf("ParseInt(%q,%d,%d) = %d, %v\n", t.s, t.base, t.bits, v, err)
	}
	for _, s := range []string{"255", "256", "-1", "18446744073709551615", "18446744073709551616"} {
		v, err := strconv.ParseUint(s, 10, 8)
		w, err2 := strconv.ParseUint(s, 10, 64)
		fmt.Println(s, v, err, w, err2)
	}
	for _, s := range []string{"1", "t", "TRUE", "false", "F", "0", "yes"} {
		b, err := strconv.ParseBool(s)
		fmt.Println(s, b, err)
	}
	fmt.Println(strconv.FormatBool(true), string(strconv.AppendInt([]byte("n="), -42, 10)), string(strconv.AppendFloat(nil, 1.5, 'e', 2, 64)), string(strconv.AppendBool(nil, false)))
	for _, s := range []string{"(1+2i)", "3i", "-1.5-2.5i", "1e3+0.5i", "bad"} {
		c, err := strconv.ParseComplex(s, 128)
		fmt.Println(s, c, err, strconv.FormatComplex(c, 'f', 2, 128))
	}
}
