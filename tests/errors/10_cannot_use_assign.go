package main

type Celsius float64

func main() {
	var n int = "hello"
	var c Celsius = 1.5
	var f float64 = c
	var p *int = &c
	println(n, c, f, p)
}
