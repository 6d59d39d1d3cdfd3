package main

type Size uint64

const (
	_       = iota
	KB Size = 1 << (10 * iota)
	MB
	GB
	TB
)

const (
	A, B = iota, iota * 10
	C, D
	E, F
)

const (
	X0 = iota * iota
	X1
	X2
	_
	X4
	X5 = "str"
	X6
	X7 = iota + 100
	X8
)

const (
	Bit0, Mask0 = 1 << iota, 1<<iota - 1
	Bit1, Mask1
	Bit2, Mask2
)

const (
	Neg = -iota
	Neg1
	Neg2
)

const (
	F0 = float64(iota) / 2
	F1
	F2
)

const Single = iota

const (
	One = iota + 1
	Two
	Three
)

func main() {
	println(KB, MB, GB, TB)
	println(A, B, C, D, E, F)
	println(X0, X1, X2, X4, X5, X6, X7, X8)
	println(Bit0, Mask0, Bit1, Mask1, Bit2, Mask2)
	println(Neg, Neg1, Neg2)
	println(F0, F1, F2)
	println(Single, One, Two, Three)
	const (
		local0 = iota * 3
		local1
	)
	println(local0, local1)
	names := [...]string{One: "one", Two: "two", Three: "three"}
	println(len(names), names[0] == "", names[Two], names[Three])
}
