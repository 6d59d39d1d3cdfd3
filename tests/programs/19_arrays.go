package main

type Point struct{ X, Y int }

func modify(a [4]int) [4]int {
	a[0] = 100
	return a
}

func modifyPtr(a *[4]int) {
	a[1] = 200
}

func sum(a [4]int) (s int) {
	for _, v := range a {
		s += v
	}
	return
}

func main() {
	a := [4]int{1, 2, 3, 4}
	b := a // copy
	b[0] = 9
	println(a[0], b[0], len(a), cap(a))
	c := modify(a)
	println(a[0], c[0], sum(a), sum(c))
	modifyPtr(&a)
	println(a[1])
	// comparison
	d := [4]int{1, 200, 3, 4}
	println(a == d, a != d, a == c, [2]string{"a", "b"} == [2]string{"a", "b"})
	// arrays of structs and comparison
	ps := [2]Point{{1, 2}, {3, 4}}
	qs := ps
	qs[1].Y = 5
	println(ps == qs, ps[1].Y, qs[1].Y)
	// keyed and ellipsis literals
	e := [...]int{5: 1, 2, 0: 7}
	println(len(e), e[0], e[5], e[6], e[3])
	f := [...]string{"x", "y", "z"}
	println(len(f), f[2])
	// zero value
	var z [3]float64
	var zb [5]bool
	println(z[0], z[2], zb[4], len(zb))
	// array of arrays assignment copies deeply
	var grid [2][3]int
	row := [3]int{7, 8, 9}
	grid[1] = row
	row[0] = 0
	println(grid[1][0], row[0])
	// array pointer indexing and len
	p := &a
	p[3] = 40
	println(a[3], len(p), p[0])
	// arrays in loops
	var counts [10]int
	for i := 0; i < 1000; i++ {
		counts[(i*7+3)%10]++
	}
	for i, n := range counts {
		print(i, ":", n, " ")
	}
	println()
	// array of bytes, byte arithmetic
	var buf [8]byte
	for i := range buf {
		buf[i] = byte(i * 37)
	}
	println(buf[0], buf[7], string(buf[:3]) == "\x00%J")
	// slicing an array aliases it
	s := a[1:3]
	s[0] = -1
	println(a[1], len(s), cap(s))
	// empty arrays
	var empty [0]int
	println(len(empty), empty == [0]int{})
	// array value in a struct
	type Holder struct{ vals [3]int }
	h1 := Holder{[3]int{1, 2, 3}}
	h2 := h1
	h2.vals[2] = 30
	println(h1.vals[2], h2.vals[2], h1 == h2)
}
