package main

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func ackermann(m, n int) int {
	switch {
	case m == 0:
		return n + 1
	case n == 0:
		return ackermann(m-1, 1)
	}
	return ackermann(m-1, ackermann(m, n-1))
}

var moves int

func hanoi(n int, from, to, via byte) {
	if n == 0 {
		return
	}
	hanoi(n-1, from, via, to)
	moves++
	if n == 4 {
		print(string(rune(from)), "->", string(rune(to)), " ")
	}
	hanoi(n-1, via, to, from)
}

func quicksort(a []int) {
	if len(a) < 2 {
		return
	}
	p := a[len(a)/2]
	i, j := 0, len(a)-1
	for i <= j {
		for a[i] < p {
			i++
		}
		for a[j] > p {
			j--
		}
		if i <= j {
			a[i], a[j] = a[j], a[i]
			i++
			j--
		}
	}
	quicksort(a[:j+1])
	quicksort(a[i:])
}

func queens(n, row int, cols, d1, d2 []bool) int {
	if row == n {
		return 1
	}
	count := 0
	for c := 0; c < n; c++ {
		if cols[c] || d1[row+c] || d2[row-c+n-1] {
			continue
		}
		cols[c], d1[row+c], d2[row-c+n-1] = true, true, true
		count += queens(n, row+1, cols, d1, d2)
		cols[c], d1[row+c], d2[row-c+n-1] = false, false, false
	}
	return count
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func powmod(b, e, m uint64) uint64 {
	r := uint64(1)
	b %= m
	for e > 0 {
		if e&1 == 1 {
			r = r * b % m
		}
		b = b * b % m
		e >>= 1
	}
	return r
}

func main() {
	println(fib(25), ackermann(2, 3), ackermann(3, 3))
	hanoi(6, 'A', 'C', 'B')
	println(moves)
	seed := uint32(12345)
	a := make([]int, 200)
	for i := range a {
		seed = seed*1103515245 + 12345
		a[i] = int(seed>>16) % 1000
	}
	quicksort(a)
	ok := true
	for i := 1; i < len(a); i++ {
		if a[i-1] > a[i] {
			ok = false
		}
	}
	println(ok, a[0], a[100], a[199])
	for n := 4; n <= 8; n++ {
		print(queens(n, 0, make([]bool, n), make([]bool, 2*n), make([]bool, 2*n)), " ")
	}
	println()
	println(gcd(1071, 462), gcd(1<<40, 6<<20), powmod(2, 100, 1000000007), powmod(3, 1<<20, 65537))
	// collatz longest chain below 10000
	best, bestN := 0, 0
	for n := 1; n < 10000; n++ {
		c, steps := n, 0
		for c != 1 {
			if c%2 == 0 {
				c /= 2
			} else {
				c = 3*c + 1
			}
			steps++
		}
		if steps > best {
			best, bestN = steps, n
		}
	}
	println(bestN, best)
}
