package main

import "unsafe"

type Vec[T any] []T

type Str interface{ ~string | ~[]byte }

func ToBytes[T Str](x T) []byte { return []byte(x) }
func ToString[T Str](x T) string { return string(x) }

func Size[T any](x T) uintptr { return unsafe.Sizeof(x) }

func Worker[T any](ch chan<- T, v T, done chan bool) {
	ch <- v
	done <- true
}

func Count[T ~int](n T) T {
	var s T
	for i := range n {
		s += i
	}
	return s
}

type Shower interface{ Show() string }

type Item struct{ s string }

func (i Item) Show() string { return i.s }

func AsShower[T Shower](x T) Shower { return x }

func Sel[T any](a, b chan T) T {
	select {
	case v := <-a:
		return v
	case v := <-b:
		return v
	}
}

type Num interface{ ~int | ~float64 }

func Avg[T Num](xs ...T) T {
	if len(xs) == 0 {
		return 0
	}
	var s T
	for _, x := range xs {
		s += x
	}
	return s / T(len(xs))
}

func PtrOf[T any](v T) *T { return &v }

func Arr[T any, N ~int](x T) [3]T {
	var a [3]T
	for i := range a {
		a[i] = x
	}
	return a
}

func main() {
	var v Vec[int] = []int{1, 2}
	println(len(v))
	println(len(ToBytes("abc")), ToString([]byte{'h', 'i'}))
	println(Size(int8(1)), Size("s"), Size(struct{ a, b int64 }{}), Size([3]int16{}))
	ch := make(chan string, 1)
	done := make(chan bool)
	go Worker(ch, "from goroutine", done)
	<-done
	println(<-ch)
	println(Count(5), Count(10))
	println(AsShower(Item{"shown"}).Show())
	a, b := make(chan float64, 1), make(chan float64)
	a <- 2.5
	println(Sel(a, b))
	println(Avg(1, 2, 4), Avg(1.0, 2.0), Avg[int]())
	p := PtrOf(42)
	*p++
	println(*p)
	arr := Arr[string, int]("z")
	println(arr[0] + arr[2])
	fs := []func(int) int{Count[int]}
	println(fs[0](4))
}
