package main

import (
	"errors"
	"fmt"
	"reflect"
)

type E struct{ msg string }

func boom(n int) int {
	if n > 2 {
		panic(E{"too big"})
	}
	return n * 2
}

func two() (int, error) { return 2, errors.New("two") }

func safe(n int) (r int, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("recovered %v", x)
		}
	}()
	return int(reflect.ValueOf(boom).Call([]reflect.Value{reflect.ValueOf(n)})[0].Int()), nil
}

type T struct {
	A int
	B string
	c bool
}

func (T) M1() {}
func (T) M2() {}

func main() {
	fmt.Println(safe(1))
	fmt.Println(safe(5))
	fmt.Println(two())
	f := reflect.MakeFunc(reflect.TypeOf(boom), func(in []reflect.Value) []reflect.Value {
		panic("from makefunc " + fmt.Sprint(in[0].Int()))
	}).Interface().(func(int) int)
	func() {
		defer func() { fmt.Println("r:", recover()) }()
		f(3)
	}()
	for i, v := range reflect.ValueOf([]string{"a", "b"}).Seq2() {
		fmt.Println(i.Int(), v.String())
	}
	for v := range reflect.ValueOf(3).Seq() {
		fmt.Print(v.Int(), " ")
	}
	fmt.Println()
	for k, v := range reflect.ValueOf(map[string]int{"k": 1}).Seq2() {
		fmt.Println(k, v)
	}
	for f := range reflect.TypeOf(T{}).Fields() {
		fmt.Print(f.Name, " ", f.Type, " ", f.IsExported(), "; ")
	}
	fmt.Println()
	for m := range reflect.TypeOf(T{}).Methods() {
		fmt.Print(m.Name, " ")
	}
	fmt.Println()
	for sf, v := range reflect.ValueOf(T{1, "x", true}).Fields() {
		fmt.Print(sf.Name, "=", v, " ")
	}
	fmt.Println()
	fmt.Printf("%v %+v %#v\n", T{1, "x", true}, T{2, "y", false}, []any{1, "s", nil})
	fmt.Println(reflect.ValueOf(boom).Call([]reflect.Value{reflect.ValueOf(7)}))
}
