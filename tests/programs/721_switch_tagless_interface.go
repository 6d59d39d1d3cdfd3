package main

// A tagless switch compares each case with true; a case of interface type is an interface
// comparison (false for non-bool dynamic types), not a boolean test.

import "fmt"

type B bool

func classify(v any) string {
	switch {
	case v:
		return "true"
	case v == false:
		return "false"
	default:
		return "other"
	}
}

func main() {
	for _, v := range []any{true, false, B(true), 1, "true", nil} {
		fmt.Printf("%v: %s\n", v, classify(v))
	}
	switch i := interface{}(true); {
	case i:
		fmt.Println("interface true")
	default:
		fmt.Println("wrong")
	}
}
