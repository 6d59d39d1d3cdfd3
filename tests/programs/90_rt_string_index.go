package main

func main() {
	s := "hello"
	n := 0
	for i := 0; i <= len(s); i++ {
		n += int(s[i])
		println(i, n)
	}
}
