// Package failing has failing tests and examples.
package failing

func Answer() int { return 41 }
