# command-line-arguments
./300_closure_layout.go:10:10: f does not escape
./300_closure_layout.go:18:7: func literal does not escape
./300_closure_layout.go:37:7: func literal does not escape
./300_closure_layout.go:46:7: func literal does not escape
./300_closure_layout.go:52:19: func literal escapes to heap
./300_closure_layout.go:52:14: append does not escape
