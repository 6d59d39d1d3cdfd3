package main

func main() {
	// map of slices
	groups := map[string][]int{}
	for i := 0; i < 20; i++ {
		key := "odd"
		if i%2 == 0 {
			key = "even"
		}
		if i%5 == 0 {
			key = "five"
		}
		groups[key] = append(groups[key], i)
	}
	for _, k := range []string{"even", "five", "odd", "none"} {
		g := groups[k]
		print(k, " ", len(g), ":")
		for _, v := range g {
			print(" ", v)
		}
		println()
	}
	// nested maps
	nested := map[string]map[string]int{}
	add := func(a, b string, n int) {
		inner, ok := nested[a]
		if !ok {
			inner = map[string]int{}
			nested[a] = inner
		}
		inner[b] += n
	}
	add("x", "p", 1)
	add("x", "q", 2)
	add("y", "p", 3)
	add("x", "p", 4)
	println(len(nested), len(nested["x"]), nested["x"]["p"], nested["y"]["p"], nested["z"]["p"])
	// map of maps with int keys: adjacency and BFS
	adj := map[int]map[int]bool{}
	edges := [][2]int{{1, 2}, {2, 3}, {3, 4}, {1, 5}, {5, 4}, {4, 6}}
	for _, e := range edges {
		for _, d := range [][2]int{e, {e[1], e[0]}} {
			if adj[d[0]] == nil {
				adj[d[0]] = map[int]bool{}
			}
			adj[d[0]][d[1]] = true
		}
	}
	dist := map[int]int{1: 0}
	queue := []int{1}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for nb := 1; nb <= 6; nb++ {
			if !adj[n][nb] {
				continue
			}
			if _, seen := dist[nb]; !seen {
				dist[nb] = dist[n] + 1
				queue = append(queue, nb)
			}
		}
	}
	for i := 1; i <= 6; i++ {
		print(i, ":", dist[i], " ")
	}
	println()
	// map values that are structs: must reassign whole value
	type Acc struct{ n, sum int }
	accs := map[string]Acc{}
	for i, w := range []string{"a", "b", "a", "a", "b", "c"} {
		a := accs[w]
		a.n++
		a.sum += i
		accs[w] = a
	}
	println(accs["a"].n, accs["a"].sum, accs["b"].n, accs["c"].sum)
	// map of pointers lets you mutate in place
	ptrs := map[string]*Acc{"k": {}}
	ptrs["k"].n += 5
	println(ptrs["k"].n)
	// map of arrays
	arrs := map[int][2]string{1: {"a", "b"}}
	x := arrs[1]
	x[0] = "z"
	println(arrs[1][0], x[0], arrs[2][1] == "")
	// map of funcs
	ops := map[string]func(int, int) int{
		"add": func(a, b int) int { return a + b },
		"mul": func(a, b int) int { return a * b },
	}
	println(ops["add"](3, 4), ops["mul"](3, 4), ops["div"] == nil)
	// slice of maps
	sm := make([]map[int]int, 3)
	for i := range sm {
		sm[i] = map[int]int{i: i * i}
	}
	println(sm[2][2], len(sm[0]))
}
