// math/big multiplication of two 10,000-digit numbers: arith_amd64.s's addMulVVWW and
// friends under Karatsuba.
package main

import (
	"fmt"
	"math/big"
)

func main() {
	x := new(big.Int).Exp(big.NewInt(7), big.NewInt(11833), nil) // 10,000 digits
	y := new(big.Int).Exp(big.NewInt(3), big.NewInt(20959), nil) // 10,000 digits
	z := new(big.Int)
	for i := 0; i < 8000; i++ {
		z.Mul(x, y)
	}
	fmt.Println(len(x.String()), len(y.String()), z.BitLen(), z.Bit(1000))
}
