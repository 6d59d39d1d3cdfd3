package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
)

func main() {
	var b bytes.Buffer
	b.WriteString("hello")
	b.WriteByte(' ')
	b.WriteRune('世')
	b.Write([]byte("!!"))
	fmt.Fprintf(&b, " %d", 42)
	fmt.Println(b.String(), b.Len())
	p := make([]byte, 3)
	n, err := b.Read(p)
	fmt.Println(n, err, string(p), b.Len())
	c, _ := b.ReadByte()
	fmt.Println(string(c))
	b.UnreadByte()
	r, size, _ := b.ReadRune()
	fmt.Println(string(r), size)
	line, err := b.ReadString('!')
	fmt.Printf("%q %v\n", line, err)
	rest, err := b.ReadBytes('x')
	fmt.Printf("%q %v\n", rest, err)
	n, err = b.Read(p)
	fmt.Println(n, err)
	b.Reset()
	b.Grow(100)
	fmt.Println(b.Len(), b.Cap() >= 100)
	b.WriteString("truncate me")
	b.Truncate(8)
	fmt.Println(b.String(), string(b.Next(3)), b.String())
	var dst bytes.Buffer
	k, _ := io.Copy(&dst, strings.NewReader("copied through io.Copy"))
	fmt.Println(k, dst.String())
	var out strings.Builder
	m, _ := dst.WriteTo(&out)
	fmt.Println(m, out.String(), dst.Len())
	bb := bytes.NewBufferString("line1\nline2\nline3")
	for {
		l, err := bb.ReadString('\n')
		fmt.Printf("%q ", l)
		if err != nil {
			fmt.Println(err)
			break
		}
	}
	var sb strings.Builder
	for i := 0; i < 5; i++ {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(&sb, "%d^2=%d", i, i*i)
	}
	sb.WriteByte('.')
	sb.WriteRune('é')
	fmt.Println(sb.String(), sb.Len())
	sb.Reset()
	fmt.Printf("%q %d\n", sb.String(), sb.Len())
	x := []byte("  Hello, Gophers!  ")
	fmt.Printf("%q %q %q\n", bytes.TrimSpace(x), bytes.ToUpper(x), bytes.Title(bytes.TrimSpace(x)))
	fmt.Println(bytes.Equal([]byte("a"), []byte("a")), bytes.Compare([]byte("a"), []byte("b")), bytes.Contains(x, []byte("Go")), bytes.Index(x, []byte("o")), bytes.Count(x, []byte("o")))
	fmt.Printf("%q\n", bytes.Split([]byte("a:b:c"), []byte(":")))
	fmt.Printf("%q\n", bytes.Fields([]byte(" f1 f2  f3 ")))
	fmt.Printf("%s\n", bytes.Join([][]byte{[]byte("x"), []byte("y")}, []byte("+")))
	fmt.Printf("%s\n", bytes.Map(unicode.ToUpper, []byte("map me")))
	fmt.Printf("%s %s\n", bytes.ReplaceAll([]byte("aaa"), []byte("a"), []byte("bb")), bytes.Repeat([]byte("-"), 5))
	bef, aft, ok := bytes.Cut([]byte("k:v"), []byte(":"))
	fmt.Printf("%s %s %v\n", bef, aft, ok)
	rd := bytes.NewReader([]byte("0123456789"))
	rd.Seek(4, io.SeekStart)
	q := make([]byte, 3)
	rd.Read(q)
	fmt.Println(string(q), rd.Len())
	rd.Seek(-2, io.SeekEnd)
	all, _ := io.ReadAll(rd)
	fmt.Println(string(all))
	fmt.Println(bytes.HasPrefix([]byte("golang"), []byte("go")), bytes.EqualFold([]byte("Go"), []byte("GO")), bytes.IndexByte([]byte("abc"), 'c'))
}
