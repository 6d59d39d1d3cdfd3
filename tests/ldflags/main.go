// The initial values `-ldflags=-X importpath.name=value` gives package-level string
// variables, as gc's linker sets them (cmd/link addstrdata): it writes over the variable's
// static data, so an uninitialised variable or one initialised with a constant takes the
// value, while one computed at init time (a call, an expression over variables, a copy of
// another string variable) is overwritten by its initialiser. Non-string variables are
// rejected, other names ignored. tests/tests/ldflags.rs builds this program with the flags of
// each case of cases.txt and compares with gc's output (golden/).
package main

import (
	"fmt"
	"os"
	"strings"
	"unsafe"
)

type Label string

var (
	version    string
	commit     = "unknown"
	builtBy    = detect()
	copied     = commit
	joined     = "v" + version
	withSpaces string
	label      Label
	count      int
)

// A dynamic initialiser sees a static variable's -X value.
var early = snapshot()

func snapshot() string { return "early saw commit=" + commit }

//go:noinline
func detect() string { return strings.ToUpper("make") }

func main() {
	fmt.Printf("version=%q commit=%q builtBy=%q copied=%q joined=%q\n", version, commit, builtBy, copied, joined)
	fmt.Printf("withSpaces=%q label=%q count=%d\n", withSpaces, label, count)
	fmt.Println(early)
	// The variable keeps its usual size and stays writable.
	fmt.Println(unsafe.Sizeof(version), len(version))
	version += "+dirty"
	commit = "changed"
	fmt.Println(version, commit)
	if len(os.Args) > 1 {
		os.Exit(3)
	}
}
