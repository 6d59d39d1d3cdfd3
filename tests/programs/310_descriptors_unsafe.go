package main

import "unsafe"

// Reads type descriptors (internal/abi.Type) and itabs through unsafe and prints their fields:
// they must be byte-compatible with gc 1.27.3's.

type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

type iface struct {
	tab  unsafe.Pointer
	data unsafe.Pointer
}

func typeOf(x any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&x)).typ }

func u64(p unsafe.Pointer, off uintptr) uint64 { return *(*uint64)(unsafe.Add(p, off)) }
func u32(p unsafe.Pointer, off uintptr) uint32 { return *(*uint32)(unsafe.Add(p, off)) }
func u16(p unsafe.Pointer, off uintptr) uint16 { return *(*uint16)(unsafe.Add(p, off)) }
func u8(p unsafe.Pointer, off uintptr) uint8   { return *(*uint8)(unsafe.Add(p, off)) }

func header(name string, x any) {
	t := typeOf(x)
	println(name, "size", u64(t, 0), "ptrbytes", u64(t, 8), "hash", u32(t, 16),
		"tflag", u8(t, 20), "align", u8(t, 21), u8(t, 22), "kind", u8(t, 23),
		"equal", u64(t, 24) != 0)
}

type Point struct {
	X, Y int32
	name string
}

func (p Point) String() string { return p.name }
func (p *Point) Move(dx int32)  { p.X += dx }

type Stringer interface{ String() string }

type Celsius float64

type Pair struct {
	a *int
	b int
	c *int
}

func main() {
	header("int", 1)
	header("string", "s")
	header("float64", 1.5)
	header("[3]int", [3]int{})
	header("[]byte", []byte(nil))
	header("map", map[string]int(nil))
	header("func", func() {})
	header("Point", Point{})
	header("*Point", &Point{})
	header("Celsius", Celsius(0))
	header("Pair", Pair{})
	header("struct{a int8; b int64}", struct {
		a int8
		b int64
	}{})
	header("chan", make(chan int))

	// Slice, pointer and array tails.
	at := typeOf([3]int{})
	println("array len", u64(at, 64), "elem is int", *(*unsafe.Pointer)(unsafe.Add(at, 48)) == typeOf(0))
	pt := typeOf(&Point{})
	println("ptr elem is Point", *(*unsafe.Pointer)(unsafe.Add(pt, 48)) == typeOf(Point{}))

	// Uncommon type and methods of *Point: {pkgpath, mcount, xcount, moff}.
	un := unsafe.Add(pt, 56)
	println("*Point mcount", u16(un, 4), "xcount", u16(un, 6), "moff", u32(un, 8))
	vt := typeOf(Point{})
	vun := unsafe.Add(vt, 80)
	println("Point mcount", u16(vun, 4), "xcount", u16(vun, 6), "moff", u32(vun, 8))

	// Struct fields: {name, typ, offset}.
	ft := *(*unsafe.Pointer)(unsafe.Add(vt, 56))
	for i := uintptr(0); i < 3; i++ {
		f := unsafe.Add(ft, i*24)
		println("field", i, "offset", u64(f, 16))
	}
	// Pointer mask of Pair: words 0 and 2.
	gc := *(*unsafe.Pointer)(unsafe.Add(typeOf(Pair{}), 32))
	println("Pair gcdata", u8(gc, 0))

	// Itab: {inter, type, hash, _, fun[1]}.
	var s Stringer = Point{name: "p"}
	tab := (*iface)(unsafe.Pointer(&s)).tab
	println("itab type is Point", *(*unsafe.Pointer)(unsafe.Add(tab, 8)) == typeOf(Point{}),
		"hash matches", u32(tab, 16) == u32(typeOf(Point{}), 16),
		"fun set", u64(tab, 24) != 0)
	println(s.String())
}
