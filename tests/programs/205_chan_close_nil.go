package main

func closeIt(c chan string) {
	close(c)
}

func main() {
	var c chan string
	println("closing")
	closeIt(c)
}
