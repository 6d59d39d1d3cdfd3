# command-line-arguments
./03_moved_to_heap.go:9:2: moved to heap: x
./03_moved_to_heap.go:14:2: moved to heap: y
./03_moved_to_heap.go:19:2: moved to heap: z
./03_moved_to_heap.go:20:9: func literal escapes to heap
./03_moved_to_heap.go:24:6: moved to heap: a
./03_moved_to_heap.go:35:2: moved to heap: t
