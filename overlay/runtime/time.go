// Timers (gc's time.go): time.Sleep, time.Timer, time.Ticker and time.AfterFunc.
//
// The timers live in one binary heap ordered by their due time. The scheduler (rt/src/sched.rs)
// reads timerNextWhen whenever it picks the next goroutine: once that time has passed it calls
// runTimers, and when no goroutine can run it sleeps until the earliest timer instead of
// reporting a deadlock. Timer functions run on the stack of the goroutine that entered the
// scheduler, as gc runs them on whichever goroutine's P checks timers; they never block.
//
// A timer channel (time.NewTimer, time.Ticker) is buffered with capacity 1 as in gc; Stop and
// Reset discard a value sent but not yet received (Go 1.23 semantics).
//
// As in gc, a channel timer of real time is in the heap only while some goroutine is blocked
// receiving from its channel (blockTimerChan, from chanrecv and selectgo in rt/src). Otherwise
// it is armed but unheaped: the heap, a root, does not reference it, so a Timer or Ticker that
// the program dropped is collected with its channel. A receive (or a select polling the
// channel) first runs such a timer if it is due (maybeRunChan): the value is sent then, lazily,
// with the delay since its due time.

package runtime

import "unsafe"

type timer struct {
	when   int64
	period int64
	f      func(arg any, seq uintptr, delay int64)
	arg    any
	seq    uintptr
	// Index in its heap, -1 when not in the heap.
	idx    int
	isChan bool
	// Goroutines blocked receiving from the channel of a channel timer (gc's timer.blocked).
	blocked int32
	hchan  unsafe.Pointer
	// The synctest bubble whose fake clock the timer follows (gc's isFake), or nil.
	bubble *synctestBubble
	// Orders fake timers due at the same instant, drawn anew each time one is added (gc's
	// timer.rand): a bubble must not always run them in the order they were set.
	rand uint32
}

// timeTimer is a time.Timer or time.Ticker (same layout: C, initTimer) followed by the
// runtime's state, as in gc.
type timeTimer struct {
	c    unsafe.Pointer
	init bool
	timer
}

// timerHeap is a 4-ary heap of timers ordered by due time: the program's real-time timers, or
// one synctest bubble's fake-time timers.
type timerHeap struct {
	heap []*timer
	// The bubble owning the heap, nil for realTimers.
	bubble *synctestBubble
}

var realTimers timerHeap

// haveHighResSleep says that timers sleep with sub-millisecond resolution: always so on Linux
// (gc's nonwindows_stub.go); package time's tests read it by linkname.
//
//go:linkname haveHighResSleep
var haveHighResSleep = true

// The earliest due time in realTimers (0 when empty), read by the scheduler.
var timerNextWhen int64

const maxWhen = 1<<63 - 1

func (h *timerHeap) swap(i, j int) {
	ts := h.heap
	ts[i], ts[j] = ts[j], ts[i]
	ts[i].idx = i
	ts[j].idx = j
}

func (h *timerHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 4
		if !timerLess(h.heap[i], h.heap[p]) {
			break
		}
		h.swap(i, p)
		i = p
	}
}

func (h *timerHeap) down(i int) {
	n := len(h.heap)
	for {
		m := i
		for c := 4*i + 1; c <= 4*i+4 && c < n; c++ {
			if timerLess(h.heap[c], h.heap[m]) {
				m = c
			}
		}
		if m == i {
			return
		}
		h.swap(i, m)
		i = m
	}
}

// timerLess orders a heap: by due time, then (fake timers) by their random draw.
func timerLess(a, b *timer) bool {
	if a.when != b.when {
		return a.when < b.when
	}
	return a.rand < b.rand
}

// updateNext publishes the earliest due time: to the scheduler for real timers, to the bubble
// (rt/src/sched.rs reads its nextWhen to decide whom to wake) for fake ones.
func (h *timerHeap) updateNext() {
	var next int64
	if len(h.heap) > 0 {
		next = h.heap[0].when
		if next == 0 {
			next = 1
		}
	}
	if h.bubble != nil {
		h.bubble.nextWhen = next
	} else {
		timerNextWhen = next
	}
}

func (h *timerHeap) add(t *timer) {
	if t.bubble != nil {
		t.rand = cheaprand()
	}
	t.idx = len(h.heap)
	h.heap = append(h.heap, t)
	h.up(t.idx)
	h.updateNext()
}

func (h *timerHeap) remove(t *timer) {
	i := t.idx
	last := len(h.heap) - 1
	if i != last {
		h.swap(i, last)
	}
	h.heap[last] = nil
	h.heap = h.heap[:last]
	t.idx = -1
	if i < last {
		h.down(i)
		h.up(i)
	}
	h.updateNext()
}

// heap is the heap t lives in.
func (t *timer) heap() *timerHeap {
	if t.bubble != nil {
		return &t.bubble.timers
	}
	return &realTimers
}

// stop removes t from the heap; reports whether it was pending (not yet run, or, for a
// channel timer, sent but not received).
func (t *timer) stop() bool {
	if t.bubble != nil && getgBubble() == nil {
		fatal("stop of synctest timer from outside bubble")
	}
	// An armed channel timer may be out of the heap (see the top of the file).
	pending := t.idx >= 0 || t.when > 0
	if t.idx >= 0 {
		t.heap().remove(t)
	}
	t.when = 0
	t.seq++
	if t.isChan && timerchandrain(t.hchan) {
		pending = true
	}
	return pending
}

func (t *timer) reset(when, period int64) bool {
	if t.bubble != nil && getgBubble() == nil {
		fatal("reset of synctest timer from outside bubble")
	}
	pending := t.stop()
	t.when = when
	t.period = period
	if !t.needsHeap() {
		return pending
	}
	h := t.heap()
	h.add(t)
	if b := t.bubble; b != nil && when <= b.now {
		// gc runs a fake timer that is already due at once, in the goroutine that set it,
		// rather than when the bubble next blocks.
		h.runOne(t, b.now)
		h.updateNext()
	}
	return pending
}

// needsHeap says whether the armed timer t must be in its heap: always, but for a channel timer
// of real time that nobody waits on (gc's needsAdd).
func (t *timer) needsHeap() bool {
	return !t.isChan || t.bubble != nil || t.blocked > 0
}

// maybeRunChan runs the unheaped channel timer t if it is due: called before a receive from
// (or a select on) its channel, so that the receiver finds the value the timer would have sent.
func maybeRunChan(t *timer) {
	if t.idx >= 0 || t.when == 0 || t.bubble != nil {
		return
	}
	now := nanotime()
	if now < t.when {
		return
	}
	when := t.advance(now)
	t.f(t.arg, t.seq, now-when)
}

// blockTimerChan records that a goroutine is about to block receiving from the channel of
// timer t: an armed timer goes into the heap so that it wakes the receiver.
func blockTimerChan(t *timer) {
	t.blocked++
	if t.idx < 0 && t.when > 0 && t.bubble == nil {
		realTimers.add(t)
	}
}

// unblockTimerChan undoes blockTimerChan once the receiver no longer waits; the last one
// takes the timer out of the heap again (it stays armed). gc marks it a zombie for its P to
// drop later; with one P that owns all timers, rgo removes it at once.
func unblockTimerChan(t *timer) {
	t.blocked--
	if t.blocked == 0 && t.idx >= 0 && t.bubble == nil {
		realTimers.remove(t)
	}
}

// advance moves the due timer t past now (a periodic timer) or disarms it; returns the due
// time it had.
func (t *timer) advance(now int64) int64 {
	when := t.when
	if t.period > 0 {
		t.when += t.period * (1 + (now-t.when)/t.period)
		if t.when < 0 {
			t.when = maxWhen
		}
	} else {
		t.when = 0
	}
	return when
}

// timerchandrain discards the values buffered in a timer channel; reports whether there were
// any (rt/src/chan.rs).
func timerchandrain(c unsafe.Pointer) bool

// run runs every timer of h due at now.
func (h *timerHeap) run(now int64) {
	for len(h.heap) > 0 && h.heap[0].when <= now {
		h.runOne(h.heap[0], now)
	}
	h.updateNext()
}

// runOne runs timer t of h, which is due at now: a periodic timer moves to its next due time
// after now, another leaves the heap.
func (h *timerHeap) runOne(t *timer, now int64) {
	when := t.advance(now)
	if t.period > 0 {
		h.down(t.idx)
		h.updateNext()
	} else {
		h.remove(t)
	}
	t.f(t.arg, t.seq, now-when)
}

// runTimers runs every real-time timer that is due (called by the scheduler).
func runTimers() {
	realTimers.run(nanotime())
}

//go:linkname newTimer time.newTimer
func newTimer(when, period int64, f func(arg any, seq uintptr, delay int64), arg any, c unsafe.Pointer) *timeTimer {
	t := new(timeTimer)
	t.idx = -1
	// A timer made in a synctest bubble follows the bubble's fake clock.
	t.bubble = getgBubble()
	if c != nil {
		t.isChan = true
		t.hchan = c
		setchantimer(c, unsafe.Pointer(&t.timer))
	}
	t.f = f
	t.arg = arg
	t.reset(when, period)
	t.init = true
	return t
}

//go:linkname stopTimer time.stopTimer
func stopTimer(t *timeTimer) bool {
	return t.stop()
}

//go:linkname resetTimer time.resetTimer
func resetTimer(t *timeTimer, when, period int64) bool {
	return t.reset(when, period)
}

// setchantimer marks c as the channel of timer t, the runtime part of a timeTimer (as gc's
// c.timer; rt/src/chan.rs and rt/src/select.rs hand it to maybeRunChan and blockTimerChan).
func setchantimer(c unsafe.Pointer, t unsafe.Pointer)

func goroutineReady(arg any, _ uintptr, _ int64) {
	goready(arg.(unsafe.Pointer))
}

//go:linkname timeSleep time.Sleep
func timeSleep(ns int64) {
	if ns <= 0 {
		return
	}
	bubble := getgBubble()
	now := nanotime()
	if bubble != nil {
		now = bubble.now
	}
	when := now + ns
	if when < 0 {
		when = maxWhen
	}
	t := &timer{idx: -1, f: goroutineReady, arg: getg(), bubble: bubble}
	t.when = when
	t.heap().add(t)
	gopark(waitReasonSleep)
}

//go:linkname time_now time.now
func time_now() (sec int64, nsec int32, mono int64) {
	sec, nsec = walltime()
	return sec, nsec, nanotime()
}

//go:linkname time_runtimeNow time.runtimeNow
func time_runtimeNow() (sec int64, nsec int32, mono int64) {
	if bubble := getgBubble(); bubble != nil {
		// The fake clock, without a monotonic reading (as gc: times from inside and outside
		// a bubble must not be compared by the monotonic clock).
		return bubble.now / 1e9, int32(bubble.now % 1e9), 0
	}
	sec, nsec = walltime()
	return sec, nsec, nanotime()
}

//go:linkname crypto_internal_fips140deps_time_monoTime crypto/internal/fips140deps/time.monoTime
func crypto_internal_fips140deps_time_monoTime() (mono int64) {
	_, _, mono = time_now()
	return mono
}

//go:linkname time_runtimeNano time.runtimeNano
func time_runtimeNano() int64 {
	if bubble := getgBubble(); bubble != nil {
		return bubble.now
	}
	return nanotime()
}

//go:linkname time_runtimeIsBubbled time.runtimeIsBubbled
func time_runtimeIsBubbled() bool {
	return getgBubble() != nil
}
