package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

const lorem = `Go is an open source programming language that makes it simple to build secure, scalable systems. It was designed at Google in 2007 to improve programming productivity in an era of multicore, networked machines and large codebases. Ünïcödé wörds and CJK 漢字テキスト are counted by runes, not bytes.`

func wrap(text string, width int) []string {
	var lines []string
	var cur []string
	curLen := 0
	for _, w := range strings.Fields(text) {
		wl := utf8.RuneCountInString(w)
		if curLen > 0 && curLen+1+wl > width {
			lines = append(lines, strings.Join(cur, " "))
			cur, curLen = nil, 0
		}
		if curLen > 0 {
			curLen++
		}
		cur = append(cur, w)
		curLen += wl
	}
	if len(cur) > 0 {
		lines = append(lines, strings.Join(cur, " "))
	}
	return lines
}

func justify(line string, width int) string {
	words := strings.Fields(line)
	if len(words) < 2 {
		return line
	}
	total := 0
	for _, w := range words {
		total += utf8.RuneCountInString(w)
	}
	gaps := len(words) - 1
	spaces := width - total
	var sb strings.Builder
	for i, w := range words {
		sb.WriteString(w)
		if i < gaps {
			n := spaces / gaps
			if i < spaces%gaps {
				n++
			}
			sb.WriteString(strings.Repeat(" ", n))
		}
	}
	return sb.String()
}

func center(s string, width int) string {
	n := utf8.RuneCountInString(s)
	if n >= width {
		return s
	}
	left := (width - n) / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", width-n-left)
}

func stats(text string) (letters, digits, spaces, upper, other int) {
	for _, r := range text {
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		case unicode.IsSpace(r):
			spaces++
		default:
			other++
		}
	}
	return
}

func main() {
	for _, width := range []int{20, 36, 60} {
		fmt.Printf("width %d\n+%s+\n", width, strings.Repeat("-", width))
		lines := wrap(lorem, width)
		for i, l := range lines {
			if i < len(lines)-1 {
				l = justify(l, width)
			}
			pad := width - utf8.RuneCountInString(l)
			if pad < 0 {
				pad = 0
			}
			fmt.Printf("|%s%s|\n", l, strings.Repeat(" ", pad))
		}
		fmt.Printf("+%s+\n", strings.Repeat("-", width))
	}
	fmt.Printf("[%s]\n", center("centered title", 30))
	fmt.Printf("[%s]\n", center("漢字", 9))
	l, d, s, u, o := stats(lorem)
	fmt.Println("letters", l, "digits", d, "spaces", s, "upper", u, "other", o)
	fmt.Println(len(lorem), utf8.RuneCountInString(lorem), len(strings.Fields(lorem)))
	title := strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, "hello, wörld! (go)")
	fmt.Println(title)
	acronym := ""
	for _, w := range strings.FieldsFunc("portable network graphics/joint photographic", func(r rune) bool { return r == ' ' || r == '/' }) {
		r, _ := utf8.DecodeRuneInString(w)
		acronym += string(unicode.ToUpper(r))
	}
	fmt.Println(acronym)
}
