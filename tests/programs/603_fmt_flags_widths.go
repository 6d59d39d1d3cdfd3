package main

import "fmt"

func main() {
	for _, w := range []int{-8, 0, 3, 8} {
		fmt.Printf("[%*d] [%-*d] [%0*d]\n", w, 42, w, 42, w, -42)
	}
	fmt.Printf("[%[2]d %[1]d] [%[2]*[1]d] [%[3]*.[2]*[1]f]\n", 12.0, 2, 6)
	fmt.Printf("%[1]d %[1]x %[1]o %[1]b %[1]q\n", 65)
	fmt.Printf("%d %d %[1]d %d\n", 1, 2)
	fmt.Printf("%[5]d\n", 1, 2)
	fmt.Printf("%[0]d %[x]d %[2]\n", 1, 2)
	fmt.Printf("%.*d|%.*d\n", 5, 42, -1, 7)
	fmt.Printf("%*d\n", "x", 1)
	fmt.Printf("%.*d\n", 1<<30, 1)
	fmt.Printf("%+d|% d|%+ d|% +d|%+5d|%-+5d|%05d|%-05d|\n", 5, 5, 5, 5, 5, 5, -5, -5)
	fmt.Printf("%#v %#x %#o %#q %#U\n", 255, "hi", 8, "a`b", '⌘')
	fmt.Printf("%6.2f|%-6.2f|%06.2f|%+6.2f|% 6.2f|\n", 3.14159, 3.14159, -3.14159, 3.14159, 3.14159)
	fmt.Printf("%x|% x|%#x|%# x|%X\n", "héllo", "héllo", "héllo", "héllo", []byte{0xab, 0xcd})
	fmt.Printf("%10.4v|%-10v|%10v\n", 3.14159265, "left", []int{1, 2})
	fmt.Printf("%3c|%-3c|%03c\n", 'a', 'b', 'c')
	fmt.Printf("%.0d|%.0d|%5.0d|\n", 0, 1, 0)
	fmt.Printf("%08.3d|%-8.3d|%+.3d\n", 7, 7, 7)
	fmt.Printf("%%|%5%|%-5%|%c\n", 'z')
	fmt.Printf("%v %v\n", [2]bool{true}, struct{ A, B int }{1, 2})
	fmt.Printf("%6v|%-6v|%06v\n", []int{1, 22}, []string{"a"}, []int{3})
	s := fmt.Sprintf("%[2]*[1]s|", "r", 4)
	fmt.Println(s, len(s))
}
