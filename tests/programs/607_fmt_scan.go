package main

import (
	"bufio"
	"fmt"
	"strings"
)

func main() {
	var name string
	var age int
	var h float64
	n, err := fmt.Sscanf("alice 30 1.68", "%s %d %f", &name, &age, &h)
	fmt.Println(n, err, name, age, h)
	var x, y int
	n, err = fmt.Sscanf("pos=(12,-7)", "pos=(%d,%d)", &x, &y)
	fmt.Println(n, err, x, y)
	var hex, oct, bin int
	n, err = fmt.Sscanf("ff 17 101", "%x %o %b", &hex, &oct, &bin)
	fmt.Println(n, err, hex, oct, bin)
	var a, b, c string
	n, err = fmt.Sscan("one  two\nthree", &a, &b, &c)
	fmt.Println(n, err, a, b, c)
	var i1, i2 int
	n, err = fmt.Sscanln("5 6\n7", &i1, &i2)
	fmt.Println(n, err, i1, i2)
	n, err = fmt.Sscanln("5\n6", &i1, &i2)
	fmt.Println(n, err)
	n, err = fmt.Sscan("12abc", &i1)
	fmt.Println(n, err, i1)
	n, err = fmt.Sscan("abc", &i1)
	fmt.Println(n, err)
	n, err = fmt.Sscan("", &i1)
	fmt.Println(n, err)
	var bl bool
	var r rune
	var u uint8
	n, err = fmt.Sscanf("true x 255", "%t %c %d", &bl, &r, &u)
	fmt.Println(n, err, bl, string(r), u)
	n, err = fmt.Sscanf("256", "%d", &u)
	fmt.Println(n, err, u)
	var q string
	n, err = fmt.Sscanf(`"quoted str" rest`, "%q", &q)
	fmt.Println(n, err, q)
	var f32 float32
	var cx complex128
	n, err = fmt.Sscan("3.25e2 (1+2i)", &f32, &cx)
	fmt.Println(n, err, f32, cx)
	n, err = fmt.Sscanf("10-20", "%d-%d-%d", &i1, &i2, &x)
	fmt.Println(n, err, i1, i2)
	rd := strings.NewReader("3\n10 20 30\nend 1.5\n")
	var cnt int
	fmt.Fscan(rd, &cnt)
	sum := 0
	for k := 0; k < cnt; k++ {
		var v int
		fmt.Fscan(rd, &v)
		sum += v
	}
	var word string
	var fl float64
	fmt.Fscan(rd, &word, &fl)
	fmt.Println(cnt, sum, word, fl)
	n, err = fmt.Fscan(rd, &word)
	fmt.Println(n, err)
	br := bufio.NewReader(strings.NewReader("1 2\n3 4\n5 6\n"))
	tot := 0
	for {
		var p, q int
		_, err := fmt.Fscanln(br, &p, &q)
		if err != nil {
			fmt.Println("stop:", err)
			break
		}
		tot += p * q
	}
	fmt.Println("tot", tot)
	var bs []byte
	n, err = fmt.Sscan("bytes!", &bs)
	fmt.Println(n, err, string(bs))
	var s1, s2 string
	n, err = fmt.Sscanf("key:value", "%3s:%s", &s1, &s2)
	fmt.Println(n, err, s1, s2)
	var w1 int
	n, err = fmt.Sscanf("12345", "%3d", &w1)
	fmt.Println(n, err, w1)
	n, err = fmt.Sscanf("1 2", "%d %d", &w1)
	fmt.Println(n, err)
}
