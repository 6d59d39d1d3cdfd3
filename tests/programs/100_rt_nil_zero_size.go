package main

// Dereferencing a nil pointer to a zero-size value panics although nothing is loaded: *p,
// p.f, a value method through p, and a method value through a nil embedded pointer.

type E struct{}

func (E) M() int { return 1 }

type Outer struct{ *E }

var sink E
var arr [0]int

func try(name string, f func()) {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok {
			println(name+":", err.Error())
		} else {
			println(name+": no panic")
		}
	}()
	f()
}

func main() {
	var p *E
	var q *[0]int
	var f func() int
	try("deref", func() { sink = *p })
	try("value method", func() { p.M() })
	try("array deref", func() { arr = *q })
	try("field", func() { var pp *struct{ e E }; sink = pp.e })
	try("method value", func() { var o Outer; f = o.M })
	try("len of nil array pointer", func() { println(len(q)) })
	try("address of field", func() { var pp *struct{ e E }; _ = &pp.e })
	var o Outer
	println(f == nil, o.E == nil)
	sink = *p
}
