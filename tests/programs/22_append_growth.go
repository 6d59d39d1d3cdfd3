package main

// gc's slice growth policy for int (8-byte) elements, printed after each append.

func main() {
	var s []int
	prev := -1
	for i := 0; i < 2000; i++ {
		s = append(s, i)
		if cap(s) != prev {
			println("len", len(s), "cap", cap(s))
			prev = cap(s)
		}
	}
	// append several at once
	var t []int
	t = append(t, 1, 2, 3)
	println(len(t), cap(t))
	t = append(t, 4, 5, 6, 7, 8)
	println(len(t), cap(t))
	t = append(t, t...)
	println(len(t), cap(t))
	t = append(t, make([]int, 100)...)
	println(len(t), cap(t))
	// appending to a slice with spare capacity does not reallocate
	u := make([]int, 0, 5)
	u2 := append(u, 1)
	u3 := append(u, 2)
	println(u2[0], u3[0], len(u), cap(u2))
	// appending beyond capacity copies
	v := []int{1, 2, 3}
	w := append(v, 4)
	w[0] = 100
	println(v[0], w[0], cap(v), cap(w))
	// append to nil with nothing
	var n []int
	n = append(n)
	println(n == nil, len(n))
	n = append(n, []int{}...)
	println(n == nil)
	// growth starting from an existing capacity
	for _, start := range []int{1, 5, 255, 256, 257, 300, 512, 1000} {
		x := make([]int, start)
		x = append(x, 0)
		print(start, "->", cap(x), " ")
	}
	println()
	// big single appends
	for _, add := range []int{1, 10, 100, 1000} {
		x := make([]int, 7)
		x = append(x, make([]int, add)...)
		print(add, ":", cap(x), " ")
	}
	println()
}
