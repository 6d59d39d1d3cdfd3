package main

// gc's append growth for element sizes 1, 2, 4, 12, 16, 24, 40 and 0 bytes:
// the capacity is rounded up to malloc size classes.

type S12 struct{ a, b, c int32 }
type S24 struct{ a, b, c int64 }
type S40 struct{ a [5]int64 }
type Empty struct{}

func main() {
	var b []byte
	p := -1
	for i := 0; i < 5000; i++ {
		b = append(b, byte(i))
		if cap(b) != p {
			print(cap(b), " ")
			p = cap(b)
		}
	}
	println("bytes")

	var h []int16
	p = -1
	for i := 0; i < 3000; i++ {
		h = append(h, int16(i))
		if cap(h) != p {
			print(cap(h), " ")
			p = cap(h)
		}
	}
	println("int16")

	var w []float32
	p = -1
	for i := 0; i < 3000; i++ {
		w = append(w, float32(i))
		if cap(w) != p {
			print(cap(w), " ")
			p = cap(w)
		}
	}
	println("float32")

	var s12 []S12
	p = -1
	for i := 0; i < 1500; i++ {
		s12 = append(s12, S12{})
		if cap(s12) != p {
			print(cap(s12), " ")
			p = cap(s12)
		}
	}
	println("S12")

	var c16 []complex128
	p = -1
	for i := 0; i < 1500; i++ {
		c16 = append(c16, 0)
		if cap(c16) != p {
			print(cap(c16), " ")
			p = cap(c16)
		}
	}
	println("complex128")

	var s24 []S24
	p = -1
	for i := 0; i < 1500; i++ {
		s24 = append(s24, S24{a: int64(i)})
		if cap(s24) != p {
			print(cap(s24), " ")
			p = cap(s24)
		}
	}
	println("S24", s24[1499].a)

	var s40 []S40
	p = -1
	for i := 0; i < 1000; i++ {
		s40 = append(s40, S40{})
		if cap(s40) != p {
			print(cap(s40), " ")
			p = cap(s40)
		}
	}
	println("S40")

	var str []string
	p = -1
	for i := 0; i < 1000; i++ {
		str = append(str, "x")
		if cap(str) != p {
			print(cap(str), " ")
			p = cap(str)
		}
	}
	println("string")

	var e []Empty
	for i := 0; i < 10; i++ {
		e = append(e, Empty{})
	}
	println("empty", len(e), cap(e) >= len(e))

	// appending a string to bytes
	var bs []byte
	bs = append(bs, "hello, world"...)
	println(len(bs), cap(bs))
	bs = append(bs, " and more text to grow"...)
	println(len(bs), cap(bs))
	// make with odd sizes and append once
	for _, n := range []int{0, 1, 3, 7, 13, 31, 33, 100} {
		x := make([]byte, n)
		x = append(x, 1)
		y := make([]int32, n)
		y = append(y, 1)
		print(n, ":", cap(x), "/", cap(y), " ")
	}
	println()
}
