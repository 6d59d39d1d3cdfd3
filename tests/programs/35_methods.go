package main

type Counter struct {
	name string
	n    int
}

func (c Counter) Get() int       { return c.n }
func (c Counter) Label() string  { return c.name }
func (c *Counter) Inc()          { c.n++ }
func (c *Counter) Add(k int) int { c.n += k; return c.n }
func (c Counter) IncCopy() int   { c.n++; return c.n }

type MyInt int

func (m MyInt) Double() MyInt  { return m * 2 }
func (m *MyInt) Set(v MyInt)   { *m = v }
func (m MyInt) IsEven() bool   { return m%2 == 0 }
func (m MyInt) Plus(o MyInt) MyInt { return m + o }

type List []int

func (l List) Sum() (s int) {
	for _, v := range l {
		s += v
	}
	return
}
func (l *List) Push(v int) { *l = append(*l, v) }

type Str string

func (s Str) Len() int { return len(s) }

type Grid [2][2]int

func (g Grid) Trace() int { return g[0][0] + g[1][1] }
func (g *Grid) Scale(k int) {
	for i := range g {
		for j := range g[i] {
			g[i][j] *= k
		}
	}
}

func main() {
	c := Counter{name: "c"}
	c.Inc() // automatic &c
	c.Inc()
	println(c.Get(), c.Label(), c.Add(10))
	println(c.IncCopy(), c.Get()) // value receiver works on a copy
	p := &c
	p.Inc()
	println(p.Get(), (*p).Get(), p.IncCopy()) // automatic *p
	var m MyInt = 21
	println(m.Double(), m.IsEven(), m.Double().IsEven(), m.Plus(1).Double())
	m.Set(5)
	println(m)
	var l List
	l.Push(1)
	l.Push(2)
	l.Push(3)
	println(l.Sum(), len(l))
	println(Str("hello").Len(), MyInt(7).Double())
	g := Grid{{1, 2}, {3, 4}}
	g.Scale(3)
	println(g.Trace(), g[0][1])
	// methods on slice elements and map values
	cs := []Counter{{"a", 0}, {"b", 10}}
	cs[1].Inc()
	println(cs[1].Get())
	mp := map[string]Counter{"x": {"x", 7}}
	println(mp["x"].Get(), mp["x"].IncCopy())
	// methods on struct fields through pointers
	type Holder struct{ c *Counter }
	h := Holder{&Counter{"h", 100}}
	h.c.Inc()
	println(h.c.Get(), h.c.n)
	// chain of value receivers
	println(MyInt(1).Double().Double().Double().Plus(-8).IsEven())
}
