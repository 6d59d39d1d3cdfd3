package main

// internal/bytealg's amd64 assembly (indexbyte, index, count, compare: SSE2 and AVX2
// paths chosen by length and CPU) against naive loops, over lengths 0-300 and every
// position, at varying alignments. rgo assembles gc's .s files for these.

import (
	"bytes"
	"fmt"
	"strings"
)

func naiveIndexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

func naiveIndex(s, sep string) int {
	for i := 0; i+len(sep) <= len(s); i++ {
		if s[i:i+len(sep)] == sep {
			return i
		}
	}
	return -1
}

func naiveCount(b []byte, c byte) int {
	n := 0
	for _, x := range b {
		if x == c {
			n++
		}
	}
	return n
}

func naiveCompare(a, b []byte) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

func main() {
	buf := make([]byte, 400)
	for i := range buf {
		buf[i] = byte('a' + i%7)
	}
	bad, checks := 0, 0
	check := func(what string, got, want int) {
		checks++
		if got != want {
			bad++
			if bad < 10 {
				fmt.Println("MISMATCH", what, got, want)
			}
		}
	}
	for off := 0; off < 9; off++ {
		for n := 0; n <= 300; n += 1 + n/40 {
			b := buf[off : off+n]
			for p := 0; p < n; p += 1 + n/16 {
				saved := b[p]
				b[p] = 'Z'
				check("IndexByte", bytes.IndexByte(b, 'Z'), naiveIndexByte(b, 'Z'))
				check("IndexByteString", strings.IndexByte(string(b), 'Z'), naiveIndexByte(b, 'Z'))
				check("Count", bytes.Count(b, []byte{'a'}), naiveCount(b, 'a'))
				check("CountString", strings.Count(string(b), "b"), naiveCount(b, 'b'))
				for _, k := range []int{2, 5, 17, 40} {
					if p+k <= n {
						sep := string(b[p : p+k])
						check("Index", strings.Index(string(b), sep), naiveIndex(string(b), sep))
						check("IndexBytes", bytes.Index(b, []byte(sep)), naiveIndex(string(b), sep))
					}
				}
				c := append([]byte(nil), b...)
				c[p]++
				check("Compare", bytes.Compare(b, c), naiveCompare(b, c))
				check("CompareRev", bytes.Compare(c, b), naiveCompare(c, b))
				check("CompareShort", bytes.Compare(b[:p], b), naiveCompare(b[:p], b))
				b[p] = saved
			}
			check("IndexByteMiss", bytes.IndexByte(b, 'Z'), -1)
		}
	}
	fmt.Println("checks:", checks > 10000, "mismatches:", bad)
}
