package main

func findPair(xs []int, target int) (int, int) {
outer:
	for i := 0; i < len(xs); i++ {
		for j := i + 1; j < len(xs); j++ {
			if xs[i]+xs[j] == target {
				return i, j
			}
			if xs[i]+xs[j] > 1000 {
				continue outer
			}
		}
	}
	return -1, -1
}

func gotoLoop(n int) int {
	i, s := 0, 0
loop:
	if i < n {
		s += i
		i++
		goto loop
	}
	return s
}

func gotoForward(x int) string {
	if x < 0 {
		goto negative
	}
	return "non-negative"
negative:
	return "negative"
}

func main() {
	println(findPair([]int{1, 5, 9, 14, 20}, 23))
	println(findPair([]int{1, 2}, 100))
	// labeled break out of nested loops
	found := 0
grid:
	for i := 0; i < 10; i++ {
		for j := 0; j < 10; j++ {
			if i*j == 42 {
				found = i*10 + j
				break grid
			}
		}
	}
	println("found", found)
	// labeled continue
	count := 0
rows:
	for i := 0; i < 5; i++ {
		for j := 0; j < 5; j++ {
			if j > i {
				continue rows
			}
			count++
		}
	}
	println("count", count)
	// break out of a loop from inside a switch
	n := 0
loop:
	for {
		switch {
		case n >= 4:
			break loop
		default:
			n++
		}
	}
	println("n", n)
	// labeled continue from inside a switch
	odds := 0
nums:
	for i := range 10 {
		switch i % 2 {
		case 0:
			continue nums
		}
		odds++
	}
	println("odds", odds)
	println(gotoLoop(10), gotoForward(-1), gotoForward(1))
	// labeled break of a plain block-like loop over a range of a string
	pos := -1
scan:
	for i, r := range "hello, world" {
		switch r {
		case ',':
			pos = i
			break scan
		}
	}
	println("comma at", pos)
	// goto skipping over statements (no variable declarations in between)
	x := 1
	goto skip
skip:
	x++
	println("x", x)
	// three levels of labels
	total := 0
a:
	for i := 0; i < 3; i++ {
	b:
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				if k == 2 {
					continue b
				}
				if j == 2 {
					continue a
				}
				if i == 2 {
					break a
				}
				total += 100*i + 10*j + k
			}
		}
	}
	println("total", total)
}
