package main

type Flag bool
type Code uint8

func main() {
	var c Code = 250
	c += 10
	println("code", c, Flag(true))
	panic(c)
}
