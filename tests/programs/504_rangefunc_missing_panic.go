package main

func swallow(yield func(int) bool) {
	defer func() {
		r := recover()
		println("iterator recovered", r.(string))
	}()
	yield(1)
}

func main() {
	for x := range swallow {
		println("x", x)
		panic("body panic")
	}
	println("unreachable")
}
