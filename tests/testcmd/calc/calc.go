// Package calc is the package under test of rgo's `rgo test` tests: in-package tests, an
// external test package, examples, a benchmark, a fuzz target and testdata/.
package calc

import "errors"

// ErrDivide is returned for a division by zero.
var ErrDivide = errors.New("calc: division by zero")

func Add(a, b int) int { return a + b }

func Sub(a, b int) int { return a - b }

func Div(a, b int) (int, error) {
	if b == 0 {
		return 0, ErrDivide
	}
	return a / b, nil
}

func double(x int) int { return 2 * x }
