package main

type Vec struct {
	X, Y float64
}

type Rect struct {
	Min, Max Vec
	Name     string
	Tags     [2]string
}

func area(r Rect) float64 {
	return (r.Max.X - r.Min.X) * (r.Max.Y - r.Min.Y)
}

func grow(r Rect, d float64) Rect {
	r.Max.X += d
	r.Max.Y += d
	return r
}

func growPtr(r *Rect, d float64) {
	r.Max.X += d
	r.Max.Y += d
}

type Node struct {
	Val   int
	Left  *Node
	Right *Node
}

func insert(n *Node, v int) *Node {
	if n == nil {
		return &Node{Val: v}
	}
	if v < n.Val {
		n.Left = insert(n.Left, v)
	} else {
		n.Right = insert(n.Right, v)
	}
	return n
}

func walk(n *Node) {
	if n == nil {
		return
	}
	walk(n.Left)
	print(n.Val, " ")
	walk(n.Right)
}

func height(n *Node) int {
	if n == nil {
		return 0
	}
	return 1 + max(height(n.Left), height(n.Right))
}

func main() {
	r := Rect{Min: Vec{0, 0}, Max: Vec{3, 4}, Name: "r"}
	println(area(r), r.Name, r.Tags[0] == "")
	r2 := grow(r, 1)
	println(area(r), area(r2))
	growPtr(&r, 2)
	println(area(r), r.Max.X)
	// struct copies are deep for value fields
	r3 := r
	r3.Tags[1] = "t"
	r3.Min.X = -1
	println(r.Tags[1] == "", r.Min.X, r3.Min.X)
	// zero value
	var z Rect
	println(z.Min.X, z.Name == "", z == Rect{})
	// positional literal and partial keyed
	v := Vec{1.5, -2}
	w := Vec{Y: 7}
	println(v.X, v.Y, w.X, w.Y)
	// nested pointer struct: binary tree
	var root *Node
	for _, x := range []int{50, 30, 70, 20, 40, 60, 80, 35, 45, 65} {
		root = insert(root, x)
	}
	walk(root)
	println()
	println("height", height(root), root.Left.Right.Left.Val)
	// struct with embedded array and fields of many types
	type Mixed struct {
		b   bool
		i8  int8
		u16 uint16
		f32 float32
		i64 int64
		s   string
		c   complex128
		p   *int
		sl  []int
	}
	m := Mixed{true, -1, 65535, 0.5, 1 << 40, "str", 1i, nil, nil}
	println(m.b, m.i8, m.u16, m.f32, m.i64, m.s, m.c, m.p == nil, m.sl == nil)
	m2 := m
	m2.sl = append(m2.sl, 1)
	println(len(m.sl), len(m2.sl))
	// field assignment through slice elements and array elements
	vs := []Vec{{1, 1}, {2, 2}}
	vs[1].X = 20
	arr := [2]Vec{}
	arr[0].Y = 9
	println(vs[1].X, arr[0].Y)
	// swap struct values
	a, b := Vec{1, 2}, Vec{3, 4}
	a, b = b, a
	println(a.X, b.X)
}
