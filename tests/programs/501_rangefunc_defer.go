package main

func count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		defer println("  iterator defer", n)
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func deferInBody() {
	defer println("first defer")
	for i := range count(3) {
		defer println("body defer", i)
		println("iter", i)
	}
	defer println("last defer")
	println("end of deferInBody")
}

func deferNested() (r int) {
	defer func() {
		println("named result seen by defer:", r)
		r *= 2
	}()
	for i := range count(3) {
		for j := range count(3) {
			defer func() { r += i*10 + j }()
			if j == 1 {
				break
			}
		}
	}
	return 1
}

func panicThrough() (msg string) {
	defer func() {
		if e := recover(); e != nil {
			msg = "recovered: " + e.(string)
		}
	}()
	for i := range count(5) {
		defer println("deferred before panic", i)
		if i == 2 {
			panic("boom")
		}
	}
	return "no panic"
}

func recoverInBodyDefer() {
	for i := range count(2) {
		defer func() {
			r := recover()
			println("body defer recover:", r != nil, i)
		}()
	}
	panic("late")
}

type E struct{ s string }

func (e E) Error() string { return e.s }

func returnFromBodyWithDefer() (s string, err error) {
	defer func() { s = s + "!" }()
	for x := range count(4) {
		if x == 2 {
			return "got two", E{"e"}
		}
	}
	return "", nil
}

func main() {
	deferInBody()
	println("deferNested", deferNested())
	println(panicThrough())
	recoverInBodyDefer()
	s, err := returnFromBodyWithDefer()
	println(s, err.Error())
	func() {
		defer func() {
			println("outer recover:", recover().(string))
		}()
		for range count(1) {
			for range count(1) {
				panic("deep")
			}
		}
	}()
}
