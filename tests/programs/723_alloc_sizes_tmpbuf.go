package main

// Allocations of every small size (1017..1024 bytes fall between gc's two size-class tables),
// and string conversions and concatenations whose results stay in the frame (built in a
// stack buffer when short) or escape, in loops and across iterations.

import (
	"fmt"
	"strings"
)

var sink string

func checksum(s string) int {
	h := 0
	for i := 0; i < len(s); i++ {
		h = h*31 + int(s[i])
	}
	return h
}

func main() {
	x, y := []byte("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF"), []byte("abcdefghijklmnopqrstuvwxyz0123456789ABCDEG")
	fmt.Println(string(x) == string(y), string(x) < string(y), string(x[:3]) != "abc", string(y) >= string(x))
	b := make([]byte, 1100)
	for i := range b {
		b[i] = byte('a' + i%26)
	}
	total := 0
	for i := 0; i <= len(b); i++ {
		sink = string(b[:i])
		total += len(sink)
		local := string(b[i/2 : i]) // does not escape
		total += checksum(local)
		p := make([]byte, i)
		total += len(p)
	}
	fmt.Println(total)

	var keep []string
	prev := ""
	for i := 1; i < 6; i++ {
		cur := string(b[:i])
		joined := prev + "|" + cur
		fmt.Println(cur, prev, cur == prev, joined)
		prev = cur
		keep = append(keep, "k"+cur)
		r := []rune(cur)
		r[0] = 'Z'
		bs := []byte(cur)
		bs[0] = 'Y'
		fmt.Println(string(r), string(bs), string(rune('A'+i)))
	}
	fmt.Println(strings.Join(keep, ","), prev)
}
