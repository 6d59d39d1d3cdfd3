package main

func main() {
	base := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	s := base[2:4:6]
	println(len(s), cap(s), s[0], s[1])
	s = append(s, 40) // fits: writes base[4]
	println(base[4], len(s), cap(s))
	s = append(s, 50) // fits: writes base[5]
	println(base[5], len(s), cap(s))
	s = append(s, 60) // reallocates: base[6] untouched
	s[0] = -2
	println(base[6], base[2], len(s), cap(s))
	// full slice expression with omitted low
	t := base[:3:3]
	t = append(t, 99)
	println(base[3], t[3], cap(t))
	// on arrays
	arr := [6]string{"a", "b", "c", "d", "e", "f"}
	u := arr[1:2:3]
	println(len(u), cap(u), u[0])
	u = u[:cap(u)]
	println(u[1])
	// on pointer to array
	pa := &arr
	v := pa[0:1:1]
	v = append(v, "z")
	println(arr[1], v[1])
	// cap equals len: append always copies
	w := base[7:8:8]
	w2 := append(w, 1)
	w2[0] = 777
	println(base[7], w2[0])
	// reslicing a limited slice can't exceed its cap
	x := base[0:2:5]
	y := x[1:5]
	println(len(y), cap(y), y[3])
	z := x[:0:0]
	println(len(z), cap(z))
	// variable indices
	i, j, k := 1, 3, 4
	q := base[i:j:k]
	println(len(q), cap(q), q[1])
}
