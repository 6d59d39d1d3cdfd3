package main

func main() {
	s := "Hello, World"
	println(s, len(s), s[0], s[len(s)-1], s[7:], s[:5], s[3:8], s[:], s[12:] == "")
	t := s + "!" + " " + "again"
	println(t, len(t))
	// comparison operators
	words := []string{"apple", "Apple", "app", "apple pie", "", "banana", "b", "\xff"}
	for _, a := range words {
		for _, b := range words {
			r := 0
			if a < b {
				r = -1
			} else if a > b {
				r = 1
			}
			print(r, " ")
			if (a == b) != (r == 0) || (a <= b) != (r <= 0) || (a >= b) != (r >= 0) || (a != b) != (r != 0) {
				println("inconsistent", a, b)
			}
		}
		println()
	}
	// building strings in a loop
	acc := ""
	for i := 0; i < 10; i++ {
		acc += string(rune('a' + i))
	}
	println(acc, len(acc))
	// strings are immutable values
	u := acc
	acc += "!"
	println(u, acc)
	// escapes
	println("tab\tquote\"back\\slash", "\x41\101\u00e9\U0001F600", `raw\n`, len("\u00e9"), len(`\n`))
	// byte values of a multi-byte string
	m := "héllo, 世界"
	for i := 0; i < len(m); i++ {
		print(m[i], " ")
	}
	println(len(m))
	// substring sharing, comparisons of substrings
	println(m[1:3] == "é", m[:1]+m[3:], s[7:12] == "World")
	// concatenation of many pieces at once
	a, b, c, d := "a", "bb", "ccc", "dddd"
	println(a+b+c+d+a+b+c+d, len(a+b+c+d))
	// empty string
	var e string
	println(e == "", len(e), e+"x", "["+e+"]")
	// string in switch-like chains
	for _, w := range []string{"go", "rust", "c"} {
		if w == "go" {
			println(w, "gopher")
		} else if w >= "r" {
			println(w, "late")
		} else {
			println(w, "early")
		}
	}
}
