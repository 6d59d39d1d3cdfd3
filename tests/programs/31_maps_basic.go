package main

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

func dump(m map[string]int) {
	print(len(m), " {")
	for _, k := range sortedKeys(m) {
		print(" ", k, ":", m[k])
	}
	println(" }")
}

func main() {
	m := map[string]int{"one": 1, "two": 2, "three": 3}
	dump(m)
	m["four"] = 4
	m["one"] = 100
	dump(m)
	v, ok := m["two"]
	println(v, ok)
	v, ok = m["missing"]
	println(v, ok, m["missing"])
	delete(m, "two")
	delete(m, "not there")
	dump(m)
	_, ok = m["two"]
	println(ok)
	// nil map reads are fine
	var nm map[string]int
	println(nm == nil, len(nm), nm["x"])
	delete(nm, "x")
	for range nm {
		println("never")
	}
	// make with hint
	big := make(map[int]int, 100)
	for i := 0; i < 1000; i++ {
		big[i%37] += i
	}
	sum, ksum := 0, 0
	for k, v := range big {
		sum += v
		ksum += k
	}
	println(len(big), sum, ksum)
	// word frequencies
	text := "the cat and the dog and the bird"
	freq := map[string]int{}
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' {
			freq[text[start:i]]++
			start = i + 1
		}
	}
	dump(freq)
	// maps are references
	alias := freq
	alias["cat"] = 10
	println(freq["cat"])
	// increments and compound ops on map elements
	cnt := map[rune]int{}
	for _, r := range "hello world" {
		cnt[r]++
	}
	println(cnt['l'], cnt['o'], cnt['z'], len(cnt))
	cnt['l'] *= 10
	cnt['h'] -= 5
	println(cnt['l'], cnt['h'])
	// deleting during iteration is allowed
	del := map[int]bool{}
	for i := 0; i < 50; i++ {
		del[i] = i%2 == 0
	}
	for k, v := range del {
		if !v {
			delete(del, k)
		}
	}
	println(len(del))
	// bool and int keys
	bm := map[bool]string{true: "yes", false: "no"}
	println(bm[1 < 2], bm[1 > 2], len(bm))
	im := map[int64]uint8{-1: 1, 1 << 40: 2}
	println(im[-1], im[1<<40], im[0])
}
