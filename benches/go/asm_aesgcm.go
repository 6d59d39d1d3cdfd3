// AES-128-GCM sealing a 64 KB buffer in place: crypto/internal/fips140/aes and aes/gcm's
// AES-NI and PCLMULQDQ assembly.
package main

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"fmt"
)

func main() {
	key := make([]byte, 16)
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	buf := make([]byte, 64<<10, 64<<10+16)
	nonce := make([]byte, 12)
	var out []byte
	for i := 0; i < 20000; i++ {
		nonce[0] = byte(i)
		out = aead.Seal(buf[:0], nonce, buf, nil)
	}
	fmt.Printf("%x\n", sha256.Sum256(out))
}
