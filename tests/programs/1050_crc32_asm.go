package main

// hash/crc32 runs crc32_amd64.s: Castagnoli with SSE4.2's CRC32 (one and three streams),
// IEEE with PCLMULQDQ, and from 1024 bytes the AVX-512 VPCLMULQDQ loop when the CPU has it.
// Lengths from 0 to 4200 at several alignments is checked against a bitwise CRC.

import (
	"fmt"
	"hash/crc32"
)

func bitwise(poly uint32, crc uint32, p []byte) uint32 {
	crc = ^crc
	for _, b := range p {
		crc ^= uint32(b)
		for i := 0; i < 8; i++ {
			if crc&1 != 0 {
				crc = crc>>1 ^ poly
			} else {
				crc >>= 1
			}
		}
	}
	return ^crc
}

// next steps through every length up to 1100 (around the 64-, 1024- and three-stream
// thresholds) and then in strides of 37.
func next(n int) int {
	if n < 1100 {
		return n + 1
	}
	return n + 37
}

func main() {
	buf := make([]byte, 9000)
	x := uint32(2463534242)
	for i := range buf {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		buf[i] = byte(x)
	}
	cast := crc32.MakeTable(crc32.Castagnoli)
	koop := crc32.MakeTable(crc32.Koopman)
	bad := 0
	var sumI, sumC, sumK uint32
	for n := 0; n <= 4200; n = next(n) {
		for _, off := range []int{0, 1, 7, 16, 33} {
			p := buf[off : off+n]
			i := crc32.ChecksumIEEE(p)
			c := crc32.Checksum(p, cast)
			if i != bitwise(crc32.IEEE, 0, p) || c != bitwise(crc32.Castagnoli, 0, p) {
				if bad < 5 {
					fmt.Println("mismatch at length", n, "offset", off)
				}
				bad++
			}
			sumI = sumI*31 + i
			sumC = sumC*31 + c
			if n%97 == 0 {
				sumK = sumK*31 + crc32.Checksum(p, koop)
			}
		}
	}
	// Incremental updates across the 1024-byte threshold.
	h := crc32.NewIEEE()
	for i := 0; i < 8000; i += 1500 {
		h.Write(buf[i:min(i+1500, len(buf))])
	}
	fmt.Println(bad, "mismatches")
	fmt.Printf("%08x %08x %08x %08x\n", sumI, sumC, sumK, h.Sum32())
	fmt.Printf("%08x\n", crc32.Update(0xdeadbeef, cast, buf))
}
