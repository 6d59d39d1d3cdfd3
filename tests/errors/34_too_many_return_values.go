package main

func one() int {
	return 1, 2
}

func zero() {
	return 3
}

func two() (int, string) {
	return 1
}

func main() {
	one()
	zero()
	two()
}
