package main

// A deferred call that panics while its frame returns normally (or while it is already
// panicking), with an earlier deferred call that recovers: every combination resumes the frame,
// runs its remaining deferred calls and returns the results the deferred calls left.

func atReturn() (r int) {
	defer func() { recover(); r = 7 }()
	defer func() { panic("x") }()
	return 1
}

func keepsResult() (s string, n int) {
	defer func() {
		if e := recover(); e != nil {
			s += "+recovered:" + e.(string)
		}
	}()
	defer func() { n *= 3 }()
	defer func() { panic("late") }()
	defer func() { n = 5 }()
	return "ret", 1
}

func remainingRun() (trace string) {
	defer func() { trace += " d1" }()
	defer func() { recover(); trace += " d2" }()
	defer func() { trace += " d3" }()
	defer func() { panic("p") }()
	defer func() { trace += " d5" }()
	return "start"
}

func twice() (r int) {
	defer func() { recover(); r += 100 }()
	defer func() { panic("second") }()
	defer func() { recover(); r += 10 }()
	defer func() { panic("first") }()
	return 1
}

func duringPanic() (r int) {
	defer func() {
		e := recover()
		println("duringPanic recovered", e.(string))
		r = 42
	}()
	defer func() { panic("in defer") }()
	panic("body")
}

func inner() (r int) {
	defer func() { panic("from inner defer") }()
	return 3
}

func outer() (r int) {
	defer func() {
		if e := recover(); e != nil {
			println("outer recovered", e.(string))
			r = -1
		}
	}()
	x := inner()
	println("not reached", x)
	return x
}

func nestedClosure() (r int) {
	f := func() (v int) {
		defer func() { v = 9; recover() }()
		defer func() { panic("closure") }()
		return 1
	}
	defer func() { r += f() }()
	return 10
}

type T struct{ n int }

func (t *T) method() (r int) {
	defer func() {
		if recover() != nil {
			r = t.n * 2
		}
	}()
	defer func() { panic(t) }()
	t.n++
	return t.n
}

func loop() (sum int) {
	for i := 0; i < 3; i++ {
		sum += func(i int) (v int) {
			defer func() { recover(); v += i }()
			defer func() {
				if i%2 == 0 {
					panic(i)
				}
			}()
			return 10
		}(i)
	}
	return
}

func runtimeError() (r int) {
	var m map[string]int
	defer func() {
		e := recover()
		println("runtime error recovered:", e.(error).Error())
		r = 11
	}()
	defer func() { m["x"] = 1 }()
	return 0
}

func repanic() (r int) {
	defer func() { r = recover().(int) + 1 }()
	defer func() {
		e := recover()
		panic(e.(int) * 2)
	}()
	defer func() { panic(5) }()
	return
}

func main() {
	println(atReturn())
	println(keepsResult())
	println(remainingRun())
	println(twice())
	println(duringPanic())
	println(outer())
	println(nestedClosure())
	t := &T{n: 4}
	println(t.method())
	println(loop())
	println(runtimeError())
	println(repanic())
	println("done")
}
