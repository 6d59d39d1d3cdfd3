package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

const input = `name,qty,price,note
"Widget, large",3,4.50,"says ""hi"""
Gadget,10,0.99,
# a comment line
"Multi
line",1,100,ok
Tabs	inside,2,1,x
`

func main() {
	r := csv.NewReader(strings.NewReader(input))
	r.Comment = '#'
	recs, err := r.ReadAll()
	fmt.Println(len(recs), err)
	for i, rec := range recs {
		fmt.Printf("%d %q\n", i, rec)
	}
	r = csv.NewReader(strings.NewReader("a;b;c\n1;2\n"))
	r.Comma = ';'
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		fmt.Printf("%q %v\n", rec, err)
		line, col := r.FieldPos(0)
		fmt.Println("pos", line, col, r.InputOffset())
		if err != nil {
			var pe *csv.ParseError
			fmt.Println(errors.As(err, &pe), errors.Is(err, csv.ErrFieldCount))
			break
		}
	}
	r = csv.NewReader(strings.NewReader("x,\"bad\"quote\n"))
	_, err = r.Read()
	fmt.Println(err)
	r = csv.NewReader(strings.NewReader("x,\"bad\"quote,y\n1, 2 ,3\n"))
	r.LazyQuotes = true
	r.TrimLeadingSpace = true
	r.FieldsPerRecord = -1
	all, err := r.ReadAll()
	fmt.Printf("%q %v\n", all, err)
	w := csv.NewWriter(os.Stdout)
	w.Write([]string{"id", "text", "empty"})
	w.Write([]string{"1", "plain", ""})
	w.Write([]string{"2", "has,comma", " lead"})
	w.Write([]string{"3", "has \"quote\"", "new\nline"})
	w.Write([]string{"4", "#hash", "\r"})
	w.Flush()
	fmt.Println(w.Error())
	w = csv.NewWriter(os.Stdout)
	w.Comma = '\t'
	w.UseCRLF = true
	w.WriteAll([][]string{{"a b", "c\td"}, {"x", ""}})
	var sb strings.Builder
	w = csv.NewWriter(&sb)
	w.WriteAll([][]string{{""}, {"", ""}})
	fmt.Printf("%q\n", sb.String())
}
