package main

// An empty struct tag is no tag: struct{ x int "" } and struct{ x int } are identical types,
// to the compiler (assignment) and to reflect (one descriptor).

import "reflect"

func main() {
	a := &struct{ x int }{}
	b := &struct {
		x int ""
	}{x: 4}
	a = b
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	println(a.x, ta == tb, tb.AssignableTo(ta), ta.String(), string(ta.Elem().Field(0).Tag) == "")
	c := struct {
		y string `json:"y"`
	}{"v"}
	println(reflect.TypeOf(c).String())
}
