// bytes.Equal of two equal 64 KB buffers: the throughput of internal/bytealg's memequal
// (gc's equal_amd64.s; in rgo the runtime's memequal, docs/abi.md).
package main

import (
	"bytes"
	"fmt"
)

func main() {
	a := make([]byte, 64<<10)
	b := make([]byte, 64<<10)
	for i := range a {
		a[i] = byte(i * 13)
		b[i] = byte(i * 13)
	}
	n := 0
	for i := 0; i < 200000; i++ {
		if bytes.Equal(a, b) {
			n++
		}
	}
	fmt.Println(n)
}
