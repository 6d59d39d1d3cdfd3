// rgo's runtime overlay: the Go-level part of package runtime that every rgo program contains.
// The runtime proper is written in Rust (rt/); this file gives run-time errors the Go types
// gc's runtime gives them, so that recover() returns values that implement error and
// runtime.Error, and so that their messages come from their Error methods as in gc.

package runtime

// Error identifies a run-time error (gc's runtime.Error).
type Error interface {
	error
	RuntimeError()
}

// An errorString is a run-time error with a fixed message, e.g. "integer divide by zero".
type errorString string

func (e errorString) RuntimeError() {}

func (e errorString) Error() string {
	return "runtime error: " + string(e)
}

// A plainError is a run-time error whose message has no "runtime error: " prefix
// (e.g. "assignment to entry in nil map").
type plainError string

func (e plainError) RuntimeError() {}

func (e plainError) Error() string {
	return string(e)
}

// A boundsError reports an index or slice expression out of range. x may be signed or
// unsigned; y is never negative. code selects the message (gc's abi.BoundsErrorCode order).
type boundsError struct {
	x      int64
	y      int
	signed bool
	code   uint8
}

func (e boundsError) RuntimeError() {}

func (e boundsError) Error() string {
	x := decimal(e.x, e.signed)
	y := decimal(int64(e.y), true)
	if e.signed && e.x < 0 {
		// A negative index says nothing about the length.
		switch e.code {
		case 0:
			return "runtime error: index out of range [" + x + "]"
		case 1, 2:
			return "runtime error: slice bounds out of range [:" + x + "]"
		case 3:
			return "runtime error: slice bounds out of range [" + x + ":]"
		case 4, 5:
			return "runtime error: slice bounds out of range [::" + x + "]"
		case 6:
			return "runtime error: slice bounds out of range [:" + x + ":]"
		case 7:
			return "runtime error: slice bounds out of range [" + x + "::]"
		}
	}
	switch e.code {
	case 0:
		return "runtime error: index out of range [" + x + "] with length " + y
	case 1:
		return "runtime error: slice bounds out of range [:" + x + "] with length " + y
	case 2:
		return "runtime error: slice bounds out of range [:" + x + "] with capacity " + y
	case 3:
		return "runtime error: slice bounds out of range [" + x + ":" + y + "]"
	case 4:
		return "runtime error: slice bounds out of range [::" + x + "] with length " + y
	case 5:
		return "runtime error: slice bounds out of range [::" + x + "] with capacity " + y
	case 6:
		return "runtime error: slice bounds out of range [:" + x + ":" + y + "]"
	case 7:
		return "runtime error: slice bounds out of range [" + x + ":" + y + ":]"
	}
	return "runtime error: cannot convert slice with length " + y + " to array or pointer to array with length " + x
}

// decimal formats v (as unsigned when !signed) in base 10.
func decimal(v int64, signed bool) string {
	var buf [24]byte
	i := len(buf)
	u := uint64(v)
	neg := signed && v < 0
	if neg {
		u = -u
	}
	for {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// An errorAddressString is the fault a goroutine with runtime/debug.SetPanicOnFault panics
// with: a run-time error that also reports the faulting address.
type errorAddressString struct {
	msg  string
	addr uintptr
}

func (e errorAddressString) RuntimeError() {}

func (e errorAddressString) Error() string {
	return "runtime error: " + e.msg
}

// Addr returns the memory address where the fault occurred.
func (e errorAddressString) Addr() uintptr {
	return e.addr
}

// A PanicNilError is what panic(nil) panics with (unless GODEBUG=panicnil=1).
type PanicNilError struct {
	// Makes the struct unlike any other (gc's reason: go.dev/issue/56603).
	_ [0]*PanicNilError
}

func (*PanicNilError) Error() string { return "runtime error: panic called with nil argument" }
func (*PanicNilError) RuntimeError() {}

// errorTypes lets the Rust runtime find the type descriptors of the error types above
// (entries, in order: errorString, plainError, boundsError, errorAddressString,
// *PanicNilError).
var errorTypes = [...]any{errorString(""), plainError(""), boundsError{}, errorAddressString{}, (*PanicNilError)(nil)}

// The errors math/bits panics with (it pulls these variables by linkname).
var overflowError = error(errorString("integer overflow"))
var divideError = error(errorString("integer divide by zero"))
