package main

import "reflect"

type Point struct{ X, Y int }

func (p Point) Add(q Point) Point    { return Point{p.X + q.X, p.Y + q.Y} }
func (p *Point) Scale(k int)         { p.X *= k; p.Y *= k }
func (p Point) Dist2() (int, bool)   { return p.X*p.X + p.Y*p.Y, p.X == p.Y }
func (p Point) String() string       { return "(" + itoa(p.X) + "," + itoa(p.Y) + ")" }
func (p Point) unexported() int      { return 0 }
func (p Point) Mix(a float32, b float64, c complex64) float64 { return float64(a) + b + float64(real(c)) + float64(imag(c)) }

type Stringer interface{ String() string }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

func add(a, b int) int { return a + b }

func divmod(a, b int) (q, r int) { return a / b, a % b }

func many(a int8, b int16, c int32, d int64, e uint8, f uint16, g uint32, h uint64, i float32, j float64,
	k string, l []int, m bool, n uintptr, o complex128, p map[string]int, q *int, r any, s [2]int, t [1]string) (string, float64, int) {
	return k + t[0], float64(i) + j + real(o) + imag(o), int(a) + int(b) + int(c) + int(d) + int(e) + int(f) + int(g) + int(h) +
		len(l) + int(n) + p["x"] + *q + r.(int) + s[0] + s[1]
}

func variadic(prefix string, xs ...int) string {
	s := prefix
	for _, x := range xs {
		s += ":" + itoa(x)
	}
	return s
}

type Big struct{ A, B, C, D, E, F int }

func swapBig(b Big, f float64) (Big, float64, string) {
	return Big{b.F, b.E, b.D, b.C, b.B, b.A}, f * 2, "big"
}

func floats(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q float64) float64 {
	return a + b + c + d + e + f + g + h + i + j + k + l + m + n + o + p + q
}

func noResults(p *int) { *p = 99 }

func closureMaker(base int) func(int) int {
	return func(x int) int { return base + x }
}

func main() {
	println(reflect.ValueOf(add).Call([]reflect.Value{reflect.ValueOf(3), reflect.ValueOf(4)})[0].Int())
	qr := reflect.ValueOf(divmod).Call([]reflect.Value{reflect.ValueOf(17), reflect.ValueOf(5)})
	println(len(qr), qr[0].Int(), qr[1].Int())

	x := 5
	args := []reflect.Value{
		reflect.ValueOf(int8(1)), reflect.ValueOf(int16(2)), reflect.ValueOf(int32(3)), reflect.ValueOf(int64(4)),
		reflect.ValueOf(uint8(5)), reflect.ValueOf(uint16(6)), reflect.ValueOf(uint32(7)), reflect.ValueOf(uint64(8)),
		reflect.ValueOf(float32(0.5)), reflect.ValueOf(0.25), reflect.ValueOf("str"), reflect.ValueOf([]int{1, 2, 3}),
		reflect.ValueOf(true), reflect.ValueOf(uintptr(9)), reflect.ValueOf(complex(1.5, 2.5)),
		reflect.ValueOf(map[string]int{"x": 10}), reflect.ValueOf(&x), reflect.ValueOf(11), reflect.ValueOf([2]int{12, 13}),
		reflect.ValueOf([1]string{"!"}),
	}
	rs := reflect.ValueOf(many).Call(args)
	println(rs[0].String(), rs[1].Float(), rs[2].Int())

	v := reflect.ValueOf(variadic)
	println(v.Call([]reflect.Value{reflect.ValueOf("a")})[0].String())
	println(v.Call([]reflect.Value{reflect.ValueOf("b"), reflect.ValueOf(1), reflect.ValueOf(2), reflect.ValueOf(3)})[0].String())
	println(v.CallSlice([]reflect.Value{reflect.ValueOf("c"), reflect.ValueOf([]int{7, 8})})[0].String())
	println(v.Type().IsVariadic(), v.Type().NumIn(), v.Type().In(1).String())

	br := reflect.ValueOf(swapBig).Call([]reflect.Value{reflect.ValueOf(Big{1, 2, 3, 4, 5, 6}), reflect.ValueOf(1.25)})
	b := br[0].Interface().(Big)
	println(b.A, b.B, b.C, b.D, b.E, b.F, br[1].Float(), br[2].String())

	fargs := make([]reflect.Value, 17)
	for i := range fargs {
		fargs[i] = reflect.ValueOf(float64(i) + 0.5)
	}
	println(reflect.ValueOf(floats).Call(fargs)[0].Float())

	y := 0
	out := reflect.ValueOf(noResults).Call([]reflect.Value{reflect.ValueOf(&y)})
	println(len(out), y)

	c := closureMaker(40)
	println(reflect.ValueOf(c).Call([]reflect.Value{reflect.ValueOf(2)})[0].Int())

	// Methods.
	p := Point{3, 4}
	pv := reflect.ValueOf(p)
	println(pv.NumMethod(), reflect.ValueOf(&p).NumMethod())
	sum := pv.MethodByName("Add").Call([]reflect.Value{reflect.ValueOf(Point{10, 20})})[0].Interface().(Point)
	println(sum.X, sum.Y)
	d := pv.MethodByName("Dist2").Call(nil)
	println(d[0].Int(), d[1].Bool())
	println(pv.MethodByName("String").Call(nil)[0].String())
	println(pv.MethodByName("Mix").Call([]reflect.Value{reflect.ValueOf(float32(1)), reflect.ValueOf(2.0), reflect.ValueOf(complex64(complex(3, 4)))})[0].Float())
	reflect.ValueOf(&p).MethodByName("Scale").Call([]reflect.Value{reflect.ValueOf(3)})
	println(p.X, p.Y)
	for i := 0; i < pv.NumMethod(); i++ {
		println(i, pv.Type().Method(i).Name)
	}
	// Method expressions through the type: receiver first.
	m, ok := reflect.TypeOf(p).MethodByName("Add")
	println(ok, m.Type.String())
	r := m.Func.Call([]reflect.Value{reflect.ValueOf(Point{1, 1}), reflect.ValueOf(Point{2, 2})})[0].Interface().(Point)
	println(r.X, r.Y)
	// Methods through an interface value.
	var s Stringer = Point{7, 8}
	iv := reflect.ValueOf(&s).Elem()
	println(iv.Kind().String(), iv.NumMethod(), iv.Method(0).Call(nil)[0].String())

	// Method values as funcs.
	f := pv.MethodByName("Add").Interface().(func(Point) Point)
	println(f(Point{1, 2}).X)
	g := reflect.ValueOf(&p).MethodByName("Scale").Interface().(func(int))
	g(2)
	println(p.X, p.Y)
	str := iv.Method(0).Interface().(func() string)
	println(str())

	// MakeFunc.
	swap := func(in []reflect.Value) []reflect.Value { return []reflect.Value{in[1], in[0]} }
	var intSwap func(int, int) (int, int)
	fn := reflect.MakeFunc(reflect.TypeOf(intSwap), swap)
	reflect.ValueOf(&intSwap).Elem().Set(fn)
	a1, a2 := intSwap(1, 2)
	println(a1, a2)
	var strSwap func(string, string) (string, string)
	reflect.ValueOf(&strSwap).Elem().Set(reflect.MakeFunc(reflect.TypeOf(strSwap), swap))
	s1, s2 := strSwap("x", "y")
	println(s1, s2)
	var fsum func(float64, float32, ...int) float64
	reflect.ValueOf(&fsum).Elem().Set(reflect.MakeFunc(reflect.TypeOf(fsum), func(in []reflect.Value) []reflect.Value {
		t := in[0].Float() + in[1].Float()
		for i := 0; i < in[2].Len(); i++ {
			t += float64(in[2].Index(i).Int())
		}
		return []reflect.Value{reflect.ValueOf(t)}
	}))
	println(fsum(0.5, 0.25, 1, 2, 3))
	var bigf func(Big) Big
	reflect.ValueOf(&bigf).Elem().Set(reflect.MakeFunc(reflect.TypeOf(bigf), func(in []reflect.Value) []reflect.Value {
		b := in[0].Interface().(Big)
		b.A, b.F = b.F, b.A
		return []reflect.Value{reflect.ValueOf(b)}
	}))
	bb := bigf(Big{1, 2, 3, 4, 5, 6})
	println(bb.A, bb.F)
	// A MakeFunc function called through reflect.
	println(fn.Call([]reflect.Value{reflect.ValueOf(8), reflect.ValueOf(9)})[0].Int())

	// Panics of Call are gc's.
	defer func() {
		println("recovered:", recover().(string))
	}()
	reflect.ValueOf(add).Call([]reflect.Value{reflect.ValueOf(1)})
}
