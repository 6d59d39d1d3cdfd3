package main

func grade(score int) string {
	switch {
	case score >= 90:
		return "A"
	case score >= 80:
		return "B"
	case score >= 70:
		return "C"
	default:
		return "F"
	}
}

func kind(c byte) string {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return "vowel"
	case ' ':
		return "space"
	default:
		if c >= '0' && c <= '9' {
			return "digit"
		}
		return "consonant"
	}
}

func fall(n int) {
	switch n {
	case 0:
		print("zero ")
		fallthrough
	case 1:
		print("one ")
		fallthrough
	case 2:
		print("two ")
	case 3:
		print("three ")
		fallthrough
	default:
		print("default ")
	}
	println()
}

func main() {
	for _, s := range []int{95, 85, 75, 10} {
		print(grade(s), " ")
	}
	println()
	for _, c := range []byte("ai 7x") {
		print(kind(c), " ")
	}
	println()
	for i := 0; i < 5; i++ {
		fall(i)
	}
	// switch with init statement
	switch x := 5 * 5; {
	case x > 20:
		println("big", x)
	default:
		println("small", x)
	}
	switch y := 3; y {
	case 1, 2:
		println("low")
	case 3:
		println("three", y)
	}
	// default in the middle
	for _, v := range []int{1, 2, 3} {
		switch v {
		case 1:
			print("one ")
		default:
			print("other ")
		case 3:
			print("three ")
		}
	}
	println()
	// break inside switch only leaves the switch
	for i := 0; i < 3; i++ {
		switch i {
		case 1:
			break
		}
		print(i, " ")
	}
	println()
	// case expressions are evaluated in order, stop at the first match
	calls := 0
	f := func(v int) int { calls++; return v }
	switch 2 {
	case f(1), f(2), f(3):
		println("matched after", calls)
	case f(4):
		println("no")
	}
	// switch on strings
	for _, cmd := range []string{"start", "stop", "", "other"} {
		switch cmd {
		case "start":
			println("starting")
		case "stop":
			println("stopping")
		case "":
			println("empty")
		default:
			println("unknown", cmd)
		}
	}
	// switch on types that aren't ints
	for _, f := range []float64{0.5, 1, 2.5} {
		switch f {
		case 0.5:
			println("half")
		case 1:
			println("one")
		default:
			println("float", f)
		}
	}
	// empty switch
	switch {
	}
	switch x := 1; x {
	}
	println("end")
}
