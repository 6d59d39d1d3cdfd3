package main

type MyInt int

func main() {
	v := MyInt(3)
	println("value", v)
	panic(v)
}
