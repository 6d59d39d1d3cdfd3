package main

func main() {
	// three-clause
	s := 0
	for i := 0; i < 10; i++ {
		s += i
	}
	println("three", s)
	// condition only
	n := 1
	for n < 1000 {
		n *= 3
	}
	println("cond", n)
	// infinite with break
	k := 0
	for {
		k++
		if k*k > 50 {
			break
		}
	}
	println("infinite", k)
	// continue
	odd := 0
	for i := 0; i < 20; i++ {
		if i%2 == 0 {
			continue
		}
		odd += i
	}
	println("continue", odd)
	// multiple variables
	for i, j := 0, 10; i < j; i, j = i+1, j-2 {
		print(i, ",", j, " ")
	}
	println()
	// empty init/post
	i := 5
	for ; i > 0; i-- {
		print(i, " ")
	}
	println(i)
	for i := 0; i < 3; {
		print("x")
		i++
	}
	println()
	// nested loops with break in inner only
	count := 0
	for a := 0; a < 5; a++ {
		for b := 0; b < 5; b++ {
			if b > a {
				break
			}
			count++
		}
	}
	println("nested", count)
	// loop variable modified inside the body (affects the iteration)
	for i := 0; i < 10; i++ {
		if i == 2 {
			i += 5
		}
		print(i, " ")
	}
	println()
	// Collatz
	steps := 0
	for c := 27; c != 1; steps++ {
		if c%2 == 0 {
			c /= 2
		} else {
			c = 3*c + 1
		}
	}
	println("collatz 27", steps)
	// sieve of Eratosthenes
	const N = 100
	var composite [N + 1]bool
	primes := 0
	for p := 2; p <= N; p++ {
		if composite[p] {
			continue
		}
		primes++
		for m := p * p; m <= N; m += p {
			composite[m] = true
		}
	}
	println("primes", primes)
	// downward unsigned loop without underflow
	for u := uint8(3); u < 200; u-- {
		print(u, " ")
	}
	println()
	// float loop
	for f := 0.0; f < 1; f += 0.25 {
		print(f, " ")
	}
	println()
}
