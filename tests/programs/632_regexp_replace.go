package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

func main() {
	date := regexp.MustCompile(`(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})`)
	s := "dates: 2024-01-15, 1999-12-31 and 2000-02-29."
	fmt.Println(date.SubexpNames(), date.SubexpIndex("month"), date.SubexpIndex("nope"))
	fmt.Println(date.ReplaceAllString(s, "${day}/${month}/${year}"))
	fmt.Println(date.ReplaceAllString(s, "$day.$month.$yearx|$1"))
	fmt.Println(date.ReplaceAllLiteralString(s, "$1"))
	for _, m := range date.FindAllStringSubmatch(s, -1) {
		fields := map[string]string{}
		for i, n := range date.SubexpNames() {
			if n != "" {
				fields[n] = m[i]
			}
		}
		fmt.Println(fields)
	}
	var out []byte
	for _, idx := range date.FindAllStringSubmatchIndex(s, -1) {
		out = date.ExpandString(out, "[$month of $year]", s, idx)
	}
	fmt.Println(string(out))
	num := regexp.MustCompile(`-?\d+(\.\d+)?`)
	fmt.Println(num.ReplaceAllStringFunc("price 12.5 qty 3 delta -4", func(m string) string {
		f, _ := strconv.ParseFloat(m, 64)
		return strconv.FormatFloat(f*2, 'f', -1, 64)
	}))
	camel := regexp.MustCompile(`_([a-z])`)
	fmt.Println(camel.ReplaceAllStringFunc("snake_case_to_camel", func(m string) string { return strings.ToUpper(m[1:]) }))
	fmt.Println(string(regexp.MustCompile(`(\w+) (\w+)`).ReplaceAll([]byte("hello world"), []byte("$2 $1"))))
	ws := regexp.MustCompile(`\s+`)
	fmt.Printf("%q\n", ws.ReplaceAllString("  too   many \t spaces\n", " "))
	tag := regexp.MustCompile(`<(/?)(\w+)[^>]*>`)
	html := `<div class="x"><p>Hi <b>there</b></p></div>`
	for _, m := range tag.FindAllStringSubmatch(html, -1) {
		fmt.Printf("close=%v tag=%s; ", m[1] == "/", m[2])
	}
	fmt.Println()
	kv := regexp.MustCompile(`(\w+)=("[^"]*"|\S+)`)
	for _, m := range kv.FindAllStringSubmatch(`a=1 b="two words" c=x=y d=""`, -1) {
		fmt.Printf("%s -> %s\n", m[1], m[2])
	}
	b := regexp.MustCompile(`a(x*)b`)
	fmt.Println(b.ReplaceAllString("-ab-axxb-", "T"), b.ReplaceAllString("-ab-axxb-", "$1W"), b.ReplaceAllString("-ab-axxb-", "${1}W"))
	fmt.Println(string(b.ReplaceAllFunc([]byte("ab axb"), func(m []byte) []byte { return []byte(strconv.Itoa(len(m))) })))
	word := regexp.MustCompile(`\w+`)
	counts := 0
	text := strings.Repeat("lorem ipsum dolor sit amet ", 200)
	for range word.FindAllStringIndex(text, -1) {
		counts++
	}
	fmt.Println(counts, len(word.ReplaceAllString(text, "w")))
	var sb strings.Builder
	for i, part := range regexp.MustCompile(`(\d)`).Split("a1b2c3d", -1) {
		fmt.Fprintf(&sb, "%d:%s ", i, part)
	}
	fmt.Println(sb.String())
	re := regexp.MustCompile(`(?i)(GO)(lang)?`)
	fmt.Printf("%q\n", re.FindAllStringSubmatch("go Golang GOLANG gopher", -1))
	fmt.Println(re.MatchReader(strings.NewReader("xxgo")))
}
