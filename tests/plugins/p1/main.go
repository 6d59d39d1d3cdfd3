package main

import (
	"fmt"

	"rgo.test/plugins/shared"
)

// Counter is looked up by the host, which changes it.
var Counter = 10

var initRuns int

func init() {
	initRuns++
	shared.Register("p1")
}

// InitRuns tells how often this plugin's init ran.
func InitRuns() int { return initRuns }

func Hello(name string) string { return fmt.Sprintf("hello, %s, from p1 (counter %d)", name, Counter) }

type square struct{ side float64 }

func (s square) Area() float64 { return s.side * s.side }
func (s square) Name() string  { return "square" }

// NewShape returns a plugin type behind a host interface.
func NewShape(side float64) shared.Shape { return square{side} }

// NewPoint returns a value of a shared type, boxed in the plugin.
func NewPoint(x, y int) any { return shared.Point{X: x, Y: y} }

// PointStringer converts a shared type to a std interface inside the plugin (a static itab
// that the host also has).
func PointStringer(x, y int) fmt.Stringer { return shared.Point{X: x, Y: y} }

// Describe uses reflection-driven formatting on host and plugin types.
func Describe(v any) string { return fmt.Sprintf("%T %v", v, v) }

// Fail panics inside the plugin; the host's caller sees the panic unwind.
func Fail(msg string) { fail(msg) }

func fail(msg string) { panic("p1: " + msg) }

func main() {}
