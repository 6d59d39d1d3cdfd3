package main

func clampf[F ~float32 | ~float64](x, lo, hi F) F {
	return x
}

type Num interface{ ~int | ~int8 }

func g[N Num](n N) N { return n }

func h[T int](t T) T { return t }

func main() {
	_ = clampf[int](1, 2, 3)
	_ = clampf(1, 2, 3)
	_ = g(1.5)
	_ = g[string]("")
	_ = h[string]
	c := 3
	c()
	for r := range 3.5 {
		_ = r
	}
	_ = clampf(missing, 1, 2)
}
