package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

type ParseError struct {
	Line int
	Err  error
}

func (e *ParseError) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Err.Error() }
func (e *ParseError) Unwrap() error { return e.Err }

func parseAll(lines []string) ([]int, error) {
	var out []int
	for i, l := range lines {
		n, err := strconv.Atoi(l)
		if err != nil {
			return out, &ParseError{i + 1, err}
		}
		out = append(out, n)
	}
	return out, nil
}

func mustParse(lines []string) []int {
	v, err := parseAll(lines)
	if err != nil {
		panic(fmt.Errorf("mustParse: %w", err))
	}
	return v
}

func main() {
	fmt.Println(mustParse([]string{"1", "2", "3"}))
	func() {
		defer func() {
			r := recover()
			err := r.(error)
			var pe *ParseError
			fmt.Println("recovered:", err, errors.As(err, &pe), pe.Line, errors.Is(err, strconv.ErrSyntax))
		}()
		mustParse([]string{"4", "x5"})
	}()
	fmt.Fprintln(os.Stderr, "about to fail for real")
	defer fmt.Println("deferred print runs before the panic message")
	mustParse([]string{"7", "8", "nine"})
}
