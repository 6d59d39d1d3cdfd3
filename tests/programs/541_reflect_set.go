package main

import "reflect"

type Inner struct {
	N    int
	Tags []string
}

type S struct {
	I     int
	U     uint16
	F     float32
	C     complex128
	B     bool
	Str   string
	P     *int
	In    Inner
	Any   any
	Bytes []byte
	hid   int
}

type MyInt int
type Celsius float64

func main() {
	var s S
	v := reflect.ValueOf(&s).Elem()
	println(v.CanSet(), reflect.ValueOf(s).Field(0).CanSet(), v.Field(0).CanSet(), v.FieldByName("hid").CanSet())
	v.Field(0).SetInt(-42)
	v.FieldByName("U").SetUint(65535)
	v.FieldByName("F").SetFloat(1.5)
	v.FieldByName("C").SetComplex(complex(2, -3))
	v.FieldByName("B").SetBool(true)
	v.FieldByName("Str").SetString("hello")
	x := 7
	v.FieldByName("P").Set(reflect.ValueOf(&x))
	v.FieldByName("In").Field(0).SetInt(9)
	v.FieldByName("In").Field(1).Set(reflect.ValueOf([]string{"a", "b"}))
	v.FieldByName("Any").Set(reflect.ValueOf(3.25))
	v.FieldByName("Bytes").SetBytes([]byte("xyz"))
	println(s.I, s.U, s.F, real(s.C), imag(s.C), s.B, s.Str, *s.P, s.In.N, len(s.In.Tags), s.In.Tags[1], s.Any.(float64), string(s.Bytes))
	v.FieldByName("P").Elem().SetInt(70)
	println(x)
	v.FieldByName("Any").Set(reflect.Zero(v.FieldByName("Any").Type()))
	println(s.Any == nil, v.FieldByName("I").IsZero(), v.FieldByName("hid").IsZero())
	v.FieldByName("I").SetZero()
	println(s.I)
	println(v.FieldByName("I").CanAddr(), v.FieldByName("I").Addr().Interface().(*int) == &s.I)

	// Overflow checks.
	println(v.FieldByName("U").OverflowUint(70000), v.FieldByName("F").OverflowFloat(1e40), reflect.ValueOf(int8(0)).OverflowInt(200))

	// New, Indirect, PointerTo.
	np := reflect.New(reflect.TypeOf(0))
	np.Elem().SetInt(5)
	println(*np.Interface().(*int), reflect.Indirect(np).Int(), np.Type().String(), reflect.PointerTo(reflect.TypeOf(s)).String())

	// Slices.
	sl := reflect.MakeSlice(reflect.TypeOf([]int{}), 2, 5)
	sl.Index(0).SetInt(10)
	sl.Index(1).SetInt(20)
	sl = reflect.Append(sl, reflect.ValueOf(30), reflect.ValueOf(40))
	sl = reflect.AppendSlice(sl, reflect.ValueOf([]int{50, 60}))
	ints := sl.Interface().([]int)
	println(sl.Len(), len(ints), ints[0], ints[3], ints[5])
	sub := sl.Slice(1, 3)
	println(sub.Len(), sub.Cap(), sub.Index(0).Int())
	sub3 := sl.Slice3(0, 2, 3)
	println(sub3.Len(), sub3.Cap())
	dst := reflect.MakeSlice(reflect.TypeOf([]int{}), 3, 3)
	n := reflect.Copy(dst, sl)
	println(n, dst.Index(2).Int())
	pv := reflect.New(sl.Type())
	pv.Elem().Set(sl)
	pv.Elem().SetLen(2)
	println(pv.Elem().Len(), pv.Elem().Cap())
	pv.Elem().SetCap(4)
	println(pv.Elem().Cap())
	grown := reflect.ValueOf([]string{"a"})
	g2 := reflect.Append(grown, reflect.ValueOf("b"), reflect.ValueOf("c"))
	println(g2.Len(), g2.Index(2).String())
	arr := [3]int{1, 2, 3}
	av := reflect.ValueOf(&arr).Elem()
	av.Index(1).SetInt(200)
	println(arr[1], av.Len(), av.Slice(1, 3).Len())
	bs := []byte("hello")
	println(reflect.Copy(reflect.ValueOf(bs), reflect.ValueOf("HE")), string(bs))
	ss := reflect.ValueOf([]string{"x", "y", "z"})
	ss.Index(0).SetString("X")
	println(ss.Index(0).String())
	sl2 := reflect.ValueOf(&ints).Elem()
	sl2.Grow(100)
	println(sl2.Cap() >= 106, sl2.Len())
	sl2.Clear()
	println(ints[0])

	// Convert.
	mi := reflect.ValueOf(42).Convert(reflect.TypeOf(MyInt(0)))
	println(mi.Type().String(), mi.Int())
	println(reflect.ValueOf(3.9).Convert(reflect.TypeOf(int8(0))).Int())
	println(reflect.ValueOf(Celsius(36.6)).Convert(reflect.TypeOf(float32(0))).Float() > 36)
	println(reflect.ValueOf(65).Convert(reflect.TypeOf("")).String())
	println(reflect.ValueOf("héllo").Convert(reflect.TypeOf([]byte(nil))).Len())
	println(reflect.ValueOf([]rune("héllo")).Convert(reflect.TypeOf("")).String())
	println(reflect.ValueOf(uint8(200)).Convert(reflect.TypeOf(int8(0))).Int())
	println(reflect.ValueOf(&x).Convert(reflect.TypeOf(reflect.ValueOf(&x).Interface())).Elem().Int())
	var e any = MyInt(3)
	ev := reflect.ValueOf(e).Convert(reflect.TypeOf((*any)(nil)).Elem())
	println(ev.Kind().String(), ev.Elem().Type().String())
	println(reflect.ValueOf(1).CanConvert(reflect.TypeOf("")), reflect.ValueOf("s").CanConvert(reflect.TypeOf(0)))
	arrv := reflect.ValueOf([]int{1, 2, 3}).Convert(reflect.TypeOf([3]int{}))
	println(arrv.Index(2).Int())

	// Zero and comparisons.
	z := reflect.Zero(reflect.TypeOf(s))
	println(z.Field(0).Int(), z.Field(5).String() == "", z.CanSet())
	println(reflect.ValueOf(s).Field(0).Equal(reflect.ValueOf(s.I)), reflect.ValueOf(1).Comparable())

	// Setting unexported fields panics with gc's message.
	defer func() { println("recovered:", recover().(string)) }()
	v.FieldByName("hid").SetInt(1)
}
