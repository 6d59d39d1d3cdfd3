package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	dir, err := os.MkdirTemp("", "rgo-bufio-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "data.txt")
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	w := bufio.NewWriterSize(f, 64)
	for i := 1; i <= 50; i++ {
		fmt.Fprintf(w, "line %02d: %s\n", i, strings.Repeat("ab", i%7))
	}
	fmt.Println("buffered:", w.Buffered(), "available:", w.Available())
	if err := w.Flush(); err != nil {
		panic(err)
	}
	f.Close()
	st, _ := os.Stat(path)
	fmt.Println("size:", st.Size())

	f, _ = os.Open(path)
	sc := bufio.NewScanner(f)
	lines, longest := 0, ""
	for sc.Scan() {
		lines++
		if len(sc.Text()) > len(longest) {
			longest = sc.Text()
		}
	}
	fmt.Println(lines, longest, sc.Err())
	f.Close()

	ws := bufio.NewScanner(strings.NewReader("the quick  brown\tfox\njumps"))
	ws.Split(bufio.ScanWords)
	var words []string
	for ws.Scan() {
		words = append(words, ws.Text())
	}
	fmt.Println(words, len(words))
	rs := bufio.NewScanner(strings.NewReader("héllo"))
	rs.Split(bufio.ScanRunes)
	for rs.Scan() {
		fmt.Printf("%q ", rs.Text())
	}
	fmt.Println()
	cs := bufio.NewScanner(strings.NewReader("a,b,,c"))
	cs.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		for i, b := range data {
			if b == ',' {
				return i + 1, data[:i], nil
			}
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	})
	for cs.Scan() {
		fmt.Printf("[%s]", cs.Text())
	}
	fmt.Println()
	long := bufio.NewScanner(strings.NewReader(strings.Repeat("x", 100) + "\n"))
	long.Buffer(make([]byte, 10), 20)
	for long.Scan() {
	}
	fmt.Println("err:", long.Err())

	f, _ = os.Open(path)
	r := bufio.NewReaderSize(f, 16)
	l1, _ := r.ReadString('\n')
	fmt.Printf("%q\n", l1)
	pk, _ := r.Peek(4)
	fmt.Printf("%q\n", pk)
	b, _ := r.ReadByte()
	r.UnreadByte()
	rn, sz, _ := r.ReadRune()
	fmt.Println(string(b), string(rn), sz)
	line, prefix, err := r.ReadLine()
	fmt.Printf("%q %v %v\n", line, prefix, err)
	n, _ := r.Discard(5)
	fmt.Println("discarded", n)
	bs, _ := r.ReadBytes(':')
	fmt.Printf("%q\n", bs)
	rest, _ := io.ReadAll(r)
	fmt.Println(len(rest), strings.Count(string(rest), "\n"))
	_, err = r.ReadByte()
	fmt.Println(err == io.EOF)
	f.Close()

	var sb strings.Builder
	bw := bufio.NewWriter(&sb)
	bw.WriteString("x")
	bw.WriteRune('ü')
	bw.WriteByte('!')
	fmt.Println(sb.Len(), bw.Buffered())
	bw.Flush()
	fmt.Println(sb.String())
	rw := bufio.NewReadWriter(bufio.NewReader(strings.NewReader("in\n")), bufio.NewWriter(os.Stdout))
	s, _ := rw.ReadString('\n')
	rw.WriteString("echo: " + s)
	rw.Flush()
	lr := io.LimitReader(strings.NewReader("0123456789"), 4)
	all, _ := io.ReadAll(lr)
	fmt.Println(string(all))
	mr := io.MultiReader(strings.NewReader("ab"), strings.NewReader("cd"))
	var tee strings.Builder
	tr := io.TeeReader(mr, &tee)
	all, _ = io.ReadAll(tr)
	fmt.Println(string(all), tee.String())
	pr, pw := io.Pipe()
	go func() {
		fmt.Fprint(pw, "through the pipe")
		pw.Close()
	}()
	all, _ = io.ReadAll(pr)
	fmt.Println(string(all))
	sr := io.NewSectionReader(strings.NewReader("0123456789"), 3, 4)
	all, _ = io.ReadAll(sr)
	fmt.Println(string(all), sr.Size())
	var full [3]byte
	_, err = io.ReadFull(strings.NewReader("ab"), full[:])
	fmt.Println(err)
}
