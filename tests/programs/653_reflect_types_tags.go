package main

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

type Celsius float64

type Animal interface {
	Sound() string
	Name() string
}

type Dog struct{ name string }

func (d Dog) Sound() string   { return "woof" }
func (d *Dog) Name() string   { return d.name }
func (d Dog) private() string { return "p" }

type Record struct {
	ID      int               `json:"id" db:"record_id"`
	Title   string            `json:"title,omitempty" validate:"required,max=100"`
	Score   float64           `json:"-"`
	Tags    []string          `json:"tags"`
	Meta    map[string]any    `json:"meta"`
	Parent  *Record           `json:"parent"`
	Embedded
	unexported int
	Fn      func(int) error
	Ch      <-chan bool
	Arr     [4]byte `custom:"a \"quoted\" tag"`
}

type Embedded struct {
	Created string `json:"created"`
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func main() {
	types := []any{0, int8(0), uint64(0), 1.5, float32(1), 1i, "s", true, 'r', byte(1), []int{}, [3]string{}, map[string][]int{}, make(chan int), func(int, ...string) error { return nil }, &Record{}, Record{}, Celsius(0), struct{ A int }{}, errors.New("e"), Pair[string, int]{}, new(any), uintptr(0), [0]int{}}
	for _, t := range types {
		rt := reflect.TypeOf(t)
		fmt.Printf("%-40s kind=%-10s name=%q pkg=%q size=%d align=%d comparable=%v\n", rt.String(), rt.Kind(), rt.Name(), rt.PkgPath(), rt.Size(), rt.Align(), rt.Comparable())
	}
	rt := reflect.TypeOf(Record{})
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		js, hasJS := f.Tag.Lookup("json")
		fmt.Printf("%-10s %-18s offset=%-3d exported=%-5v anon=%-5v json=%q(%v) db=%q idx=%v\n", f.Name, f.Type, f.Offset, f.IsExported(), f.Anonymous, js, hasJS, f.Tag.Get("db"), f.Index)
	}
	f, _ := rt.FieldByName("Arr")
	fmt.Println(f.Tag.Get("custom"), f.Tag)
	cf, ok := rt.FieldByName("Created")
	fmt.Println(cf.Index, ok, cf.Tag.Get("json"))
	_, ok = rt.FieldByName("Missing")
	fmt.Println(ok)
	fn := reflect.TypeOf(strings.Replace)
	fmt.Println(fn, fn.NumIn(), fn.NumOut(), fn.In(0), fn.Out(0), fn.IsVariadic())
	vf := reflect.TypeOf(fmt.Printf)
	fmt.Println(vf, vf.IsVariadic(), vf.In(1), vf.In(1).Elem())
	dt := reflect.TypeOf(Dog{})
	pdt := reflect.TypeOf(&Dog{})
	fmt.Println(dt.NumMethod(), pdt.NumMethod())
	for i := 0; i < pdt.NumMethod(); i++ {
		m := pdt.Method(i)
		fmt.Println(" ", m.Name, m.Type, m.Index)
	}
	at := reflect.TypeOf((*Animal)(nil)).Elem()
	fmt.Println(at, at.Kind(), at.NumMethod(), dt.Implements(at), pdt.Implements(at))
	et := reflect.TypeOf((*error)(nil)).Elem()
	wt := reflect.TypeOf((*io.Writer)(nil)).Elem()
	fmt.Println(reflect.TypeOf(errors.New("x")).Implements(et), reflect.TypeOf(&strings.Builder{}).Implements(wt), reflect.TypeOf(strings.Builder{}).Implements(wt))
	mt := reflect.TypeOf(map[string][]int{})
	fmt.Println(mt.Key(), mt.Elem(), mt.Elem().Elem(), reflect.TypeOf([5]int{}).Len(), reflect.TypeOf(make(chan<- int)).ChanDir())
	fmt.Println(reflect.TypeOf(Celsius(0)).ConvertibleTo(reflect.TypeOf(0.0)), reflect.TypeOf(Celsius(0)).AssignableTo(reflect.TypeOf(0.0)), reflect.TypeOf("").ConvertibleTo(reflect.TypeOf([]byte{})))
	fmt.Println(reflect.PointerTo(rt), reflect.SliceOf(rt), reflect.MapOf(reflect.TypeOf(""), rt), reflect.ChanOf(reflect.BothDir, rt), reflect.ArrayOf(2, rt))
	st := reflect.StructOf([]reflect.StructField{{Name: "A", Type: reflect.TypeOf(0), Tag: `json:"a"`}, {Name: "B", Type: reflect.TypeOf("")}})
	fmt.Println(st, st.Size())
	fnT := reflect.FuncOf([]reflect.Type{reflect.TypeOf(0)}, []reflect.Type{reflect.TypeOf("")}, false)
	fmt.Println(fnT)
	fmt.Println(reflect.TypeFor[Pair[int, []string]](), reflect.TypeFor[map[Celsius]*Dog]())
	fmt.Println(reflect.TypeOf(0) == reflect.TypeOf(1), reflect.TypeOf(Celsius(0)) == reflect.TypeOf(0.0))
}
