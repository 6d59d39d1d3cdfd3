package main

// Interface values of unnamed struct types with embedded interfaces: their itabs call the
// promoted methods through the pointer wrappers, as for named types.

import (
	"bytes"
	"fmt"
	"io"
)

type named struct {
	io.Writer
	fmt.Stringer
}

func use(sink interface {
	io.Writer
	fmt.Stringer
}) {
	var w io.Writer = sink
	n, err := w.Write([]byte("hi"))
	_, isSW := w.(io.StringWriter)
	fmt.Println(n, err, sink.String(), isSW)
}

func main() {
	sink := new(bytes.Buffer)
	use(named{sink, sink})
	use(struct {
		io.Writer
		fmt.Stringer
	}{sink, sink})
	var s fmt.Stringer = struct{ fmt.Stringer }{sink}
	fmt.Println(s.String())
	fmt.Fprintf(struct{ io.Writer }{sink}, "%d", 42)
	fmt.Println(sink.String())
}
