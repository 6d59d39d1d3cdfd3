package main

import (
	"fmt"
	"os"
	"text/tabwriter"
)

func main() {
	w := tabwriter.NewWriter(os.Stdout, 0, 8, 1, ' ', 0)
	fmt.Fprintln(w, "NAME\tSIZE\tMODE\t")
	fmt.Fprintln(w, "main.go\t1234\t-rw-r--r--\t")
	fmt.Fprintln(w, "a_much_longer_name.txt\t7\t-rwxr-xr-x\t")
	fmt.Fprintln(w, "x\t\t\t")
	w.Flush()

	w = tabwriter.NewWriter(os.Stdout, 5, 0, 2, '.', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(w, "a\tb\tc")
	fmt.Fprintln(w, "aaa\tbbbbb\tc")
	fmt.Fprintln(w, "1\t22\t333")
	w.Flush()

	w = tabwriter.NewWriter(os.Stdout, 4, 4, 1, '-', tabwriter.Debug)
	fmt.Fprintf(w, "%s\t%d\t%.2f\n", "pi", 3, 3.14159)
	fmt.Fprintf(w, "%s\t%d\t%.2f\n", "euler", 2, 2.71828)
	fmt.Fprintln(w)
	fmt.Fprintf(w, "new\tblock\n")
	w.Flush()

	w = tabwriter.NewWriter(os.Stdout, 0, 8, 0, '\t', 0)
	fmt.Fprintln(w, "k\tv")
	fmt.Fprintln(w, "longer key\tvalue")
	w.Flush()

	w = tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', tabwriter.FilterHTML|tabwriter.StripEscape)
	fmt.Fprintln(w, "<b>bold</b>\t&amp;\tx")
	fmt.Fprintln(w, "\xffesc\taped\xff\ty\tz")
	w.Flush()

	w = tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', tabwriter.DiscardEmptyColumns)
	fmt.Fprintln(w, "a\t\tb")
	fmt.Fprintln(w, "cc\t\td")
	w.Flush()
	w = tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', tabwriter.TabIndent)
	fmt.Fprintln(w, "\tindented\tx")
	fmt.Fprintln(w, "\t\tdouble\ty")
	w.Flush()
}
