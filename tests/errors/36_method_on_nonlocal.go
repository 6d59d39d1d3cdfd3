package main

func (x int) Double() int { return x * 2 }

type P *int

func (p P) M() {}

func main() {
}
