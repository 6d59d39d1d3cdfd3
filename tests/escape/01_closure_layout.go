package main

import "unsafe"

// Reads closure objects through unsafe: gc lays out {F, captured variables in order of first
// reference}, by value unless reassigned, address-taken or larger than 128 bytes.

func word(base uintptr, off uintptr) uintptr { return *(*uintptr)(unsafe.Pointer(base + off)) }

func obj(f func() int64) uintptr { return uintptr(*(*unsafe.Pointer)(unsafe.Pointer(&f))) }

func main() {
	var a int8 = 1
	var b int64 = 2
	var c int8 = 3
	var d int32 = 4
	x := 10
	f := func() int64 {
		x++
		return int64(d) + int64(c) + b + int64(a) + int64(x)
	}
	println(f())
	base := obj(f)
	xp := (*int)(unsafe.Pointer(word(base, 8)))
	println("x by reference:", *xp == x)
	println("d", *(*int32)(unsafe.Pointer(base + 16)))
	println("c", *(*int8)(unsafe.Pointer(base + 20)))
	println("b", *(*int64)(unsafe.Pointer(base + 24)))
	println("a", *(*int8)(unsafe.Pointer(base + 32)))
	*xp = 100
	println(f(), x)

	// Arrays up to 128 bytes are captured by value, larger ones by reference.
	var small [16]int64
	var big [17]int64
	small[3], big[3] = 7, 9
	g := func() int64 { return small[3] + big[3] }
	gb := obj(g)
	println(g(), *(*int64)(unsafe.Pointer(gb + 8 + 3*8)))
	bigp := (*[17]int64)(unsafe.Pointer(word(gb, 8+128)))
	println(bigp[3], bigp == &big)

	// Reassignment before the capture at the same loop depth is forgiven.
	y := 1
	y = 2
	h := func() int64 { return int64(y) }
	println(h(), *(*int)(unsafe.Pointer(obj(h) + 8)))

	// Per-iteration loop variables are captured by value.
	var fs []func() int64
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int64 { return int64(i) * 10 })
	}
	for _, k := range fs {
		println(k(), *(*int)(unsafe.Pointer(obj(k) + 8)))
	}
}
