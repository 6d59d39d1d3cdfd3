package main

// recover recovers only when called directly by a function that the panic runs as a deferred
// call (wrapper thunks are not counted): `defer recover()` itself recovers nothing, but run at
// the normal return of a deferred function it recovers for that function.

import (
	"fmt"
	"reflect"
)

type T struct{ n int }

func (t *T) M() { fmt.Println("method recovered:", recover()) }

func helper() any { return recover() }

func direct() (msg string) {
	defer func() { msg = fmt.Sprint("outer: ", recover()) }()
	defer recover() // recovers nothing: no function between panic and recover
	panic("direct")
}

func nestedDefer() (msg string) {
	defer func() { msg = fmt.Sprint("outer: ", recover()) }()
	defer func() {
		defer recover() // runs at this closure's return: recovers
	}()
	panic("nested")
}

func viaHelper() (msg string) {
	defer func() { msg = fmt.Sprint("outer: ", recover()) }()
	defer func() { fmt.Println("helper got:", helper()) }()
	panic("helper")
}

func insideReturningCall() (msg string) {
	defer func() { msg = fmt.Sprint("outer: ", recover()) }()
	defer func() {
		func() {
			// A deferred call of a function that the deferred function calls: too deep.
			defer func() { fmt.Println("deep got:", recover()) }()
		}()
	}()
	panic("deep")
}

func methodValues() {
	t := &T{1}
	func() {
		defer t.M()
		panic("method")
	}()
	f := reflect.ValueOf(t).Method(0).Interface().(func())
	func() {
		defer f()
		panic("reflect method value")
	}()
	g := reflect.MakeFunc(reflect.TypeOf(func() {}), func([]reflect.Value) []reflect.Value {
		fmt.Println("makefunc recovered:", recover())
		return nil
	}).Interface().(func())
	func() {
		defer g()
		panic("makefunc")
	}()
}

func main() {
	fmt.Println(direct())
	fmt.Println(nestedDefer())
	fmt.Println(viaHelper())
	fmt.Println(insideReturningCall())
	methodValues()
}
