package main

type BinOp func(int, int) int
type Pred func(int) bool

func add(a, b int) int { return a + b }
func sub(a, b int) int { return a - b }
func mul(a, b int) int { return a * b }

func fold(xs []int, init int, f BinOp) int {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func filter(xs []int, p Pred) []int {
	var out []int
	for _, x := range xs {
		if p(x) {
			out = append(out, x)
		}
	}
	return out
}

func isEven(n int) bool { return n%2 == 0 }
func isPos(n int) bool  { return n > 0 }

func compose(f, g func(int) int) func(int) int {
	return func(x int) int { return f(g(x)) }
}

func double(x int) int { return x * 2 }
func succ(x int) int   { return x + 1 }

func pick(name string) func(int, int) int {
	switch name {
	case "add":
		return add
	case "sub":
		return sub
	}
	return nil
}

var table = map[string]BinOp{"add": add, "mul": mul}

func main() {
	xs := []int{3, -1, 4, -1, 5, 9, -2, 6}
	println(fold(xs, 0, add), fold(xs, 1, mul), fold(xs, 0, sub))
	println(len(filter(xs, isEven)), len(filter(xs, isPos)), filter(xs, Pred(isPos))[2])
	f := add
	println(f(2, 3), f != nil)
	var g func(int, int) int
	println(g == nil)
	g = mul
	println(g(6, 7))
	println(compose(double, succ)(5), compose(succ, double)(5))
	println(pick("sub")(10, 3), pick("nope") == nil)
	println(table["add"](1, 2), table["mul"](3, 4), table["x"] == nil)
	// function values in arrays and struct fields
	fs := [3]func(int) int{double, succ, compose(double, double)}
	for i, fn := range fs {
		print(i, ":", fn(10), " ")
	}
	println()
	type Handler struct {
		name string
		fn   func(string) int
	}
	hs := []Handler{{"len", func(s string) int { return len(s) }}, {"first", func(s string) int { return int(s[0]) }}}
	for _, h := range hs {
		println(h.name, h.fn("gopher"))
	}
	// recursion through a function variable
	var fib func(int) int
	fib = func(n int) int {
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	}
	println(fib(20))
	// calling the result of a call directly
	println(pick("add")(pick("sub")(9, 4), 1))
	// func type conversion
	var op BinOp = BinOp(sub)
	println(op(1, 2))
}
