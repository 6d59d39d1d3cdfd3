# command-line-arguments
./07_rangefunc.go:7:14: yield does not escape
./07_rangefunc.go:7:9: func literal escapes to heap
./07_rangefunc.go:16:13: yield does not escape
./07_rangefunc.go:20:10: seq does not escape
./07_rangefunc.go:21:2: moved to heap: s
./07_rangefunc.go:22:2: moved to heap: #state1
./07_rangefunc.go:22:2: func literal escapes to heap
./07_rangefunc.go:28:11: seq does not escape
./07_rangefunc.go:28:45: moved to heap: idx
./07_rangefunc.go:28:54: moved to heap: ok
./07_rangefunc.go:29:2: moved to heap: i
moved to heap: #next
./07_rangefunc.go:30:2: moved to heap: #state1
./07_rangefunc.go:30:2: func literal escapes to heap
./07_rangefunc.go:39:22: moved to heap: #rv1
./07_rangefunc.go:39:27: moved to heap: #rv2
moved to heap: #next
./07_rangefunc.go:40:2: moved to heap: #state1
./07_rangefunc.go:40:2: func literal escapes to heap
./07_rangefunc.go:49:2: moved to heap: n
moved to heap: #next
./07_rangefunc.go:52:3: moved to heap: #state1
./07_rangefunc.go:52:3: func literal escapes to heap
./07_rangefunc.go:63:2: moved to heap: t
./07_rangefunc.go:64:2: moved to heap: #state1
./07_rangefunc.go:65:3: moved to heap: #state2
./07_rangefunc.go:64:2: func literal escapes to heap
./07_rangefunc.go:65:3: func literal escapes to heap
./07_rangefunc.go:74:2: func literal does not escape
./07_rangefunc.go:81:6: moved to heap: fs
./07_rangefunc.go:82:2: moved to heap: #state1
./07_rangefunc.go:82:2: func literal escapes to heap
./07_rangefunc.go:83:19: func literal escapes to heap
./07_rangefunc.go:83:14: append escapes to heap
