package main

import (
	"errors"
	"fmt"
	"strings"
)

type S struct {
	A int
	B string
}

type Str struct{ v int }

func (s Str) String() string { return fmt.Sprintf("Str<%d>", s.v) }

type Bits uint8

func main() {
	var nilMap map[string]int
	var nilSlice []int
	var nilFunc func()
	var nilChan chan int
	var nilErr error
	var nilPtr *S
	kinds := []struct {
		name string
		v    any
	}{
		{"bool", true}, {"int", -42}, {"int8", int8(-8)}, {"uint16", uint16(65535)}, {"uintptr", uintptr(255)},
		{"float32", float32(2.5)}, {"float64", -1e-3}, {"complex64", complex64(1 - 2i)}, {"complex128", 3 + 0i},
		{"string", "héllo"}, {"bytes", []byte("hi")}, {"runes", []rune("hi")}, {"ints", []int{1, -2}},
		{"array", [2]float64{0.5, 1}}, {"map", map[string]int{"b": 2, "a": 1}}, {"struct", S{7, "x"}},
		{"ptrstruct", &S{8, "y"}}, {"ptrslice", &[]int{1}}, {"ptrmap", &map[int]bool{1: true}}, {"ptrarray", &[1]string{"z"}},
		{"stringer", Str{3}}, {"error", errors.New("err!")}, {"named", Bits(5)}, {"nil", nil}, {"nilmap", nilMap},
		{"nilslice", nilSlice}, {"nilfunc", nilFunc}, {"nilchan", nilChan}, {"nilerr", nilErr}, {"nilptr", nilPtr},
		{"anyslice", []any{1, "a", nil, 2.5, S{}}}, {"nested", map[string][]S{"k": {{1, "a"}}}},
	}
	verbs := []string{"%v", "%+v", "%#v", "%T", "%t", "%d", "%b", "%o", "%O", "%x", "%X", "%c", "%q", "%U", "%e", "%E", "%f", "%F", "%g", "%G", "%s", "%8.3v", "%-6d|", "%#x", "%+q", "% x"}
	for _, k := range kinds {
		var sb strings.Builder
		for _, verb := range verbs {
			fmt.Fprintf(&sb, " %s=[%s]", verb, fmt.Sprintf(verb, k.v))
		}
		fmt.Printf("%-9s%s\n", k.name, sb.String())
	}
}
