package main

import "reflect"

type Node struct {
	Val   int
	Next  *Node
	Attrs map[string][]int
}

type Pair struct {
	Name string `json:"name" xml:"n"`
	Age  int    `json:"age,omitempty"`
}

func main() {
	it := reflect.TypeOf(0)
	st := reflect.TypeOf("")
	println(reflect.SliceOf(it).String(), reflect.SliceOf(it) == reflect.TypeOf([]int{}))
	println(reflect.MapOf(st, it).String(), reflect.MapOf(st, it) == reflect.TypeOf(map[string]int{}))
	println(reflect.ChanOf(reflect.RecvDir, it).String(), reflect.ChanOf(reflect.BothDir, st).String())
	println(reflect.ArrayOf(4, st).String(), reflect.ArrayOf(4, st).Size(), reflect.ArrayOf(3, it) == reflect.TypeOf([3]int{}))
	println(reflect.PointerTo(reflect.TypeOf(Pair{})) == reflect.TypeOf(&Pair{}))
	ft := reflect.FuncOf([]reflect.Type{it, st}, []reflect.Type{reflect.TypeOf(false)}, false)
	println(ft.String(), ft.NumIn(), ft.Out(0).String(), ft == reflect.TypeOf(func(int, string) bool { return false }))
	vt := reflect.FuncOf([]reflect.Type{reflect.SliceOf(it)}, nil, true)
	println(vt.String(), vt.IsVariadic())
	newSlice := reflect.SliceOf(reflect.TypeOf(Pair{}))
	sv := reflect.MakeSlice(newSlice, 1, 1)
	sv.Index(0).Field(1).SetInt(30)
	println(sv.Interface().([]Pair)[0].Age)
	mt := reflect.MapOf(reflect.TypeOf(Pair{}), reflect.SliceOf(st))
	mv := reflect.MakeMap(mt)
	mv.SetMapIndex(reflect.ValueOf(Pair{"a", 1}), reflect.ValueOf([]string{"x"}))
	println(mt.String(), mv.Len(), mv.MapIndex(reflect.ValueOf(Pair{"a", 1})).Index(0).String())
	at := reflect.ArrayOf(2, reflect.TypeOf(Pair{}))
	av := reflect.New(at).Elem()
	av.Index(1).Field(0).SetString("second")
	println(at.String(), av.Index(1).Field(0).String(), at.Comparable())

	// StructOf.
	dyn := reflect.StructOf([]reflect.StructField{
		{Name: "A", Type: it, Tag: `json:"a"`},
		{Name: "B", Type: st},
		{Name: "C", Type: reflect.TypeOf(1.5)},
	})
	println(dyn.String(), dyn.NumField(), dyn.Size(), dyn.Field(2).Offset, dyn.Field(0).Tag.Get("json"))
	dv := reflect.New(dyn).Elem()
	dv.Field(0).SetInt(11)
	dv.Field(1).SetString("bee")
	println(dv.Field(0).Int(), dv.Field(1).String())
	println(dyn == reflect.TypeOf(struct {
		A int `json:"a"`
		B string
		C float64
	}{}))

	// Tags.
	pf, _ := reflect.TypeOf(Pair{}).FieldByName("Age")
	v, ok := pf.Tag.Lookup("json")
	println(v, ok, reflect.TypeOf(Pair{}).Field(0).Tag.Get("xml"))

	// DeepEqual.
	a := &Node{1, &Node{2, nil, nil}, map[string][]int{"k": {1, 2}}}
	b := &Node{1, &Node{2, nil, nil}, map[string][]int{"k": {1, 2}}}
	println(reflect.DeepEqual(a, b), a == b)
	b.Next.Val = 3
	println(reflect.DeepEqual(a, b))
	cyc1 := &Node{Val: 1}
	cyc1.Next = cyc1
	cyc2 := &Node{Val: 1}
	cyc2.Next = cyc2
	println(reflect.DeepEqual(cyc1, cyc2))
	println(reflect.DeepEqual([]int{}, []int(nil)), reflect.DeepEqual(map[int]int{}, map[int]int{}))
	println(reflect.DeepEqual([]any{1, "a", 2.5}, []any{1, "a", 2.5}), reflect.DeepEqual(any(1), any(int64(1))))
	println(reflect.DeepEqual([2]Pair{{"x", 1}}, [2]Pair{{"x", 1}}), reflect.DeepEqual(nil, nil))

	// Swapper.
	xs := []int{5, 2, 8, 1, 9}
	sw := reflect.Swapper(xs)
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			sw(j, j-1)
		}
	}
	println(xs[0], xs[1], xs[2], xs[3], xs[4])
	ps := []Pair{{"b", 2}, {"a", 1}}
	reflect.Swapper(ps)(0, 1)
	println(ps[0].Name, ps[1].Name)
	strs := []string{"x", "y"}
	reflect.Swapper(strs)(0, 1)
	println(strs[0], strs[1])

	// Kinds and Type methods through the constructors.
	println(reflect.TypeOf(Pair{}).Kind().String(), reflect.TypeFor[Pair]().Name(), reflect.TypeFor[[]error]().Elem().Kind().String())
	println(reflect.TypeOf((*error)(nil)).Elem().Implements(reflect.TypeOf((*error)(nil)).Elem()))
}
