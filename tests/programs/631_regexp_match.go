package main

import (
	"fmt"
	"regexp"
)

func main() {
	re := regexp.MustCompile(`(\w+)@(\w+)\.(com|org|net)`)
	text := "contact: alice@example.com, bob@test.org; invalid@nowhere, carol@site.net."
	fmt.Println(re.MatchString(text), re.NumSubexp(), re.String())
	fmt.Println(re.FindString(text))
	fmt.Println(re.FindStringIndex(text))
	fmt.Printf("%q\n", re.FindStringSubmatch(text))
	fmt.Println(re.FindStringSubmatchIndex(text))
	fmt.Printf("%q\n", re.FindAllString(text, -1))
	fmt.Printf("%q\n", re.FindAllString(text, 2))
	fmt.Printf("%q\n", re.FindAllStringSubmatch(text, -1))
	fmt.Println(re.FindAllStringIndex(text, -1))
	pats := []string{`^a.c$`, `a*`, `(?i)hello`, `\d{2,4}`, `[^aeiou\s]+`, `(a|ab)(c|bcd)(d*)`, `x*?`, `\bfoo\b`, `(?s)a.b`, `a.b`, `\p{Greek}+`, `[[:alpha:]]+`, `(?m)^line\d$`, `\Qa.b\E`, `\x41\u0042`}
	inputs := []string{"abc", "aaa", "HeLLo world", "12345 6 789", "rhythm and blues", "abcd", "xxx", "foo food foo.", "a\nb", "αβγ abc", "line1\nline2\nline", "a.b axb"}
	for _, p := range pats {
		r, err := regexp.Compile(p)
		if err != nil {
			fmt.Println(p, err)
			continue
		}
		fmt.Printf("%-22s", p)
		for _, in := range inputs {
			fmt.Printf(" %q", r.FindAllString(in, -1))
		}
		fmt.Println()
	}
	for _, bad := range []string{`a(b`, `[z-a]`, `*x`, `a{2,1}`, `\8`, `(?P<n>a)(?P<n>b)`, `x{1001}`} {
		_, err := regexp.Compile(bad)
		fmt.Println(err)
	}
	fmt.Println(regexp.QuoteMeta("1+1=2? [yes] $5.00 (a|b)"))
	m, err := regexp.MatchString(`^\d+$`, "12a")
	fmt.Println(m, err)
	lit, complete := regexp.MustCompile(`hello\d`).LiteralPrefix()
	fmt.Println(lit, complete)
	posix := regexp.MustCompilePOSIX(`a+|a+b+`)
	fmt.Println(posix.FindString("aabbb"), regexp.MustCompile(`a+|a+b+`).FindString("aabbb"))
	longest := regexp.MustCompile(`a(|b)`)
	longest.Longest()
	fmt.Println(longest.FindString("ab"))
	bre := regexp.MustCompile(`(?U)a+`)
	fmt.Println(bre.FindString("aaa"), bre.Match([]byte("xa")))
	fmt.Printf("%q\n", regexp.MustCompile(`\s*[,;]\s*`).Split("a , b;c ;  d", -1))
	fmt.Printf("%q\n", regexp.MustCompile(`x*`).Split("axbxxc", -1))
	fmt.Printf("%q\n", regexp.MustCompile(``).FindAllString("abc", -1))
	defer func() { fmt.Println("recovered:", recover()) }()
	regexp.MustCompile(`(unclosed`)
}
