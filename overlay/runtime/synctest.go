// synctest bubbles (gc's synctest.go), behind testing/synctest and internal/synctest.
//
// synctest.Run(f) starts f in a new goroutine inside a bubble: that goroutine and every
// goroutine it starts (transitively) are members, channels and timers made by members belong
// to the bubble, and the bubble has a fake clock that starts at midnight UTC 2000-01-01 and
// advances only when every member is durably blocked (waiting for something only another
// member can do: a bubble channel, a fake timer, sync.Cond, a bubbled WaitGroup, ...).
//
// The scheduler keeps the counts (rt/src/sched.rs, Bubble: total members, running members,
// pending wake-ups) as goroutines start, park, wake and exit, and when the bubble becomes idle
// it wakes either the member blocked in synctest.Wait or the caller of Run (the root, which is
// counted as a member while it runs). The root then moves the clock to the earliest fake timer
// and runs the timers due, or, when there is none (or f has returned), ends the bubble: Run
// returns when f's goroutine and every other member have exited, and panics with gc's
// deadlock error when members remain blocked for good.
//
// Everything here runs on the one scheduler thread and the runtime is never preempted, so
// the checks gc makes under bubble.mu before parking are made just before gopark here.

package runtime

import "unsafe"

// synctestBubble's first fields are rt/src/sched.rs's Bubble, in the same order.
type synctestBubble struct {
	total    int            // live members
	running  int            // members not durably blocked
	active   int            // wake-ups decided and not yet consumed, and Acquire holds
	root     unsafe.Pointer // caller of synctest.Run
	waiter   unsafe.Pointer // caller of synctest.Wait, once parked
	main     unsafe.Pointer // goroutine started by synctest.Run
	now      int64          // the fake clock
	nextWhen int64          // due time of the earliest fake timer, 0 when none
	id       uint64
	waiting  bool // a member is calling synctest.Wait
	done     bool // main has exited

	timers timerHeap
}

// Wait reasons of bubbles (rt/src/sched.rs).
const (
	waitReasonSynctestRun           uint8 = 18
	waitReasonSynctestWait          uint8 = 19
	waitReasonSynctestWaitGroupWait uint8 = 23
)

// getgBubble is the running goroutine's bubble, nil outside one (rt/src/sched.rs).
func getgBubble() *synctestBubble

// setgBubble moves the running goroutine into b (or out of its bubble with nil) without
// counting it as a member (rt/src/sched.rs).
func setgBubble(b *synctestBubble)

// synctestDecActive ends a wake-up or an Acquire hold, waking a goroutine if the bubble is
// now idle (rt/src/sched.rs).
func synctestDecActive(b *synctestBubble)

var bubbleGen uint64

// liveBubbles keeps every bubble whose Run has not returned reachable: members point to their
// bubble from the scheduler's memory, which the collector does not scan. (Made on first use,
// as bubbleAssoc: programs without bubbles allocate nothing at start-up.)
var liveBubbles map[*synctestBubble]struct{}

// synctestDeadlockError is the panic value of a Run whose bubble is blocked for good.
type synctestDeadlockError struct {
	reason string
	bubble *synctestBubble
}

func (e synctestDeadlockError) Error() string {
	return e.reason
}

//go:linkname synctestRun internal/synctest.Run
func synctestRun(f func()) {
	if getgBubble() != nil {
		panic("synctest.Run called from within a synctest bubble")
	}
	bubbleGen++
	bubble := &synctestBubble{
		id:      bubbleGen,
		total:   1,
		running: 1,
		root:    getg(),
	}
	bubble.timers.bubble = bubble
	// gc's synctestBaseTime: midnight UTC 2000-01-01.
	bubble.now = 946684800000000000
	if liveBubbles == nil {
		liveBubbles = map[*synctestBubble]struct{}{}
	}
	liveBubbles[bubble] = struct{}{}
	setgBubble(bubble)
	defer func() {
		setgBubble(nil)
	}()

	bubble.main = newprocBubbleMain(f)
	bubble.active++
	for {
		bubble.timers.run(bubble.now)
		// gc's synctestidle_c: when this goroutine is the only running member and nothing
		// else is pending, parking would leave nobody to wake it: go on at once.
		if bubble.running == 1 && bubble.active == 1 {
		} else {
			bubble.active--
			gopark(waitReasonSynctestRun)
		}
		next := bubble.nextWhen
		if next == 0 {
			break
		}
		if next < bubble.now {
			throw("time went backwards")
		}
		if bubble.done {
			break
		}
		bubble.now = next
	}
	// The wake-up that ended the loop.
	bubble.active--
	total := bubble.total
	if total != 1 {
		var reason string
		if bubble.done {
			reason = "deadlock: main bubble goroutine has exited but blocked goroutines remain"
		} else {
			reason = "deadlock: all goroutines in bubble are blocked"
		}
		panic(synctestDeadlockError{reason: reason, bubble: bubble})
	}
	delete(liveBubbles, bubble)
}

// newprocBubbleMain starts f as the running goroutine's bubble's main goroutine and returns
// its g (gc's newproc1 in synctestRun).
func newprocBubbleMain(f func()) unsafe.Pointer {
	gp := newprocParked(f, waitReasonSynctestRun)
	goready(gp)
	return gp
}

//go:linkname synctestWait internal/synctest.Wait
func synctestWait() {
	bubble := getgBubble()
	if bubble == nil {
		panic("goroutine is not in a bubble")
	}
	if bubble.waiting {
		panic("wait already in progress")
	}
	bubble.waiting = true
	// gc's synctestwait_c: the scheduler wakes the waiter once the bubble is idle.
	bubble.waiter = getg()
	gopark(waitReasonSynctestWait)
	synctestDecActiveNoWake(bubble)
	bubble.waiter = nil
	bubble.waiting = false
}

// synctestDecActiveNoWake consumes the wake-up of the Wait caller, which is running: the
// bubble cannot be idle.
func synctestDecActiveNoWake(bubble *synctestBubble) {
	bubble.active--
	if bubble.active < 0 {
		throw("active < 0")
	}
}

//go:linkname synctest_isInBubble internal/synctest.IsInBubble
func synctest_isInBubble() bool {
	return getgBubble() != nil
}

//go:linkname synctest_acquire internal/synctest.acquire
func synctest_acquire() any {
	if bubble := getgBubble(); bubble != nil {
		bubble.active++
		return bubble
	}
	return nil
}

//go:linkname synctest_release internal/synctest.release
func synctest_release(bubble any) {
	synctestDecActive(bubble.(*synctestBubble))
}

//go:linkname synctest_inBubble internal/synctest.inBubble
func synctest_inBubble(bubble any, f func()) {
	if getgBubble() != nil {
		panic("goroutine is already bubbled")
	}
	setgBubble(bubble.(*synctestBubble))
	defer func() {
		setgBubble(nil)
	}()
	f()
}

// Association values of internal/synctest.
const (
	bubbleAssocUnbubbled = iota
	bubbleAssocCurrentBubble
	bubbleAssocOtherBubble
)

// bubbleAssoc records which bubble each associated object belongs to, by address (gc keeps a
// special record in the object's span). A cleanup on the object drops its entry once the
// object is unreachable, and Disassociate cancels that cleanup; an object outside the heap
// cannot be associated (gc: Unbubbled).
var bubbleAssoc map[uintptr]bubbleAssocEntry

type bubbleAssocEntry struct {
	bubble  uint64
	cleanup uint64
}

// bubbleAssociation says how p relates to the running goroutine's bubble, associating it with
// that bubble first when add is set and it has none.
func bubbleAssociation(p unsafe.Pointer, add bool) int {
	id := getgBubble().id
	addr := uintptr(p)
	if e, ok := bubbleAssoc[addr]; ok {
		if e.bubble == id {
			return bubbleAssocCurrentBubble
		}
		return bubbleAssocOtherBubble
	}
	if !add {
		return bubbleAssocUnbubbled
	}
	cleanup := addcleanup(addr, func() { delete(bubbleAssoc, addr) })
	if cleanup == 0 {
		return bubbleAssocUnbubbled
	}
	if bubbleAssoc == nil {
		bubbleAssoc = map[uintptr]bubbleAssocEntry{}
	}
	bubbleAssoc[addr] = bubbleAssocEntry{bubble: id, cleanup: cleanup}
	return bubbleAssocCurrentBubble
}

//go:linkname synctest_associate internal/synctest.associate
func synctest_associate(p unsafe.Pointer) int {
	return bubbleAssociation(p, true)
}

//go:linkname synctest_disassociate internal/synctest.disassociate
func synctest_disassociate(p unsafe.Pointer) {
	addr := uintptr(p)
	if e, ok := bubbleAssoc[addr]; ok {
		stopcleanup(e.cleanup)
		delete(bubbleAssoc, addr)
	}
}

//go:linkname synctest_isAssociated internal/synctest.isAssociated
func synctest_isAssociated(p unsafe.Pointer) bool {
	return bubbleAssociation(p, false) == bubbleAssocCurrentBubble
}
