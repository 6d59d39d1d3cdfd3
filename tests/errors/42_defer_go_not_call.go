package main

func main() {
	defer recover
	go func() {}
	x := 1
	defer int(x)
}
