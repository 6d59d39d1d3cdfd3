package main

var x = "package"

const shadowed = 1

func show() { println("package-level x:", x) }

func main() {
	println(x)
	x := "function"
	println(x)
	{
		x := "block"
		println(x)
		{
			x = "modified block"
			println(x)
		}
	}
	println(x)
	show()
	// shadowing a constant and a builtin
	const shadowed = "local const"
	println(shadowed)
	len := func(s string) int { return 42 }
	println(len("abc"))
	// shadowing in for/if/switch scopes
	v := 1
	for v := 10; v < 12; v++ {
		print(v, " ")
	}
	println(v)
	if v := "if"; v != "" {
		println(v)
	}
	switch v := 3.5; {
	case v > 3:
		println(v)
	}
	println(v)
	// := with at least one new variable reuses existing ones
	a, b := 1, 2
	a, c := 3, 4
	println(a, b, c)
	// redeclaration inside closures
	f := func() int {
		a := 100
		return a
	}
	println(f(), a)
	// blank identifier
	_ = x
	_, _ = a, b
	var _ int = 5
	// types shadowing predeclared names
	type int32 = string
	var s int32 = "not a number"
	println(s)
	var true = false
	println(true, !true)
	nil := 0
	println(nil + 1)
}
