package main

type Stack struct {
	items [8]int
	n     int
}

func (s *Stack) Push(v int) { s.items[s.n] = v; s.n++ }

func (s *Stack) Pop() int {
	if s.n == 0 {
		panic("pop from empty stack")
	}
	s.n--
	return s.items[s.n]
}

type Calc struct{ st Stack }

func (c Calc) Run(ops string) int {
	for i := 0; i < len(ops); i++ {
		switch op := ops[i]; {
		case op >= '0' && op <= '9':
			c.st.Push(int(op - '0'))
		case op == '+':
			c.st.Push(c.st.Pop() + c.st.Pop())
		case op == '*':
			c.st.Push(c.st.Pop() * c.st.Pop())
		}
	}
	return c.st.Pop()
}

func main() {
	var c Calc
	println(c.Run("34+5*"))
	println(c.Run("1+"))
}
