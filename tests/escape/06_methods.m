# command-line-arguments
./06_methods.go:5:7: c does not escape
./06_methods.go:11:6: moved to heap: c
./06_methods.go:13:8: c.Inc does not escape
./06_methods.go:15:10: c.Inc escapes to heap
./06_methods.go:17:8: c.Get does not escape
./06_methods.go:19:7: &C{...} does not escape
