package main

func classify(n int) string {
	if n < 0 {
		return "negative"
	} else if n == 0 {
		return "zero"
	} else if n%2 == 0 {
		return "even"
	} else {
		return "odd"
	}
}

func lookup(k int) (int, bool) {
	if k > 2 {
		return 0, false
	}
	return k * 10, true
}

func main() {
	for _, n := range []int{-3, 0, 4, 7} {
		println(n, classify(n))
	}
	// if with init statement; variables scoped to the if/else chain
	for k := 0; k < 5; k++ {
		if v, ok := lookup(k); !ok {
			println(k, "missing", v)
		} else if w := v + 1; w > 15 {
			println(k, "big", v, w)
		} else {
			println(k, "small", v, w)
		}
	}
	// shadowing in an if init
	x := 1
	if x := 2; x > 1 {
		println("inner", x)
	}
	println("outer", x)
	// short-circuit evaluation
	calls := 0
	t := func(b bool) bool { calls++; return b }
	if t(false) && t(true) {
		println("no")
	}
	if t(true) || t(false) {
		println("yes")
	}
	println("calls", calls)
	// complex boolean conditions
	a, b, c := true, false, true
	if (a && !b) || (b && c) {
		println("cond1")
	}
	if !(a && b) == (!a || !b) {
		println("de morgan")
	}
	// nested ifs
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			if i < j {
				if (i+j)%2 == 0 {
					print("e")
				} else {
					print("o")
				}
			} else if i == j {
				print("=")
			} else {
				print(".")
			}
		}
		println()
	}
	// comparisons of different types in conditions
	var u8 uint8 = 200
	var i8 int8 = -56
	if int(u8)+int(i8) == 144 && u8 > 127 && i8 < 0 {
		println("mixed ok")
	}
	s := "abc"
	if len(s) > 2 && s[2] == 'c' {
		println("guarded index ok")
	}
	var p *int
	if p != nil && *p > 0 {
		println("never")
	} else {
		println("nil guarded")
	}
}
