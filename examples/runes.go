package main

// Imports a few standard-library packages that rgo compiles today, for trying
// multi-package builds and the build cache (`rgo build -v examples/runes.go`).

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

func main() {
	s := "Hello, Wörld"
	upper := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	println(utf8.RuneCountInString(s), "runes,", upper, "upper case,", bits.OnesCount(uint(len(s))), "bits set in the length")
}
