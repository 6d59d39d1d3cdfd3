package main

import "testing"

func TestGreeting(t *testing.T) {
	if got := greeting("gopher"); got != "hello, gopher" {
		t.Errorf("greeting = %q", got)
	}
}

func ExampleMain() {
	main()
	// Output: hello, world
}
