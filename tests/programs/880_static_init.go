package main

// Package-level variables that gc initialises statically (cmd/compile/internal/staticinit):
// their values are in the executable's data, so conversions keep exact capacities, literals
// share static backing arrays, and a variable already holds its value while earlier
// initialisers run.

import (
	"fmt"
	"os"
)

type T struct {
	A int
	S string
	P *int
	F func() int
}

type I interface{ M() int }

func (t T) M() int { return t.A }

type Small int

func (s Small) M() int { return int(s) }

var x = 42
var b = []byte("foo")
var bs = [][]byte{[]byte("ab"), []byte("cde")}
var s = []int{1, 2, 3}
var sparse = []string{5: "five", 2: "two"}
var t = T{A: 1, S: "hi", P: &x}
var pt = &T{A: 2}
var px = &x
var fn = func() int { return 7 }
var g = fmt.Sprint
var e any = 5
var ef any = 2.5
var es any = "str"
var ei I = T{A: 9}
var ep I = pt
var esmall I = Small(3)
var enil I
var arr = [3]string{"a", 1: "b"}
var parr = &[2]int{4, 5}
var m = map[string]int{"a": 1}
var y = x
var ts = []T{{A: 1}, {A: 2, S: "two"}}
var tp = []*T{{A: 3}, nil}
var c complex128 = 1 + 2i
var f32 float32 = 1.25
var u8 uint8 = 200
var neg int16 = -3
var st = struct {
	a byte
	b int32
	c bool
}{1, 2, true}

// Initialisers that run code: observe the static variables from a dynamic one that runs
// before them in source order (a later static variable is already set).
var early = observe()
var late = []int{7, 8}
var lateStr = "late"
var lateBytes = []byte("later")

func observe() string {
	return fmt.Sprint(late, lateStr, string(lateBytes), len(lateBytes), cap(lateBytes))
}

// A copy of a static variable made after a call that may have changed it is dynamic.
var counter = 1
var bump = func() int { counter = 10; return 0 }()
var copied = counter

func main() {
	fmt.Println(x, len(b), cap(b), string(b), s, cap(s), len(sparse), cap(sparse), sparse[5])
	fmt.Println(len(bs[0]), cap(bs[0]), len(bs[1]), cap(bs[1]))
	fmt.Println(t.A, t.S, *t.P, t.F == nil, pt.A, *px, fn(), g("z"))
	fmt.Println(e, ef, es, ei.M(), ep.M(), esmall.M(), enil == nil, arr, *parr, m, y)
	fmt.Println(ts, *tp[0], tp[1] == nil, c, f32, u8, neg, st)
	fmt.Println(early, copied, bump)
	b[0] = 'g'
	b = append(b, 'x')
	fmt.Println(string(b), cap(b) >= 4)
	s[0] = 100
	fmt.Println(s)
	px = nil
	fmt.Println(px == nil, t.P == &x)
	// A []byte's backing array is writable data, a string's is not copied.
	fmt.Fprintln(os.Stderr, "done")
}
