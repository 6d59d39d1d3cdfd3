package main

func sign(x int) int {
	if x > 0 {
		return 1
	} else if x < 0 {
		return -1
	}
}

func loop() int {
	for {
		break
	}
}

func main() {
	println(sign(1), loop())
}
