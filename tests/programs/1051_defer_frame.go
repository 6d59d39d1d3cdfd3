package main

// Deferred calls that reach the deferring function's locals: rgo runs them after the body's
// frame is gone, so what they can reach must be on the heap, while the rest of the body's
// allocations stay on the stack (escape analysis, "defer_reach").

import (
	"errors"
	"fmt"
	"strings"
)

type acc struct {
	vals []int
	name string
}

func (a *acc) add(v int) { a.vals = append(a.vals, v) }

func (a acc) show() { fmt.Println("show", a.name, a.vals) }

func report(p *int, s []int, m map[string]int, a *acc) {
	fmt.Println("report", *p, s, len(m), a.name, a.vals)
}

func pointerArgs() {
	x := 41
	arr := [4]int{1, 2, 3, 4}
	m := map[string]int{"a": 1}
	a := &acc{name: "local"}
	defer report(&x, arr[1:3], m, a)
	x++
	arr[1] = 20
	a.add(7)
	tmp := &acc{name: "tmp"} // not reached by the defer: may stay on the stack
	tmp.add(1)
	fmt.Println("tmp", tmp.vals)
}

func closureCapture() (out string) {
	var b strings.Builder
	n := 0
	defer func() {
		b.WriteString(fmt.Sprint("n=", n))
		out = b.String()
	}()
	for i := 0; i < 5; i++ {
		n += i
		b.WriteByte('a' + byte(i))
	}
	return "ignored"
}

func methodValues() {
	a := acc{name: "mv"}
	defer a.show() // receiver copied now
	p := &acc{name: "ptr"}
	defer p.add(99) // pointer receiver: p reached
	defer func() { fmt.Println("ptr vals", p.vals) }()
	a.vals = append(a.vals, 1)
	p.add(1)
}

func recovered() (err error) {
	buf := make([]byte, 0, 16)
	defer func() {
		if r := recover(); r != nil {
			err = errors.New(fmt.Sprint("recovered: ", r, " buf=", string(buf)))
		}
	}()
	buf = append(buf, "hello"...)
	var arr []int
	_ = arr[len(buf)]
	return nil
}

func loopDefers() {
	for i := 0; i < 3; i++ {
		v := i * 10
		defer func() { fmt.Println("loop defer", v) }()
		q := &v
		defer fmt.Println("loop ptr", *q)
	}
}

type node struct {
	next *node
	val  int
}

func chain() int {
	head := &node{val: 1}
	head.next = &node{val: 2}
	head.next.next = &node{val: 3}
	total := 0
	defer func(h *node) {
		for n := h; n != nil; n = n.next {
			total += n.val
		}
		fmt.Println("chain total", total)
	}(head)
	head.next.next.val = 30
	return total
}

func deep(n int) (r int) {
	vals := [3]int{n, n + 1, n + 2}
	defer func() { r = vals[0] + vals[1] + vals[2] }()
	if n > 0 {
		vals[2] += deep(n - 1)
	}
	return 0
}

func main() {
	pointerArgs()
	fmt.Println(closureCapture())
	methodValues()
	fmt.Println(recovered())
	loopDefers()
	fmt.Println("chain returned", chain())
	fmt.Println("deep", deep(10))
}
