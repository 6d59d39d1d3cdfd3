package main

// Promoted methods of unnamed struct types through interfaces: the itab holds the
// (*struct{...}).M wrapper even when the program never spells the pointer type.

import (
	"bytes"
	"fmt"
)

type E struct{ a, b int }

func (e E) String() string { return fmt.Sprint("E", e.a, e.b) }

type shadow struct{ f int }

func (shadow) String() string { return "FAIL" }

type deep struct{ shadow }

func main() {
	var i fmt.Stringer = struct {
		y int
		E
	}{6, E{7, 8}}
	fmt.Println(i.String())
	fmt.Println(i)

	// The shallower *bytes.Buffer's String wins over deep.shadow.String.
	s := struct {
		deep
		*bytes.Buffer
	}{deep{}, bytes.NewBufferString("ok")}
	i = s
	fmt.Println(s.String(), i.String())
}
