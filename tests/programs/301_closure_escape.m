# command-line-arguments
./301_closure_escape.go:8:10: p does not escape
./301_closure_escape.go:11:2: moved to heap: n
./301_closure_escape.go:12:9: func literal escapes to heap
./301_closure_escape.go:19:9: func literal escapes to heap
./301_closure_escape.go:20:10: func literal escapes to heap
./301_closure_escape.go:29:7: leaking param: t to result ~r0 level=0
./301_closure_escape.go:30:7: t does not escape
./301_closure_escape.go:64:2: moved to heap: s
./301_closure_escape.go:48:8: func literal does not escape
./301_closure_escape.go:57:10: t.Get does not escape
./301_closure_escape.go:58:13: (&t).Inc does not escape
./301_closure_escape.go:65:9: func literal escapes to heap
