// Bare returns where named results are hidden by inner declarations (a const, a
// var of another type, a range variable, and inside a function literal).

package main

const k = 1

func f() (k int, s string) {
	{
		const k = "x"
		s := 3.5
		_ = s
		func() (s int) {
			{
				var s = 2
				_ = s
				return
			}
		}()
		return
	}
}

func g() (x int) {
	for x := range 3 {
		if x > 1 {
			return
		}
	}
	return
}

func main() { f(); g() }
