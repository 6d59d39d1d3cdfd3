package main

type Reason string

func main() {
	panic(Reason("bad \"input\"\n\tat line 2"))
}
