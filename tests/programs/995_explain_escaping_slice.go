package main

// For `rgo explain` (tests/tests/explain.rs): a slice whose backing array escapes (returned)
// and one that stays in the frame.

func squares(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i * i
	}
	return out
}

func sum(n int) int {
	tmp := make([]int, 8)
	for i := range tmp {
		tmp[i] = i + n
	}
	t := 0
	for _, v := range tmp {
		t += v
	}
	return t
}

func main() {
	println(len(squares(5)), sum(1))
}
