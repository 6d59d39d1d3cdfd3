package main

// A function whose declaration the type checker reaches first from inside a function
// literal (here the package-level initialiser of `early`) must still have its parameters
// captured by the closures of its body. crypto/internal/fips140/ecdsa has this shape
// (newDRBG's closure captures its `hash` parameter), so ECDSA signing exercises it too.

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
)

var early = func() func() int {
	return later(41)
}()

func later(n int) func() int {
	return func() int { n++; return n }
}

var results = func() []func() (int, string) {
	return []func() (int, string){named(7, "x")}
}()

func named(a int, s string) (r func() (int, string)) {
	r = func() (int, string) { return a * 2, s + s }
	return
}

func main() {
	fmt.Println(early(), early(), later(1)())
	fmt.Println(results[0]())
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	h := sha256.Sum256([]byte("hello"))
	sig, err := ecdsa.SignASN1(rand.Reader, k, h[:])
	fmt.Println(err, ecdsa.VerifyASN1(&k.PublicKey, h[:], sig))
	h[0] ^= 1
	fmt.Println(ecdsa.VerifyASN1(&k.PublicKey, h[:], sig))
}
