package main

// Untyped constants are exact: huge intermediates, exact rationals,
// int/float mixing, rune constants.

const (
	Huge    = 1 << 200
	Back    = Huge >> 195
	Big     = 1e300 * 1e300 / 1e300 / 1e298 // exact, no overflow
	Third   = 1.0 / 3
	Exact   = Third * 3 // exactly 1 in constant arithmetic
	IntDiv  = 7 / 2
	FltDiv  = 7 / 2.0
	Mixed   = 'a' + 1
	MixedF  = 'a' * 1.5
	Precise = 0.1 + 0.2
	Fact20  = 1 * 2 * 3 * 4 * 5 * 6 * 7 * 8 * 9 * 10 * 11 * 12 * 13 * 14 * 15 * 16 * 17 * 18 * 19 * 20
	Fact25  = Fact20 * 21 * 22 * 23 * 24 * 25
	Ratio   = Fact25 / Fact20
	MaxU64  = 1<<64 - 1
	MinI64  = -1 << 63
	Pi      = 3.14159265358979323846264338327950288419716939937510582097494459
	E2      = 2.718281828459045235360287471352662497757247093699959574966967627724 * 2
	Neg     = -Huge / (Huge / 2)
	Cplx    = (1 + 2i) * (3 - 1i)
	FromC   = real(Cplx) + imag(Cplx)
)

func main() {
	println(Back, Big, Exact == 1, IntDiv, FltDiv, Mixed, MixedF)
	println(Precise == 0.3, Precise, 0.1+0.2 == 0.3)
	println(Fact20, Ratio, uint64(MaxU64), int64(MinI64))
	println(Pi, float32(Pi), E2, Neg, Cplx, FromC)
	// untyped float constant that is an integer value converts to int
	var i int = 1e18
	var j int64 = Huge / (1 << 140)
	var r rune = 'x' - 'a'
	var f float64 = 1 << 62
	println(i, j, r, f)
	// constant expression precision vs runtime precision
	x := 0.1
	println(x+0.2 == 0.3, 0.1+0.2 == 0.3)
	const third = 1.0 / 3.0
	var t32 float32 = third
	var t64 float64 = third
	println(t32, t64, third*3 == 1, float64(t32)*3 == 1)
	// big shift then divide back
	const s = (1 << 500) / (1 << 499)
	println(s, Huge/Huge, Huge%7)
	// rune/string constants
	const greek = 'λ'
	const str = "const" + "ant"
	println(greek, string(rune(greek)), str, len(str))
	// integer constant in float context
	var half = 1 / 2.0
	var zero = 1 / 2
	println(half, zero)
	// large uint constants
	const u = 18446744073709551615
	var uu uint64 = u
	println(uu, uu == MaxU64)
	println(1e21, 1e-7, 1_000_000, 0x_ff, 0o17, 017, 0b1011, 0x1p-2, 0x1.8p1, 1_0.5e1)
}
