package main

var init = 1

func main(args []string) int {
	return 0
}
