package main

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	x := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return x, true
}

func (s Stack[T]) Len() int { return len(s.items) }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) Swap() Pair[string, K] { return Pair[string, K]{"swapped", p.Key} }

func MakePair[K comparable, V any](k K, v V) Pair[K, V] { return Pair[K, V]{k, v} }

type List[T any] struct {
	head *node[T]
	size int
}

type node[T any] struct {
	val  T
	next *node[T]
}

func (l *List[T]) Push(v T) {
	l.head = &node[T]{v, l.head}
	l.size++
}

func (l *List[T]) Each(f func(T)) {
	for n := l.head; n != nil; n = n.next {
		f(n.val)
	}
}

func (l *List[T]) Reverse() *List[T] {
	r := &List[T]{}
	l.Each(r.Push)
	return r
}

type Tree[T interface{ ~int | ~string }] struct {
	Left, Right *Tree[T]
	Val         T
}

func (t *Tree[T]) Insert(v T) *Tree[T] {
	if t == nil {
		return &Tree[T]{Val: v}
	}
	if v < t.Val {
		t.Left = t.Left.Insert(v)
	} else {
		t.Right = t.Right.Insert(v)
	}
	return t
}

func (t *Tree[T]) Walk(f func(T)) {
	if t == nil {
		return
	}
	t.Left.Walk(f)
	f(t.Val)
	t.Right.Walk(f)
}

type Set[T comparable] map[T]struct{}

func (s Set[T]) Add(v T)           { s[v] = struct{}{} }
func (s Set[T]) Has(v T) bool      { _, ok := s[v]; return ok }
func NewSet[T comparable]() Set[T] { return make(Set[T]) }

type Opt[T any] struct {
	v  T
	ok bool
}

func Some[T any](v T) Opt[T] { return Opt[T]{v, true} }

func (o Opt[T]) Get() T {
	if !o.ok {
		panic("empty option")
	}
	return o.v
}

type Named struct {
	Stack[string]
	name string
}

type Matrix[T ~float64 | ~int] [2][2]T

func (m Matrix[T]) Det() T { return m[0][0]*m[1][1] - m[0][1]*m[1][0] }

func main() {
	var s Stack[int]
	for i := 0; i < 5; i++ {
		s.Push(i * 10)
	}
	println(s.Len())
	for {
		v, ok := s.Pop()
		if !ok {
			break
		}
		print(v, " ")
	}
	println()
	ps := &Stack[Pair[string, int]]{}
	ps.Push(MakePair("a", 1))
	ps.Push(Pair[string, int]{Key: "b", Val: 2})
	top, _ := ps.Pop()
	println(top.Key, top.Val, ps.Len())
	sw := MakePair(42, 1.5).Swap()
	println(sw.Key, sw.Val)
	var l List[string]
	l.Push("x")
	l.Push("y")
	l.Push("z")
	l.Reverse().Each(func(s string) { print(s) })
	println(" size", l.size)
	var t *Tree[int]
	for _, v := range []int{5, 3, 8, 1, 4, 9} {
		t = t.Insert(v)
	}
	t.Walk(func(v int) { print(v, ",") })
	println()
	var ts *Tree[string]
	ts = ts.Insert("m").Insert("a").Insert("z")
	ts.Walk(func(v string) { print(v) })
	println()
	set := NewSet[string]()
	set.Add("go")
	println(set.Has("go"), set.Has("c"), len(set))
	o := Some(3.25)
	println(o.Get())
	var n Named
	n.Push("embedded")
	n.name = "n"
	v, _ := n.Pop()
	println(v, n.Len(), n.name)
	push := s.Push
	push(77)
	pop := (*Stack[int]).Pop
	w, ok := pop(&s)
	println(w, ok)
	m := Matrix[int]{{3, 8}, {4, 6}}
	println(m.Det(), Matrix[float64]{{1, 2}, {3, 4}}.Det())
	println(Opt[int]{}.ok)
	defer func() { println("recovered:", recover().(string)) }()
	Opt[string]{}.Get()
}
