package main

func main() {
	s := "héllo, 世界!"
	b := []byte(s)
	r := []rune(s)
	println(len(s), len(b), cap(b) >= len(b), len(r))
	for _, x := range b {
		print(x, " ")
	}
	println()
	for _, x := range r {
		print(x, " ")
	}
	println()
	// []byte is a copy
	b[0] = 'H'
	println(s, string(b))
	// []rune modifications
	r[1] = 'e'
	r[7] = 'W'
	println(string(r), len(string(r)))
	// rune -> string
	println(string(rune(65)), string(rune(0x4e16)), string(rune(0x1F600)), string(rune(-5)) == "\uFFFD")
	// byte -> string via []byte
	println(string([]byte{104, 105}), string([]byte{}), string([]byte(nil)) == "")
	// invalid UTF-8 through []rune
	bad := "a\xffb\xe6\x97"
	br := []rune(bad)
	println(len(br), br[0], br[1], br[2], br[3], len(string(br)))
	// round trips
	println(string([]byte(string([]rune("日本")))) == "日本")
	// reversing a string by runes
	rs := []rune("stressed 日本")
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	println(string(rs))
	// bytes of a string: upper-casing ASCII
	up := []byte("mixed Case 123")
	for i, c := range up {
		if c >= 'a' && c <= 'z' {
			up[i] = c - 32
		}
	}
	println(string(up))
	// append string to []byte
	bs := append([]byte("abc"), "def"...)
	bs = append(bs, 'g')
	println(string(bs), len(bs))
	// copy from a string
	dst := make([]byte, 4)
	n := copy(dst, "wxyz-ignored")
	println(n, string(dst))
	// string from a byte slice of a larger buffer
	buf := []byte("0123456789")
	println(string(buf[2:5]), string(buf[7:]))
	// comparing converted values
	println(string(b) > s, string(rune('a')) < "b")
	// conversion of a named string type and named byte slice
	type Name string
	type Bytes []byte
	n2 := Name("gopher")
	bb := Bytes(n2)
	println(string(n2), len(bb), string(bb[1:3]))
}
