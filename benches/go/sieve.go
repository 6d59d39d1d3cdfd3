// Benchmark: sieve of Eratosthenes up to 20,000,000 over a []bool
// (a large allocation, bounds-checked indexing, memory bandwidth).
package main

const N = 20000000

func main() {
	composite := make([]bool, N+1)
	for i := 2; i*i <= N; i++ {
		if !composite[i] {
			for j := i * i; j <= N; j += i {
				composite[j] = true
			}
		}
	}
	count := 0
	sum := uint64(0)
	for i := 2; i <= N; i++ {
		if !composite[i] {
			count++
			sum = sum*31 + uint64(i)
		}
	}
	println("primes:", count, "checksum:", sum)
}
