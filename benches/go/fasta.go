// fasta from the Computer Language Benchmarks Game: writes three DNA sequences in FASTA format
// (60 bases a line): the ALU sequence repeated, then bases drawn with the IUB ambiguity-code
// and Homo sapiens probabilities from the benchmark's linear congruential generator (seed 42,
// modulus 139968). The output (about 10n bytes) goes through a hashing writer; the program
// prints its size and FNV-1a hash. Byte-slice work and buffered output.
package main

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"io"
)

const n = 5_000_000

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

// countingHash hashes what is written to it and counts the bytes.
type countingHash struct {
	h interface {
		io.Writer
		Sum64() uint64
	}
	n int
}

func (c *countingHash) Write(p []byte) (int, error) {
	c.n += len(p)
	return c.h.Write(p)
}

func main() {
	c := &countingHash{h: fnv.New64a()}
	writeFasta(c, n)
	fmt.Printf("%d bytes, fnv64a %016x\n", c.n, c.h.Sum64())
}
