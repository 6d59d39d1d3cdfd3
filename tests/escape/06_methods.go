package main

type C struct{ n int }

func (c *C) Inc()     { c.n++ }
func (c C) Get() int  { return c.n }

var keep func()

func main() {
	var c C
	c.Inc()
	f := c.Inc
	f()
	keep = c.Inc
	keep()
	g := c.Get
	println(c.n, g())
	d := &C{10}
	d.Inc()
	println(d.Get())
}
