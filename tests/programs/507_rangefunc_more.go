package main

type Tree struct {
	left, right *Tree
	val         int
}

func (t *Tree) All(yield func(int) bool) {
	t.walk(yield)
}

func (t *Tree) walk(yield func(int) bool) bool {
	if t == nil {
		return true
	}
	return t.left.walk(yield) && yield(t.val) && t.right.walk(yield)
}

func insert(t *Tree, v int) *Tree {
	if t == nil {
		return &Tree{val: v}
	}
	if v < t.val {
		t.left = insert(t.left, v)
	} else {
		t.right = insert(t.right, v)
	}
	return t
}

func Sum[S ~func(func(int) bool)](s S) (total int) {
	for v := range s {
		total += v
	}
	return
}

func Keys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func upto(n int) func(func(int, int) bool) {
	return func(yield func(int, int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i, i*i) {
				return
			}
		}
	}
}

func inClosure() int {
	f := func() int {
		c := 0
		for i, sq := range upto(4) {
			c += i + sq
		}
		return c
	}
	return f()
}

func gotoInside() {
	for i := range upto(3) {
		if i == 1 {
			goto skip
		}
		println("not skipped", i)
	skip:
		println("after label", i)
	}
}

func nestedPlain() (string, int) {
	for i := range upto(5) {
		for j := 0; j < 5; j++ {
			switch {
			case j > i:
				continue
			case i+j == 6:
				return "hit", i*10 + j
			}
		}
	}
	return "miss", 0
}

func withSelect(ch chan int) int {
	n := 0
	for i := range upto(10) {
		select {
		case v := <-ch:
			n += v
			if v == 3 {
				break
			}
		default:
			return n + i*1000
		}
	}
	return n
}

func goroutineBody() int {
	done := make(chan int)
	total := 0
	for i := range upto(3) {
		go func() { done <- i }()
		total += <-done
	}
	return total
}

func main() {
	var t *Tree
	for _, v := range []int{5, 3, 8, 1, 4, 9, 7} {
		t = insert(t, v)
	}
	for v := range t.All {
		print(v, " ")
		if v == 7 {
			break
		}
	}
	println()
	println("sum", Sum(t.All))
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	n := 0
	for k := range Keys(m) {
		n += m[k]
	}
	println("keys", n)
	println("inClosure", inClosure())
	gotoInside()
	println(nestedPlain())
	ch := make(chan int, 5)
	ch <- 1
	ch <- 2
	ch <- 3
	println("select", withSelect(ch))
	println("goroutines", goroutineBody())
	var nilSeq func(func(int) bool)
	defer func() {
		println("recovered:", recover().(error).Error())
	}()
	for x := range nilSeq {
		println(x)
	}
}
