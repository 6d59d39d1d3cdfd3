package main

// Builtins applied to a multi-value call (append(f()), complex(f()), copy, delete, min, max,
// print) and deferred delete/copy, whose operands are evaluated at the defer statement.

func two() (int, int)                { return 3, 9 }
func cs() ([]int, []int)             { return make([]int, 2), []int{7, 8, 9} }
func md() (map[string]int, string)   { return map[string]int{"a": 1, "b": 2}, "a" }
func fl() (float32, float32)         { return 1.5, -2 }
func s3() ([]string, string, string) { return nil, "x", "y" }

func spread() {
	println(two())
	print(two())
	println()
	println(min(two()), max(two()))
	d, s := cs()
	_ = s
	println(copy(cs()), d[0])
	m, k := md()
	_ = k
	delete(md())
	println(len(m))
	println(complex(fl()))
	println(len(append(s3())))
}

func deferred() {
	m := map[string]int{"a": 1, "b": 2}
	k := "a"
	func() {
		defer delete(m, k)
		k = "b"
		println(len(m))
	}()
	println(len(m), m["b"])
	dst := make([]byte, 3)
	c := make(chan string, 1)
	c <- "xyz"
	func() {
		defer copy(dst, <-c)
		println(string(dst) == "\x00\x00\x00")
	}()
	println(string(dst))
	type K struct{ a, b int }
	mk := map[any]bool{K{1, 2}: true}
	func() { defer delete(mk, K{1, 2}) }()
	println(len(mk))
}

func main() {
	spread()
	deferred()
}
