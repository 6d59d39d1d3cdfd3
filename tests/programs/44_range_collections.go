package main

func main() {
	arr := [5]int{10, 20, 30, 40, 50}
	// range over an array ranges over a copy
	for i, v := range arr {
		if i == 0 {
			arr[4] = 500
		}
		print(v, " ")
	}
	println(arr[4])
	// range over a pointer to array sees updates
	arr[4] = 50
	for i, v := range &arr {
		if i == 0 {
			arr[4] = 501
		}
		print(v, " ")
	}
	println()
	// range over a slice: length evaluated once, elements read live
	sl := []int{1, 2, 3}
	for i, v := range sl {
		if i == 0 {
			sl[2] = 30
			sl = append(sl, 4) // does not extend the loop
		}
		print(v, " ")
	}
	println(len(sl))
	// index only, value only, blank
	for i := range sl {
		print(i, " ")
	}
	for _, v := range sl {
		print(v, " ")
	}
	for range sl {
		print(". ")
	}
	println()
	// nil pointer to array: len-only range is fine
	var pa *[3]int
	for i := range pa {
		print(i, " ")
	}
	println()
	// range over a string
	for i, r := range "aé😀" {
		print(i, ":", r, " ")
	}
	println()
	// range over slices of structs copies elements
	type P struct{ v int }
	ps := []P{{1}, {2}}
	for _, p := range ps {
		p.v *= 100
	}
	println(ps[0].v, ps[1].v)
	for i := range ps {
		ps[i].v *= 100
	}
	println(ps[0].v, ps[1].v)
	// range with existing variables (=, not :=)
	var idx, val int
	for idx, val = range []int{7, 8, 9} {
	}
	println(idx, val)
	// range over a function call result is evaluated once
	calls := 0
	get := func() []int { calls++; return []int{1, 2, 3, 4} }
	sum := 0
	for _, v := range get() {
		sum += v
	}
	println(sum, calls)
	// range over an array literal and 2-D slices
	for _, row := range [][]string{{"a", "b"}, {"c"}} {
		for _, s := range row {
			print(s)
		}
		print("|")
	}
	println()
	// range over an array expression of a large array: only length matters when index-only
	var big [1000]int
	n := 0
	for i := range big {
		n += i
	}
	println(n)
}
