// Benchmark: nested loops over slices: a 300x300 float64 matrix multiply
// (repeated) and a 2-D prefix sum over a 1000x1000 []int grid.
package main

const M = 300

func matmul(a, b, c [][]float64) {
	for i := 0; i < M; i++ {
		ci := c[i]
		for j := range ci {
			ci[j] = 0
		}
		for k := 0; k < M; k++ {
			aik := a[i][k]
			bk := b[k]
			for j := 0; j < M; j++ {
				ci[j] += aik * bk[j]
			}
		}
	}
}

func matrix() [][]float64 {
	m := make([][]float64, M)
	for i := range m {
		m[i] = make([]float64, M)
	}
	return m
}

func prefixSum(n int) int {
	g := make([][]int, n+1)
	for i := range g {
		g[i] = make([]int, n+1)
	}
	seed := uint32(12345)
	for i := 1; i <= n; i++ {
		for j := 1; j <= n; j++ {
			seed = seed*1664525 + 1013904223
			g[i][j] = int(seed>>24) + g[i-1][j] + g[i][j-1] - g[i-1][j-1]
		}
	}
	// Sum of many rectangle queries.
	total := 0
	for q := 0; q < 1000000; q++ {
		seed = seed*1664525 + 1013904223
		r1 := int(seed>>8) % n
		seed = seed*1664525 + 1013904223
		c1 := int(seed>>8) % n
		r2 := r1 + (n-r1)/2
		c2 := c1 + (n-c1)/2
		total += g[r2][c2] - g[r1][c2] - g[r2][c1] + g[r1][c1]
	}
	return total
}

func main() {
	a, b, c := matrix(), matrix(), matrix()
	for i := 0; i < M; i++ {
		for j := 0; j < M; j++ {
			a[i][j] = float64((i*7+j*3)%17) / 16
			b[i][j] = float64((i*5+j*11)%13) / 12
		}
	}
	trace := 0.0
	for r := 0; r < 4; r++ {
		matmul(a, b, c)
		for i := 0; i < M; i++ {
			trace += c[i][i]
		}
		a, c = c, a
		// Keep values bounded.
		for i := 0; i < M; i++ {
			for j := 0; j < M; j++ {
				a[i][j] /= M
			}
		}
	}
	println("matmul trace:", int64(trace*1e6))
	println("prefix sum:", prefixSum(1000))
}
