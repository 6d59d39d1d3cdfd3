package main

func main() {
	m := map[string]int{}
	for i := 0; i < 100; i++ {
		m[string(rune('A'+i%26))+string(rune('a'+i%7))] = i
	}
	// aggregate over the unordered iteration
	sumK, sumV, n := 0, 0, 0
	for k, v := range m {
		sumK += int(k[0]) + int(k[1])
		sumV += v
		n++
	}
	println(len(m), n, sumK, sumV)
	// keys only
	cnt := 0
	for k := range m {
		if k[0] == 'A' {
			cnt++
		}
	}
	println(cnt)
	// find min/max keys
	first, last := "", ""
	for k := range m {
		if first == "" || k < first {
			first = k
		}
		if k > last {
			last = k
		}
	}
	println(first, last)
	// deleting all entries while ranging
	for k := range m {
		delete(m, k)
	}
	println(len(m))
	// entries added during iteration may or may not be seen, but the count after is fixed
	grow := map[int]int{0: 0}
	for k := range grow {
		if k < 5 {
			grow[k+100] = 1
		}
	}
	println(len(grow) >= 2)
	// collect and sort the keys to print in order
	ages := map[string]int{"carol": 35, "alice": 30, "bob": 25, "dave": 40}
	keys := []string{}
	for k := range ages {
		keys = append(keys, k)
	}
	for i := 0; i < len(keys); i++ {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	for _, k := range keys {
		print(k, "=", ages[k], " ")
	}
	println()
	// range over a nil map
	var nm map[int]int
	for k, v := range nm {
		println(k, v)
	}
	// modifying values via the key
	scores := map[int]int{1: 1, 2: 2, 3: 3}
	for k, v := range scores {
		scores[k] = v * v
	}
	println(scores[1], scores[2], scores[3])
	// a histogram printed in key order
	hist := map[int]int{}
	for i := 0; i < 1000; i++ {
		hist[(i*i)%10]++
	}
	for d := 0; d < 10; d++ {
		print(hist[d], " ")
	}
	println()
}
