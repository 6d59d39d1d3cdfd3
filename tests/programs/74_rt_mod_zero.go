package main

func main() {
	var x uint8 = 200
	var y uint8 = 7
	for y >= 0 {
		println(x, "%", y, "=", x%y)
		y -= 3
	}
}
