// Package uses imports calc: calc's external test imports it, so the go command builds it
// against calc with calc's test files.
package uses

import "example.com/testcmd/calc"

func Triple(x int) int { return calc.Add(calc.Add(x, x), x) }
