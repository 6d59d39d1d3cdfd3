package main

type T struct {
	a int
	b [3]int
	n *T
}

func inc(p *int) { *p++ }

func newCounter() *int {
	c := 0 // escapes to the heap
	return &c
}

func swap(a, b *int) { *a, *b = *b, *a }

func main() {
	x := 1
	p := &x
	*p = 2
	inc(p)
	inc(&x)
	println(x, *p, p == &x)
	q := new(int)
	println(*q, q != nil, q != p)
	*q = 10
	pp := &q
	**pp = 11
	println(*q)
	c1 := newCounter()
	c2 := newCounter()
	*c1 += 5
	println(*c1, *c2, c1 != c2)
	a, b := 1, 2
	swap(&a, &b)
	println(a, b)
	// pointers to structs auto-deref
	t := &T{a: 1}
	t.a++
	t.b[2] = 5
	(*t).a *= 10
	println(t.a, (*t).b[2], t.n == nil)
	t.n = new(T)
	t.n.a = 99
	t.n.n = t
	println(t.n.a, t.n.n.a, t.n.n.n.n.a)
	// pointer to array element and to struct field
	arr := [4]int{1, 2, 3, 4}
	e := &arr[2]
	*e = 30
	f := &t.b[0]
	*f = -1
	println(arr[2], t.b[0])
	// pointers into slices stay valid across reslicing
	s := []int{1, 2, 3}
	ps := &s[1]
	s = s[:1]
	*ps = 20
	s = s[:3]
	println(s[1])
	// new of composite types
	np := new([3]string)
	np[1] = "mid"
	ns := new(T)
	ns.b[1] = 7
	nsl := new([]int)
	*nsl = append(*nsl, 1, 2)
	println(np[1], len(np), ns.b[1], len(*nsl))
	// nil comparisons
	var nilp *T
	var nilInt *int
	println(nilp == nil, nilInt == nil, nilp, nilInt)
	// linked list through pointers
	var head *T
	for i := 0; i < 5; i++ {
		head = &T{a: i, n: head}
	}
	for n := head; n != nil; n = n.n {
		print(n.a, " ")
	}
	println()
	// pointer identity of distinct zero-size allocations is unspecified; don't print it
	// pointer to loop variable: per-iteration variables (Go 1.22)
	var ptrs []*int
	for i := 0; i < 3; i++ {
		ptrs = append(ptrs, &i)
	}
	println(*ptrs[0], *ptrs[1], *ptrs[2])
}
