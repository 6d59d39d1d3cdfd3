package main

import (
	"fmt"
	"math/rand/v2"
)

func main() {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5; i++ {
		fmt.Print(r.Uint64(), " ")
	}
	fmt.Println()
	fmt.Println(r.IntN(100), r.Int64N(1<<40), r.Uint32N(7), r.Int32(), r.Uint32(), r.Int(), r.UintN(1000))
	fmt.Println(r.Float64(), r.Float32(), r.NormFloat64(), r.ExpFloat64())
	fmt.Println(r.Perm(10))
	s := []string{"a", "b", "c", "d", "e", "f"}
	r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	fmt.Println(s)
	var seed [32]byte
	copy(seed[:], "chacha8 seed for the rgo testsss")
	c := rand.New(rand.NewChaCha8(seed))
	for i := 0; i < 5; i++ {
		fmt.Print(c.Uint64(), " ")
	}
	fmt.Println()
	fmt.Println(c.IntN(1000), c.Float64(), c.Perm(5))
	cc := rand.NewChaCha8(seed)
	buf := make([]byte, 20)
	cc.Read(buf)
	fmt.Printf("%x\n", buf)
	hist := make([]int, 10)
	pr := rand.New(rand.NewPCG(42, 42))
	for i := 0; i < 100000; i++ {
		hist[pr.IntN(10)]++
	}
	fmt.Println(hist)
	sum := 0.0
	for i := 0; i < 10000; i++ {
		sum += pr.NormFloat64()
	}
	fmt.Printf("%.6f\n", sum)
	z := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.5, 2, 100)
	for i := 0; i < 10; i++ {
		fmt.Print(z.Uint64(), " ")
	}
	fmt.Println()
	p := rand.NewPCG(5, 6)
	b, _ := p.MarshalBinary()
	fmt.Printf("%x %d\n", b, p.Uint64())
	p.Seed(5, 6)
	fmt.Println(p.Uint64())
	fmt.Println(rand.N(1) == 0, rand.IntN(1), rand.Float64() < 1)
	defer func() { fmt.Println("recovered:", recover()) }()
	r.IntN(0)
}
