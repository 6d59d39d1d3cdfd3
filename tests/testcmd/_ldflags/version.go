// Package version holds values a build sets with -ldflags=-X (test_cmd.rs cases ldflags and
// ldflagsbad).
package version

var (
	Version = "devel"
	Count   int
)
