package main

func main() {
	x := nil
	var y = nil
	println(nil == nil)
	_ = x
	_ = y
}
