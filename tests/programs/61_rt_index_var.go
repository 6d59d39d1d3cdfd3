package main

var table [4]int

func get(i int) int {
	return table[i]
}

func main() {
	sum := 0
	for i := 0; i < 10; i++ {
		sum += get(i)
		println("got", i, sum)
	}
}
