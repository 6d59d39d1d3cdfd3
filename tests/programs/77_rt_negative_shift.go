package main

func main() {
	x := 1
	for s := 3; ; s-- {
		println(s, x<<s)
	}
}
