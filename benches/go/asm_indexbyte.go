// bytes.IndexByte over a 64 KB buffer whose only match is the last byte: the throughput of
// internal/bytealg's indexbyte_amd64.s (SSE2/AVX2), gc's assembly in both toolchains.
package main

import (
	"bytes"
	"fmt"
)

func main() {
	buf := make([]byte, 64<<10)
	buf[len(buf)-1] = 'x'
	sum := 0
	for i := 0; i < 200000; i++ {
		sum += bytes.IndexByte(buf, 'x')
	}
	fmt.Println(sum)
}
