package main

type Point struct{ X, Y int }
type Pair struct {
	Name string
	ID   int16
}

func main() {
	grid := map[Point]string{}
	for x := 0; x < 3; x++ {
		for y := 0; y < 3; y++ {
			grid[Point{x, y}] = string(rune('a' + x*3 + y))
		}
	}
	println(len(grid), grid[Point{1, 1}], grid[Point{2, 0}], grid[Point{5, 5}] == "")
	delete(grid, Point{1, 1})
	_, ok := grid[Point{1, 1}]
	println(len(grid), ok)
	pm := map[Pair]int{{"a", 1}: 10, {"a", 2}: 20, {"b", 1}: 30}
	println(pm[Pair{"a", 2}], pm[Pair{"b", 1}], pm[Pair{"b", 2}])
	// array keys
	am := map[[3]int]int{}
	am[[3]int{1, 2, 3}]++
	am[[3]int{1, 2, 3}]++
	am[[3]int{3, 2, 1}]++
	println(len(am), am[[3]int{1, 2, 3}])
	// string keys built at run time hash equal to literals
	sm := map[string]int{"hello": 1}
	h := "hel"
	h += "lo"
	println(sm[h])
	// float keys: -0 and +0 are the same key
	zero := 0.0
	fm := map[float64]int{}
	fm[zero] = 1
	fm[-zero] = 2
	println(len(fm), fm[0])
	// pointer keys
	a, b := new(int), new(int)
	ptrm := map[*int]string{a: "a", b: "b"}
	println(ptrm[a], ptrm[b], len(ptrm), ptrm[nil] == "")
	// complex keys
	cm := map[complex128]int{1 + 2i: 1, complex(-zero, 0): 2}
	println(cm[1+2i], cm[0], len(cm))
	// interface-free nested struct keys with arrays of strings
	type Deep struct {
		A [2]string
		P Point
	}
	dm := map[Deep]bool{{[2]string{"x", "y"}, Point{1, 2}}: true}
	println(dm[Deep{[2]string{"x", "y"}, Point{1, 2}}], dm[Deep{[2]string{"x", "z"}, Point{1, 2}}])
	// rune and byte keys
	bk := map[byte]int{}
	for i := 0; i < 1000; i++ {
		bk[byte(i)]++
	}
	println(len(bk), bk[0], bk[255], bk[231])
	// many int keys, then delete all
	im := map[int]int{}
	for i := 0; i < 10000; i++ {
		im[i*7919] = i
	}
	println(len(im), im[7919*500])
	for i := 0; i < 10000; i += 2 {
		delete(im, i*7919)
	}
	println(len(im), im[7919*500], im[7919*501])
	// empty struct values: a set
	set := map[string]struct{}{}
	for _, w := range []string{"a", "b", "a", "c", "b"} {
		set[w] = struct{}{}
	}
	_, hasA := set["a"]
	_, hasZ := set["z"]
	println(len(set), hasA, hasZ)
}
