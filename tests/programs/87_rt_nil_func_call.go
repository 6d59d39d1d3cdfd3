package main

var handlers = map[string]func() int{
	"one": func() int { return 1 },
}

func main() {
	println(handlers["one"]())
	f := handlers["two"]
	println(f == nil)
	println(f())
}
