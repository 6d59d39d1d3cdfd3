package main

import (
	"math/rand"
	mrand2 "math/rand/v2"
	"os"
	"strconv"
	"unique"
	"weak"
)

func main() {
	// GODEBUG set at run time reaches internal/godebug through the runtime's update hook:
	// randautoseed=0 makes math/rand's top-level functions use seed 1.
	os.Setenv("GODEBUG", "randautoseed=0")
	println(rand.Intn(1000), rand.Intn(1000), rand.Int63())
	r := rand.New(rand.NewSource(42))
	println(r.Intn(100), r.Float64() < 1)
	p := mrand2.New(mrand2.NewPCG(1, 2))
	println(p.IntN(1000), p.Uint64())
	c := mrand2.New(mrand2.NewChaCha8([32]byte{1, 2, 3}))
	println(c.IntN(1000), c.Uint64())
	n := mrand2.IntN(10)
	println(n >= 0 && n < 10, strconv.Itoa(n*0))

	h1 := unique.Make("abc")
	h2 := unique.Make(string([]byte{'a', 'b', 'c'}))
	println(h1.Value(), h1 == h2, h1 == unique.Make("abd"))

	x := new(int)
	*x = 5
	w := weak.Make(x)
	println(*w.Value(), w == weak.Make(x), weak.Make[int](nil).Value() == nil)
}
