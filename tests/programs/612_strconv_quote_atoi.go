package main

import (
	"errors"
	"fmt"
	"strconv"
)

func main() {
	strs := []string{"plain", "tab\there", "nl\n", `quote"s`, "back\\slash", "ünïcödé", "\x00\x01\x7f", "bad\xffutf8", "emoji 😀", "\u2028sep", "\a\b\f\r\v"}
	for _, s := range strs {
		fmt.Println(strconv.Quote(s), strconv.QuoteToASCII(s), strconv.QuoteToGraphic(s), strconv.CanBackquote(s))
	}
	for _, r := range []rune{'a', '\'', '"', '\n', 'é', '😀', 0x7f, 0xD800, -1} {
		fmt.Println(strconv.QuoteRune(r), strconv.QuoteRuneToASCII(r), strconv.IsPrint(r), strconv.IsGraphic(r))
	}
	qs := []string{`"hello"`, "`raw\\n`", `'x'`, `"esc\t\u00e9\x41\101"`, `"unterminated`, `'ab'`, `"\q"`, `noquotes`, `""`}
	for _, q := range qs {
		s, err := strconv.Unquote(q)
		fmt.Printf("%s -> %q %v\n", q, s, err)
	}
	v, mb, tail, err := strconv.UnquoteChar(`\u00e9rest`, '"')
	fmt.Println(v, mb, tail, err)
	pre, err := strconv.QuotedPrefix(`"abc"def`)
	fmt.Println(pre, err)
	for _, s := range []string{"42", "-7", "+3", " 1", "1 ", "", "0x10", "99999999999999999999", "-99999999999999999999", "3.0", "٣"} {
		n, err := strconv.Atoi(s)
		fmt.Printf("Atoi(%q) = %d, %v\n", s, n, err)
		var ne *strconv.NumError
		if errors.As(err, &ne) {
			fmt.Printf("  Func=%s Num=%q Err=%v range=%v syntax=%v\n", ne.Func, ne.Num, ne.Err, errors.Is(err, strconv.ErrRange), errors.Is(err, strconv.ErrSyntax))
		}
	}
	fmt.Println(strconv.Itoa(-1<<63), strconv.Itoa(0), strconv.IntSize)
	b := []byte("q:")
	b = strconv.AppendQuote(b, "x\"y")
	b = strconv.AppendQuoteRune(b, '☺')
	b = strconv.AppendQuoteToASCII(b, "☺")
	fmt.Println(string(b))
}
