package main

type Reader interface{ Read(p []byte) (int, error) }

type R struct{}

func (R) Read(p []byte) int { return 0 }

func main() {
	var r Reader = R{}
	_ = r
}
