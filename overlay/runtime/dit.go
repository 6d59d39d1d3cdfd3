// Data-independent timing (crypto/subtle.WithDataIndependentTiming). amd64 has no DIT mode:
// gc's internal/runtime/sys.EnableDIT reports false there and DisableDIT does nothing, so the
// hooks have no state to keep.

package runtime

import _ "unsafe"

//go:linkname dit_setEnabled crypto/subtle.setDITEnabled
func dit_setEnabled() bool {
	return false
}

//go:linkname dit_setDisabled crypto/subtle.setDITDisabled
func dit_setDisabled() {
}
