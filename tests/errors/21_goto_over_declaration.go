package main

func main() {
	goto L
	x := 1
L:
	println(x)
	{
	Inner:
		println("inner")
	}
	goto Inner
}
