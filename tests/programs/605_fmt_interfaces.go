package main

import (
	"errors"
	"fmt"
	"strings"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Secret string

func (s Secret) GoString() string { return `Secret("***")` }

type Matrix [2][2]int

func (m Matrix) Format(f fmt.State, verb rune) {
	w, hasW := f.Width()
	p, hasP := f.Precision()
	fmt.Fprintf(f, "Matrix<%c w=%d,%t p=%d,%t plus=%t minus=%t sharp=%t zero=%t space=%t>", verb, w, hasW, p, hasP,
		f.Flag('+'), f.Flag('-'), f.Flag('#'), f.Flag('0'), f.Flag(' '))
	fmt.Fprint(f, m[0], m[1])
}

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprintf("myerr %d", e.Code) }

type Both struct{}

func (Both) Error() string  { return "as error" }
func (Both) String() string { return "as stringer" }

type Panicky struct{ fail bool }

func (p *Panicky) String() string {
	if p.fail {
		panic("boom in String")
	}
	return "fine"
}

type NilStr struct{}

func (n *NilStr) String() string {
	if n == nil {
		return "<nil NilStr>"
	}
	return "NilStr"
}

type wrapper struct {
	C   Celsius
	S   Secret
	E   error
	Ptr *Celsius
}

func main() {
	c := Celsius(21.55)
	fmt.Println(c, &c)
	fmt.Printf("%v %s %d %.3f %q %x %#v\n", c, c, c, c, c, c, c)
	fmt.Printf("%v %s %#v %+v\n", Secret("pw"), Secret("pw"), Secret("pw"), Secret("pw"))
	m := Matrix{{1, 2}, {3, 4}}
	fmt.Printf("%v|%+8.3x|%-#d|% 05s\n", m, m, m, m)
	fmt.Println(m)
	var e error = &MyErr{42}
	fmt.Println(e)
	fmt.Printf("%v %s %q %d %+v\n", e, e, e, e, e)
	fmt.Printf("%v %s\n", Both{}, Both{})
	fmt.Printf("%v|%s|%d\n", &Panicky{true}, &Panicky{false}, &Panicky{true})
	var nilp *Panicky
	fmt.Printf("%v %s\n", nilp, nilp)
	var ns *NilStr
	fmt.Println(ns, &NilStr{})
	w := wrapper{C: 1.5, S: "x", E: errors.New("inner"), Ptr: &c}
	fmt.Printf("%v\n%+v\n", w, w)
	fmt.Printf("%s\n", []Celsius{1, 2})
	fmt.Printf("%v\n", map[Celsius]Secret{3: "a", 1: "b"})
	fmt.Printf("%#v\n", []Secret{"a", "b"})
	var sb strings.Builder
	fmt.Fprintf(&sb, "%v and %v", c, e)
	fmt.Println(sb.String(), sb.Len())
	var st fmt.Stringer = c
	fmt.Printf("%T %T %T\n", st, e, m)
	fmt.Println(fmt.Sprint(c, e, Both{}), fmt.Sprintln(c, "x"))
	fmt.Printf("%v %v\n", errors.New("plain"), fmt.Errorf("wrapped: %w", e))
}
