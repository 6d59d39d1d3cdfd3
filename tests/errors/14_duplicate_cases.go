package main

func main() {
	x := 2
	switch x {
	case 1, 2:
		println("small")
	case 2:
		println("two")
	}
	var v interface{} = x
	switch v.(type) {
	case int:
	case string, int:
	}
}
