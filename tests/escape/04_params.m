# command-line-arguments
./04_params.go:8:11: moved to heap: p
./04_params.go:9:15: leaking param: p to result ~r0 level=0
./04_params.go:10:14: leaking param: t to result ~r0 level=1
./04_params.go:11:15: p does not escape
./04_params.go:12:38: x escapes to heap
./04_params.go:13:13: leaking param: s to result ~r0 level=0
./04_params.go:14:15: leaking param: s to result ~r0 level=0
./04_params.go:14:45: append escapes to heap
./04_params.go:17:2: moved to heap: a
./04_params.go:21:19: &T{...} does not escape
./04_params.go:25:11: make([]int, 3) does not escape
