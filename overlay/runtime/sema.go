// Semaphores for package sync and internal/poll (gc's sema.go). A semaphore's count is changed
// atomically; its waiters hang off one of 251 roots chosen by address (gc's semTable), each
// with its own lock and a count of waiters that lets a release skip the lock when nobody
// waits. A release hands its unit straight to the first waiter (or, with lifo acquirers, the
// waiter queued at the front) when it can take it back, so waiters are served in order.

package runtime

import "unsafe"

type semaWaiter struct {
	gp   unsafe.Pointer
	next *semaWaiter
}

type semaQueue struct {
	addr       *uint32
	head, tail *semaWaiter
	next       *semaQueue
}

// semaRoot is one bucket of the table: the queues of the addresses hashed to it.
type semaRoot struct {
	lock   mutex
	nwait  uint32 // waiters in this bucket's queues (read without the lock)
	queues *semaQueue
}

const semTabSize = 251

var semtable [semTabSize]struct {
	root semaRoot
	pad  [64 - unsafe.Sizeof(semaRoot{})%64]byte
}

func semroot(addr *uint32) *semaRoot {
	return &semtable[(uintptr(unsafe.Pointer(addr))>>3)%semTabSize].root
}

// cansemacquire takes a unit if there is one (gc's cansemacquire).
func cansemacquire(addr *uint32) bool {
	for {
		v := load32(addr)
		if v == 0 {
			return false
		}
		if cas32(addr, v, v-1) {
			return true
		}
	}
}

func semacquire1(addr *uint32, lifo bool, reason uint8) {
	if cansemacquire(addr) {
		return
	}
	root := semroot(addr)
	lock(&root.lock)
	// Counted before the second look, so a release that adds a unit after it either sees this
	// waiter or left the unit for that look (gc's order).
	xadd32(&root.nwait, 1)
	if cansemacquire(addr) {
		xadd32(&root.nwait, -1)
		unlock(&root.lock)
		return
	}
	q := root.queues
	for q != nil && q.addr != addr {
		q = q.next
	}
	if q == nil {
		q = &semaQueue{addr: addr, next: root.queues}
		root.queues = q
	}
	w := &semaWaiter{gp: getg()}
	if lifo && q.head != nil {
		w.next = q.head
		q.head = w
	} else {
		if q.tail == nil {
			q.head = w
		} else {
			q.tail.next = w
		}
		q.tail = w
	}
	// semrelease1 hands the unit over before readying this goroutine.
	goparkunlock(&root.lock, reason)
}

func semrelease1(addr *uint32) {
	root := semroot(addr)
	xadd32(addr, 1)
	if load32(&root.nwait) == 0 {
		return
	}
	lock(&root.lock)
	var prev *semaQueue
	q := root.queues
	for q != nil && q.addr != addr {
		prev, q = q, q.next
	}
	// Hand the unit to the first waiter, unless an acquirer that did not queue took it.
	if q == nil || q.head == nil || !cansemacquire(addr) {
		unlock(&root.lock)
		return
	}
	w := q.head
	q.head = w.next
	if q.head == nil {
		q.tail = nil
		if prev == nil {
			root.queues = q.next
		} else {
			prev.next = q.next
		}
	}
	xadd32(&root.nwait, -1)
	unlock(&root.lock)
	goready(w.gp)
}

//go:linkname sync_runtime_Semacquire sync.runtime_Semacquire
func sync_runtime_Semacquire(addr *uint32) {
	semacquire1(addr, false, waitReasonSemacquire)
}

//go:linkname poll_runtime_Semacquire internal/poll.runtime_Semacquire
func poll_runtime_Semacquire(addr *uint32) {
	semacquire1(addr, false, waitReasonSemacquire)
}

//go:linkname sync_runtime_Semrelease sync.runtime_Semrelease
func sync_runtime_Semrelease(addr *uint32, handoff bool, skipframes int) {
	semrelease1(addr)
}

//go:linkname internal_sync_runtime_SemacquireMutex internal/sync.runtime_SemacquireMutex
func internal_sync_runtime_SemacquireMutex(addr *uint32, lifo bool, skipframes int) {
	semacquire1(addr, lifo, waitReasonSyncMutexLock)
}

//go:linkname sync_runtime_SemacquireRWMutexR sync.runtime_SemacquireRWMutexR
func sync_runtime_SemacquireRWMutexR(addr *uint32, lifo bool, skipframes int) {
	semacquire1(addr, lifo, waitReasonSyncRWMutexRLock)
}

//go:linkname sync_runtime_SemacquireRWMutex sync.runtime_SemacquireRWMutex
func sync_runtime_SemacquireRWMutex(addr *uint32, lifo bool, skipframes int) {
	semacquire1(addr, lifo, waitReasonSyncRWMutexLock)
}

//go:linkname sync_runtime_SemacquireWaitGroup sync.runtime_SemacquireWaitGroup
func sync_runtime_SemacquireWaitGroup(addr *uint32, synctestDurable bool) {
	reason := waitReasonSyncWaitGroupWait
	if synctestDurable {
		// A WaitGroup associated with the caller's synctest bubble: a durable block.
		reason = waitReasonSynctestWaitGroupWait
	}
	semacquire1(addr, false, reason)
}

//go:linkname poll_runtime_Semrelease internal/poll.runtime_Semrelease
func poll_runtime_Semrelease(addr *uint32) {
	semrelease1(addr)
}

//go:linkname internal_sync_runtime_Semrelease internal/sync.runtime_Semrelease
func internal_sync_runtime_Semrelease(addr *uint32, handoff bool, skipframes int) {
	semrelease1(addr)
}

// notifyList is sync.Cond's ticket-based wait list; its layout is sync.notifyList's.
type notifyList struct {
	wait   uint32
	notify uint32
	lock   uintptr
	head   *notifyWaiter
	tail   *notifyWaiter
}

type notifyWaiter struct {
	gp     unsafe.Pointer
	ticket uint32
	next   *notifyWaiter
}

// less reports whether a < b, treating the tickets as a wrapping sequence.
func less(a, b uint32) bool {
	return int32(a-b) < 0
}

// notifyLock is the list's lock word (sync.notifyList's `lock uintptr`, whose low half is
// the futex key).
func notifyLock(l *notifyList) *mutex {
	return (*mutex)(unsafe.Pointer(&l.lock))
}

//go:linkname notifyListAdd sync.runtime_notifyListAdd
func notifyListAdd(l *notifyList) uint32 {
	return xadd32(&l.wait, 1) - 1
}

//go:linkname notifyListWait sync.runtime_notifyListWait
func notifyListWait(l *notifyList, t uint32) {
	lock(notifyLock(l))
	if less(t, l.notify) {
		unlock(notifyLock(l))
		return
	}
	w := &notifyWaiter{gp: getg(), ticket: t}
	if l.tail == nil {
		l.head = w
	} else {
		l.tail.next = w
	}
	l.tail = w
	goparkunlock(notifyLock(l), waitReasonSyncCondWait)
}

//go:linkname notifyListNotifyAll sync.runtime_notifyListNotifyAll
func notifyListNotifyAll(l *notifyList) {
	if load32(&l.wait) == load32(&l.notify) {
		return
	}
	lock(notifyLock(l))
	s := l.head
	l.head = nil
	l.tail = nil
	l.notify = load32(&l.wait)
	unlock(notifyLock(l))
	for s != nil {
		next := s.next
		s.next = nil
		goready(s.gp)
		s = next
	}
}

//go:linkname notifyListNotifyOne sync.runtime_notifyListNotifyOne
func notifyListNotifyOne(l *notifyList) {
	if load32(&l.wait) == load32(&l.notify) {
		return
	}
	lock(notifyLock(l))
	t := l.notify
	if t == load32(&l.wait) {
		unlock(notifyLock(l))
		return
	}
	l.notify = t + 1
	var p *notifyWaiter
	for s := l.head; s != nil; p, s = s, s.next {
		if s.ticket == t {
			n := s.next
			if p != nil {
				p.next = n
			} else {
				l.head = n
			}
			if n == nil {
				l.tail = p
			}
			s.next = nil
			unlock(notifyLock(l))
			goready(s.gp)
			return
		}
	}
	unlock(notifyLock(l))
}

//go:linkname notifyListCheck sync.runtime_notifyListCheck
func notifyListCheck(sz uintptr) {
	if sz != unsafe.Sizeof(notifyList{}) {
		print("runtime: bad notifyList size - sync=", sz, " runtime=", unsafe.Sizeof(notifyList{}), "\n")
		throw("bad notifyList size")
	}
}

//go:linkname internal_sync_nanotime internal/sync.runtime_nanotime
func internal_sync_nanotime() int64 {
	return nanotime()
}

//go:linkname sync_runtime_canSpin sync.runtime_canSpin
func sync_runtime_canSpin(i int) bool {
	// Spinning needs another thread to release the lock: never with one thread.
	return false
}

//go:linkname sync_runtime_doSpin sync.runtime_doSpin
func sync_runtime_doSpin() {}

//go:linkname internal_sync_runtime_canSpin internal/sync.runtime_canSpin
func internal_sync_runtime_canSpin(i int) bool {
	return false
}

//go:linkname internal_sync_runtime_doSpin internal/sync.runtime_doSpin
func internal_sync_runtime_doSpin() {}

//go:linkname sync_runtime_procPin sync.runtime_procPin
func sync_runtime_procPin() int {
	// One P, numbered 0; nothing preempts the goroutine.
	return 0
}

//go:linkname sync_runtime_procUnpin sync.runtime_procUnpin
func sync_runtime_procUnpin() {}

//go:linkname sync_atomic_runtime_procPin sync/atomic.runtime_procPin
func sync_atomic_runtime_procPin() int {
	return 0
}

//go:linkname sync_atomic_runtime_procUnpin sync/atomic.runtime_procUnpin
func sync_atomic_runtime_procUnpin() {}

var poolcleanup func()

//go:linkname sync_runtime_registerPoolCleanup sync.runtime_registerPoolCleanup
func sync_runtime_registerPoolCleanup(f func()) {
	// Called at the start of each collection in gc; rgo has no collector yet.
	poolcleanup = f
}

//go:linkname sync_runtime_randn sync.runtime_randn
func sync_runtime_randn(n uint32) uint32 {
	return uint32(uint64(cheaprand()) * uint64(n) >> 32)
}

//go:linkname sync_throw sync.throw
func sync_throw(s string) {
	throw(s)
}

//go:linkname sync_fatal sync.fatal
func sync_fatal(s string) {
	fatal(s)
}

//go:linkname internal_sync_throw internal/sync.throw
func internal_sync_throw(s string) {
	throw(s)
}

//go:linkname internal_sync_fatal internal/sync.fatal
func internal_sync_fatal(s string) {
	fatal(s)
}

// cgroup_throw is internal/runtime/cgroup's throw (gc's runtime/panic.go pushes it too).
//
//go:linkname cgroup_throw internal/runtime/cgroup.throw
func cgroup_throw(s string) {
	throw(s)
}
