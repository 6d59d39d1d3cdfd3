package main

// hash/crc32 with the IEEE and Castagnoli tables (gc runs PCLMULQDQ and SSE4.2 assembly for
// them; rgo provides those functions in Rust) and the Koopman table (pure Go), over lengths
// that exercise every path: short tails, the 64-byte and 504/4032-byte cut-offs, misaligned
// starts.

import "hash/crc32"

func main() {
	data := make([]byte, 20000)
	x := uint32(1)
	for i := range data {
		x = x*1664525 + 1013904223
		data[i] = byte(x >> 24)
	}
	cast := crc32.MakeTable(crc32.Castagnoli)
	koop := crc32.MakeTable(crc32.Koopman)
	var acc uint32
	for _, n := range []int{0, 1, 7, 8, 15, 16, 63, 64, 65, 100, 503, 504, 505, 1000, 1024, 4031, 4032, 4033, 12096, 19990} {
		for _, off := range []int{0, 1, 3, 8} {
			b := data[off : off+n]
			ieee := crc32.ChecksumIEEE(b)
			c := crc32.Checksum(b, cast)
			k := crc32.Checksum(b, koop)
			if off == 0 || n == 1000 {
				println(n, off, ieee, c, k)
			}
			acc = crc32.Update(acc, cast, b) ^ crc32.Update(acc, crc32.IEEETable, b)
		}
	}
	h := crc32.NewIEEE()
	h.Write(data[:777])
	h.Write(data[777:5000])
	println(h.Sum32(), crc32.ChecksumIEEE(data[:5000]), acc)
	println(crc32.ChecksumIEEE([]byte("The quick brown fox jumps over the lazy dog")))
}
