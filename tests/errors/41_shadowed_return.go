package main

func f() (err int) {
	if true {
		err := 2
		return
	}
	return
}

func main() {
	println(f())
}
