package main

func Zero[T any]() T {
	var z T
	return z
}

func Pair[K comparable, V any](k K, v V) {}

func main() {
	x := Zero()
	Pair[[]int](nil, 1)
	println(x)
}
