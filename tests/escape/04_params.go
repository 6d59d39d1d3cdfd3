package main

type T struct{ p *int }

var sink any
var psink **int

func leak(p *int)           { psink = &p }
func toResult(p *int) *int  { return p }
func content(t *T) *int     { return t.p }
func noEscape(p *int) int   { return *p }
func iface(x int)           { sink = x }
func slices(s []int) []int  { return s[1:] }
func appendTo(s []int) []int { return append(s, 1) }

func main() {
	a, b := 1, 2
	leak(&a)
	println(*toResult(&b))
	v := 5
	println(*content(&T{&v}))
	c := 3
	println(noEscape(&c))
	iface(7)
	s := make([]int, 3)
	println(len(slices(s)), len(appendTo(s)))
}
