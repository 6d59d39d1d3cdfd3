package main

// A Value method called on the wrong kind panics with a *reflect.ValueError, whose Error
// text is gc's. (Recovered: an uncaught panic's traceback would show reflect's internal
// frames, which are rgo's own.)

import "reflect"

func try(name string, f func()) {
	defer func() {
		r := recover()
		ve := r.(*reflect.ValueError)
		println(name+":", r.(error).Error(), "|", ve.Method, ve.Kind.String())
	}()
	f()
}

func main() {
	var zero reflect.Value
	try("Bool", func() { reflect.ValueOf(3.5).Bool() })
	try("Type", func() { zero.Type() })
	try("Int", func() { reflect.ValueOf("text").Int() })
	try("Uint", func() { reflect.ValueOf(-1).Uint() })
	try("Float", func() { reflect.ValueOf(1).Float() })
	try("Complex", func() { reflect.ValueOf(1.0).Complex() })
	try("Len", func() { reflect.ValueOf(1).Len() })
	try("Index", func() { reflect.ValueOf(map[int]int{}).Index(0) })
	try("Field", func() { reflect.ValueOf(1).Field(0) })
	try("NumField", func() { reflect.ValueOf([]int{}).NumField() })
	try("Elem", func() { reflect.ValueOf(1).Elem() })
	try("IsNil", func() { reflect.ValueOf(1).IsNil() })
	try("Interface", func() { zero.Interface() })
	try("CanInterface", func() { zero.CanInterface() })
	try("Cap", func() { reflect.ValueOf("s").Cap() })
}
