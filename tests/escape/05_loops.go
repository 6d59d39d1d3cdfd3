package main

var fs []func() int

func main() {
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	var ps []*int
	for j := range 3 {
		ps = append(ps, &j)
	}
	total := 0
	for _, f := range fs {
		total += f()
	}
	for _, p := range ps {
		total += *p
	}
	println(total)
	k := 0
	inc := func() { k++ }
	for range 5 {
		inc()
	}
	println(k)
}
