// crypto/sha256 over a 64 KB buffer: crypto/internal/fips140/sha256's block functions
// (SHA-NI or AVX2, chosen by the CPU check).
package main

import (
	"crypto/sha256"
	"fmt"
)

func main() {
	buf := make([]byte, 64<<10)
	for i := range buf {
		buf[i] = byte(i)
	}
	var sum [32]byte
	for i := 0; i < 8000; i++ {
		sum = sha256.Sum256(buf)
		buf[0] = sum[0]
	}
	fmt.Printf("%x\n", sum)
}
