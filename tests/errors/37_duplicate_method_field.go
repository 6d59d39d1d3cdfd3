package main

type T struct{ name string }

func (t T) name() string { return "" }

func (t T) Get() int { return 1 }
func (t *T) Get() int { return 2 }

func main() {
}
