package version

import "testing"

// The go command links test binaries with -X testing.testBinary=1 after the user's flags.
func TestVersion(t *testing.T) {
	t.Logf("Version=%s Testing=%v", Version, testing.Testing())
}
