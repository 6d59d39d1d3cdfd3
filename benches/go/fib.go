// Benchmark: recursive Fibonacci (function calls, integer arithmetic):
// fib(35) computed three times.
package main

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	sum := 0
	for i := 0; i < 3; i++ {
		sum += fib(35)
	}
	println("fib(35) =", sum/3, "sum:", sum)
}
