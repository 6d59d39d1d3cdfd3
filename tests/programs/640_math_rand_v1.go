package main

import (
	"fmt"
	"math/rand"
)

func main() {
	r := rand.New(rand.NewSource(42))
	for i := 0; i < 8; i++ {
		fmt.Print(r.Intn(1000), " ")
	}
	fmt.Println()
	fmt.Println(r.Int63(), r.Uint32(), r.Uint64(), r.Int31n(50), r.Int63n(1<<50), r.Int())
	fmt.Println(r.Float64(), r.Float32(), r.NormFloat64(), r.ExpFloat64())
	fmt.Println(r.Perm(12))
	words := []string{"alpha", "beta", "gamma", "delta", "epsilon"}
	r.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	fmt.Println(words)
	buf := make([]byte, 16)
	r.Read(buf)
	fmt.Printf("%x\n", buf)
	r.Seed(7)
	a := r.Int63()
	r.Seed(7)
	fmt.Println(a == r.Int63(), a)
	src := rand.NewSource(-1)
	fmt.Println(src.Int63())
	s64 := rand.NewSource(99).(rand.Source64)
	fmt.Println(s64.Uint64())
	counts := map[int]int{}
	r2 := rand.New(rand.NewSource(2024))
	for i := 0; i < 60000; i++ {
		counts[r2.Intn(6)+1]++
	}
	fmt.Println(counts)
	z := rand.NewZipf(rand.New(rand.NewSource(1)), 2, 1, 50)
	for i := 0; i < 12; i++ {
		fmt.Print(z.Uint64(), " ")
	}
	fmt.Println()
	defer func() { fmt.Println("recovered:", recover()) }()
	r.Intn(-1)
}
