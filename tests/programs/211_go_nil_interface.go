package main

type I interface{ M(int) }

func main() {
	var i I
	go i.M(1)
	println("not reached")
}
