package main

var order []string
var counter = next("var counter")

func next(who string) int {
	order = append(order, who)
	println("step", len(order), who)
	return len(order)
}

func init() {
	next("init 1")
	counter += 100
}

var later = next("var later")

func init() {
	next("init 2")
	println("counter in init 2", counter, "later", later)
}

func init() {
	next("init 3")
}

func main() {
	next("main")
	println(counter, later, len(order))
	for i, s := range order {
		println(i, s)
	}
}
