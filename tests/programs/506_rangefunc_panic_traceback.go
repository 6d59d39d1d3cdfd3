package main

func gen(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func f() {
	for x := range gen(3) {
		for y := range gen(2) {
			func() {
				for z := range gen(2) {
					if x == 1 && y == 1 && z == 1 {
						var p *int
						println(*p)
					}
				}
			}()
		}
	}
}

func main() {
	for range gen(1) {
		println("a")
	}
	for range gen(1) {
		f()
	}
}
