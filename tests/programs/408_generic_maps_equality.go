package main

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Grid[T comparable] struct {
	cells [2][2]T
}

func (g *Grid[T]) Set(i, j int, v T) { g.cells[i][j] = v }

type Cache[K comparable, V any] struct {
	m     map[K]V
	order []K
}

func NewCache[K comparable, V any]() *Cache[K, V] {
	return &Cache[K, V]{m: make(map[K]V)}
}

func (c *Cache[K, V]) Put(k K, v V) {
	if _, ok := c.m[k]; !ok {
		c.order = append(c.order, k)
	}
	c.m[k] = v
}

func (c *Cache[K, V]) Get(k K) (V, bool) {
	v, ok := c.m[k]
	return v, ok
}

type Event[T any] struct {
	ID   int
	Data T
}

func Pipe[T any](in []T) <-chan Event[T] {
	ch := make(chan Event[T], len(in))
	for i, x := range in {
		ch <- Event[T]{i, x}
	}
	close(ch)
	return ch
}

type Ordered interface {
	~int | ~int64 | ~float64 | ~string
}

func SortSlice[T Ordered](xs []T) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

func main() {
	m := map[Pair[int, string]]int{}
	m[Pair[int, string]{1, "a"}] = 10
	m[Pair[int, string]{1, "a"}]++
	m[Pair[int, string]{2, "a"}] = 5
	println(len(m), m[Pair[int, string]{1, "a"}])
	var g1, g2 Grid[string]
	g1.Set(0, 1, "x")
	println(g1 == g2)
	g2.Set(0, 1, "x")
	println(g1 == g2)
	c := NewCache[Pair[string, float64], []int]()
	c.Put(Pair[string, float64]{"k", 1.5}, []int{1, 2})
	c.Put(Pair[string, float64]{"k", 1.5}, []int{3})
	v, ok := c.Get(Pair[string, float64]{"k", 1.5})
	println(len(c.order), len(v), v[0], ok)
	_, ok = c.Get(Pair[string, float64]{"k", 2})
	println(ok)
	for e := range Pipe([]string{"p", "q"}) {
		print(e.ID, e.Data, " ")
	}
	println()
	xs := []string{"pear", "apple", "fig"}
	SortSlice(xs)
	println(xs[0], xs[1], xs[2])
	fs := []float64{2.5, -1, 0}
	SortSlice(fs)
	println(fs[0], fs[2])
	var ia any = Grid[int]{}
	var ib any = Grid[int]{}
	println(ia == ib)
	mi := map[any]int{Pair[int, int]{1, 2}: 1, Pair[int, string]{1, "2"}: 2}
	println(mi[Pair[int, int]{1, 2}], mi[Pair[int, string]{1, "2"}], len(mi))
}
