package main

// Go 1.27 lets a struct literal name a promoted field of an embedded struct
// (internal/poll's newPipe does: &splicePipe{rfd: ..., wfd: ...}). The values must
// land in the embedded struct; io.Copy between TCP connections goes through that
// code (splice through a pipe).

import (
	"fmt"
	"io"
	"net"
)

type fields struct {
	rfd  int
	wfd  int
	data int
}

type deeper struct{ z string }

type mid struct {
	deeper
	y int
}

type Inner struct{ A, B string }

type pipe struct {
	fields
	mid
	x int
	*Inner
}

func main() {
	var fds [2]int
	fds[0], fds[1] = 7, 8
	p := &pipe{rfd: fds[0], wfd: fds[1], x: 3, z: "deep", y: 4}
	fmt.Println(p.rfd, p.wfd, p.data, p.x, p.y, p.z)
	q := pipe{data: 5, Inner: &Inner{B: "b"}}
	fmt.Println(q.rfd, q.wfd, q.data, q.x, q.B)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	done := make(chan int64)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			panic(err)
		}
		n, err := io.Copy(c, c)
		if err != nil {
			fmt.Println("copy:", err)
		}
		c.Close()
		done <- n
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		panic(err)
	}
	fmt.Fprintf(c, "ping %d\n", 7)
	buf := make([]byte, 7)
	k, err := io.ReadFull(c, buf)
	fmt.Printf("%d %v %q\n", k, err, buf)
	c.(*net.TCPConn).CloseWrite()
	fmt.Println("echoed", <-done)
}
