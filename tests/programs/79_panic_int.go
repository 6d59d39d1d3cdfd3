package main

func main() {
	code := 40
	code += 2
	panic(code)
}
