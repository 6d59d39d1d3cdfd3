package main

type Celsius float64
type Weekday int
type Flags uint8

const (
	Boiling  Celsius = 100
	Freezing Celsius = 0
)

const (
	Sunday Weekday = iota
	Monday
	Tuesday
)

const (
	FlagA Flags = 1 << iota
	FlagB
	FlagC
	FlagAll = FlagA | FlagB | FlagC
)

const typedInt int32 = 1 << 30
const typedU8 uint8 = 200
const typedF32 float32 = 0.1
const typedStr string = "typed"
const typedBool bool = 3 > 2

func main() {
	println(Boiling, Freezing, Boiling-Freezing, (Boiling+Freezing)/2)
	println(Sunday, Monday, Tuesday, Tuesday-Monday)
	println(FlagA, FlagB, FlagC, FlagAll, FlagAll&^FlagB)
	var f Flags = FlagA
	f |= FlagC
	println(f, f&FlagB != 0, f&FlagC != 0)
	x := typedInt / 2 * 3 // constant arithmetic; the result must fit int32
	println(x, typedInt/3)
	var u = typedU8
	u += typedU8 // wraps at run time
	println(u, typedU8/3)
	var f32 = typedF32
	println(f32, float64(f32), typedF32*3)
	println(typedStr, len(typedStr), typedBool)
	// typed constant arithmetic is exact but must fit
	const big Weekday = 1 << 40
	println(big, big/Monday)
	// conversion of typed constants
	println(int8(typedU8-100), float64(typedInt), Celsius(37.5), Weekday(Celsius(3)))
	// mixing untyped with typed
	var w = Monday + 5
	println(w, w*2)
	d := Celsius(-40)
	println(d*9/5+32, d < Freezing)
}
