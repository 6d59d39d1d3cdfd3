package main

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"strings"
)

func main() {
	inputs := []string{"", "abc", "The quick brown fox jumps over the lazy dog", strings.Repeat("a", 1000), strings.Repeat("0123456789", 1000)}
	for _, in := range inputs {
		fmt.Printf("len=%d\n", len(in))
		fmt.Printf("  md5    %x\n", md5.Sum([]byte(in)))
		fmt.Printf("  sha1   %x\n", sha1.Sum([]byte(in)))
		fmt.Printf("  sha224 %x\n", sha256.Sum224([]byte(in)))
		fmt.Printf("  sha256 %x\n", sha256.Sum256([]byte(in)))
		fmt.Printf("  sha384 %x\n", sha512.Sum384([]byte(in)))
		fmt.Printf("  sha512 %x\n", sha512.Sum512([]byte(in)))
		fmt.Printf("  512/256 %x\n", sha512.Sum512_256([]byte(in)))
	}
	hs := []struct {
		name string
		h    hash.Hash
	}{{"md5", md5.New()}, {"sha1", sha1.New()}, {"sha256", sha256.New()}, {"sha512", sha512.New()}}
	for _, x := range hs {
		for i := 0; i < 100; i++ {
			io.WriteString(x.h, fmt.Sprintf("chunk %d;", i))
		}
		mid := x.h.Sum(nil)
		x.h.Write([]byte("more"))
		fmt.Println(x.name, x.h.Size(), x.h.BlockSize(), hex.EncodeToString(mid)[:16], hex.EncodeToString(x.h.Sum(nil))[:16])
		x.h.Reset()
		fmt.Println("  reset:", hex.EncodeToString(x.h.Sum([]byte{0xAA}))[:18])
	}
	key := []byte("secret key")
	for _, newHash := range []func() hash.Hash{md5.New, sha1.New, sha256.New, sha512.New} {
		mac := hmac.New(newHash, key)
		mac.Write([]byte("message to authenticate"))
		sum := mac.Sum(nil)
		fmt.Printf("hmac %x\n", sum)
		other := hmac.New(newHash, key)
		other.Write([]byte("message to authenticate"))
		fmt.Println(hmac.Equal(sum, other.Sum(nil)), hmac.Equal(sum, sum[1:]))
	}
	long := hmac.New(sha256.New, []byte(strings.Repeat("k", 200)))
	long.Write([]byte("x"))
	fmt.Printf("%x\n", long.Sum(nil))
	d := sha256.New()
	for i := 0; i < 10000; i++ {
		d.Write([]byte{byte(i), byte(i >> 8)})
	}
	fmt.Printf("%x\n", d.Sum(nil))
}
