package main

// unsafe.Offsetof through a pointer-to-struct base and promoted fields: offsets are from the
// start of the struct holding the embedded field (Go's test/sizeof.go, issue 4909).

import "unsafe"

type U2 struct {
	B int32
	C int32
}

type T2 struct {
	A int32
	U2
}

type Deep struct {
	X byte
	T2
	Y [3]int16
}

var t2 T2
var p2 *T2
var d Deep
var pd *Deep

func main() {
	println(unsafe.Offsetof(t2.C), unsafe.Offsetof(p2.C), unsafe.Offsetof(t2.U2.C), unsafe.Offsetof(p2.U2))
	println(unsafe.Offsetof(d.C), unsafe.Offsetof(pd.C), unsafe.Offsetof(pd.A), unsafe.Offsetof(pd.Y), unsafe.Offsetof(d.T2.U2.B))
}
