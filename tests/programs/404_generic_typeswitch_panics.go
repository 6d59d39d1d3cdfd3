package main

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Stringer interface{ String() string }

type ID int

func (i ID) String() string { return "ID" }

func Kind[T any](x T) string {
	switch v := any(x).(type) {
	case nil:
		return "nil"
	case int:
		return "int"
	case string:
		return "string:" + v
	case Pair[int, string]:
		return "pair:" + v.Val
	case Stringer:
		return "stringer:" + v.String()
	case []T:
		return "slice of T"
	}
	return "other"
}

func Is[T any](x any) bool {
	_, ok := x.(T)
	return ok
}

func As[T any](x any) T { return x.(T) }

func Same[T any](x, y any) bool {
	switch x.(type) {
	case T:
		switch y.(type) {
		case T:
			return true
		}
	}
	return false
}

func Eq[T comparable](a, b T) bool { return a == b }

type Container[T any] struct{ items []T }

func (c *Container[T]) At(i int) T { return c.items[i] }

func main() {
	println(Kind(1), Kind("s"), Kind(Pair[int, string]{1, "v"}), Kind(ID(3)), Kind(2.5))
	println(Kind[any](nil), Kind([]float64{}))
	println(Is[int](1), Is[string](1), Is[Stringer](ID(1)), Is[Pair[string, int]](Pair[string, int]{}))
	println(As[string]("x"), As[Pair[int, string]](Pair[int, string]{2, "w"}).Val)
	println(Same[int](1, 2), Same[int](1, "2"), Same[error](nil, nil))
	println(Eq(1, 1), Eq("a", "b"), Eq[any](1, 1), Eq[any](1, "1"))
	println(Eq(Pair[int, string]{1, "a"}, Pair[int, string]{1, "a"}))
	var a any = Pair[int, string]{1, "a"}
	var b any = Pair[int, string]{1, "a"}
	println(a == b)
	func() {
		defer func() { println("1:", recover().(error).Error()) }()
		println(As[int](a))
	}()
	func() {
		defer func() { println("2:", recover().(error).Error()) }()
		println(As[Stringer](Pair[ID, ID]{}))
	}()
	func() {
		defer func() { println("3:", recover().(error).Error()) }()
		println(Eq[any]([]int{1}, []int{1}))
	}()
	func() {
		defer func() { println("4:", recover().(error).Error()) }()
		var c Container[Pair[string, []byte]]
		println(c.At(3).Key)
	}()
	println(As[Pair[string, int]](a).Key)
}
