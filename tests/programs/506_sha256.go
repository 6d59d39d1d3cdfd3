package main

// crypto/sha256, sha1, md5 and sha512 with the purego build tag (rgo sets it; gc runs
// assembly): digests of the standard test messages and of long inputs written in pieces.

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
)

const hexdigits = "0123456789abcdef"

func hex(b []byte) string {
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, hexdigits[c>>4], hexdigits[c&15])
	}
	return string(out)
}

func main() {
	for _, m := range []string{"", "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "The quick brown fox jumps over the lazy dog"} {
		a := sha256.Sum256([]byte(m))
		b := sha1.Sum([]byte(m))
		c := md5.Sum([]byte(m))
		d := sha512.Sum512([]byte(m))
		println(hex(a[:]))
		println(hex(b[:]), hex(c[:]))
		println(hex(d[:]))
	}
	data := make([]byte, 100000)
	for i := range data {
		data[i] = byte(i*7 + i>>8)
	}
	h := sha256.New()
	for i := 0; i < len(data); i += 999 {
		end := i + 999
		if end > len(data) {
			end = len(data)
		}
		h.Write(data[i:end])
	}
	all := sha256.Sum256(data)
	println(hex(h.Sum(nil)), hex(all[:]))
	s224 := sha256.Sum224(data)
	println(hex(s224[:]))
}
