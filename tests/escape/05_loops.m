# command-line-arguments
./05_loops.go:10:6: moved to heap: j
./05_loops.go:7:19: func literal escapes to heap
./05_loops.go:7:14: append escapes to heap
./05_loops.go:11:14: append does not escape
./05_loops.go:22:9: func literal does not escape
