./closures.go:7:6: can inline compose with cost 17
./closures.go:8:9: can inline compose.func1 with cost 40
./closures.go:11:6: can inline inc with cost 4
./closures.go:13:6: can inline each with cost 26
./closures.go:19:6: cannot inline big: function too complex: cost 118 exceeds budget 80
./closures.go:42:9: can inline main.func2 with cost 4
./closures.go:44:14: can inline main.func3 with cost 4
./closures.go:36:6: cannot inline main: function too complex: cost 569 exceeds budget 80
./closures.go:40:23: can inline main.func1 with cost 3
./closures.go:37:14: inlining call to compose
./closures.go:8:9: can inline compose.func1 with cost 14
./closures.go:38:15: inlining call to compose.func1
./closures.go:38:13: inlining call to fmt.Println
./closures.go:40:6: inlining call to each
./closures.go:41:13: inlining call to fmt.Println
./closures.go:43:17: inlining call to main.func2
./closures.go:43:13: inlining call to fmt.Println
./closures.go:45:16: inlining call to main.func3
./closures.go:45:13: inlining call to fmt.Println
./closures.go:38:15: inlining call to inc
./closures.go:38:15: inlining call to inc
./closures.go:40:6: inlining call to main.func1
