// The error interface, a custom error type, and an unnamed struct with an embedded interface.
package main

var sinks []any

// keep makes v's dynamic type reachable in both compilers (gc cannot see through it).
//
//go:noinline
func keep(v any) { sinks = append(sinks, v) }

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return "my error" }

type ValErr string

func (v ValErr) Error() string { return string(v) }

//go:noinline
func fail(n int) error {
	if n == 0 {
		return &MyErr{Code: 1}
	}
	return ValErr("v")
}

func main() {
	e := fail(0)
	println(e.Error())
	e = fail(1)
	println(e.Error())
	keep(struct {
		error
		N int
	}{e, 1})
}
