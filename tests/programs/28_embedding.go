package main

type Animal struct {
	Name string
	Legs int
}

func (a Animal) Describe() string { return a.Name + " has legs" }
func (a *Animal) SetName(n string) { a.Name = n }
func (a Animal) LegCount() int     { return a.Legs }

type Pet struct {
	Animal
	Owner string
}

type Dog struct {
	*Pet
	Breed string
}

func (d Dog) Describe() string { return "dog " + d.Name + " (" + d.Breed + ")" }

type Base struct{ ID int }

func (b Base) Ident() int { return b.ID }

type Meta struct{ ID string }

type Both struct {
	Base
	Meta
	Extra int
}

type Counter struct{ n int }

func (c *Counter) Inc() int { c.n++; return c.n }

type Wrapper struct {
	Counter
	label string
}

func main() {
	p := Pet{Animal{"cat", 4}, "ann"}
	println(p.Name, p.Legs, p.Owner, p.Animal.Name)
	println(p.Describe(), p.LegCount())
	p.SetName("tiger") // promoted pointer method on addressable value
	println(p.Name, p.Animal.Name)
	d := Dog{&Pet{Animal{"rex", 4}, "bob"}, "lab"}
	println(d.Describe(), d.Animal.Describe(), d.Legs, d.Owner)
	d.SetName("max") // through embedded pointer
	println(d.Name, d.Pet.Animal.Name)
	// shadowing: Both.ID is ambiguous, but qualified access works
	b := Both{Base{7}, Meta{"seven"}, 1}
	println(b.Base.ID, b.Meta.ID, b.Ident(), b.Extra)
	// promoted pointer method through value embedding
	w := Wrapper{label: "w"}
	w.Inc()
	w.Inc()
	println(w.n, w.Counter.n, w.label)
	third := w.Inc()
	println(third, w.n)
	// copy of a struct with embedded value copies the embedded part
	p2 := p
	p2.Name = "lion"
	println(p.Name, p2.Name)
	// copy of a struct with embedded pointer shares it
	d2 := d
	d2.Name = "shared"
	println(d.Name, d2.Name)
	// embedded field literal by type name
	q := Pet{Animal: Animal{Name: "owl", Legs: 2}}
	println(q.Describe(), q.Owner == "")
	// multi-level promotion depth
	type L3 struct{ Pet }
	type L4 struct {
		L3
		Name string // shadows Animal.Name at a shallower depth
	}
	l := L4{L3{Pet{Animal{"deep", 6}, "o"}}, "shallow"}
	println(l.Name, l.L3.Name, l.Legs, l.Describe())
	// comparing structs with embedded fields
	println(p == p2, Pet{Animal{"a", 1}, "o"} == Pet{Animal{"a", 1}, "o"})
}
