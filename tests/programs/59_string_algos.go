package main

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	var buf [20]byte
	i := len(buf)
	u := uint64(n)
	if neg {
		u = uint64(-n)
	}
	for u > 0 {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

func atoi(s string) (int, bool) {
	n, neg := 0, false
	if len(s) > 0 && s[0] == '-' {
		neg, s = true, s[1:]
	}
	if s == "" {
		return 0, false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func isPalindrome(s string) bool { return s == reverse(s) }

func split(s string, sep byte) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func index(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func hex(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

func main() {
	for _, n := range []int{0, 7, -42, 1234567890, -9223372036854775807 - 1} {
		s := itoa(n)
		back, ok := atoi(s)
		println(s, len(s), back == n, ok)
	}
	_, ok := atoi("12a")
	println(ok)
	println(reverse("Hello, 世界"), isPalindrome("racecar"), isPalindrome("gopher"))
	parts := split("a,b,,c,", ',')
	println(len(parts))
	for i, p := range parts {
		println(i, "["+p+"]")
	}
	println(index("chicken", "ken"), index("chicken", "dmr"), index("", ""), index("abc", ""))
	println(hex([]byte("Go!\x00\xff")))
	// Caesar cipher
	msg := []byte("Attack at Dawn!")
	for i, c := range msg {
		switch {
		case c >= 'a' && c <= 'z':
			msg[i] = 'a' + (c-'a'+13)%26
		case c >= 'A' && c <= 'Z':
			msg[i] = 'A' + (c-'A'+13)%26
		}
	}
	println(string(msg))
	// count runes vs bytes
	s := "naïve café ☕"
	runes := 0
	for range s {
		runes++
	}
	println(len(s), runes, len([]rune(s)))
}
