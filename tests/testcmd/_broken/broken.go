// Package broken does not compile: `rgo test` reports a build failure as go test does.
// The leading underscore keeps it out of ./... patterns.
package broken

func Broken() int { return "not an int" }
