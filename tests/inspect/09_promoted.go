// Promoted methods through embedded values and pointers.
package main

type Base struct{ id int }

func (b Base) ID() int       { return b.id }
func (b *Base) SetID(i int)  { b.id = i }
func (b Base) describe() int { return b.id * 2 }

type Logger struct{ prefix string }

func (l *Logger) Log(s string) { println(l.prefix + s) }

type Service struct {
	Base
	*Logger
	Name string
}

type IDer interface{ ID() int }
type Setter interface {
	SetID(int)
	ID() int
}
type Loggr interface{ Log(string) }

//go:noinline
func useID(i IDer) { println(i.ID()) }

//go:noinline
func useSetter(s Setter) { s.SetID(5); println(s.ID()) }

//go:noinline
func useLog(l Loggr) { l.Log("hi") }

func main() {
	s := &Service{Base: Base{1}, Logger: &Logger{"> "}, Name: "svc"}
	useID(s)
	useSetter(s)
	useLog(s)
	println(s.describe())
	useID(*s)
	useID(s.Base)
	useLog(s.Logger)
}
