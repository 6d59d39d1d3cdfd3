package runtime

import _ "unsafe" // go:linkname

// covCounterBlob has the layout of internal/coverage/rtcov.CovCounterBlob (which the runtime
// does not import here): one module's coverage counters.
type covCounterBlob struct {
	Counters *uint32
	Len      uint64
}

// coverage_getCovCounterList lists the coverage counter blobs of the loaded modules (gc's
// runtime/covercounter.go). rgo does not instrument programs for coverage (-cover is not
// supported), so no module has counters and the list is empty, as gc's is for a program
// built without -cover.
//
//go:linkname coverage_getCovCounterList internal/coverage/cfile.getCovCounterList
func coverage_getCovCounterList() []covCounterBlob {
	return []covCounterBlob{}
}
