// mandelbrot from the Computer Language Benchmarks Game: the Mandelbrot set on [-1.5, 0.5] ×
// [-1, 1] as an n×n bitmap (a point is in the set if it stays within radius 2 for 50
// iterations), written as a binary PBM. The bitmap goes through a hashing writer and the
// program prints the PBM's size and FNV-1a hash, so that the output stays short.
package main

import (
	"bufio"
	"fmt"
	"hash/fnv"
)

const (
	n          = 4000
	iterations = 50
)

func main() {
	h := fnv.New64a()
	w := bufio.NewWriter(h)
	fmt.Fprintf(w, "P4\n%d %d\n", n, n)
	size := 0
	row := make([]byte, (n+7)/8)
	for y := range n {
		ci := 2*float64(y)/n - 1
		clear(row)
		for x := range n {
			cr := 2*float64(x)/n - 1.5
			zr, zi := 0.0, 0.0
			in := true
			for range iterations {
				zr, zi = zr*zr-zi*zi+cr, 2*zr*zi+ci
				if zr*zr+zi*zi > 4 {
					in = false
					break
				}
			}
			if in {
				row[x/8] |= 0x80 >> (x % 8)
			}
		}
		w.Write(row)
		size += len(row)
	}
	w.Flush()
	fmt.Printf("%d bytes of bitmap, fnv64a %016x\n", size, h.Sum64())
}
