package main

// Embedding cycles are invalid; cycles through method signatures are not.

type A interface{ B }
type B interface{ A }

type C interface {
	M() D
}
type D interface {
	C
	E
}
type E interface{ F }
type F interface {
	G() C
	E
}

type G interface {
	H() G
	G
}

func main() {}
