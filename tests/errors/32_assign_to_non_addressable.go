package main

type P struct{ x int }

func get() P { return P{} }

func main() {
	m := map[string]P{}
	m["a"].x = 1
	get().x = 2
	"abc"[0] = 'x'
	const k = 1
	k = 2
}
