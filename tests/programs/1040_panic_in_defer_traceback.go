package main

// A panic raised by a deferred call while an earlier panic runs it: gc's traceback shows the
// earlier panic's gopanic frame as `panic({type, data})` at runtime/panic.go, between the
// deferred function and the function that panicked first.

import "errors"

type code int

func (c code) Error() string { return "code error" }

func inner() {
	defer func() {
		panic(errors.New("third"))
	}()
	panic(code(2))
}

func middle() {
	defer inner()
	panic("first")
}

func main() {
	println("start")
	middle()
}
