package main

import "fmt"

type name string

func main() {
	strs := []string{"", "hello", "héllo, 世界", "tab\tnl\n", "quote\"back\\", "\x00\x7f\xff", "😀 emoji", "`raw`"}
	verbs := []string{"%s", "%q", "%+q", "%#q", "%x", "%X", "% x", "%# x", "%v", "%10s", "%-10s|", "%.3s", "%.1q", "%5.2s", "%T"}
	for _, s := range strs {
		for _, verb := range verbs {
			fmt.Printf("[%s]", fmt.Sprintf(verb, s))
		}
		fmt.Println()
	}
	b := []byte("bytes\x01")
	fmt.Printf("%s %q %x %X %v %d\n", b, b, b, b, b, b)
	fmt.Printf("%s %v %q\n", name("named"), name("v"), name("q"))
	fmt.Printf("%s\n", []string{"a", "b c"})
	fmt.Printf("%q\n", []string{"a", "b\"c"})
	fmt.Printf("%x % X\n", []string{"ab", "cd"}, [2]byte{1, 2})
	runes := []rune("añ世")
	fmt.Printf("%c %q %U %d %v\n", runes, runes, runes, runes, runes)
	fmt.Printf("%t %v %5t|%-6t|\n", true, false, true, false)
	fmt.Printf("%q %v %d\n", 'x', 'x', 'x')
	fmt.Printf("%s|%10q|%-10q|\n", "x", "y", "z")
	fmt.Printf("%08s|%-08s|\n", "pad", "pad")
	fmt.Printf("%t %s\n", 1, true)
}
