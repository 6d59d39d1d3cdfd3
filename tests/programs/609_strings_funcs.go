package main

import (
	"fmt"
	"strings"
	"unicode"
)

func main() {
	s := "The quick brown fox jumps over the lazy dog"
	fmt.Println(strings.Contains(s, "fox"), strings.ContainsAny(s, "xyz"), strings.ContainsRune(s, 'Q'), strings.HasPrefix(s, "The"), strings.HasSuffix(s, "dog"))
	fmt.Println(strings.Index(s, "o"), strings.LastIndex(s, "o"), strings.IndexByte(s, 'q'), strings.IndexRune(s, 'z'), strings.IndexAny(s, "pj"), strings.IndexFunc(s, unicode.IsUpper), strings.Index(s, "cat"))
	fmt.Println(strings.Count(s, "o"), strings.Count(s, ""), strings.Count("cheese", "e"))
	fmt.Printf("%q\n", strings.Split("a,b,,c", ","))
	fmt.Printf("%q\n", strings.SplitN("a,b,c,d", ",", 2))
	fmt.Printf("%q\n", strings.SplitAfter("a,b,c", ","))
	fmt.Printf("%q\n", strings.Fields("  lots   of\tspace\n here "))
	fmt.Printf("%q\n", strings.FieldsFunc("a1b2c33d", unicode.IsDigit))
	fmt.Printf("%q\n", strings.Split("", ","))
	fmt.Printf("%q\n", strings.Split("abc", ""))
	fmt.Println(strings.Join([]string{"x", "y", "z"}, "-"), strings.Repeat("ab", 3), strings.Repeat("", 5))
	fmt.Println(strings.Replace("oink oink oink", "k", "ky", 2), strings.ReplaceAll("oink oink", "oink", "moo"), strings.Replace("abc", "", "-", -1))
	fmt.Println(strings.ToUpper("héllo wörld"), strings.ToLower("ÀÉÎ ABC"), strings.Title("old title"), strings.ToTitle("ǆ"))
	fmt.Printf("%q %q %q %q\n", strings.TrimSpace("\t x y \n"), strings.Trim("xxhixx", "x"), strings.TrimLeft("aabbcc", "ab"), strings.TrimRight("aabbcc", "bc"))
	fmt.Printf("%q %q %q\n", strings.TrimPrefix("prefix-body", "prefix-"), strings.TrimSuffix("file.go", ".go"), strings.TrimFunc("123abc456", unicode.IsDigit))
	before, after, found := strings.Cut("key=value=x", "=")
	fmt.Println(before, after, found)
	before, after, found = strings.Cut("novalue", "=")
	fmt.Printf("%q %q %v\n", before, after, found)
	r, ok := strings.CutPrefix("v1.2.3", "v")
	fmt.Println(r, ok)
	r, ok = strings.CutSuffix("v1.2.3", ".4")
	fmt.Println(r, ok)
	fmt.Println(strings.EqualFold("Go", "GO"), strings.EqualFold("σ", "Σ"), strings.Compare("a", "b"), strings.Compare("b", "a"), strings.Compare("x", "x"))
	fmt.Println(strings.Map(func(r rune) rune {
		if r == 'a' {
			return 'A'
		}
		if r == 'x' {
			return -1
		}
		return r
	}, "banana xx"))
	rep := strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;")
	fmt.Println(rep.Replace("<a href=\"x&y\">"))
	rep2 := strings.NewReplacer("a", "1", "aa", "2", "aaa", "3")
	fmt.Println(rep2.Replace("aaaa"))
	rd := strings.NewReader("reader text")
	buf := make([]byte, 6)
	n, _ := rd.Read(buf)
	fmt.Println(n, string(buf[:n]), rd.Len(), rd.Size())
	fmt.Println(strings.LastIndexAny("golang", "go"), strings.LastIndexByte("abcabc", 'b'), strings.IndexByte("abc", 'z'))
	for i, f := range strings.Fields("a b c") {
		fmt.Print(i, f, " ")
	}
	fmt.Println()
	for part := range strings.SplitSeq("1;2;3", ";") {
		fmt.Print("[", part, "]")
	}
	for line := range strings.Lines("l1\nl2\nl3") {
		fmt.Printf("%q", line)
	}
	for f := range strings.FieldsSeq(" p  q ") {
		fmt.Print("<", f, ">")
	}
	fmt.Println()
	fmt.Println(strings.ToValidUTF8("a\xffb\xfe\xfdc", "?"), strings.Clone("clone"), strings.ContainsFunc("abc1", unicode.IsDigit))
}
