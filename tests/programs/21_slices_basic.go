package main

func main() {
	var nilS []int
	println(nilS == nil, len(nilS), cap(nilS))
	empty := []int{}
	println(empty == nil, len(empty))
	m := make([]int, 3)
	m2 := make([]int, 2, 10)
	println(len(m), cap(m), len(m2), cap(m2), m[2])
	s := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	a := s[2:5]
	println(len(a), cap(a), a[0], a[2])
	a = a[:cap(a)] // reslice up to capacity
	println(len(a), a[7])
	b := s[5:]
	b[0] = 50
	println(s[5], len(b), cap(b))
	c := s[:0]
	println(len(c), cap(c))
	// aliasing through append within capacity
	d := s[:3]
	d = append(d, 33)
	println(s[3], len(d), cap(d))
	// slices of slices
	grid := make([][]int, 3)
	for i := range grid {
		grid[i] = make([]int, i+1)
		for j := range grid[i] {
			grid[i][j] = i * j
		}
	}
	println(len(grid[2]), grid[2][2], len(grid[0]))
	// nil slice slicing and ranging
	for range nilS {
		println("never")
	}
	nilS = nilS[:0]
	println(nilS == nil, len(nilS[0:0]))
	// slice of string
	ss := []string{"a", "b", "c"}
	ss[1] += "!"
	println(ss[0], ss[1], ss[2], len(ss))
	// passing a slice shares the backing array
	fill(s[:4], 7)
	println(s[0], s[3], s[4])
	// slice of struct pointers
	type T struct{ v int }
	ts := []*T{{1}, {2}, {3}}
	for _, t := range ts {
		t.v *= 10
	}
	println(ts[0].v, ts[2].v)
	// slice expression with omitted indices
	println(len(s[:]), len(s[3:]), len(s[:3]))
	// slice to array conversion (Go 1.20) and to array pointer
	arr := [3]int(s[1:4])
	ap := (*[2]int)(s[8:])
	arr[0] = -1
	ap[0] = -8
	println(arr[0], s[1], ap[1], s[8])
	// bubble sort
	x := []int{5, 2, 9, 1, 5, 6, -3}
	for i := 0; i < len(x); i++ {
		for j := 0; j < len(x)-1-i; j++ {
			if x[j] > x[j+1] {
				x[j], x[j+1] = x[j+1], x[j]
			}
		}
	}
	for _, v := range x {
		print(v, " ")
	}
	println()
}

func fill(s []int, v int) {
	for i := range s {
		s[i] = v
	}
}
