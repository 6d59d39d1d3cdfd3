package main

const N = 4

func matmul(a, b [N][N]int) (c [N][N]int) {
	for i := 0; i < N; i++ {
		for j := 0; j < N; j++ {
			for k := 0; k < N; k++ {
				c[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return
}

func transpose(m [N][N]int) [N][N]int {
	for i := 0; i < N; i++ {
		for j := i + 1; j < N; j++ {
			m[i][j], m[j][i] = m[j][i], m[i][j]
		}
	}
	return m
}

func show(m [N][N]int) {
	for _, row := range m {
		for _, v := range row {
			print(v, " ")
		}
		println()
	}
}

func main() {
	var id, m [N][N]int
	for i := 0; i < N; i++ {
		id[i][i] = 1
		for j := 0; j < N; j++ {
			m[i][j] = i*N + j
		}
	}
	show(matmul(m, id))
	println(matmul(m, id) == m, matmul(id, m) == m)
	show(matmul(m, m))
	t := transpose(m)
	show(t)
	println(t == m, transpose(t) == m)
	// 3-D array
	var cube [2][3][4]int8
	for i := range cube {
		for j := range cube[i] {
			for k := range cube[i][j] {
				cube[i][j][k] = int8(i*100 + j*10 + k)
			}
		}
	}
	println(cube[1][2][3], cube[0][1][2], len(cube), len(cube[0]), len(cube[0][0]))
	plane := cube[1]
	plane[0][0] = -1
	println(cube[1][0][0], plane[0][0])
	// Pascal's triangle in a 2-D array
	var pas [10][10]int
	for i := 0; i < 10; i++ {
		pas[i][0] = 1
		for j := 1; j <= i; j++ {
			pas[i][j] = pas[i-1][j-1] + pas[i-1][j]
		}
	}
	for j := 0; j < 10; j++ {
		print(pas[9][j], " ")
	}
	println()
	// slices of arrays
	rows := [][N]int{m[0], m[3]}
	rows[0][0] = 99
	println(m[0][0], rows[0][0], len(rows))
	// game of life blinker on a 5x5 board
	var b [5][5]bool
	b[2][1], b[2][2], b[2][3] = true, true, true
	for gen := 0; gen < 2; gen++ {
		var nb [5][5]bool
		for i := 0; i < 5; i++ {
			for j := 0; j < 5; j++ {
				n := 0
				for di := -1; di <= 1; di++ {
					for dj := -1; dj <= 1; dj++ {
						ii, jj := i+di, j+dj
						if (di != 0 || dj != 0) && ii >= 0 && ii < 5 && jj >= 0 && jj < 5 && b[ii][jj] {
							n++
						}
					}
				}
				nb[i][j] = n == 3 || (b[i][j] && n == 2)
			}
		}
		b = nb
		for i := 0; i < 5; i++ {
			for j := 0; j < 5; j++ {
				if b[i][j] {
					print("#")
				} else {
					print(".")
				}
			}
			println()
		}
	}
}
