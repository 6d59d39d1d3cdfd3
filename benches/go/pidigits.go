// pidigits from the Computer Language Benchmarks Game: the first n digits of π by the
// unbounded spigot algorithm (Gibbons' streaming form: a linear fractional transformation
// (q, r, t) composed with (k, 4k+2, 2k+1) term by term; a digit is produced when
// floor((3q+r)/t) equals floor((4q+r)/t)), printed 10 a line with a running count.
// Arbitrary-precision arithmetic with math/big.
package main

import (
	"fmt"
	"math/big"
)

const n = 8000

func main() {
	q, r, t := big.NewInt(1), big.NewInt(0), big.NewInt(1)
	tmp1, tmp2 := new(big.Int), new(big.Int)
	var line [10]byte
	k := int64(0)
	digits := 0
	// extract returns floor((q*x + r) / t).
	extract := func(x int64) int64 {
		tmp1.Mul(q, big.NewInt(x))
		tmp1.Add(tmp1, r)
		tmp1.Quo(tmp1, t)
		return tmp1.Int64()
	}
	for digits < n {
		k++
		k2 := 2*k + 1
		// (q, r, t) := (q*k, (2q + r)*(2k+1), t*(2k+1))
		tmp2.Lsh(q, 1)
		r.Add(r, tmp2)
		r.Mul(r, big.NewInt(k2))
		q.Mul(q, big.NewInt(k))
		t.Mul(t, big.NewInt(k2))
		if q.Cmp(r) > 0 {
			continue
		}
		d := extract(3)
		if d != extract(4) {
			continue
		}
		line[digits%10] = byte('0' + d)
		digits++
		if digits%10 == 0 {
			fmt.Printf("%s\t:%d\n", line[:], digits)
		}
		// (q, r, t) := (10q, 10(r - d*t), t)
		tmp2.Mul(t, big.NewInt(d))
		r.Sub(r, tmp2)
		r.Mul(r, big.NewInt(10))
		q.Mul(q, big.NewInt(10))
	}
	if digits%10 != 0 {
		fmt.Printf("%-10s\t:%d\n", line[:digits%10], digits)
	}
}
