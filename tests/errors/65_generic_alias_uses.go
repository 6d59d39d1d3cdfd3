package main

type Vec[T any] = []T

type M[K comparable, V any, W any] = map[K]V

var x Vec
var y Vec[int, int]
var z M

type Num[T ~int] = T

func main() {}
