package main

// A dot import none of whose names is used is reported at its dot.

import (
	. "math/bits"
	. "unicode/utf8"
)

func main() {
	println(UTFMax)
}
