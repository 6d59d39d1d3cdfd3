package main

func main() {
	var m map[string]int
	println(len(m), m["x"])
	v, ok := m["y"]
	println(v, ok)
	delete(m, "x")
	m["x"] = 1
	println("unreachable")
}
