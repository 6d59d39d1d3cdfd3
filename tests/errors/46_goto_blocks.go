package main

// Gotos into switch cases, loop bodies and else branches, backward into a
// block, and over := with several names and over a grouped var declaration.
// Gotos out of a block, and forward over declarations in an inner block only,
// are fine.

func main() {
	n := 3
	switch n {
	case 1:
	InCase:
		println("case")
	default:
		goto InCase
	}
	for i := 0; i < n; i++ {
	InLoop:
		println(i)
	}
	goto InLoop

	if n > 1 {
		goto Out
	} else {
	InElse:
		println("else")
	}
Out:
	goto InElse

	goto Over
	a, b := 1, 2
	var (
		c = a
		d = b
	)
Over:
	println(a, b, c, d)

	goto Past
	{
		e := 5
		println(e)
	}
Past:
	goto Later
	var f = 6
	println(f)
Later:
}
