// os/signal's hooks (gc's sigqueue.go). The Rust handler records enabled signals in a pending
// set (rt/src/sigqueue.rs); os/signal's loop goroutine takes them here, parking while there
// are none. The scheduler readies it when a signal is pending.

package runtime

// sigpendingtake removes and returns the lowest pending signal, 0 if none; sigrecvpark parks
// the calling goroutine until a signal is pending (rt/src/sigqueue.rs).
func sigpendingtake() uint32
func sigrecvpark()

//go:linkname signal_recv os/signal.signal_recv
func signal_recv() uint32 {
	for {
		if s := sigpendingtake(); s != 0 {
			return s
		}
		sigrecvpark()
	}
}

// signalWaitUntilIdle waits until the signal delivery mechanism is idle (gc: until the
// receiving goroutine is parked). Delivery here is synchronous with the scheduler, so it
// always is.
//
//go:linkname signalWaitUntilIdle os/signal.signalWaitUntilIdle
func signalWaitUntilIdle() {}
