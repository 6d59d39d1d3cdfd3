package main

// The unsafe package in full: Sizeof, Alignof, Offsetof (constants), Pointer conversions,
// Add, Slice, SliceData, String, StringData, and the run-time checks of Slice and String.

import "unsafe"

type Rec struct {
	A bool
	B int64
	C [3]int16
	D string
	E struct {
		X byte
		Y float32
	}
	F []int
	G any
}

const recSize = unsafe.Sizeof(Rec{})

var arr [recSize]byte // a constant expression, usable as an array length

func try(name string, f func()) {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok {
			println(name+":", err.Error())
		} else {
			println(name+": no panic")
		}
	}()
	f()
}

func main() {
	var r Rec
	println(unsafe.Sizeof(r), unsafe.Alignof(r), len(arr))
	println(unsafe.Offsetof(r.A), unsafe.Offsetof(r.B), unsafe.Offsetof(r.C), unsafe.Offsetof(r.D),
		unsafe.Offsetof(r.E), unsafe.Offsetof(r.E.Y), unsafe.Offsetof(r.F), unsafe.Offsetof(r.G))
	println(unsafe.Sizeof(r.E), unsafe.Alignof(r.E), unsafe.Alignof(r.C), unsafe.Sizeof(r.G), unsafe.Sizeof(uintptr(0)))

	// Pointer arithmetic through uintptr and Add.
	r.C = [3]int16{10, 20, 30}
	p := unsafe.Pointer(&r.C[0])
	second := (*int16)(unsafe.Pointer(uintptr(p) + unsafe.Sizeof(r.C[0])))
	third := (*int16)(unsafe.Add(p, 2*unsafe.Sizeof(r.C[0])))
	println(*second, *third)
	*(*int64)(unsafe.Add(unsafe.Pointer(&r), unsafe.Offsetof(r.B))) = -5
	println(r.B)

	// Slice / SliceData.
	nums := []int32{1, 2, 3, 4, 5}
	d := unsafe.SliceData(nums)
	view := unsafe.Slice(d, 3)
	view[0] = 100
	println(len(view), cap(view), nums[0], unsafe.Slice(unsafe.SliceData(nums[2:]), 2)[1])
	var empty []int32
	println(unsafe.SliceData(empty) == nil, unsafe.SliceData([]int32{}) != nil, len(unsafe.Slice((*int)(nil), 0)))

	// String / StringData.
	b := []byte("hello, world")
	s := unsafe.String(&b[0], 5)
	println(s, len(s))
	b[0] = 'J'
	println(s)
	sd := unsafe.StringData("abc")
	println(*sd, *(*byte)(unsafe.Add(unsafe.Pointer(sd), 2)), unsafe.String(nil, 0) == "")

	// Reading headers through unsafe.
	type sliceHeader struct {
		data unsafe.Pointer
		len  int
		cap  int
	}
	h := (*sliceHeader)(unsafe.Pointer(&nums))
	println(h.len, h.cap, h.data == unsafe.Pointer(d))

	// Run-time checks.
	var n = -1
	try("Slice negative len", func() { _ = unsafe.Slice(d, n) })
	try("Slice nil with len", func() { _ = unsafe.Slice((*int32)(nil), 3) })
	try("Slice too long", func() { _ = unsafe.Slice((*int64)(unsafe.Pointer(d)), 1<<62) })
	try("String negative len", func() { _ = unsafe.String(&b[0], n) })
	try("String nil with len", func() { _ = unsafe.String(nil, 2) })
	try("String ok", func() { _ = unsafe.String(&b[0], 2) })
}
