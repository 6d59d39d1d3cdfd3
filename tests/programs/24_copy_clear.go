package main

func show(s []int) {
	print(len(s), "/", cap(s), ":")
	for _, v := range s {
		print(" ", v)
	}
	println()
}

func main() {
	src := []int{1, 2, 3, 4, 5}
	dst := make([]int, 3)
	n := copy(dst, src)
	println(n)
	show(dst)
	big := make([]int, 8)
	n = copy(big, src)
	println(n)
	show(big)
	// overlapping copies (memmove semantics)
	s := []int{0, 1, 2, 3, 4, 5, 6, 7}
	copy(s[2:], s)
	show(s)
	s = []int{0, 1, 2, 3, 4, 5, 6, 7}
	copy(s, s[3:])
	show(s)
	// copy with nil / empty
	var ns []int
	println(copy(dst, ns), copy([]int(nil), src), copy(dst[:0], src))
	// copy between byte slices and from strings
	bs := make([]byte, 5)
	println(copy(bs, "héllo"), string(bs))
	// clear on slices zeroes elements but keeps length
	c := []int{9, 8, 7, 6}
	clear(c[1:3])
	show(c)
	clear(c)
	show(c)
	var nilSlice []int
	clear(nilSlice)
	println(nilSlice == nil)
	// clear on slices of strings and structs
	type P struct {
		name string
		age  int
	}
	ps := []P{{"a", 1}, {"b", 2}}
	clear(ps)
	println(ps[0].name == "", ps[1].age, len(ps))
	strs := []string{"x", "y"}
	clear(strs)
	println(strs[0] == "", len(strs))
	// clear on maps removes everything
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	clear(m)
	println(len(m))
	m["d"] = 4
	println(len(m), m["d"], m["a"])
	// copy into a sub-slice of itself for insertion
	ins := []int{1, 2, 4, 5}
	ins = append(ins, 0)
	copy(ins[3:], ins[2:])
	ins[2] = 3
	show(ins)
	// delete index 1 by copy
	del := []int{10, 20, 30, 40}
	del = del[:1+copy(del[1:], del[2:])]
	show(del)
	// copy of arrays via slices
	var a, b [4]int
	a = [4]int{1, 2, 3, 4}
	copy(b[1:], a[:])
	println(b[0], b[1], b[3])
}
