package main

// A pointer to an interface (or to a type parameter) has no methods: gc explains
// that instead of naming a missing method.

type Inst interface {
	Next() *Inst
}

type Start struct{}

func (s *Start) Next() *Inst { return nil }

type Field struct{ Next int }

func first(i Inst) *Inst { return &i }

func walk[T Inst](p *T) {
	var _ Inst = p
	p.Next()
}

func main() {
	var _ Inst = first(new(Start))
	var _ *Inst = new(Start)
	var i Inst = new(Start)
	_ = i.(*Inst)
	first(i).Next()
	var _ Inst = Field{}
	walk[Inst](nil)
}
