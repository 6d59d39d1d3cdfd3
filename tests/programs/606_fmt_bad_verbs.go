package main

import (
	"fmt"
	"os"
)

type T struct {
	A int
	B string
}

func main() {
	fmt.Printf("%d\n", "str")
	fmt.Printf("%s\n", 42)
	fmt.Printf("%z %y\n", 1, "two")
	fmt.Printf("%d %d\n", 1)
	fmt.Printf("%d\n", 1, 2, "three")
	fmt.Printf("no verbs\n", 1)
	fmt.Printf("%!\n")
	fmt.Printf("%d %s\n", T{1, "x"}, T{2, "y"})
	fmt.Printf("%t %t\n", "x", 0)
	fmt.Printf("%c %U\n", "s", 1.5)
	fmt.Printf("%e %x\n", "s", true)
	fmt.Printf("%p\n", 5)
	fmt.Printf("%.2s %-d\n", 3.5, "x")
	fmt.Printf("%d%%%d\n", 10, 20)
	fmt.Printf("%")
	fmt.Println()
	fmt.Printf("%-")
	fmt.Println()
	fmt.Printf("%[3]d %d\n", 1, 2, 3, 4)
	fmt.Printf("%v %v\n", []any{nil}, map[string]any{"k": nil})
	fmt.Printf("%d\n", []any{1, "a", 2.5})
	fmt.Printf("%s\n", []any{1, "a", nil})
	fmt.Printf("%x\n", -1.0)
	fmt.Printf("%b\n", 1+2i)
	s := fmt.Sprintf("%d", "x")
	fmt.Println(len(s), s)
	err := fmt.Errorf("bad %d", "arg")
	fmt.Println(err)
	err = fmt.Errorf("no wrap %w", "notanerror")
	fmt.Println(err)
	n, werr := fmt.Fprintf(os.Stdout, "%v-%v\n", 1, 2)
	fmt.Println(n, werr)
}
