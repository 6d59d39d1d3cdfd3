// Interfaces with embedded interfaces and unexported methods.
package main

type Reader interface {
	Read() int
}

type Closer interface {
	Close() error
}

type ReadCloser interface {
	Reader
	Closer
	reset()
}

type File struct{ fd int }

func (f *File) Read() int     { return f.fd }
func (f *File) Close() error  { return nil }
func (f *File) reset()        { f.fd = 0 }
func (f *File) Extra() string { return "e" }

//go:noinline
func use(rc ReadCloser) {
	println(rc.Read())
	rc.reset()
	println(rc.Close() == nil)
}

//go:noinline
func useR(r Reader) { println(r.Read()) }

//go:noinline
func useC(c Closer) { println(c.Close() == nil) }

func main() {
	f := &File{fd: 3}
	use(f)
	useR(f)
	useC(f)
}
