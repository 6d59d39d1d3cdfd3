package main

// Growth of slices that escape to the heap (stored in package variables), so
// gc cannot back the first appends with a stack buffer: this shows the pure
// runtime.growslice policy, starting from capacity 0.

var sink []int
var sinkB []byte
var sinkS []string

func main() {
	prev := -1
	for i := 0; i < 1100; i++ {
		sink = append(sink, i)
		if cap(sink) != prev {
			print(len(sink), ":", cap(sink), " ")
			prev = cap(sink)
		}
	}
	println()
	prev = -1
	for i := 0; i < 3000; i++ {
		sinkB = append(sinkB, byte(i))
		if cap(sinkB) != prev {
			print(len(sinkB), ":", cap(sinkB), " ")
			prev = cap(sinkB)
		}
	}
	println()
	prev = -1
	for i := 0; i < 600; i++ {
		sinkS = append(sinkS, "s")
		if cap(sinkS) != prev {
			print(len(sinkS), ":", cap(sinkS), " ")
			prev = cap(sinkS)
		}
	}
	println()
	// appending many elements at once to an escaping nil slice
	for _, n := range []int{1, 2, 3, 5, 9, 17, 33, 100} {
		sink = nil
		sink = append(sink, make([]int, n)...)
		sinkB = nil
		sinkB = append(sinkB, make([]byte, n)...)
		print(n, "->", cap(sink), "/", cap(sinkB), " ")
	}
	println()
}
