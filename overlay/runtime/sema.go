// Semaphores for package sync and internal/poll (gc's sema.go). One thread runs every
// goroutine and nothing preempts them, so no lock is needed: a release hands its unit straight
// to the first waiter (or, with lifo acquirers, the waiter queued at the front).

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

// The waiters of every semaphore address with waiters, hashed by address like gc's semTable
// (251 buckets, each a list of per-address queues).
const semTabSize = 251

var semtable [semTabSize]*semaQueue

func semroot(addr *uint32) **semaQueue {
	return &semtable[(uintptr(unsafe.Pointer(addr))>>3)%semTabSize]
}

func semacquire1(addr *uint32, lifo bool, reason uint8) {
	if *addr > 0 {
		*addr--
		return
	}
	root := semroot(addr)
	q := *root
	for q != nil && q.addr != addr {
		q = q.next
	}
	if q == nil {
		q = &semaQueue{addr: addr, next: *root}
		*root = q
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
	gopark(reason)
}

func semrelease1(addr *uint32) {
	root := semroot(addr)
	var prev *semaQueue
	q := *root
	for q != nil && q.addr != addr {
		prev, q = q, q.next
	}
	if q == nil || q.head == nil {
		*addr++
		return
	}
	w := q.head
	q.head = w.next
	if q.head == nil {
		q.tail = nil
		if prev == nil {
			*root = q.next
		} else {
			prev.next = q.next
		}
	}
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

//go:linkname notifyListAdd sync.runtime_notifyListAdd
func notifyListAdd(l *notifyList) uint32 {
	t := l.wait
	l.wait++
	return t
}

//go:linkname notifyListWait sync.runtime_notifyListWait
func notifyListWait(l *notifyList, t uint32) {
	if less(t, l.notify) {
		return
	}
	w := &notifyWaiter{gp: getg(), ticket: t}
	if l.tail == nil {
		l.head = w
	} else {
		l.tail.next = w
	}
	l.tail = w
	gopark(waitReasonSyncCondWait)
}

//go:linkname notifyListNotifyAll sync.runtime_notifyListNotifyAll
func notifyListNotifyAll(l *notifyList) {
	if l.wait == l.notify {
		return
	}
	s := l.head
	l.head = nil
	l.tail = nil
	l.notify = l.wait
	for s != nil {
		next := s.next
		s.next = nil
		goready(s.gp)
		s = next
	}
}

//go:linkname notifyListNotifyOne sync.runtime_notifyListNotifyOne
func notifyListNotifyOne(l *notifyList) {
	if l.wait == l.notify {
		return
	}
	t := l.notify
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
			goready(s.gp)
			return
		}
	}
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
