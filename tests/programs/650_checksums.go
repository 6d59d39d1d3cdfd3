package main

import (
	"fmt"
	"hash/adler32"
	"hash/crc32"
	"hash/crc64"
	"hash/fnv"
	"hash/maphash"
	"strings"
)

func main() {
	inputs := []string{"", "a", "abc", "hello world", "The quick brown fox jumps over the lazy dog", strings.Repeat("xyz", 5000)}
	castagnoli := crc32.MakeTable(crc32.Castagnoli)
	koopman := crc32.MakeTable(crc32.Koopman)
	iso := crc64.MakeTable(crc64.ISO)
	ecma := crc64.MakeTable(crc64.ECMA)
	for _, in := range inputs {
		b := []byte(in)
		f32, f32a, f64, f64a, f128 := fnv.New32(), fnv.New32a(), fnv.New64(), fnv.New64a(), fnv.New128a()
		for _, h := range []interface{ Write([]byte) (int, error) }{f32, f32a, f64, f64a, f128} {
			h.Write(b)
		}
		fmt.Printf("len %d: crc32=%08x castagnoli=%08x koopman=%08x adler=%08x crc64iso=%016x ecma=%016x\n", len(in), crc32.ChecksumIEEE(b), crc32.Checksum(b, castagnoli), crc32.Checksum(b, koopman), adler32.Checksum(b), crc64.Checksum(b, iso), crc64.Checksum(b, ecma))
		fmt.Printf("  fnv32=%08x fnv32a=%08x fnv64=%016x fnv64a=%016x fnv128a=%x\n", f32.Sum32(), f32a.Sum32(), f64.Sum64(), f64a.Sum64(), f128.Sum(nil))
	}
	crc := crc32.NewIEEE()
	ad := adler32.New()
	for i := 0; i < 1000; i++ {
		chunk := []byte(fmt.Sprintf("%d,", i*i))
		crc.Write(chunk)
		ad.Write(chunk)
	}
	fmt.Printf("%08x %08x %x\n", crc.Sum32(), ad.Sum32(), crc.Sum([]byte{1}))
	c := crc32.Update(0, crc32.IEEETable, []byte("hello "))
	c = crc32.Update(c, crc32.IEEETable, []byte("world"))
	fmt.Printf("%08x %v\n", c, c == crc32.ChecksumIEEE([]byte("hello world")))
	seed := maphash.MakeSeed()
	fmt.Println(maphash.String(seed, "x") == maphash.String(seed, "x"), maphash.Bytes(seed, []byte("ab")) == maphash.String(seed, "ab"))
	var mh maphash.Hash
	mh.SetSeed(seed)
	mh.WriteString("ab")
	fmt.Println(mh.Sum64() == maphash.String(seed, "ab"))
}
