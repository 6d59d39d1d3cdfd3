package main

type Celsius float64
type Fahrenheit float64

func CToF(c Celsius) Fahrenheit { return Fahrenheit(c*9/5 + 32) }
func FToC(f Fahrenheit) Celsius { return Celsius((f - 32) * 5 / 9) }

type IntSlice []int

func (s IntSlice) Len() int { return len(s) }
func (s IntSlice) Max() int {
	m := s[0]
	for _, v := range s {
		m = max(m, v)
	}
	return m
}

type Registry map[string]int

func (r Registry) Register(name string) int {
	if id, ok := r[name]; ok {
		return id
	}
	r[name] = len(r) + 1
	return r[name]
}

type Op func(int) int

func (o Op) Twice(x int) int { return o(o(x)) }

type Bits uint8

func (b Bits) Has(flag Bits) bool { return b&flag != 0 }
func (b Bits) String() string {
	s := ""
	for i := 7; i >= 0; i-- {
		if b&(1<<i) != 0 {
			s += "1"
		} else {
			s += "0"
		}
	}
	return s
}

type Matrix [2][2]int
type Name string
type Names []Name

func main() {
	println(CToF(100), CToF(-40), FToC(212), FToC(CToF(37)))
	s := IntSlice{3, 9, 2}
	println(s.Len(), s.Max(), IntSlice([]int{-1, -5}).Max())
	// conversion between named and unnamed types
	raw := []int(s)
	raw[0] = 99
	println(s[0], len(raw))
	r := Registry{}
	println(r.Register("a"), r.Register("b"), r.Register("a"), len(r))
	var inc Op = func(x int) int { return x + 1 }
	println(inc.Twice(5), Op(func(x int) int { return x * 3 }).Twice(2))
	var flags Bits = 0b1010_0101
	println(flags.Has(1), flags.Has(2), flags.String(), Bits(255).String())
	m := Matrix{{1, 2}, {3, 4}}
	m2 := m
	m2[0][0] = 100
	println(m[0][0], m2[0][0], m == Matrix{{1, 2}, {3, 4}})
	ns := Names{"b", "a"}
	ns = append(ns, Name("c"))
	println(len(ns), string(ns[2]), ns[0] > ns[1])
	// named types with the same underlying type need explicit conversion
	var c Celsius = 20
	var f Fahrenheit = Fahrenheit(c)
	println(f, float64(c)+float64(f))
	// type declarations inside functions
	type local struct{ a, b int }
	type localInt int
	l := local{1, 2}
	var li localInt = 7
	println(l.a+l.b, li*2)
	// alias declarations are identical types
	type MyAlias = int
	var al MyAlias = 5
	var plain int = al
	println(al, plain)
	type Seq = []string
	var sq Seq = []string{"x"}
	println(len(sq), sq[0])
}
