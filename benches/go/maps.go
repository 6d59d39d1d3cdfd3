// Benchmark: map-heavy work: inserts, lookups, updates and deletes on a
// map[int]int, plus counting into a map[string]int.
package main

func main() {
	m := make(map[int]int)
	seed := uint32(1)
	for i := 0; i < 1000000; i++ {
		seed = seed*1664525 + 1013904223
		k := int(seed >> 12)
		m[k] += i
	}
	hits, sum := 0, 0
	for i := 0; i < 1000000; i++ {
		seed = seed*1664525 + 1013904223
		if v, ok := m[int(seed>>12)]; ok {
			hits++
			sum += v
		}
	}
	for k := range m {
		if k%3 == 0 {
			delete(m, k)
		}
	}
	words := []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}
	counts := make(map[string]int)
	for i := 0; i < 500000; i++ {
		w := words[i%len(words)] + words[(i/len(words))%len(words)]
		counts[w]++
	}
	println("len:", len(m), "hits:", hits, "sum:", sum, "distinct words:", len(counts), "alphabeta:", counts["alphabeta"])
}
