package main

type Count int

func main() {
	for i := range 5 {
		print(i, " ")
	}
	println()
	n := 3
	for i := range n {
		print(i*i, " ")
	}
	println()
	for range 3 {
		print("x")
	}
	println()
	for i := range 0 {
		println("never", i)
	}
	neg := -5
	for i := range neg {
		println("never", i)
	}
	// typed range: the iteration variable takes the type of n
	var c Count = 4
	for i := range c {
		var x Count = i
		print(x, " ")
	}
	println()
	var u8 uint8 = 3
	for i := range u8 {
		print(i+254, " ") // uint8 arithmetic wraps
	}
	println()
	// untyped constant range is int
	const K = 4
	total := 0
	for i := range K {
		total += i
	}
	println(total)
	// modifying n inside the loop doesn't change the count
	m := 3
	for i := range m {
		m = 10
		print(i, " ")
	}
	println(m)
	// modifying the iteration variable doesn't affect the next iteration
	for i := range 4 {
		print(i, " ")
		i += 10
		_ = i
	}
	println()
	// nested, with break/continue
	pairs := 0
	for i := range 10 {
		if i%3 == 0 {
			continue
		}
		for j := range i {
			if j > 4 {
				break
			}
			pairs++
		}
	}
	println(pairs)
	var i64 int64 = 1 << 33
	cnt := int64(0)
	for i := range i64 >> 30 {
		cnt += i
	}
	println(cnt)
}
