package main

import (
	"fmt"
	"math/big"
)

func fact(n int64) *big.Int {
	r := big.NewInt(1)
	for i := int64(2); i <= n; i++ {
		r.Mul(r, big.NewInt(i))
	}
	return r
}

func fib(n int) *big.Int {
	a, b := big.NewInt(0), big.NewInt(1)
	for i := 0; i < n; i++ {
		a.Add(a, b)
		a, b = b, a
	}
	return a
}

func main() {
	f100 := fact(100)
	fmt.Println(f100)
	fmt.Println(len(f100.String()), f100.BitLen(), f100.TrailingZeroBits())
	fmt.Println(fib(300))
	fmt.Println(new(big.Int).MulRange(1, 30), new(big.Int).Binomial(100, 50))
	x, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	y, ok := new(big.Int).SetString("-0xfedcba9876543210fedcba", 0)
	fmt.Println(x, y, ok)
	_, ok = new(big.Int).SetString("12z", 10)
	fmt.Println(ok)
	q, r := new(big.Int).QuoRem(x, y, new(big.Int))
	d, m := new(big.Int).DivMod(x, y, new(big.Int))
	fmt.Println(q, r, d, m)
	fmt.Println(new(big.Int).Neg(x), new(big.Int).Abs(y), x.Sign(), y.Sign(), x.Cmp(y), x.CmpAbs(y))
	fmt.Printf("%x %X %o %b\n", big.NewInt(255), y, big.NewInt(8), big.NewInt(5))
	fmt.Printf("%d|%10d|%-10d|%+d|%#x\n", big.NewInt(42), big.NewInt(42), big.NewInt(-42), big.NewInt(42), big.NewInt(255))
	fmt.Println(x.Text(36), x.Text(2)[:20], y.String())
	p := big.NewInt(1000000007)
	e := new(big.Int).Exp(big.NewInt(2), big.NewInt(1000000), p)
	fmt.Println(e, new(big.Int).Exp(big.NewInt(3), big.NewInt(100), nil))
	inv := new(big.Int).ModInverse(big.NewInt(3), big.NewInt(11))
	fmt.Println(inv, new(big.Int).ModInverse(big.NewInt(2), big.NewInt(4)))
	a, b := big.NewInt(240), big.NewInt(46)
	xx, yy := new(big.Int), new(big.Int)
	g := new(big.Int).GCD(xx, yy, a, b)
	fmt.Println(g, xx, yy)
	fmt.Println(new(big.Int).Sqrt(f100), new(big.Int).ModSqrt(big.NewInt(10), big.NewInt(13)))
	mersenne := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 127), big.NewInt(1))
	fmt.Println(mersenne, mersenne.ProbablyPrime(20), big.NewInt(561).ProbablyPrime(10))
	fmt.Println(new(big.Int).And(x, big.NewInt(0xffff)), new(big.Int).Or(big.NewInt(12), big.NewInt(3)), new(big.Int).Xor(big.NewInt(-5), big.NewInt(3)), new(big.Int).Not(big.NewInt(7)), new(big.Int).Rsh(y, 10), x.Bit(3))
	fmt.Println(x.Int64(), x.IsInt64(), big.NewInt(-7).Int64(), x.Uint64(), new(big.Int).SetUint64(1<<63).String())
	fmt.Println(x.Bytes()[:4], new(big.Int).SetBytes([]byte{1, 0}), x.FillBytes(make([]byte, 16)))
	bs, _ := x.MarshalText()
	fmt.Println(string(bs))
	fmt.Println(new(big.Int).Quo(big.NewInt(-7), big.NewInt(2)), new(big.Int).Div(big.NewInt(-7), big.NewInt(2)), new(big.Int).Rem(big.NewInt(-7), big.NewInt(2)), new(big.Int).Mod(big.NewInt(-7), big.NewInt(2)))
	var z big.Int
	fmt.Sscan("98765432109876543210", &z)
	fmt.Println(&z, z.String())
	defer func() { fmt.Println("recovered:", recover()) }()
	new(big.Int).Div(x, big.NewInt(0))
}
