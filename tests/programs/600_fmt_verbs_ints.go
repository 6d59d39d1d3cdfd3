package main

import "fmt"

type myInt int
type myUint8 uint8

func main() {
	ints := []any{0, 1, -1, 42, -42, 255, 1 << 31, -1 << 63, int8(-128), int16(32767), int32(-2147483648), int64(1<<62 + 7)}
	uints := []any{uint(0), uint8(255), uint16(65535), uint32(1<<32 - 1), uint64(1<<64 - 1), uintptr(4096), myUint8(200)}
	verbs := []string{"%v", "%d", "%b", "%o", "%O", "%x", "%X", "%#x", "%#X", "%#o", "%#b", "%+d", "% d", "%c", "%q", "%U", "%#U", "%T"}
	for _, v := range append(ints, uints...) {
		for _, verb := range verbs {
			fmt.Printf("%s=[%s] ", verb, fmt.Sprintf(verb, v))
		}
		fmt.Println()
	}
	fmt.Printf("%d %v %T\n", myInt(7), myInt(-7), myInt(0))
	fmt.Printf("%x %X %o %b\n", -255, -255, -8, -5)
	fmt.Printf("%c%c%c %q %q %U\n", 'G', 'o', 0x4E16, 0x1F600, -1, 0x10FFFF+1)
	fmt.Printf("%d %x\n", []int{1, 2, 3}, []uint8{10, 11, 12})
	fmt.Printf("%d %o\n", [3]int16{-1, 0, 1}, map[string]int{"b": 8, "a": 9})
	fmt.Printf("%x %X\n", uint64(0xdeadbeefcafe), int8(-1))
	fmt.Printf("%e %f %s\n", 10, 10, 10)
}
