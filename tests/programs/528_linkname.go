package main

import _ "unsafe" // for go:linkname

// Pulls of runtime functions: runtime.nanotime and runtime.rand are Rust (C convention);
// sync.runtime_Semacquire/Semrelease are pushed by the runtime's Go code (Go convention).
//
//go:linkname nanotime runtime.nanotime
func nanotime() int64

//go:linkname fastrand64 runtime.rand
func fastrand64() uint64

//go:linkname semacquire sync.runtime_Semacquire
func semacquire(s *uint32)

//go:linkname semrelease sync.runtime_Semrelease
func semrelease(s *uint32, handoff bool, skipframes int)

// A push: the function is emitted as main.renamedHelper ...
//
//go:linkname helper main.renamedHelper
func helper(x int) int { return x * 2 }

// ... and a pull of that symbol calls it with the Go convention.
//
//go:linkname callHelper main.renamedHelper
func callHelper(x int) int

//go:linkname counter main.sharedCounter
var counter int

func bump() {
	counter++
}

func main() {
	a := nanotime()
	b := nanotime()
	println(b >= a, a > 0)
	var sema uint32
	semrelease(&sema, false, 0)
	semacquire(&sema)
	go func() { semrelease(&sema, false, 0) }()
	semacquire(&sema)
	println("sema", sema)
	r1, r2 := fastrand64(), fastrand64()
	println(r1 != r2)
	println(helper(21), callHelper(5))
	f := callHelper
	println(f(7))
	defer println("deferred", callHelper(1))
	defer fastrand64()
	done := make(chan bool)
	go func() {
		bump()
		done <- true
	}()
	<-done
	bump()
	println(counter)
}
