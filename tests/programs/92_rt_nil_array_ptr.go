package main

func main() {
	var p *[3]int
	println(len(p), cap(p))
	for i := range p {
		println("index", i)
	}
	println(p[1])
}
