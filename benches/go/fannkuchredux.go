// fannkuch-redux from the Computer Language Benchmarks Game (single-threaded form): for every
// permutation of 1..n, repeatedly reverse the first k elements where k is the first element,
// until 1 comes first; report a checksum over the permutations (alternating sign of the flip
// counts, in permutation-generation order) and the largest flip count. Permutations are
// generated in the order the benchmark prescribes (rotations driven by a count array), so
// the checksum is comparable. Integer work on small arrays: loops, bounds checks, registers.
package main

import "fmt"

const n = 11

func main() {
	var perm, perm1, count [n]int
	for i := range perm1 {
		perm1[i] = i
	}
	maxFlips, checksum, permCount := 0, 0, 0
	r := n
	for {
		for ; r != 1; r-- {
			count[r-1] = r
		}
		perm = perm1
		flips := 0
		for k := perm[0]; k != 0; k = perm[0] {
			for i, j := 0, k; i < j; i, j = i+1, j-1 {
				perm[i], perm[j] = perm[j], perm[i]
			}
			flips++
		}
		if flips > maxFlips {
			maxFlips = flips
		}
		if permCount%2 == 0 {
			checksum += flips
		} else {
			checksum -= flips
		}
		// Next permutation: rotate the first r+1 elements left until a count is left.
		for {
			if r == n {
				fmt.Printf("%d\nPfannkuchen(%d) = %d\n", checksum, n, maxFlips)
				return
			}
			first := perm1[0]
			copy(perm1[:r], perm1[1:r+1])
			perm1[r] = first
			count[r]--
			if count[r] > 0 {
				break
			}
			r++
		}
		permCount++
	}
}
