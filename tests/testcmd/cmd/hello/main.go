// Command hello is a main package with tests: the go command compiles it as a library under
// its import path for the test binary.
package main

import "fmt"

func greeting(name string) string { return "hello, " + name }

func main() { fmt.Println(greeting("world")) }
