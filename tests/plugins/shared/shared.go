// Package shared is imported by the host and by both plugins: its types, variables and
// init task must exist once in the process.
package shared

import "fmt"

// Shape is implemented by a type of plugin p1 and asserted by the host.
type Shape interface {
	Area() float64
	Name() string
}

// Point is created in plugin p1 and asserted to by the host.
type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

// Registry records who registered, in order: plugin inits append to the host's copy.
var Registry []string

var inits int

func init() { inits++ }

// Inits counts how often this package's init ran (once per process).
func Inits() int { return inits }

func Register(name string) { Registry = append(Registry, name) }
