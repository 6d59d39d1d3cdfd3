package main

import (
	"fmt"
	"math"
	"math/big"
)

func main() {
	r := big.NewRat(1, 3)
	s := big.NewRat(1, 6)
	sum := new(big.Rat).Add(r, s)
	fmt.Println(sum, sum.FloatString(5), sum.Num(), sum.Denom(), sum.IsInt())
	h := new(big.Rat)
	for i := int64(1); i <= 20; i++ {
		h.Add(h, big.NewRat(1, i))
	}
	fmt.Println(h, h.FloatString(30))
	f, exact := h.Float64()
	fmt.Println(f, exact)
	q, ok := new(big.Rat).SetString("3.14159")
	fmt.Println(q, ok)
	q, ok = new(big.Rat).SetString("-22/7")
	fmt.Println(q, ok, q.Sign(), new(big.Rat).Inv(q), new(big.Rat).Neg(q), new(big.Rat).Abs(q))
	q, _ = new(big.Rat).SetString("1e-5")
	fmt.Println(q, new(big.Rat).SetFloat64(0.1), new(big.Rat).SetFloat64(math.Pi).FloatString(40))
	fmt.Println(new(big.Rat).Mul(big.NewRat(2, 3), big.NewRat(9, 4)), new(big.Rat).Quo(big.NewRat(2, 3), big.NewRat(4, 9)), big.NewRat(1, 2).Cmp(big.NewRat(2, 4)), new(big.Rat).SetFrac64(10, -4))
	fmt.Printf("%v %s %d\n", big.NewRat(5, 10), big.NewRat(7, 1).RatString(), big.NewRat(3, 4))
	for _, prec := range []uint{24, 53, 100, 300} {
		x := new(big.Float).SetPrec(prec).SetInt64(2)
		x.Sqrt(x)
		fmt.Println(prec, x.Text('g', 80), x.Text('e', 20), x.MinPrec(), x.Acc())
	}
	pi := new(big.Float).SetPrec(200)
	pi.SetString("3.14159265358979323846264338327950288419716939937510582097494459")
	fmt.Println(pi.Text('f', 55), pi.Prec(), pi.Mode())
	third := new(big.Float).SetPrec(100).Quo(big.NewFloat(1), big.NewFloat(3))
	fmt.Printf("%.40f %g %v %.5e\n", third, third, third, third)
	f64, acc := third.Float64()
	fmt.Println(f64, acc)
	iv, acc := new(big.Float).SetFloat64(-2.75).Int(nil)
	fmt.Println(iv, acc)
	mant := new(big.Float)
	e := big.NewFloat(1000).MantExp(mant)
	fmt.Println(mant, e, big.NewFloat(1).SetMantExp(big.NewFloat(0.5), 10))
	for _, mode := range []big.RoundingMode{big.ToNearestEven, big.ToNearestAway, big.ToZero, big.AwayFromZero, big.ToNegativeInf, big.ToPositiveInf} {
		x := new(big.Float).SetPrec(4).SetMode(mode)
		x.SetFloat64(2.3125)
		y := new(big.Float).SetPrec(4).SetMode(mode).SetFloat64(-2.3125)
		fmt.Println(mode, x, y, x.Acc())
	}
	inf := new(big.Float).SetInf(true)
	fmt.Println(inf, inf.IsInf(), big.NewFloat(0).Signbit(), new(big.Float).Neg(big.NewFloat(0)))
	big1 := new(big.Float).SetPrec(500).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(100), nil))
	big1.Add(big1, big.NewFloat(0.5))
	fmt.Println(big1.Text('f', 3), big1.IsInt())
	z, _, err := big.ParseFloat("1.5e1000", 10, 64, big.ToNearestEven)
	fmt.Println(z, err)
	fmt.Println(big.NewFloat(1.5).Cmp(big.NewFloat(2)), new(big.Float).Mul(big.NewFloat(1e300), big.NewFloat(1e300)))
	defer func() { fmt.Println("recovered:", recover()) }()
	new(big.Float).Sub(inf, inf)
}
