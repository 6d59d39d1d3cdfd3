package main

// range over strings decodes UTF-8; invalid bytes yield U+FFFD with width 1.

func dump(s string) {
	print(len(s), ":")
	for i, r := range s {
		print(" ", i, "=", r)
	}
	println()
	n := 0
	for range s {
		n++
	}
	for i := range s {
		n += i
	}
	println("count+idx", n)
}

func main() {
	dump("")
	dump("abc")
	dump("héllo")
	dump("日本語")
	dump("\U0001F600x")
	dump("\xff")
	dump("a\xffb")
	dump("\xe6\x97")         // truncated 3-byte sequence
	dump("\xe6\x97\xa5\xe6") // valid then truncated
	dump("\xc0\x80")         // overlong encoding of NUL
	dump("\xed\xa0\x80")     // surrogate half
	dump("\xf4\x90\x80\x80") // above U+10FFFF
	dump("\xf0\x9f\x98")     // truncated 4-byte
	dump("\x80\x80")         // lone continuation bytes
	dump("\u00ff\u0100\u07ff\u0800\uffff\U00010000\U0010ffff")
	// conversion of invalid runes to string
	for _, r := range []rune{65, 0xe9, 0x10FFFF, 0x110000, -1, 0xD800, 0xDFFF} {
		s := string(r)
		println(r, len(s), s == "\uFFFD")
	}
	// range value copy: modifying the string variable doesn't affect the loop
	s := "xyz"
	for i, r := range s {
		if i == 0 {
			s = "changed"
		}
		print(r, " ")
	}
	println(s)
}
