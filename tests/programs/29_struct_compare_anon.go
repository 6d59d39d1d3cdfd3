package main

type Key struct {
	A int8
	B int64
	C string
	D [2]bool
	E float64
}

type Inner struct{ x, y int }
type Outer struct {
	in  Inner
	arr [3]Inner
	s   string
}

func main() {
	k1 := Key{1, 2, "c", [2]bool{true, false}, 0.5}
	k2 := k1
	println(k1 == k2, k1 != k2)
	k2.D[1] = true
	println(k1 == k2)
	k2 = k1
	k2.C = "c" + ""
	println(k1 == k2)
	// floats in structs: -0 == 0, NaN != NaN
	zero := 0.0
	k3, k4 := k1, k1
	k3.E, k4.E = zero, -zero
	println(k3 == k4)
	k3.E, k4.E = zero/zero, zero/zero
	println(k3 == k4, k3 == k3)
	// padding bytes never matter
	o1 := Outer{Inner{1, 2}, [3]Inner{{3, 4}}, "s"}
	o2 := Outer{s: "s", in: Inner{1, 2}}
	o2.arr[0] = Inner{3, 4}
	println(o1 == o2)
	o2.arr[2].y = 1
	println(o1 == o2)
	// anonymous structs
	pt := struct {
		X, Y int
	}{3, 4}
	println(pt.X, pt.Y)
	var named Inner = struct{ x, y int }{5, 6} // assignable: identical underlying types
	println(named.x, named.y)
	anon := struct{ x, y int }(named)
	println(anon == struct{ x, y int }{5, 6})
	// slice of anonymous structs as a table
	tests := []struct {
		in   int
		want string
	}{
		{1, "one"},
		{2, "two"},
		{3, "three"},
	}
	for _, tc := range tests {
		println(tc.in, tc.want)
	}
	// nested anonymous struct
	cfg := struct {
		Name  string
		Inner struct {
			Level int
			On    bool
		}
	}{Name: "cfg"}
	cfg.Inner.Level = 3
	cfg.Inner.On = true
	println(cfg.Name, cfg.Inner.Level, cfg.Inner.On)
	// empty struct
	type E struct{}
	println(E{} == E{}, struct{}{} == struct{}{})
	// comparing arrays of structs with strings
	a1 := [2]struct{ s string }{{"a"}, {"b"}}
	a2 := [2]struct{ s string }{{"a"}, {"b"}}
	println(a1 == a2)
	a2[1].s = "B"
	println(a1 == a2, a1 != a2)
	// struct with blank fields: blank fields are ignored in comparison
	type WithBlank struct {
		A int
		_ int
		B int
	}
	wb1 := WithBlank{A: 1, B: 2}
	wb2 := WithBlank{A: 1, B: 2}
	println(wb1 == wb2)
}
