// reverse-complement from the Computer Language Benchmarks Game: for each sequence of a FASTA
// file (made here in memory by the fasta benchmark's generator for n = 5000000), write its header
// and the reverse complement of its bases (A↔T, C↔G and the IUB codes' complements, case
// folded to upper), 60 bases a line. The output goes through a hashing writer; the program
// prints its size and FNV-1a hash. Byte shuffling over tens of megabytes.
package main

import (
	"bufio"
	"bytes"
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


// complement maps every base (either case) to its complement's upper-case letter.
var complement [256]byte

func init() {
	pairs := "ATCGGCTAUAMKRYWWSSYRKMVBHDDHBVNN"
	for i := range complement {
		complement[i] = byte(i)
	}
	for i := 0; i < len(pairs); i += 2 {
		complement[pairs[i]] = pairs[i+1]
		complement[pairs[i]+('a'-'A')] = pairs[i+1]
	}
}

// writeReversed writes the reverse complement of the bases in seq (lines of any length).
func writeReversed(w *bufio.Writer, seq []byte) {
	bases := make([]byte, 0, len(seq))
	for _, c := range seq {
		if c != '\n' {
			bases = append(bases, c)
		}
	}
	for i, j := 0, len(bases)-1; i <= j; i, j = i+1, j-1 {
		bases[i], bases[j] = complement[bases[j]], complement[bases[i]]
	}
	for len(bases) > 0 {
		m := min(len(bases), lineLen)
		w.Write(bases[:m])
		w.WriteByte('\n')
		bases = bases[m:]
	}
}

func reverseComplement(out io.Writer, fasta []byte) {
	w := bufio.NewWriter(out)
	for len(fasta) > 0 {
		// fasta starts at a header line.
		end := bytes.IndexByte(fasta, '\n') + 1
		w.Write(fasta[:end])
		fasta = fasta[end:]
		next := bytes.IndexByte(fasta, '>')
		if next < 0 {
			next = len(fasta)
		}
		writeReversed(w, fasta[:next])
		fasta = fasta[next:]
	}
	w.Flush()
}

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
	var buf bytes.Buffer
	writeFasta(&buf, n)
	c := &countingHash{h: fnv.New64a()}
	reverseComplement(c, buf.Bytes())
	fmt.Printf("%d bytes, fnv64a %016x\n", c.n, c.h.Sum64())
}
