package main

type Point struct{ X, Y int }

func (p Point) Sum() int         { return p.X + p.Y }
func (p Point) Scaled(k int) Point { return Point{p.X * k, p.Y * k} }
func (p *Point) Move(dx, dy int)  { p.X += dx; p.Y += dy }
func (p *Point) Get() Point       { return *p }

type Num float64

func (n Num) Add(m Num) Num { return n + m }

func apply(f func(int) Point, k int) Point { return f(k) }

func main() {
	// method expressions
	sum := Point.Sum
	scaled := Point.Scaled
	move := (*Point).Move
	psum := (*Point).Sum // value method via pointer type
	p := Point{1, 2}
	println(sum(p), scaled(p, 3).X, psum(&p))
	move(&p, 10, 20)
	println(p.X, p.Y)
	add := Num.Add
	println(add(1.5, 2.25))
	// method values bind the receiver at evaluation time
	q := Point{5, 5}
	qs := q.Sum // copies q now
	q.X = 100
	println(qs(), q.Sum())
	mv := q.Move // binds &q
	mv(1, 1)
	mv(1, 1)
	println(q.X, q.Y)
	sc := q.Scaled
	println(apply(sc, 2).Y)
	// pointer receiver method value from pointer
	pp := &Point{7, 8}
	get := pp.Get
	pp.X = 70
	println(get().X) // sees the update through the pointer
	vs := pp.Sum // value method through pointer: copies *pp now
	pp.X = 700
	println(vs())
	// slices of method values
	pts := []Point{{1, 1}, {2, 2}, {3, 3}}
	var fns []func() int
	for _, pt := range pts {
		fns = append(fns, pt.Sum)
	}
	for i := range pts {
		pts[i].X = 0
	}
	for _, f := range fns {
		print(f(), " ")
	}
	println()
	// method expression in a table
	ops := []func(Point, int) Point{Point.Scaled}
	println(ops[0](Point{2, 3}, 4).Sum())
	moves := []func(*Point, int, int){(*Point).Move}
	moves[0](&p, -11, -22)
	println(p.X, p.Y)
}
