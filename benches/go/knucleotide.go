// k-nucleotide from the Computer Language Benchmarks Game: in the third sequence of a FASTA
// file (">THREE", made here in memory by the fasta benchmark's generator for n = 1000000), count
// every 1- and 2-base substring and print their frequencies (percent, descending, ties by
// name), then the occurrences of five given substrings of lengths 3 to 18. Hash maps keyed by
// packed 2-bit-per-base codes.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
)

const n = 1_000_000

const alu = "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG" +
	"GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA" +
	"CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT" +
	"ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA" +
	"GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG" +
	"AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC" +
	"AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"

type acid struct {
	base byte
	p    float64
}

var iub = []acid{
	{'a', 0.27}, {'c', 0.12}, {'g', 0.12}, {'t', 0.27},
	{'B', 0.02}, {'D', 0.02}, {'H', 0.02}, {'K', 0.02},
	{'M', 0.02}, {'N', 0.02}, {'R', 0.02}, {'S', 0.02},
	{'V', 0.02}, {'W', 0.02}, {'Y', 0.02},
}

var homoSapiens = []acid{
	{'a', 0.3029549426680}, {'c', 0.1979883004921},
	{'g', 0.1975473066391}, {'t', 0.3015094502008},
}

const lineLen = 60

// repeatFasta writes count bases of s, repeated.
func repeatFasta(w *bufio.Writer, s string, count int) {
	pos := 0
	line := make([]byte, lineLen+1)
	for count > 0 {
		m := min(count, lineLen)
		for i := range m {
			line[i] = s[pos]
			pos++
			if pos == len(s) {
				pos = 0
			}
		}
		line[m] = '\n'
		w.Write(line[:m+1])
		count -= m
	}
}

// The benchmark's generator: a linear congruential sequence scaled to [0, max).
var seed uint32 = 42

func random(max float64) float64 {
	const im, ia, ic = 139968, 3877, 29573
	seed = (seed*ia + ic) % im
	return max * float64(seed) / im
}

// randomFasta writes count bases drawn with the probabilities of acids.
func randomFasta(w *bufio.Writer, acids []acid, count int) {
	cum := make([]float64, len(acids))
	sum := 0.0
	for i, a := range acids {
		sum += a.p
		cum[i] = sum
	}
	line := make([]byte, lineLen+1)
	for count > 0 {
		m := min(count, lineLen)
		for i := range m {
			r := random(1)
			j := 0
			for j < len(cum)-1 && cum[j] < r {
				j++
			}
			line[i] = acids[j].base
		}
		line[m] = '\n'
		w.Write(line[:m+1])
		count -= m
	}
}

func writeFasta(out io.Writer, n int) {
	w := bufio.NewWriter(out)
	w.WriteString(">ONE Homo sapiens alu\n")
	repeatFasta(w, alu, 2*n)
	w.WriteString(">TWO IUB ambiguity codes\n")
	randomFasta(w, iub, 3*n)
	w.WriteString(">THREE Homo sapiens frequency\n")
	randomFasta(w, homoSapiens, 5*n)
	w.Flush()
}


// threeSequence returns the bases of the ">THREE" sequence, upper-cased, newlines dropped.
func threeSequence(fasta []byte) []byte {
	i := bytes.Index(fasta, []byte(">THREE"))
	rest := fasta[i:]
	rest = rest[bytes.IndexByte(rest, '\n')+1:]
	seq := make([]byte, 0, len(rest))
	for _, c := range rest {
		if c != '\n' {
			seq = append(seq, c-('a'-'A'))
		}
	}
	return seq
}

// code maps a base to two bits.
func code(c byte) uint64 {
	switch c {
	case 'A':
		return 0
	case 'C':
		return 1
	case 'G':
		return 2
	}
	return 3
}

// count counts the k-base substrings of seq, keyed by their packed codes.
func count(seq []byte, k int) map[uint64]int {
	counts := make(map[uint64]int)
	mask := uint64(1)<<(2*k) - 1
	var key uint64
	for i, c := range seq {
		key = (key<<2 | code(c)) & mask
		if i >= k-1 {
			counts[key]++
		}
	}
	return counts
}

func decode(key uint64, k int) string {
	b := make([]byte, k)
	for i := k - 1; i >= 0; i-- {
		b[i] = "ACGT"[key&3]
		key >>= 2
	}
	return string(b)
}

func encode(s string) uint64 {
	var key uint64
	for i := range len(s) {
		key = key<<2 | code(s[i])
	}
	return key
}

func frequencies(w io.Writer, seq []byte, k int) {
	counts := count(seq, k)
	type kv struct {
		name  string
		count int
	}
	var list []kv
	total := 0
	for key, c := range counts {
		list = append(list, kv{decode(key, k), c})
		total += c
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].count != list[j].count {
			return list[i].count > list[j].count
		}
		return list[i].name < list[j].name
	})
	for _, e := range list {
		fmt.Fprintf(w, "%s %.3f\n", e.name, 100*float64(e.count)/float64(total))
	}
	fmt.Fprintln(w)
}

func main() {
	var buf bytes.Buffer
	writeFasta(&buf, n)
	seq := threeSequence(buf.Bytes())
	w := bufio.NewWriter(nil)
	out := new(bytes.Buffer)
	w.Reset(out)
	frequencies(w, seq, 1)
	frequencies(w, seq, 2)
	for _, s := range []string{"GGT", "GGTA", "GGTATT", "GGTATTTTAATT", "GGTATTTTAATTTATAGT"} {
		fmt.Fprintf(w, "%d\t%s\n", count(seq, len(s))[encode(s)], s)
	}
	w.Flush()
	fmt.Print(out.String())
}
