package main

func main() {
	m := map[string]map[string]int{"a": {}}
	m["a"]["x"] = 1
	println(len(m["a"]), m["b"]["x"])
	m["b"]["x"] = 2
}
