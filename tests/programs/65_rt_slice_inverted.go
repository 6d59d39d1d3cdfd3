package main

func main() {
	s := []byte("abcdef")
	lo, hi := 1, 4
	for lo <= hi+1 {
		println(string(s[lo:hi]))
		lo++
		hi--
	}
}
