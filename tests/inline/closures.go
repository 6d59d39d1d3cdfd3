package main

import "fmt"

type Op func(int, int) int

func compose(f, g func(int) int) func(int) int {
	return func(x int) int { return f(g(x)) }
}

func inc(x int) int { return x + 1 }

func each(xs []int, f func(int)) {
	for _, x := range xs {
		f(x)
	}
}

func big(xs []int) int {
	total := 0
	for i, x := range xs {
		switch {
		case x%3 == 0:
			total += x * i
		case x%5 == 0:
			total -= x
		default:
			if fmt.Sprint(x) == "7" && i > 2 && x < 100 && total > -1000 {
				total++
			}
		}
	}
	return total
}

func main() {
	h := compose(inc, inc)
	fmt.Println(h(1))
	n := 0
	each([]int{1, 2, 3}, func(x int) { n += x })
	fmt.Println(n)
	add := func(a, b int) int { return a + b }
	fmt.Println(add(1, 2))
	var op Op = func(a, b int) int { return a * b }
	fmt.Println(op(3, 4), big([]int{3, 5, 7}))
}
