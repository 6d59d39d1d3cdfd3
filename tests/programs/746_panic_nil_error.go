package main

// panic(nil) panics with a *runtime.PanicNilError, a runtime.Error.

import (
	"errors"
	"fmt"
	"runtime"
)

func try() (err error) {
	defer func() {
		r := recover()
		pe, ok := r.(*runtime.PanicNilError)
		fmt.Println(ok, pe != nil)
		err = r.(runtime.Error)
	}()
	panic(nil)
}

func main() {
	err := try()
	fmt.Println(err)
	var pe *runtime.PanicNilError
	fmt.Println(errors.As(err, &pe))
}
