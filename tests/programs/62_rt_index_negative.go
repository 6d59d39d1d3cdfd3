package main

func main() {
	s := []string{"a", "b", "c"}
	i := 2
	for i >= -5 {
		println(s[i])
		i--
	}
}
