package main

// The crypto packages and math/big run gc's assembly (SHA-NI/AVX2 block functions, AES-NI,
// PCLMULQDQ, P-256, edwards25519, bigmod, ADX multiplication): digests, ciphertexts, keys
// and big-number products over buffers of many lengths and alignments must be gc's.

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"crypto/subtle"
	"fmt"
	"math/big"
)

func main() {
	buf := make([]byte, 70000)
	for i := range buf {
		buf[i] = byte(i*7 + i>>8)
	}
	// Hashes over lengths around the block sizes and at odd offsets.
	all := sha256.New()
	for _, n := range []int{0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 1000, 4096, 65536} {
		for _, off := range []int{0, 1, 7} {
			p := buf[off : off+n]
			fmt.Fprintf(all, "%x%x%x%x%x%x", sha256.Sum256(p), sha512.Sum512(p), sha1.Sum(p),
				md5.Sum(p), sha3.Sum256(p), sha256.Sum224(p))
		}
	}
	fmt.Printf("hashes %x\n", all.Sum(nil))
	m := hmac.New(sha512.New, buf[:100])
	m.Write(buf)
	fmt.Printf("hmac %x\n", m.Sum(nil)[:16])

	// AES block, CTR and GCM for each key size.
	for _, ks := range []int{16, 24, 32} {
		b, err := aes.NewCipher(buf[:ks])
		if err != nil {
			panic(err)
		}
		var blk [16]byte
		b.Encrypt(blk[:], buf[100:116])
		var back [16]byte
		b.Decrypt(back[:], blk[:])
		ctr := make([]byte, 5000)
		cipher.NewCTR(b, buf[:16]).XORKeyStream(ctr, buf[200:5200])
		g, _ := cipher.NewGCM(b)
		sealed := g.Seal(nil, buf[:12], buf[:3001], buf[:17])
		opened, err := g.Open(nil, buf[:12], sealed, buf[:17])
		fmt.Printf("aes%d %x %v %x %x %v\n", ks*8, blk, back == [16]byte(buf[100:116]),
			sha256.Sum256(ctr), sha256.Sum256(sealed), err == nil && subtle.ConstantTimeCompare(opened, buf[:3001]) == 1)
		sealed[5] ^= 1
		_, err = g.Open(nil, buf[:12], sealed, buf[:17])
		fmt.Println("tampered rejected:", err != nil)
	}

	// P-256 and X25519 key agreement, Ed25519 signatures.
	for _, c := range []ecdh.Curve{ecdh.P256(), ecdh.P384(), ecdh.X25519()} {
		n := 32
		if c == ecdh.P384() {
			n = 48
		}
		a, err := c.NewPrivateKey(buf[1 : 1+n])
		if err != nil {
			panic(err)
		}
		bk, _ := c.NewPrivateKey(buf[50 : 50+n])
		s1, _ := a.ECDH(bk.PublicKey())
		s2, _ := bk.ECDH(a.PublicKey())
		fmt.Printf("%v %x %v\n", c, a.PublicKey().Bytes()[:16], string(s1) == string(s2))
	}
	priv := ed25519.NewKeyFromSeed(buf[:32])
	sig := ed25519.Sign(priv, buf[:1000])
	fmt.Printf("ed25519 %x %v\n", sig[:16], ed25519.Verify(priv.Public().(ed25519.PublicKey), buf[:1000], sig))

	// XOR of overlapping lengths.
	d := make([]byte, 3000)
	for _, n := range []int{1, 15, 16, 17, 31, 33, 64, 1000, 2999} {
		subtle.XORBytes(d, buf[3:3+n], buf[5000:5000+n])
	}
	fmt.Printf("xor %x\n", sha256.Sum256(d))

	// math/big: products, quotients, exponentiation and square roots of large numbers.
	x := new(big.Int).Exp(big.NewInt(7), big.NewInt(12000), nil)
	y := new(big.Int).Exp(big.NewInt(3), big.NewInt(21000), nil)
	p := new(big.Int).Mul(x, y)
	q, r := new(big.Int).QuoRem(p, new(big.Int).Add(y, big.NewInt(12345)), new(big.Int))
	s := new(big.Int).Sqrt(p)
	mod := new(big.Int).Exp(x, y, new(big.Int).SetBytes(buf[:256]))
	h := sha256.New()
	for _, v := range []*big.Int{p, q, r, s, mod, new(big.Int).Lsh(x, 777), new(big.Int).Rsh(y, 333)} {
		h.Write(v.Bytes())
	}
	fmt.Printf("big %d %d %x\n", p.BitLen(), s.BitLen(), h.Sum(nil))
}
