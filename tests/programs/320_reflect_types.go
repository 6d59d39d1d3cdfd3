package main

// reflect.Type over every kind: the strings, names, sizes and method tables that reflect
// reads from the compiler's type descriptors.

import (
	"reflect"
	"unsafe"
)

type Celsius float64

func (c Celsius) String() string   { return "C" }
func (c *Celsius) Set(v float64)    { *c = Celsius(v) }
func (c Celsius) hidden() int       { return 0 }
func (c Celsius) Add(d Celsius) Celsius { return c + d }

type Inner struct {
	X, Y int
	name string
}

type Outer struct {
	Inner
	*Celsius
	Tags  []string `json:"tags,omitempty" xml:"t"`
	m     map[string]*Inner
	F     func(int, ...string) (bool, error)
	C     <-chan [3]byte
	Iface interface{ String() string }
}

type Stringer interface {
	String() string
}

type Adder interface {
	Stringer
	Add(Celsius) Celsius
	hidden() int
}

type Handler func(string, int) error

type A struct{ Name string }
type B struct{ Name string }
type Amb struct {
	A
	B
	Depth int
}

func describe(t reflect.Type) {
	println(t.String(), "name="+t.Name(), "pkg="+t.PkgPath(), "kind="+t.Kind().String(),
		t.Size(), t.Align(), t.FieldAlign(), t.NumMethod(), t.Comparable())
}

func main() {
	var c Celsius
	types := []reflect.Type{
		reflect.TypeOf(0), reflect.TypeOf(int8(0)), reflect.TypeOf(uint16(0)), reflect.TypeOf(uintptr(0)),
		reflect.TypeOf(float32(0)), reflect.TypeOf(complex64(0)), reflect.TypeOf(complex(1, 2)),
		reflect.TypeOf(true), reflect.TypeOf(""), reflect.TypeOf(unsafe.Pointer(nil)),
		reflect.TypeOf(c), reflect.TypeOf(&c), reflect.TypeOf(Inner{}), reflect.TypeOf(Outer{}),
		reflect.TypeOf([4]int16{}), reflect.TypeOf([]*Inner{}), reflect.TypeOf(map[Celsius][]bool{}),
		reflect.TypeOf(make(chan int)), reflect.TypeOf(make(chan<- string)), reflect.TypeOf(Handler(nil)),
		reflect.TypeOf(func(a ...int) {}), reflect.TypeOf(struct{}{}), reflect.TypeOf([]byte("x")),
		reflect.TypeOf('x'), reflect.TypeOf((*error)(nil)).Elem(), reflect.TypeOf((*Adder)(nil)).Elem(),
		reflect.TypeOf((*any)(nil)).Elem(), reflect.TypeOf(Amb{}),
	}
	for _, t := range types {
		describe(t)
	}

	// Numbers.
	for _, t := range types[:7] {
		println(t.String(), "bits", t.Bits())
	}
	println(reflect.TypeOf(int8(0)).OverflowInt(200), reflect.TypeOf(uint8(0)).OverflowUint(255),
		reflect.TypeOf(float32(0)).OverflowFloat(1e39), reflect.TypeOf(0.0).OverflowFloat(1e39))

	// Composite kinds.
	at := reflect.TypeOf([4]int16{})
	println(at.Len(), at.Elem().String())
	mt := reflect.TypeOf(map[Celsius][]bool{})
	println(mt.Key().String(), mt.Key().Name(), mt.Elem().String())
	ct := reflect.TypeOf(make(chan<- string))
	println(ct.ChanDir().String(), ct.Elem().String(), reflect.TypeOf(make(<-chan int)).ChanDir().String(),
		reflect.TypeOf(make(chan int)).ChanDir().String())

	// Funcs.
	ft := reflect.TypeOf(Outer{}.F)
	println(ft.String(), ft.NumIn(), ft.NumOut(), ft.IsVariadic())
	for i := 0; i < ft.NumIn(); i++ {
		println(" in", i, ft.In(i).String())
	}
	for i := 0; i < ft.NumOut(); i++ {
		println(" out", i, ft.Out(i).String())
	}
	ht := reflect.TypeOf(Handler(nil))
	println(ht.Name(), ht.NumIn(), ht.In(0).String(), ht.Out(0).String(), ht.IsVariadic())

	// Structs.
	ot := reflect.TypeOf(Outer{})
	for i := 0; i < ot.NumField(); i++ {
		f := ot.Field(i)
		println(i, f.Name, "pkg="+f.PkgPath, f.Type.String(), f.Offset, f.Anonymous, f.IsExported(),
			"tag="+string(f.Tag), f.Tag.Get("json"), f.Index[0])
	}
	if f, ok := ot.FieldByName("Y"); ok {
		println("Y via", len(f.Index), f.Index[0], f.Index[1], f.Offset, f.Type.String())
	}
	if _, ok := ot.FieldByName("nope"); !ok {
		println("no field nope")
	}
	at2 := reflect.TypeOf(Amb{})
	_, ok := at2.FieldByName("Name")
	println("ambiguous Name found:", ok)
	fd, ok := at2.FieldByName("Depth")
	println("Depth:", ok, fd.Index[0])
	fx := ot.FieldByIndex([]int{0, 2})
	println("FieldByIndex:", fx.Name, fx.PkgPath, fx.Type.String())
	v, ok := ot.Field(2).Tag.Lookup("xml")
	println("xml tag:", v, ok)

	// Methods of concrete types: exported only, sorted, receiver first in Method.Type.
	for _, t := range []reflect.Type{reflect.TypeOf(c), reflect.TypeOf(&c), reflect.TypeOf(Outer{}), reflect.TypeOf(&Outer{})} {
		println(t.String(), "methods", t.NumMethod())
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			println(" ", m.Index, m.Name, m.Type.String(), m.IsExported())
		}
	}
	m, ok := reflect.TypeOf(&c).MethodByName("Set")
	println("MethodByName Set:", ok, m.Index, m.Type.String())
	_, ok = reflect.TypeOf(c).MethodByName("Set")
	println("Celsius has Set:", ok)

	// Methods of interface types: all of them, unexported with their package.
	it := reflect.TypeOf((*Adder)(nil)).Elem()
	for i := 0; i < it.NumMethod(); i++ {
		m := it.Method(i)
		println(" ", m.Index, m.Name, "pkg="+m.PkgPath, m.Type.String())
	}
	m, ok = it.MethodByName("hidden")
	println("iface MethodByName hidden:", ok, m.Index)

	// Relations.
	st := reflect.TypeOf((*Stringer)(nil)).Elem()
	et := reflect.TypeOf((*error)(nil)).Elem()
	println(reflect.TypeOf(c).Implements(st), reflect.TypeOf(&c).Implements(st), reflect.TypeOf(c).Implements(it),
		reflect.TypeOf(0).Implements(st), it.Implements(st), st.Implements(it), reflect.TypeOf(c).Implements(et))
	println(reflect.TypeOf(c).AssignableTo(reflect.TypeOf(0.0)), reflect.TypeOf(c).ConvertibleTo(reflect.TypeOf(0.0)),
		reflect.TypeOf(c).AssignableTo(st), reflect.TypeOf([]byte{}).ConvertibleTo(reflect.TypeOf("")),
		reflect.TypeOf("").ConvertibleTo(reflect.TypeOf([]rune{})), reflect.TypeOf(0).ConvertibleTo(reflect.TypeOf("")),
		reflect.TypeOf([]int{}).ConvertibleTo(reflect.TypeOf(&[2]int{})), reflect.TypeOf(true).ConvertibleTo(reflect.TypeOf(0)),
		reflect.TypeOf(make(chan int)).AssignableTo(reflect.TypeOf(make(<-chan int))))

	// Identity with the compiler's descriptors.
	println(reflect.TypeOf(&c).Elem() == reflect.TypeOf(c), reflect.PointerTo(reflect.TypeOf(c)) == reflect.TypeOf(&c),
		reflect.TypeOf([]int{}).Elem() == reflect.TypeOf(0))
	pt := reflect.PointerTo(reflect.TypeOf(Handler(nil)))
	println(pt.String(), pt.Kind().String(), pt.Elem() == reflect.TypeOf(Handler(nil)), pt == reflect.PointerTo(reflect.TypeOf(Handler(nil))))
	println(reflect.Kind(27).String(), reflect.ChanDir(0).String(), reflect.Ptr == reflect.Pointer)

	type local struct{ a int }
	println(reflect.TypeOf(local{}).String(), reflect.TypeOf(local{}).Name(), reflect.TypeOf([]local{}).String())
}
