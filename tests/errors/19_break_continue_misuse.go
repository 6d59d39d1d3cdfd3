package main

func main() {
	break
	if true {
		continue
	}
	switch {
	case true:
		continue
	}
}
