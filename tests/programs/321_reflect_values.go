package main

// reflect.Value: reading values of every kind through ValueOf, Elem, Field and Index, and
// calling a method through Method(i).Func.Interface().

import "reflect"

type Point struct {
	X, Y int32
	name string
	Next *Point
	tags []string
	Any  any
	Err  error
}

type Temp float32

func (t Temp) Double(k int) Temp { return t * Temp(k) }
func (t Temp) String() string    { return "temp" }

type myErr struct{ msg string }

func (e *myErr) Error() string { return e.msg }

func show(v reflect.Value) {
	println(v.Kind().String(), v.Type().String(), v.String())
}

func main() {
	println(reflect.ValueOf(-42).Int(), reflect.ValueOf(int8(-8)).Int(), reflect.ValueOf(int16(300)).Int(),
		reflect.ValueOf(int32(-7)).Int(), reflect.ValueOf(int64(1)<<40).Int())
	println(reflect.ValueOf(uint(7)).Uint(), reflect.ValueOf(uint8(200)).Uint(), reflect.ValueOf(uint16(65535)).Uint(),
		reflect.ValueOf(uint32(1)<<31).Uint(), reflect.ValueOf(uint64(1)<<63).Uint(), reflect.ValueOf(uintptr(9)).Uint())
	println(reflect.ValueOf(float32(1.5)).Float(), reflect.ValueOf(2.25).Float(), reflect.ValueOf(Temp(3)).Float())
	println(reflect.ValueOf(complex64(1+2i)).Complex(), reflect.ValueOf(3-4i).Complex())
	println(reflect.ValueOf(true).Bool(), reflect.ValueOf("hi").String(), reflect.ValueOf(5).String())

	p := &Point{X: 1, Y: -2, name: "origin", tags: []string{"a", "b", "c"}, Any: 3.5, Err: &myErr{"boom"}}
	p.Next = &Point{X: 10}
	v := reflect.ValueOf(p)
	show(v)
	println(v.IsNil(), v.Elem().CanAddr(), v.CanAddr())
	s := v.Elem()
	println(s.NumField(), s.Field(0).Int(), s.Field(1).Int(), s.Field(2).String(), s.Field(2).CanInterface())
	println(s.Field(3).Elem().Field(0).Int(), s.Field(3).Elem().Field(3).IsNil())
	tags := s.Field(4)
	println(tags.Len(), tags.Cap(), tags.Index(1).String(), tags.Index(2).CanAddr())
	anyf := s.Field(5)
	println(anyf.Kind().String(), anyf.IsNil(), anyf.Elem().Kind().String(), anyf.Elem().Float())
	errf := s.Field(6)
	println(errf.Kind().String(), errf.Type().String(), errf.Elem().Type().String(), errf.Elem().Elem().Field(0).String())
	e := errf.Interface().(error)
	println(e.Error())
	x := s.Field(0).Interface().(int32)
	println(x)
	println(s.Interface().(Point).name)

	arr := [3]uint16{7, 8, 9}
	av := reflect.ValueOf(arr)
	println(av.Len(), av.Cap(), av.Index(2).Uint(), av.Index(0).CanAddr())
	pav := reflect.ValueOf(&arr)
	println(pav.Len(), pav.Elem().Index(1).CanAddr())
	str := reflect.ValueOf("héllo")
	println(str.Len(), str.Index(1).Uint(), str.Index(1).Kind().String())
	m := map[string]int{"a": 1, "b": 2}
	println(reflect.ValueOf(m).Len(), reflect.ValueOf(map[int]int(nil)).Len(), reflect.ValueOf(m).IsNil())
	ch := make(chan int, 5)
	ch <- 1
	ch <- 2
	println(reflect.ValueOf(ch).Len(), reflect.ValueOf(ch).Cap())
	var nilp *Point
	println(reflect.ValueOf(nilp).IsNil(), reflect.ValueOf(nilp).Elem().IsValid(), reflect.ValueOf([]int(nil)).IsNil())
	var f func()
	println(reflect.ValueOf(f).IsNil(), reflect.ValueOf(main).IsNil())

	var zero reflect.Value
	println(zero.IsValid(), zero.Kind().String(), zero.String(), reflect.ValueOf(nil).IsValid())

	// Copies: an addressable value put into an interface is copied.
	q := Point{X: 5}
	qv := reflect.ValueOf(&q).Elem()
	saved := qv.Interface()
	q.X = 6
	println(saved.(Point).X, qv.Field(0).Int())

	// Methods: Method(i).Func is a func value taking the receiver first.
	t := Temp(2.5)
	tt := reflect.TypeOf(t)
	dm := tt.Method(0)
	println(dm.Name, dm.Type.String())
	double := dm.Func.Interface().(func(Temp, int) Temp)
	println(double(t, 4))
	sm, _ := tt.MethodByName("String")
	println(sm.Func.Interface().(func(Temp) string)(t))
	println(dm.Func.Kind().String(), dm.Func.Type() == dm.Type)

	// New and Zero.
	np := reflect.New(reflect.TypeOf(Point{}))
	println(np.Type().String(), np.Elem().Field(0).Int(), np.Elem().CanAddr())
	z := reflect.Zero(reflect.TypeOf(Point{}))
	println(z.Field(2).String(), z.CanAddr(), reflect.Zero(reflect.TypeOf(nilp)).IsNil())
	println(reflect.Indirect(reflect.ValueOf(p)).Field(0).Int(), reflect.Indirect(reflect.ValueOf(4)).Int())
}
