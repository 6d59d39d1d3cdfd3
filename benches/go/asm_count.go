// strings.Count of one byte in a 64 KB string: internal/bytealg's count_amd64.s (POPCNT,
// AVX2).
package main

import (
	"fmt"
	"strings"
)

func main() {
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = "abcdefgh"[i%8]
	}
	s := string(b)
	sum := 0
	for i := 0; i < 100000; i++ {
		sum += strings.Count(s, "c")
	}
	fmt.Println(sum)
}
