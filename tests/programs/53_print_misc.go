package main

type S struct{ a int }

func main() {
	println(true, false, 1 < 2, 1 == 2)
	println("string", "", "with space", "tab\there", "newline\nhere")
	println("multi", "operands", "with", "spaces")
	print("print", "does", "not", "separate", "strings", "\n")
	print("but", 1, 2, "ints", true, false, "\n")
	var p *int
	var ps *S
	var sl []int
	var m map[string]int
	var f func()
	var ch chan int
	println(p, ps, sl, m, f == nil, ch)
	println([]int(nil), map[int]bool(nil), (*S)(nil))
	empty := []int{}
	println(len(empty), cap(empty))
	var bs []byte
	println(bs, len(bs))
	// byte values print as numbers
	b := byte('A')
	println(b, string(rune(b)))
	// printing results of expressions
	println(3 > 2 && 2 > 1, !true, "a" < "b", "a"+"b")
	// nested println calls in arguments are evaluated first
	println("outer", inner())
	// long strings
	long := ""
	for i := 0; i < 10; i++ {
		long += "0123456789"
	}
	println(long)
	// unicode and bytes printed raw
	println("héllo 世界 😀", "\xff\xfe")
	print()
	println()
	print("\n")
}

func inner() int {
	println("inner")
	return 7
}
