// Timers (gc's time.go): time.Sleep, time.Timer, time.Ticker and time.AfterFunc.
//
// The timers live in one binary heap ordered by their due time. The scheduler (rt/src/sched.rs)
// reads timerNextWhen whenever it picks the next goroutine: once that time has passed it calls
// runTimers, and when no goroutine can run it sleeps until the earliest timer instead of
// reporting a deadlock. Timer functions run on the stack of the goroutine that entered the
// scheduler, as gc runs them on whichever goroutine's P checks timers; they never block.
//
// A timer channel (time.NewTimer, time.Ticker) is buffered with capacity 1 as in gc; Stop and
// Reset discard a value sent but not yet received (Go 1.23 semantics), but unlike gc the timer
// is always in the heap while active, and len/cap of its channel report the buffer.

package runtime

import "unsafe"

type timer struct {
	when   int64
	period int64
	f      func(arg any, seq uintptr, delay int64)
	arg    any
	seq    uintptr
	// Index in timers, -1 when not in the heap.
	idx    int
	isChan bool
	hchan  unsafe.Pointer
}

// timeTimer is a time.Timer or time.Ticker (same layout: C, initTimer) followed by the
// runtime's state, as in gc.
type timeTimer struct {
	c    unsafe.Pointer
	init bool
	timer
}

// The timer heap, and its earliest due time (0 when empty) for the scheduler.
var timers []*timer

// haveHighResSleep says that timers sleep with sub-millisecond resolution: always so on Linux
// (gc's nonwindows_stub.go); package time's tests read it by linkname.
//
//go:linkname haveHighResSleep
var haveHighResSleep = true
var timerNextWhen int64

const maxWhen = 1<<63 - 1

func timerLess(a, b *timer) bool {
	return a.when < b.when
}

func timerSwap(i, j int) {
	timers[i], timers[j] = timers[j], timers[i]
	timers[i].idx = i
	timers[j].idx = j
}

func timerUp(i int) {
	for i > 0 {
		p := (i - 1) / 4
		if !timerLess(timers[i], timers[p]) {
			break
		}
		timerSwap(i, p)
		i = p
	}
}

func timerDown(i int) {
	n := len(timers)
	for {
		m := i
		for c := 4*i + 1; c <= 4*i+4 && c < n; c++ {
			if timerLess(timers[c], timers[m]) {
				m = c
			}
		}
		if m == i {
			return
		}
		timerSwap(i, m)
		i = m
	}
}

func updateTimerNext() {
	if len(timers) == 0 {
		timerNextWhen = 0
	} else {
		timerNextWhen = timers[0].when
		if timerNextWhen == 0 {
			timerNextWhen = 1
		}
	}
}

func timerAdd(t *timer) {
	t.idx = len(timers)
	timers = append(timers, t)
	timerUp(t.idx)
	updateTimerNext()
}

func timerRemove(t *timer) {
	i := t.idx
	last := len(timers) - 1
	if i != last {
		timerSwap(i, last)
	}
	timers[last] = nil
	timers = timers[:last]
	t.idx = -1
	if i < last {
		timerDown(i)
		timerUp(i)
	}
	updateTimerNext()
}

// stop removes t from the heap; reports whether it was pending (not yet run, or, for a
// channel timer, sent but not received).
func (t *timer) stop() bool {
	pending := t.idx >= 0
	if pending {
		timerRemove(t)
	}
	t.seq++
	if t.isChan && timerchandrain(t.hchan) {
		pending = true
	}
	return pending
}

func (t *timer) reset(when, period int64) bool {
	pending := t.stop()
	t.when = when
	t.period = period
	timerAdd(t)
	return pending
}

// timerchandrain discards the values buffered in a timer channel; reports whether there were
// any (rt/src/chan.rs).
func timerchandrain(c unsafe.Pointer) bool

// runTimers runs every timer that is due (called by the scheduler).
func runTimers() {
	now := nanotime()
	for len(timers) > 0 && timers[0].when <= now {
		t := timers[0]
		when := t.when
		if t.period > 0 {
			t.when += t.period * (1 + (now-t.when)/t.period)
			if t.when < 0 {
				t.when = maxWhen
			}
			timerDown(0)
			updateTimerNext()
		} else {
			timerRemove(t)
		}
		t.f(t.arg, t.seq, now-when)
	}
	updateTimerNext()
}

//go:linkname newTimer time.newTimer
func newTimer(when, period int64, f func(arg any, seq uintptr, delay int64), arg any, c unsafe.Pointer) *timeTimer {
	t := new(timeTimer)
	t.idx = -1
	if c != nil {
		t.isChan = true
		t.hchan = c
		setchantimer(c, unsafe.Pointer(t))
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

// setchantimer marks c as the channel of timer t (rt/src/chan.rs).
func setchantimer(c unsafe.Pointer, t unsafe.Pointer)

func goroutineReady(arg any, _ uintptr, _ int64) {
	goready(arg.(unsafe.Pointer))
}

//go:linkname timeSleep time.Sleep
func timeSleep(ns int64) {
	if ns <= 0 {
		return
	}
	when := nanotime() + ns
	if when < 0 {
		when = maxWhen
	}
	t := &timer{idx: -1, f: goroutineReady, arg: getg()}
	t.when = when
	timerAdd(t)
	gopark(waitReasonSleep)
}

//go:linkname time_now time.now
func time_now() (sec int64, nsec int32, mono int64) {
	sec, nsec = walltime()
	return sec, nsec, nanotime()
}

//go:linkname time_runtimeNow time.runtimeNow
func time_runtimeNow() (sec int64, nsec int32, mono int64) {
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
	return nanotime()
}

//go:linkname time_runtimeIsBubbled time.runtimeIsBubbled
func time_runtimeIsBubbled() bool {
	return false
}
