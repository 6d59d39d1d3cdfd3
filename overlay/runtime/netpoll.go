// The network poller (gc's netpoll.go, netpoll_epoll.go) for internal/poll: descriptors that
// epoll accepts (pipes, sockets, terminals opened non-blocking) are put in non-blocking mode by
// internal/poll, and a goroutine that would block on one parks here until epoll reports it
// ready. The scheduler polls (rt/src/sched.rs) when nothing else can run, waiting at most until
// the next timer, and every 61st time it picks a goroutine without waiting, as gc's
// findRunnable does. Regular files are refused by epoll (EPERM) and stay in blocking mode, as
// in gc. Read and write deadlines are timers that wake the waiting goroutine.

package runtime

import "unsafe"

// internal/poll's result codes.
const (
	pollNoError        = 0
	pollErrClosing     = 1
	pollErrTimeout     = 2
	pollErrNotPollable = 3
)

type pollDesc struct {
	fd      uintptr
	closing bool
	// The goroutine waiting to read / write, nil if none.
	rg, wg unsafe.Pointer
	// epoll reported the descriptor ready and no wait consumed it yet.
	rready, wready bool
	// Deadlines: 0 none, -1 expired, else the nanotime they expire at.
	rd, wd int64
	rt, wt *timer
}

// The number of goroutines parked in pollWait; the scheduler polls only when it is not zero
// (read by rt/src/sched.rs).
var netpollWaiters int32

var netpollInited bool
var epfd int32 = -1

// netpollinit creates the epoll instance; netpollopen registers fd (edge-triggered, for input
// and output) with pd as its user data; netpollclose removes it; netpollwait waits up to
// delay ms (-1: forever) for events and stores (events, pd) pairs in buf. All return -errno on
// failure (rt/src/netpoll.rs).
func netpollinit() int32
func netpollopen(epfd int32, fd uintptr, pd unsafe.Pointer) int32
func netpollclose(epfd int32, fd uintptr) int32
func netpollwait(epfd int32, buf unsafe.Pointer, n int32, delay int32) int32

//go:linkname poll_runtime_pollServerInit internal/poll.runtime_pollServerInit
func poll_runtime_pollServerInit() {
	if netpollInited {
		return
	}
	r := netpollinit()
	if r < 0 {
		println("runtime: epollcreate failed with", -r)
		throw("runtime: netpollinit failed")
	}
	epfd = r
	netpollInited = true
}

//go:linkname poll_runtime_isPollServerDescriptor internal/poll.runtime_isPollServerDescriptor
func poll_runtime_isPollServerDescriptor(fd uintptr) bool {
	return netpollInited && fd == uintptr(epfd)
}

//go:linkname poll_runtime_pollOpen internal/poll.runtime_pollOpen
func poll_runtime_pollOpen(fd uintptr) (uintptr, int) {
	pd := &pollDesc{fd: fd}
	pdKeep = append(pdKeep, pd)
	if r := netpollopen(epfd, fd, unsafe.Pointer(pd)); r < 0 {
		pdKeep = pdKeep[:len(pdKeep)-1]
		return 0, int(-r)
	}
	return uintptr(unsafe.Pointer(pd)), 0
}

// pdKeep keeps every registered pollDesc reachable while epoll holds its address (the
// collector of the future must not free them; gc allocates them off-heap).
var pdKeep []*pollDesc

//go:linkname poll_runtime_pollClose internal/poll.runtime_pollClose
func poll_runtime_pollClose(ctx uintptr) {
	pd := (*pollDesc)(unsafe.Pointer(ctx))
	if !pd.closing {
		throw("runtime: close polldesc w/o unblock")
	}
	netpollclose(epfd, pd.fd)
	for i, p := range pdKeep {
		if p == pd {
			pdKeep[i] = pdKeep[len(pdKeep)-1]
			pdKeep[len(pdKeep)-1] = nil
			pdKeep = pdKeep[:len(pdKeep)-1]
			break
		}
	}
}

func netpollcheckerr(pd *pollDesc, mode int32) int {
	if pd.closing {
		return pollErrClosing
	}
	if (mode == 'r' && pd.rd < 0) || (mode == 'w' && pd.wd < 0) {
		return pollErrTimeout
	}
	return pollNoError
}

//go:linkname poll_runtime_pollReset internal/poll.runtime_pollReset
func poll_runtime_pollReset(ctx uintptr, mode int) int {
	pd := (*pollDesc)(unsafe.Pointer(ctx))
	if err := netpollcheckerr(pd, int32(mode)); err != pollNoError {
		return err
	}
	if mode == 'r' {
		pd.rready = false
	} else if mode == 'w' {
		pd.wready = false
	}
	return pollNoError
}

//go:linkname poll_runtime_pollWait internal/poll.runtime_pollWait
func poll_runtime_pollWait(ctx uintptr, mode int) int {
	pd := (*pollDesc)(unsafe.Pointer(ctx))
	if err := netpollcheckerr(pd, int32(mode)); err != pollNoError {
		return err
	}
	for !netpollblock(pd, int32(mode)) {
		if err := netpollcheckerr(pd, int32(mode)); err != pollNoError {
			return err
		}
	}
	return pollNoError
}

// netpollblock consumes a readiness notification, parking until one arrives; reports whether
// it got one (false: woken by a deadline or close).
func netpollblock(pd *pollDesc, mode int32) bool {
	ready := &pd.rready
	gp := &pd.rg
	if mode == 'w' {
		ready = &pd.wready
		gp = &pd.wg
	}
	if *ready {
		*ready = false
		return true
	}
	if *gp != nil {
		throw("runtime: double wait")
	}
	*gp = getg()
	netpollWaiters++
	gopark(waitReasonIOWait)
	if *ready {
		*ready = false
		return true
	}
	return false
}

// netpollunblock wakes the goroutine waiting on pd for mode; with ioready the wake-up is a
// readiness notification.
func netpollunblock(pd *pollDesc, mode int32, ioready bool) {
	ready := &pd.rready
	gp := &pd.rg
	if mode == 'w' {
		ready = &pd.wready
		gp = &pd.wg
	}
	if ioready {
		*ready = true
	}
	if g := *gp; g != nil {
		*gp = nil
		netpollWaiters--
		goready(g)
	}
}

//go:linkname poll_runtime_pollWaitCanceled internal/poll.runtime_pollWaitCanceled
func poll_runtime_pollWaitCanceled(ctx uintptr, mode int) {}

//go:linkname poll_runtime_pollSetDeadline internal/poll.runtime_pollSetDeadline
func poll_runtime_pollSetDeadline(ctx uintptr, d int64, mode int) {
	pd := (*pollDesc)(unsafe.Pointer(ctx))
	if pd.closing {
		return
	}
	if d > 0 {
		d += nanotime()
		if d <= 0 {
			d = maxWhen
		}
	}
	if mode == 'r' || mode == 'r'+'w' {
		pd.rd = d
		pd.rt = setPollTimer(pd, pd.rt, d, 'r')
	}
	if mode == 'w' || mode == 'r'+'w' {
		pd.wd = d
		pd.wt = setPollTimer(pd, pd.wt, d, 'w')
	}
	if pd.rd < 0 {
		netpollunblock(pd, 'r', false)
	}
	if pd.wd < 0 {
		netpollunblock(pd, 'w', false)
	}
}

type pollDeadline struct {
	pd   *pollDesc
	mode int32
}

// setPollTimer (re)arms the deadline timer of pd for mode, or stops it when there is no
// future deadline.
func setPollTimer(pd *pollDesc, t *timer, d int64, mode int32) *timer {
	if t != nil {
		t.stop()
	}
	if d <= 0 {
		return t
	}
	if t == nil {
		t = &timer{idx: -1, f: pollDeadlineExpired, arg: pollDeadline{pd, mode}}
	}
	t.reset(d, 0)
	return t
}

func pollDeadlineExpired(arg any, _ uintptr, _ int64) {
	a := arg.(pollDeadline)
	if a.mode == 'r' {
		a.pd.rd = -1
	} else {
		a.pd.wd = -1
	}
	netpollunblock(a.pd, a.mode, false)
}

//go:linkname poll_runtime_pollUnblock internal/poll.runtime_pollUnblock
func poll_runtime_pollUnblock(ctx uintptr) {
	pd := (*pollDesc)(unsafe.Pointer(ctx))
	if pd.closing {
		throw("runtime: unblock on closing polldesc")
	}
	pd.closing = true
	if pd.rt != nil {
		pd.rt.stop()
	}
	if pd.wt != nil {
		pd.wt.stop()
	}
	netpollunblock(pd, 'r', false)
	netpollunblock(pd, 'w', false)
}

const (
	_EPOLLIN    = 0x1
	_EPOLLOUT   = 0x4
	_EPOLLERR   = 0x8
	_EPOLLHUP   = 0x10
	_EPOLLRDHUP = 0x2000
)

// netpoll waits up to delay nanoseconds (-1: until an event) for I/O readiness and readies
// the goroutines waiting for it (called by the scheduler, rt/src/sched.rs).
func netpoll(delay int64) (int, int) {
	var ms int32
	if delay < 0 {
		ms = -1
	} else if delay == 0 {
		ms = 0
	} else if delay < 1e6 {
		ms = 1
	} else if delay < 1e15 {
		ms = int32(delay / 1e6)
	} else {
		ms = 1e9
	}
	var events [64][2]uintptr
	n := netpollwait(epfd, unsafe.Pointer(&events[0]), int32(len(events)), ms)
	for i := int32(0); i < n; i++ {
		ev := uint32(events[i][0])
		pd := (*pollDesc)(unsafe.Pointer(events[i][1]))
		if ev&(_EPOLLIN|_EPOLLRDHUP|_EPOLLHUP|_EPOLLERR) != 0 {
			netpollunblock(pd, 'r', true)
		}
		if ev&(_EPOLLOUT|_EPOLLHUP|_EPOLLERR) != 0 {
			netpollunblock(pd, 'w', true)
		}
	}
	return int(n), 0
}
