./basics.go:10:6: can inline (*T).Get with cost 3
./basics.go:11:6: can inline T.Sum with cost 6
./basics.go:15:6: can inline (*Inner).X with cost 3
./basics.go:22:6: can inline add with cost 4
./basics.go:24:6: can inline twice with cost 9
./basics.go:26:6: can inline loop with cost 31
./basics.go:37:6: can inline makeCounter with cost 22
./basics.go:39:9: can inline makeCounter.func1 with cost 5
./basics.go:42:6: cannot inline fib: function too complex: cost 132 exceeds budget 80
./basics.go:49:6: can inline countdown with cost 69
./basics.go:56:20: cannot inline rec.func1: call to recover
./basics.go:56:6: cannot inline rec: unhandled op DEFER
./basics.go:59:6: cannot inline kept: marked go:noinline
./basics.go:61:6: can inline first with cost 5
./basics.go:63:6: can inline sum with cost 16
./basics.go:71:6: can inline apply with cost 21
./basics.go:73:6: can inline double with cost 4
./basics.go:75:6: can inline describe with cost 11
./basics.go:85:6: can inline fail with cost 17
./basics.go:92:6: can inline join with cost 5
./basics.go:94:6: can inline upper with cost 61
./basics.go:96:6: can inline classify with cost 16
./basics.go:107:6: can inline mapLen with cost 13
./basics.go:112:6: cannot inline work: unhandled op GO
./basics.go:113:5: can inline work.func1 with cost 3
./basics.go:114:2: can inline work.deferwrap1 with cost 2
./basics.go:123:2: can inline main.func1 with cost 2
./basics.go:117:6: cannot inline main: function too complex: cost 756 exceeds budget 80
./basics.go:24:35: inlining call to add
./basics.go:53:18: inlining call to countdown
./basics.go:89:19: inlining call to errors.New
./basics.go:120:15: inlining call to (*T).Get
./basics.go:120:24: inlining call to T.Sum
./basics.go:120:31: inlining call to (*Inner).X
./basics.go:120:40: inlining call to twice
./basics.go:120:49: inlining call to loop
./basics.go:120:72: inlining call to countdown
./basics.go:121:18: inlining call to makeCounter
./basics.go:39:9: can inline makeCounter.func1 with cost 5
./basics.go:122:11: inlining call to makeCounter.func1
./basics.go:123:25: inlining call to main.func1
./basics.go:125:16: inlining call to first
./basics.go:125:33: inlining call to sum
./basics.go:125:47: inlining call to sum
./basics.go:125:56: inlining call to apply
./basics.go:126:18: inlining call to describe
./basics.go:126:27: inlining call to fail
./basics.go:126:45: inlining call to join
./basics.go:126:62: inlining call to upper
./basics.go:126:77: inlining call to classify
./basics.go:127:17: inlining call to mapLen
./basics.go:120:40: inlining call to add
./basics.go:120:72: cannot inline countdown into main: repeated recursive cycle
./basics.go:125:56: inlining call to double
./basics.go:126:27: inlining call to errors.New
./basics.go:120:72: cannot inline countdown into main: repeated recursive cycle
