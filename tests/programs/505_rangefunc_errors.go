package main

func try(name string, f func()) {
	defer func() {
		r := recover()
		if e, ok := r.(error); ok {
			println(name, "->", e.Error())
			_, isRT := r.(interface{ RuntimeError() })
			println("  runtime error:", isRT)
			return
		}
		println(name, "-> no error", r == nil)
	}()
	f()
}

func twice(yield func(int) bool) {
	yield(1)
	yield(2)
}

var saved func(int) bool

func keep(yield func(int) bool) {
	saved = yield
	yield(1)
}

func swallow(yield func(int) bool) {
	defer func() { recover() }()
	yield(1)
}

func retry(yield func(int) bool) {
	func() {
		defer func() { recover() }()
		yield(1)
	}()
	yield(2)
}

func main() {
	try("done", func() {
		for x := range twice {
			println("  body", x)
			break
		}
	})
	try("exhausted", func() {
		for x := range keep {
			println("  body", x)
		}
		saved(5)
	})
	try("missing", func() {
		for range swallow {
			panic("p")
		}
	})
	try("after panic", func() {
		for x := range retry {
			println("  body", x)
			panic("p")
		}
	})
	try("fine", func() {
		for x := range twice {
			println("  body", x)
		}
	})
}
