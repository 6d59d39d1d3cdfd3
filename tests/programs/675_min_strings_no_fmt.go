package main

// Standard-library use without fmt (output through println), so that this program measures
// strings, strconv and unicode/utf8 alone.

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

func main() {
	s := "alpha,beta,,gamma,δέλτα"
	parts := strings.Split(s, ",")
	println(len(parts), strings.Join(parts, "|"))
	println(strings.ToUpper(s), strings.Count(s, "a"), strings.Index(s, "gamma"), strings.LastIndex(s, ","))
	println(strings.Repeat("ab", 4), strings.TrimSpace("  x  "), strings.ReplaceAll(s, ",", ";"))
	println(strings.HasPrefix(s, "alp"), strings.Contains(s, "δέ"), strings.EqualFold("Go", "GO"))
	var b strings.Builder
	for i := 0; i < 10; i++ {
		b.WriteString(strconv.Itoa(i * i))
		b.WriteByte(' ')
	}
	println(b.String(), b.Len())
	println(utf8.RuneCountInString(s), len(s), utf8.ValidString(s), utf8.ValidString("\xff"))
	n, err := strconv.Atoi("12345")
	println(n, err == nil)
	_, err = strconv.Atoi("12x")
	println(err.Error())
	f, _ := strconv.ParseFloat("3.25e2", 64)
	println(strconv.FormatFloat(f, 'f', 3, 64), strconv.FormatFloat(1.0/3, 'g', -1, 64), strconv.FormatFloat(1e21, 'e', 5, 64))
	println(strconv.Quote("tab\there \"q\" é\x00"), strconv.FormatInt(-255, 16), strconv.FormatUint(1<<63, 2))
	fields := strings.Fields(" a  b\tc\n")
	println(len(fields), fields[0], fields[2])
	before, after, ok := strings.Cut("k=v", "=")
	println(before, after, ok)
	r := strings.NewReplacer("a", "1", "b", "2")
	println(r.Replace("abcab"))
	println(strings.Map(func(r rune) rune {
		if r == 'a' {
			return 'A'
		}
		return r
	}, "banana"), strings.Title("x"), strings.Compare("a", "b"))
}
