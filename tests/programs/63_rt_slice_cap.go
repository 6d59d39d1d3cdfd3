package main

func main() {
	s := make([]int, 2, 3)
	n := 3
	println(len(s[:n]), cap(s[:n]))
	n = 10
	t := s[:n]
	println("unreachable", len(t))
}
