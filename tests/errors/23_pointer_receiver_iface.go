package main

type Stringer interface{ String() string }

type T struct{}

func (t *T) String() string { return "T" }

func main() {
	var s Stringer = T{}
	println(s.String())
}
