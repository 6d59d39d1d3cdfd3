package main

// Type and Value methods panic with gc's texts on misuse; Interface refuses values read
// through unexported fields. (Recovered: an uncaught panic's traceback would show reflect's
// internal frames, which are rgo's own.)

import "reflect"

type secret struct {
	visible int
	Shown   int
}

func try(name string, f func()) {
	defer func() {
		println(name+":", recover().(string))
	}()
	f()
}

func main() {
	v := reflect.ValueOf(secret{1, 2})
	println(v.Field(1).Interface().(int), v.Field(0).Int(), v.Field(0).CanInterface(), v.Field(1).CanInterface())
	try("Key", func() { reflect.TypeOf(0).Key() })
	try("Elem", func() { reflect.TypeOf(0).Elem() })
	try("Len", func() { reflect.TypeOf("").Len() })
	try("NumIn", func() { reflect.TypeOf(0).NumIn() })
	try("Out", func() { reflect.TypeOf(0).Out(0) })
	try("IsVariadic", func() { reflect.TypeOf(0).IsVariadic() })
	try("ChanDir", func() { reflect.TypeOf(0).ChanDir() })
	try("NumField", func() { reflect.TypeOf(0).NumField() })
	try("Field", func() { reflect.TypeOf(secret{}).Field(5) })
	try("FieldByName", func() { reflect.TypeOf(0).FieldByName("x") })
	try("Method", func() { reflect.TypeOf(secret{}).Method(0) })
	try("Bits", func() { reflect.TypeOf("").Bits() })
	try("Implements", func() { reflect.TypeOf(0).Implements(reflect.TypeOf(0)) })
	try("Index", func() { reflect.ValueOf([]int{1}).Index(3) })
	try("ArrayIndex", func() { reflect.ValueOf([1]int{1}).Index(3) })
	try("StringIndex", func() { reflect.ValueOf("a").Index(3) })
	try("FieldIndex", func() { v.Field(7) })
	try("Interface", func() { v.Field(0).Interface() })
	try("PtrLen", func() { reflect.ValueOf(new(int)).Len() })
}
