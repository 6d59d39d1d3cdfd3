package main

func main() {
Unused:
	for i := 0; i < 2; i++ {
	}
	for {
		break Missing
	}
	goto Nowhere
Outer:
	println("x")
	for {
		continue Outer
	}
}
