package main

// GODEBUG changed at run time: syscall.Setenv("GODEBUG", "panicnil=1") makes panic(nil)
// panic with nil again, and Unsetenv or Clearenv restores the *runtime.PanicNilError, as gc's
// runtime re-reads its debug settings when the program changes GODEBUG.

import (
	"fmt"
	"os"
	"syscall"
)

func nilPanic() (r any) {
	defer func() { r = recover() }()
	panic(nil)
}

func main() {
	fmt.Printf("default: %T\n", nilPanic())
	syscall.Setenv("GODEBUG", "panicnil=1")
	fmt.Printf("panicnil=1: %T\n", nilPanic())
	syscall.Setenv("GODEBUG", "panicnil=1,panicnil=0")
	fmt.Printf("last wins: %T\n", nilPanic())
	os.Setenv("GODEBUG", "panicnil=1")
	fmt.Printf("os.Setenv: %T\n", nilPanic())
	os.Unsetenv("GODEBUG")
	fmt.Printf("unset: %T\n", nilPanic())
	os.Setenv("GODEBUG", "panicnil=1")
	syscall.Clearenv()
	fmt.Printf("cleared: %T %d\n", nilPanic(), len(os.Environ()))
}
