// Coroutines for iter.Pull (gc's coro.go): a coroutine is a goroutine that runs only when
// another goroutine switches to it, handing the thread over directly.

package runtime

import "unsafe"

type coro struct {
	gp unsafe.Pointer
	f  func(*coro)
}

func newcoro(f func(*coro)) *coro {
	c := &coro{f: f}
	c.gp = newprocParked(func() { corostart(c) }, waitReasonCoroutine)
	return c
}

func corostart(c *coro) {
	defer coroexit(c)
	c.f(c)
}

// coroexit ends the coroutine's goroutine and resumes the goroutine that switched to it last.
func coroexit(c *coro) {
	next := c.gp
	c.gp = nil
	goswitch(next, 0, true)
}

func coroswitch(c *coro) {
	next := c.gp
	if next == nil {
		fatal("coroswitch on exited coro")
	}
	c.gp = getg()
	goswitch(next, waitReasonCoroutine, false)
}
