package main

// Type inference with explicit type arguments: a parameter typed by an explicitly given type
// parameter is an ordinary parameter (the argument need only be assignable), as in types2;
// map literal keys that differ only in invalid UTF-8 bytes are distinct; runtime.Pinner.
import (
	"fmt"
	"runtime"
)

type S struct{ s string }

func (s S) String() string { return s.s }

func typeAssert[T comparable, V any](val V, want T, ok bool) {
	got, gotOK := any(val).(T)
	fmt.Println(val, want, ok, got == want && gotOK == ok)
}

func main() {
	typeAssert[any](1, 1, true)
	typeAssert[fmt.Stringer](1, nil, false)
	typeAssert[fmt.Stringer](S{"x"}, S{"x"}, true)
	typeAssert[interface{ A() }](S{"x"}, nil, false)
	typeAssert(1, 2, false)

	m := map[string]int{"\x80": 1, "\x81": 2, "\xff\xfe": 3}
	fmt.Println(len(m), m["\x80"], m["\x81"], m["\xff\xfe"])

	var p runtime.Pinner
	x := new(int)
	p.Pin(x)
	p.Pin(x)
	p.Unpin()
	defer func() { fmt.Println(recover()) }()
	p.Pin(3)
}
