package main

import (
	"fmt"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

func main() {
	s := "Héllo, 世界! 😀\xff"
	fmt.Println(len(s), utf8.RuneCountInString(s), utf8.ValidString(s), utf8.ValidString("ok"))
	for i, r := range s {
		fmt.Printf("%d:%q(%d) ", i, r, utf8.RuneLen(r))
	}
	fmt.Println()
	b := []byte(s)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		fmt.Printf("%U/%d ", r, size)
		b = b[size:]
	}
	fmt.Println()
	r, size := utf8.DecodeLastRuneInString("abc世")
	fmt.Println(string(r), size)
	buf := make([]byte, 4)
	for _, r := range []rune{'A', 'ß', '€', '𝄞', 0xD800, 0x110000} {
		n := utf8.EncodeRune(buf, r)
		fmt.Printf("%U -> % x (valid=%v)\n", r, buf[:n], utf8.ValidRune(r))
	}
	fmt.Println(utf8.AppendRune([]byte("x"), '界'), utf8.FullRune([]byte{0xe4, 0xb8}), utf8.RuneStart(0xb8))
	fmt.Println(utf16.Encode([]rune("a😀")), string(utf16.Decode([]uint16{0x61, 0xd83d, 0xde00})), utf16.IsSurrogate(0xd800))
	r1, r2 := utf16.EncodeRune('😀')
	fmt.Printf("%x %x %c\n", r1, r2, utf16.DecodeRune(r1, r2))
	classes := []struct {
		name string
		f    func(rune) bool
	}{{"Letter", unicode.IsLetter}, {"Digit", unicode.IsDigit}, {"Number", unicode.IsNumber}, {"Space", unicode.IsSpace}, {"Upper", unicode.IsUpper}, {"Lower", unicode.IsLower}, {"Punct", unicode.IsPunct}, {"Symbol", unicode.IsSymbol}, {"Control", unicode.IsControl}, {"Print", unicode.IsPrint}, {"Graphic", unicode.IsGraphic}, {"Mark", unicode.IsMark}, {"Title", unicode.IsTitle}}
	test := []rune{'a', 'Z', '5', '٣', 'Ⅻ', ' ', '\u00a0', '\t', '!', '€', '+', '\x07', 'é', '\u0301', 'ǅ', '世', '😀'}
	for _, c := range classes {
		fmt.Printf("%-8s", c.name)
		for _, r := range test {
			if c.f(r) {
				fmt.Print("1")
			} else {
				fmt.Print("0")
			}
		}
		fmt.Println()
	}
	for _, r := range []rune{'a', 'A', 'ß', 'ǆ', 'σ', 'ς', 'İ', 'ı', 'K'} {
		fmt.Printf("%c: up=%c low=%c title=%c fold=%c\n", r, unicode.ToUpper(r), unicode.ToLower(r), unicode.ToTitle(r), unicode.SimpleFold(r))
	}
	fmt.Println(unicode.Is(unicode.Han, '世'), unicode.Is(unicode.Greek, 'λ'), unicode.In('я', unicode.Cyrillic, unicode.Latin), unicode.Is(unicode.Latin, 'я'))
	fmt.Println(unicode.MaxRune, unicode.ReplacementChar, string(unicode.ReplacementChar), utf8.UTFMax, utf8.RuneError)
	count := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.IsUpper(r) {
			count++
		}
	}
	fmt.Println("upper count", count)
	letters := 0
	for r := rune(0); r < 0x3000; r++ {
		if unicode.IsLetter(r) && unicode.ToUpper(unicode.ToLower(r)) != r {
			letters++
		}
	}
	fmt.Println("case-unstable", letters)
}
