package main

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

type Matrix [][]float64

var ErrSingular = errors.New("matrix is singular")

func NewMatrix(r, c int) Matrix {
	m := make(Matrix, r)
	for i := range m {
		m[i] = make([]float64, c)
	}
	return m
}

func Identity(n int) Matrix {
	m := NewMatrix(n, n)
	for i := range n {
		m[i][i] = 1
	}
	return m
}

func (m Matrix) Mul(o Matrix) Matrix {
	r := NewMatrix(len(m), len(o[0]))
	for i := range m {
		for j := range o[0] {
			var s float64
			for k := range o {
				s += m[i][k] * o[k][j]
			}
			r[i][j] = s
		}
	}
	return r
}

func (m Matrix) String() string {
	var sb strings.Builder
	for _, row := range m {
		for j, v := range row {
			if j > 0 {
				sb.WriteByte(' ')
			}
			if math.Abs(v) < 1e-12 {
				v = 0
			}
			fmt.Fprintf(&sb, "%9.4f", v)
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

func Solve(a Matrix, b []float64) ([]float64, error) {
	n := len(a)
	aug := NewMatrix(n, n+1)
	for i := range n {
		copy(aug[i], a[i])
		aug[i][n] = b[i]
	}
	for col := 0; col < n; col++ {
		piv := col
		for r := col + 1; r < n; r++ {
			if math.Abs(aug[r][col]) > math.Abs(aug[piv][col]) {
				piv = r
			}
		}
		if math.Abs(aug[piv][col]) < 1e-12 {
			return nil, fmt.Errorf("column %d: %w", col, ErrSingular)
		}
		aug[col], aug[piv] = aug[piv], aug[col]
		for r := col + 1; r < n; r++ {
			f := aug[r][col] / aug[col][col]
			for c := col; c <= n; c++ {
				aug[r][c] -= f * aug[col][c]
			}
		}
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := aug[i][n]
		for j := i + 1; j < n; j++ {
			s -= aug[i][j] * x[j]
		}
		x[i] = s / aug[i][i]
	}
	return x, nil
}

func Inverse(a Matrix) (Matrix, error) {
	n := len(a)
	inv := NewMatrix(n, n)
	for j := range n {
		e := make([]float64, n)
		e[j] = 1
		col, err := Solve(a, e)
		if err != nil {
			return nil, err
		}
		for i := range n {
			inv[i][j] = col[i]
		}
	}
	return inv, nil
}

func Det(a Matrix) float64 {
	n := len(a)
	m := NewMatrix(n, n)
	for i := range a {
		copy(m[i], a[i])
	}
	det := 1.0
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		if m[p][c] == 0 {
			return 0
		}
		if p != c {
			m[p], m[c] = m[c], m[p]
			det = -det
		}
		det *= m[c][c]
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for k := c; k < n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	return det
}

func main() {
	a := Matrix{{2, 1, -1}, {-3, -1, 2}, {-2, 1, 2}}
	b := []float64{8, -11, -3}
	x, err := Solve(a, b)
	fmt.Println(x, err)
	fmt.Printf("%.15f %.15f %.15f\n", x[0], x[1], x[2])
	fmt.Printf("det=%.6f\n", Det(a))
	inv, _ := Inverse(a)
	fmt.Print(inv)
	fmt.Print(a.Mul(inv))
	sing := Matrix{{1, 2, 3}, {2, 4, 6}, {1, 0, 1}}
	_, err = Solve(sing, []float64{1, 2, 3})
	fmt.Println(err, errors.Is(err, ErrSingular), Det(sing))
	n := 8
	h := NewMatrix(n, n)
	ones := make([]float64, n)
	for i := range n {
		for j := range n {
			h[i][j] = 1 / float64(i+j+1)
		}
		ones[i] = 1
	}
	hx, err := Solve(h, ones)
	fmt.Println(err)
	for _, v := range hx {
		fmt.Printf("%.6g ", v)
	}
	fmt.Println()
	fmt.Printf("hilbert det=%.6e\n", Det(h))
	rot := Matrix{{math.Cos(0.5), -math.Sin(0.5)}, {math.Sin(0.5), math.Cos(0.5)}}
	p := Identity(2)
	for range 100 {
		p = p.Mul(rot)
	}
	fmt.Print(p)
	fmt.Printf("%.17g %.17g\n", p[0][0], math.Cos(50))
	big := NewMatrix(30, 30)
	rhs := make([]float64, 30)
	seed := uint64(88172645463325252)
	for i := range big {
		for j := range big[i] {
			seed ^= seed << 13
			seed ^= seed >> 7
			seed ^= seed << 17
			big[i][j] = float64(seed%1000)/100 - 5
		}
		big[i][i] += 50
		rhs[i] = float64(i)
	}
	sol, _ := Solve(big, rhs)
	resid := 0.0
	for i := range big {
		s := 0.0
		for j := range big[i] {
			s += big[i][j] * sol[j]
		}
		resid = math.Max(resid, math.Abs(s-rhs[i]))
	}
	fmt.Printf("residual < 1e-12: %v, x0=%.12f x29=%.12f\n", resid < 1e-12, sol[0], sol[29])
}
