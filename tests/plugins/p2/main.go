package main

import (
	"strings"

	"rgo.test/plugins/shared"
)

var Greeting = "hi from p2"

func init() { shared.Register("p2") }

func Add(a, b int) int { return a + b }

func Shout(s string) string { return strings.ToUpper(s) + "!" }

func main() {}
