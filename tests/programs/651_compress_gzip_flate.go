package main

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"io"
	"strings"
	"time"
)

func corpus() []byte {
	var b bytes.Buffer
	words := strings.Fields("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua")
	x := uint32(1)
	for i := 0; i < 20000; i++ {
		x = x*1103515245 + 12345
		b.WriteString(words[(x>>16)%uint32(len(words))])
		if i%17 == 16 {
			b.WriteString(".\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.Bytes()
}

func main() {
	data := corpus()
	fmt.Printf("input %d bytes sha256 %x\n", len(data), sha256.Sum256(data))
	for _, level := range []int{flate.NoCompression, flate.BestSpeed, 5, flate.DefaultCompression, flate.BestCompression, flate.HuffmanOnly} {
		var buf bytes.Buffer
		w, err := flate.NewWriter(&buf, level)
		if err != nil {
			fmt.Println(err)
			continue
		}
		w.Write(data)
		w.Close()
		comp := buf.Bytes()
		sum := sha256.Sum256(comp)
		out, err := io.ReadAll(flate.NewReader(bytes.NewReader(comp)))
		fmt.Printf("flate level %2d: %6d bytes %x roundtrip=%v %v\n", level, len(comp), sum[:8], bytes.Equal(out, data), err)
	}
	_, err := flate.NewWriter(io.Discard, 42)
	fmt.Println(err)
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Name = "corpus.txt"
	zw.Comment = "rgo test data"
	zw.ModTime = time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	zw.OS = 3
	zw.Write(data)
	zw.Close()
	fmt.Printf("gzip: %d bytes %x\n", gz.Len(), sha256.Sum256(gz.Bytes()))
	fmt.Printf("header % x\n", gz.Bytes()[:10])
	zr, err := gzip.NewReader(bytes.NewReader(gz.Bytes()))
	if err != nil {
		panic(err)
	}
	back, err := io.ReadAll(zr)
	fmt.Println(zr.Name, zr.Comment, zr.ModTime.UTC(), zr.OS, len(back), bytes.Equal(back, data), err)
	var multi bytes.Buffer
	for i, part := range []string{"first member\n", "second member\n"} {
		w := gzip.NewWriter(&multi)
		w.ModTime = time.Unix(int64(i)*1000, 0)
		w.Write([]byte(part))
		w.Close()
	}
	mr, _ := gzip.NewReader(&multi)
	all, err := io.ReadAll(mr)
	fmt.Printf("%q %v\n", all, err)
	corrupt := bytes.Clone(gz.Bytes())
	corrupt[len(corrupt)-5] ^= 0xff
	cr, _ := gzip.NewReader(bytes.NewReader(corrupt))
	_, err = io.ReadAll(cr)
	fmt.Println("corrupt:", err)
	_, err = gzip.NewReader(strings.NewReader("not gzip data"))
	fmt.Println(err)
	var zb bytes.Buffer
	zlw := zlib.NewWriter(&zb)
	zlw.Write(data[:5000])
	zlw.Close()
	fmt.Printf("zlib: %d bytes %x\n", zb.Len(), sha256.Sum256(zb.Bytes()))
	zlr, _ := zlib.NewReader(&zb)
	zback, _ := io.ReadAll(zlr)
	fmt.Println(bytes.Equal(zback, data[:5000]))
	var db bytes.Buffer
	dw, _ := flate.NewWriterDict(&db, flate.DefaultCompression, []byte("lorem ipsum dolor"))
	dw.Write([]byte("lorem ipsum dolor sit amet lorem ipsum"))
	dw.Flush()
	dw.Close()
	dr := flate.NewReaderDict(&db, []byte("lorem ipsum dolor"))
	dback, _ := io.ReadAll(dr)
	fmt.Println(db.Len(), string(dback))
}
