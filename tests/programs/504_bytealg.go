package main

// internal/bytealg's assembly functions through strings and bytes: IndexByte, Index, Count,
// Compare and Equal on every length up to 80 and every alignment up to 16, against simple
// loops written here.

import (
	"bytes"
	"strings"
)

var seed uint64 = 0x5DEECE66D

func next() uint64 {
	seed ^= seed << 13
	seed ^= seed >> 7
	seed ^= seed << 17
	return seed
}

func naiveIndex(s, sep []byte) int {
	for i := 0; i+len(sep) <= len(s); i++ {
		ok := true
		for j := range sep {
			if s[i+j] != sep[j] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
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
	buf := make([]byte, 160)
	bad := 0
	checks := 0
	for round := 0; round < 4; round++ {
		alpha := uint64(2 + round*3)
		for i := range buf {
			buf[i] = 'a' + byte(next()%alpha)
		}
		for off := 0; off < 16; off++ {
			for n := 0; n <= 80; n++ {
				b := buf[off : off+n]
				s := string(b)
				c := 'a' + byte(next()%(alpha+1))
				want, cnt := -1, 0
				for i := range b {
					if b[i] == c {
						if want < 0 {
							want = i
						}
						cnt++
					}
				}
				if bytes.IndexByte(b, c) != want || strings.IndexByte(s, c) != want {
					bad++
				}
				if bytes.Count(b, []byte{c}) != cnt || strings.Count(s, string(c)) != cnt {
					bad++
				}
				m := int(next() % 12)
				so := int(next() % 100)
				sep := buf[so : so+m]
				wi := naiveIndex(b, sep)
				if bytes.Index(b, sep) != wi || strings.Index(s, string(sep)) != wi {
					bad++
				}
				t := buf[so : so+int(next()%40)]
				wc := naiveCompare(b, t)
				if bytes.Compare(b, t) != wc || strings.Compare(s, string(t)) != wc {
					bad++
				}
				if bytes.Equal(b, t) != (wc == 0) || (s == string(t)) != (wc == 0) {
					bad++
				}
				checks++
			}
		}
	}
	println("checks", checks, "bad", bad)
	println(strings.Index("chicken", "ken"), strings.Index("chicken", "dmr"), strings.Contains("seafood", "foo"))
	println(strings.Count("cheese", "e"), strings.Count("five", ""), bytes.IndexByte([]byte("golang"), 'l'))
	println(strings.Compare("a", "b"), strings.Compare("b", "a"), strings.Compare("x", "x"))
	long := strings.Repeat("ab", 5000) + "needle" + strings.Repeat("cd", 5000)
	println(strings.Index(long, "needle"), strings.Index(long, "needlf"), strings.Count(long, "a"), strings.LastIndex(long, "ab"))
}
