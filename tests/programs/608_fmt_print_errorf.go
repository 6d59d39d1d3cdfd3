package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

type limitWriter struct {
	n   int
	buf bytes.Buffer
}

func (w *limitWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.n {
		k := w.n - w.buf.Len()
		w.buf.Write(p[:k])
		return k, errors.New("limit reached")
	}
	return w.buf.Write(p)
}

var ErrNotFound = errors.New("not found")

func find(k string) error {
	return fmt.Errorf("find %q: %w", k, ErrNotFound)
}

func main() {
	fmt.Print("a", "b", "\n")
	fmt.Print(1, 2, 3, "\n")
	fmt.Print("x", 1, 2, "y", "\n")
	fmt.Print(1.5, true, nil, 'c', "\n")
	fmt.Println("a", "b", 1, 2)
	n, err := fmt.Println()
	fmt.Println(n, err)
	var buf bytes.Buffer
	fmt.Fprint(&buf, "one", 2, 3)
	fmt.Fprintln(&buf, "|", 4)
	fmt.Fprintf(&buf, "%05.1f", 2.25)
	fmt.Println(buf.String(), buf.Len())
	lw := &limitWriter{n: 10}
	n, err = fmt.Fprintf(lw, "%s-%s", "hello", "world!")
	fmt.Println(n, err, lw.buf.String())
	n, err = fmt.Fprintln(io.Discard, "discard", 12)
	fmt.Println(n, err)
	fmt.Fprintln(os.Stderr, "to stderr", 1)
	e1 := find("key")
	fmt.Println(e1, errors.Is(e1, ErrNotFound), errors.Unwrap(e1) == ErrNotFound)
	e2 := fmt.Errorf("layer2: %w", e1)
	fmt.Println(e2, errors.Is(e2, ErrNotFound))
	e3 := fmt.Errorf("two: %w and %w", ErrNotFound, io.EOF)
	fmt.Println(e3, errors.Is(e3, io.EOF), errors.Unwrap(e3) == nil)
	e4 := fmt.Errorf("plain %v", ErrNotFound)
	fmt.Println(e4, errors.Is(e4, ErrNotFound))
	fmt.Printf("%T %T %T %T\n", e1, e3, e4, errors.New("x"))
	s := fmt.Sprint("s", 1, 2, "t", 3.0, 'r')
	fmt.Println(s)
	s = fmt.Sprintln("end", 9)
	fmt.Printf("%q\n", s)
	fmt.Println(fmt.Append([]byte("pre:"), 1, "x"), string(fmt.Appendf(nil, "%03d", 7)), string(fmt.Appendln(nil, "l")))
}
