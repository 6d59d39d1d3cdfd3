package main

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

type Point struct {
	X, Y int
	name string
}

func (p Point) Dist() int        { return p.X*p.X + p.Y*p.Y }
func (p *Point) Scale(k int)     { p.X *= k; p.Y *= k }
func (p Point) Label(s string) string { return fmt.Sprintf("%s(%d,%d)", s, p.X, p.Y) }

func add(a, b int) int { return a + b }

func variadic(prefix string, xs ...int) string {
	return fmt.Sprint(prefix, xs)
}

func main() {
	p := Point{3, 4, "p"}
	v := reflect.ValueOf(&p).Elem()
	fmt.Println(v.Kind(), v.Type(), v.NumField(), v.CanSet(), v.Field(2).CanSet(), v.Field(2).CanInterface())
	v.Field(0).SetInt(6)
	v.FieldByName("Y").Set(reflect.ValueOf(8))
	fmt.Println(p, v.Field(2).String())
	fmt.Println(v.NumMethod(), reflect.ValueOf(&p).NumMethod())
	res := v.MethodByName("Dist").Call(nil)
	fmt.Println(res[0].Int())
	reflect.ValueOf(&p).MethodByName("Scale").Call([]reflect.Value{reflect.ValueOf(2)})
	fmt.Println(p)
	out := v.MethodByName("Label").Call([]reflect.Value{reflect.ValueOf("pt")})
	fmt.Println(out[0])
	fv := reflect.ValueOf(add)
	fmt.Println(fv.Call([]reflect.Value{reflect.ValueOf(2), reflect.ValueOf(40)})[0].Int())
	vv := reflect.ValueOf(variadic)
	fmt.Println(vv.Call([]reflect.Value{reflect.ValueOf("n"), reflect.ValueOf(1), reflect.ValueOf(2)})[0])
	fmt.Println(vv.CallSlice([]reflect.Value{reflect.ValueOf("s"), reflect.ValueOf([]int{7, 8, 9})})[0])
	swap := func(in []reflect.Value) []reflect.Value { return []reflect.Value{in[1], in[0]} }
	var intSwap func(int, int) (int, int)
	fn := reflect.MakeFunc(reflect.TypeOf(intSwap), swap)
	reflect.ValueOf(&intSwap).Elem().Set(fn)
	a, b := intSwap(1, 2)
	fmt.Println(a, b)
	var strSwap func(string, string) (string, string)
	reflect.ValueOf(&strSwap).Elem().Set(reflect.MakeFunc(reflect.TypeOf(strSwap), swap))
	fmt.Println(strSwap("x", "y"))
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	mv := reflect.ValueOf(m)
	var keys []string
	iter := mv.MapRange()
	sum := 0
	for iter.Next() {
		keys = append(keys, iter.Key().String())
		sum += int(iter.Value().Int())
	}
	sort.Strings(keys)
	fmt.Println(keys, sum, mv.Len(), mv.MapIndex(reflect.ValueOf("b")), mv.MapIndex(reflect.ValueOf("z")).IsValid())
	mv.SetMapIndex(reflect.ValueOf("d"), reflect.ValueOf(4))
	mv.SetMapIndex(reflect.ValueOf("a"), reflect.Value{})
	fmt.Println(m)
	sl := reflect.MakeSlice(reflect.TypeOf([]string{}), 0, 4)
	sl = reflect.Append(sl, reflect.ValueOf("x"), reflect.ValueOf("y"))
	sl = reflect.AppendSlice(sl, reflect.ValueOf([]string{"z"}))
	sl.Index(0).SetString("X")
	fmt.Println(sl.Interface(), sl.Len(), sl.Cap(), sl.Slice(1, 3))
	nm := reflect.MakeMap(reflect.TypeOf(map[int]bool{}))
	nm.SetMapIndex(reflect.ValueOf(5), reflect.ValueOf(true))
	fmt.Println(nm.Interface())
	np := reflect.New(reflect.TypeOf(Point{}))
	np.Elem().Field(1).SetInt(99)
	fmt.Printf("%+v\n", np.Interface())
	ch := reflect.MakeChan(reflect.TypeOf(make(chan int)), 1)
	ch.Send(reflect.ValueOf(5))
	rv, ok := ch.Recv()
	fmt.Println(rv, ok)
	fmt.Println(reflect.DeepEqual([]int{1, 2}, []int{1, 2}), reflect.DeepEqual([]int{}, []int(nil)), reflect.DeepEqual(map[string][]int{"a": {1}}, map[string][]int{"a": {1}}), reflect.DeepEqual(p, Point{12, 16, "p"}), reflect.DeepEqual(1, int64(1)))
	type node struct {
		V    int
		Next *node
	}
	n1 := &node{1, nil}
	n1.Next = n1
	n2 := &node{1, nil}
	n2.Next = n2
	fmt.Println(reflect.DeepEqual(n1, n2))
	fmt.Println(reflect.Zero(reflect.TypeOf(p)).Interface(), reflect.ValueOf(nil).IsValid(), reflect.ValueOf((*int)(nil)).IsNil(), reflect.ValueOf(0).IsZero())
	x := 3.5
	xv := reflect.ValueOf(&x).Elem()
	xv.SetFloat(xv.Float() * 2)
	fmt.Println(x, xv.CanAddr(), xv.Addr().Interface() == &x)
	ifv := reflect.ValueOf([]any{1, "s", nil}).Index(1)
	fmt.Println(ifv.Kind(), ifv.Elem().Kind(), ifv.Elem())
	conv := reflect.ValueOf(65).Convert(reflect.TypeOf(""))
	fmt.Println(conv, reflect.ValueOf(3.9).Convert(reflect.TypeOf(0)), reflect.ValueOf(int8(-1)).Convert(reflect.TypeOf(uint16(0))))
	var sb strings.Builder
	sw := reflect.ValueOf(&sb).MethodByName("WriteString")
	sw.Call([]reflect.Value{reflect.ValueOf("via reflect")})
	fmt.Println(sb.String())
	sel := []reflect.SelectCase{{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(make(chan int))}, {Dir: reflect.SelectDefault}}
	chosen, _, _ := reflect.Select(sel)
	fmt.Println("chosen", chosen)
	arr := [3]int{1, 2, 3}
	reflect.ValueOf(&arr).Elem().Index(2).SetInt(30)
	fmt.Println(arr, reflect.ValueOf(arr).Index(2))
	defer func() { fmt.Println("recovered:", recover()) }()
	reflect.ValueOf(p).Field(0).SetInt(1)
}
