package main

// An embedded field whose type name denotes a pointer type, found only once the type
// declarations are complete; a promoted field named through a pointer base in Offsetof.

import "unsafe"

type T *struct {
	T
}

type P *int

type S struct {
	P
	n int
}

type U struct{ B, C int32 }
type V struct {
	A int64
	*U
}

func main() {
	var v *V
	println(unsafe.Offsetof(v.C))
	_ = S{}
}
