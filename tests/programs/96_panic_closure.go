package main

func each(xs []int, f func(int)) {
	for _, x := range xs {
		f(x)
	}
}

func main() {
	total := 0
	each([]int{1, 2, 3, 0, 4}, func(x int) {
		total += 12 / x
		println("total", total)
	})
}
