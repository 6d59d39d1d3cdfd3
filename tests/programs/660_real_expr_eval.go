package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

type TokKind int

const (
	NUM TokKind = iota
	IDENT
	OP
	LPAREN
	RPAREN
	COMMA
	EOF
)

func (k TokKind) String() string {
	return [...]string{"NUM", "IDENT", "OP", "LPAREN", "RPAREN", "COMMA", "EOF"}[k]
}

type Token struct {
	Kind TokKind
	Text string
	Pos  int
}

type SyntaxError struct {
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("syntax error at %d: %s", e.Pos, e.Msg) }

var ErrDivZero = errors.New("division by zero")

func tokenize(src string) ([]Token, error) {
	var toks []Token
	rs := []rune(src)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case unicode.IsDigit(r) || r == '.':
			j := i
			for j < len(rs) && (unicode.IsDigit(rs[j]) || rs[j] == '.' || rs[j] == 'e' || ((rs[j] == '-' || rs[j] == '+') && j > i && rs[j-1] == 'e')) {
				j++
			}
			toks = append(toks, Token{NUM, string(rs[i:j]), i})
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j])) {
				j++
			}
			toks = append(toks, Token{IDENT, string(rs[i:j]), i})
			i = j
		case strings.ContainsRune("+-*/^%", r):
			toks = append(toks, Token{OP, string(r), i})
			i++
		case r == '(':
			toks = append(toks, Token{LPAREN, "(", i})
			i++
		case r == ')':
			toks = append(toks, Token{RPAREN, ")", i})
			i++
		case r == ',':
			toks = append(toks, Token{COMMA, ",", i})
			i++
		default:
			return nil, &SyntaxError{i, fmt.Sprintf("unexpected character %q", r)}
		}
	}
	return append(toks, Token{EOF, "", len(rs)}), nil
}

type Node interface {
	Eval(env map[string]float64) (float64, error)
	String() string
}

type Num float64
type Var string
type Unary struct {
	Op string
	X  Node
}
type Binary struct {
	Op   string
	L, R Node
}
type Call struct {
	Fn   string
	Args []Node
}

func (n Num) Eval(map[string]float64) (float64, error) { return float64(n), nil }
func (n Num) String() string                           { return strconv.FormatFloat(float64(n), 'g', -1, 64) }
func (v Var) Eval(env map[string]float64) (float64, error) {
	if x, ok := env[string(v)]; ok {
		return x, nil
	}
	return 0, fmt.Errorf("undefined variable %q", string(v))
}
func (v Var) String() string { return string(v) }
func (u Unary) Eval(env map[string]float64) (float64, error) {
	x, err := u.X.Eval(env)
	return -x, err
}
func (u Unary) String() string { return "(-" + u.X.String() + ")" }
func (b Binary) Eval(env map[string]float64) (float64, error) {
	l, err := b.L.Eval(env)
	if err != nil {
		return 0, err
	}
	r, err := b.R.Eval(env)
	if err != nil {
		return 0, err
	}
	switch b.Op {
	case "+":
		return l + r, nil
	case "-":
		return l - r, nil
	case "*":
		return l * r, nil
	case "/":
		if r == 0 {
			return 0, fmt.Errorf("evaluating %v: %w", b, ErrDivZero)
		}
		return l / r, nil
	case "%":
		return math.Mod(l, r), nil
	case "^":
		return math.Pow(l, r), nil
	}
	return 0, fmt.Errorf("bad op %s", b.Op)
}
func (b Binary) String() string { return "(" + b.L.String() + " " + b.Op + " " + b.R.String() + ")" }

var funcs = map[string]func(...float64) (float64, error){
	"sqrt": func(a ...float64) (float64, error) { return math.Sqrt(a[0]), nil },
	"max": func(a ...float64) (float64, error) {
		m := math.Inf(-1)
		for _, x := range a {
			m = math.Max(m, x)
		}
		return m, nil
	},
	"abs": func(a ...float64) (float64, error) { return math.Abs(a[0]), nil },
	"floor": func(a ...float64) (float64, error) { return math.Floor(a[0]), nil },
}

func (c Call) Eval(env map[string]float64) (float64, error) {
	f, ok := funcs[c.Fn]
	if !ok {
		return 0, fmt.Errorf("unknown function %s", c.Fn)
	}
	args := make([]float64, len(c.Args))
	for i, a := range c.Args {
		v, err := a.Eval(env)
		if err != nil {
			return 0, err
		}
		args[i] = v
	}
	if len(args) == 0 {
		return 0, fmt.Errorf("%s needs arguments", c.Fn)
	}
	return f(args...)
}
func (c Call) String() string {
	parts := make([]string, len(c.Args))
	for i, a := range c.Args {
		parts[i] = a.String()
	}
	return c.Fn + "(" + strings.Join(parts, ", ") + ")"
}

type parser struct {
	toks []Token
	pos  int
}

func (p *parser) peek() Token { return p.toks[p.pos] }
func (p *parser) next() Token {
	t := p.toks[p.pos]
	p.pos++
	return t
}

var prec = map[string]int{"+": 1, "-": 1, "*": 2, "/": 2, "%": 2, "^": 3}

func (p *parser) expr(minPrec int) (Node, error) {
	lhs, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if t.Kind != OP || prec[t.Text] < minPrec {
			return lhs, nil
		}
		p.next()
		next := prec[t.Text] + 1
		if t.Text == "^" {
			next = prec[t.Text]
		}
		rhs, err := p.expr(next)
		if err != nil {
			return nil, err
		}
		lhs = Binary{t.Text, lhs, rhs}
	}
}

func (p *parser) unary() (Node, error) {
	if t := p.peek(); t.Kind == OP && t.Text == "-" {
		p.next()
		x, err := p.unary()
		return Unary{"-", x}, err
	}
	return p.primary()
}

func (p *parser) primary() (Node, error) {
	t := p.next()
	switch t.Kind {
	case NUM:
		f, err := strconv.ParseFloat(t.Text, 64)
		if err != nil {
			return nil, &SyntaxError{t.Pos, err.Error()}
		}
		return Num(f), nil
	case IDENT:
		if p.peek().Kind == LPAREN {
			p.next()
			var args []Node
			for p.peek().Kind != RPAREN {
				a, err := p.expr(1)
				if err != nil {
					return nil, err
				}
				args = append(args, a)
				if p.peek().Kind == COMMA {
					p.next()
				} else if p.peek().Kind != RPAREN {
					return nil, &SyntaxError{p.peek().Pos, "expected , or )"}
				}
			}
			p.next()
			return Call{t.Text, args}, nil
		}
		return Var(t.Text), nil
	case LPAREN:
		e, err := p.expr(1)
		if err != nil {
			return nil, err
		}
		if p.peek().Kind != RPAREN {
			return nil, &SyntaxError{p.peek().Pos, "expected )"}
		}
		p.next()
		return e, nil
	}
	return nil, &SyntaxError{t.Pos, fmt.Sprintf("unexpected %v %q", t.Kind, t.Text)}
}

func parse(src string) (Node, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	n, err := p.expr(1)
	if err != nil {
		return nil, err
	}
	if p.peek().Kind != EOF {
		return nil, &SyntaxError{p.peek().Pos, "trailing input"}
	}
	return n, nil
}

func main() {
	env := map[string]float64{"x": 3, "y": 4, "pi": math.Pi}
	exprs := []string{"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-x ^ 2", "sqrt(x*x + y*y)", "max(1, x, y, 2.5) % 3", "10 / (y - 4)", "1.5e3 / 3", "floor(pi * 100) / 100", "abs(-7 - -2)", "z + 1", "1 +", "(1 + 2", "3 $ 4", "foo(1)", "max()", "1 2", "..5", "2 * -(-x)"}
	for _, src := range exprs {
		n, err := parse(src)
		if err != nil {
			var se *SyntaxError
			fmt.Printf("%-24s parse error: %v (syntax=%v)\n", src, err, errors.As(err, &se))
			continue
		}
		v, err := n.Eval(env)
		if err != nil {
			fmt.Printf("%-24s %-32s eval error: %v (divzero=%v)\n", src, n, err, errors.Is(err, ErrDivZero))
			continue
		}
		fmt.Printf("%-24s %-32s = %v\n", src, n, v)
	}
	toks, _ := tokenize("max(a1, 2.5e-3)")
	for _, t := range toks {
		fmt.Printf("%v:%q@%d ", t.Kind, t.Text, t.Pos)
	}
	fmt.Println()
}
