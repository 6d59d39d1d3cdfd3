package main

// Type strings (and descriptor symbols) of deeply nested type literals are not truncated:
// [][]...[]*T of different depths are different types.

import (
	"fmt"
	"reflect"
	"strings"
)

type pwn struct{ a [3]uint }

func main() {
	var a pwn
	s := [][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][]*pwn{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{&a}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}
	out := fmt.Sprint(s)
	fmt.Println(strings.Count(out, "["), strings.Count(out, "]"))
	t := reflect.TypeOf(s)
	fmt.Println(len(t.String()), t.Elem().String() == t.String()[2:])
	b := [][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][][]int{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{42}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}
	fmt.Println(fmt.Sprint(b) == strings.Repeat("[", 75)+"42"+strings.Repeat("]", 75))
}
