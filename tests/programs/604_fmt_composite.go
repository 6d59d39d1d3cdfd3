package main

import "fmt"

type Point struct {
	X, Y int
}

type Inner struct {
	Name string
	Tags []string
}

type Outer struct {
	ID    int
	In    Inner
	Ptr   *Inner
	M     map[string]int
	Arr   [2]float64
	Any   any
	Fn    func()
	Ch    chan int
	Err   error
	priv  bool
	Bytes []byte
}

type Kind uint8

func main() {
	p := Point{1, -2}
	fmt.Printf("%v|%+v|%#v|%T\n", p, p, p, p)
	fmt.Printf("%v|%+v|%#v|%T\n", &p, &p, &p, &p)
	o := Outer{ID: 7, In: Inner{"in", []string{"a", "b"}}, M: map[string]int{"z": 26, "a": 1, "m": 13}, Arr: [2]float64{1.5, 2}, Any: Kind(3), priv: true, Bytes: []byte("hi")}
	fmt.Printf("%v\n%+v\n%#v\n", o, o, o)
	fmt.Println(o.Ptr == nil, o.Fn == nil, o.Ch == nil)
	m := map[int]string{3: "c", 1: "a", 2: "b", -5: "neg"}
	fmt.Println(m)
	fmt.Printf("%v %#v\n", m, m)
	fb := map[float64]bool{2.5: true, -1: false, 0: true}
	fmt.Println(fb)
	mp := map[Point]string{{2, 1}: "b", {1, 2}: "a", {1, 1}: "c"}
	fmt.Println(mp)
	mb := map[bool]int{true: 1, false: 0}
	fmt.Println(mb)
	mi := map[any]int{"s": 1, 2: 2, 1.5: 3, false: 4, "a": 5, 1: 6}
	fmt.Println(mi)
	nested := [][]int{{1, 2}, {}, nil, {3}}
	fmt.Printf("%v %#v %d\n", nested, nested, len(nested))
	arr := [3]*int{}
	fmt.Printf("%v %#v\n", arr[0], arr)
	var ip *int
	var e error
	var iface any
	var sl []string
	var mm map[string]int
	fmt.Printf("%v %v %v %v %v\n", ip, e, iface, sl, mm)
	fmt.Printf("%#v %#v %#v %#v %#v\n", ip, e, iface, sl, mm)
	fmt.Printf("%+v %d %s\n", nil, nil, nil)
	anon := struct {
		A int `json:"a"`
		B []Point
		C map[string][]int
	}{5, []Point{{1, 2}, {3, 4}}, map[string][]int{"y": {1}, "x": {2, 3}}}
	fmt.Printf("%v\n%+v\n%#v\n%T\n", anon, anon, anon, anon)
	fmt.Printf("%T %T %T %T %T\n", []any{1}, map[string][]*Point{}, [4]Kind{}, (*error)(nil), func(int, ...string) (bool, error) { return false, nil })
	fmt.Printf("%T %T %T\n", make(chan<- int), make(<-chan []int), struct{}{})
	fmt.Printf("%v %+v\n", []any{1, "a", nil, 2.5, Point{}}, []*Point{nil})
	fmt.Printf("%x %X\n", Point{255, 16}, []Point{{10, 11}})
	fmt.Printf("%s\n", Point{1, 2})
	fmt.Printf("%5v|%-5v|\n", Point{1, 2}, Point{3, 4})
	fmt.Print("a", "b", 1, 2, "c", 3.5, nil, "\n")
	fmt.Print(1, 2, "\n")
	fmt.Println("a", 1, true, nil, []int(nil))
}
