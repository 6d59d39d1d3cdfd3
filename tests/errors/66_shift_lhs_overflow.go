package main

func main() {
	var s uint = 3
	x := uint64(-1 >> s)
	y := uint8(300 << s)
	var z int8 = 128 << s
	var w uint16 = (1 << 16) << s
	var ok1 int8 = 127 << s
	var ok2 uint = 'a' << s
	var c int32 = 1e10 << s
	var f float64 = 2.0 << s
	println(x, y, z, w, ok1, ok2, c, f, int16(-40000>>s), int64(1<<63>>s))
}
