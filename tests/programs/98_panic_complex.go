package main

type Z complex128

func main() {
	z := Z(complex(1, -2))
	println(z)
	panic(z * z)
}
