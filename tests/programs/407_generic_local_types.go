package main

import "reflect"

func F[T any](x T) any {
	type local struct{ a T }
	type other int
	return []any{local{x}, other(1)}
}

type List[T any] struct{ head any }

// A recursive local type in a method of a generic type.
func (l *List[T]) Push(v T) {
	type node struct {
		v    T
		next *node
	}
	n := &node{v: v}
	if h, ok := l.head.(*node); ok {
		n.next = h
	}
	l.head = n
}

func (l *List[T]) Len() int {
	type node struct{ x T }
	_ = node{}
	return 0
}

func main() {
	var l List[float64]
	l.Push(1)
	l.Push(2)
	println(reflect.TypeOf(l.head).String())
	v := F[int](3).([]any)
	println(reflect.TypeOf(v[0]).String(), reflect.TypeOf(v[1]).String())
	w := F("s").([]any)
	println(reflect.TypeOf(w[0]).String(), reflect.TypeOf(w[1]).String(), w[1] == v[1])
	_ = v[0].(string)
}
