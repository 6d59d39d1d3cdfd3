//! Clocks and the scheduler's side of timers (gc's time.go, os_linux.go's clocks).
//!
//! The timer heap itself is Go code in the runtime overlay (overlay/runtime/time.go): it keeps
//! `runtime.timerNextWhen` (the earliest due time in nanotime units, 0 when there are no
//! timers) and provides `runtime.runTimers`, which runs every due timer. The scheduler calls
//! [`check_timers`] whenever it looks for the next goroutine, and waits on a note until the next
//! timer when nothing can run (proc.rs's idle_wait).

use crate::start::{call_go0, call_go1r2, getg};
use crate::sys;

const SYS_CLOCK_GETTIME: usize = 228;
const SYS_NANOSLEEP: usize = 35;
const CLOCK_REALTIME: usize = 0;
const CLOCK_MONOTONIC: usize = 1;

#[repr(C)]
struct Timespec {
    sec: i64,
    nsec: i64,
}

fn clock_gettime(clock: usize) -> Timespec {
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: ts is a writable timespec.
    unsafe {
        sys::syscall3(
            SYS_CLOCK_GETTIME,
            clock,
            &mut ts as *mut Timespec as usize,
            0,
        )
    };
    ts
}

/// `runtime.nanotime`: the monotonic clock in nanoseconds.
#[unsafe(export_name = "runtime.nanotime")]
pub extern "C" fn nanotime() -> i64 {
    let ts = clock_gettime(CLOCK_MONOTONIC);
    ts.sec * 1_000_000_000 + ts.nsec
}

/// Seconds and nanoseconds of the wall clock, in rax:rdx.
#[repr(C)]
pub struct WallTime {
    pub sec: i64,
    pub nsec: i64,
}

/// `runtime.walltime`: the wall clock (CLOCK_REALTIME).
#[unsafe(export_name = "runtime.walltime")]
pub extern "C" fn walltime() -> WallTime {
    let ts = clock_gettime(CLOCK_REALTIME);
    WallTime {
        sec: ts.sec,
        nsec: ts.nsec,
    }
}

unsafe extern "C" {
    #[link_name = "runtime.timerNextWhen"]
    static TIMER_NEXT_WHEN: i64;
    #[link_name = "runtime.runTimers"]
    fn run_timers();
    #[link_name = "runtime.maybeRunChan"]
    fn maybe_run_chan();
    #[link_name = "runtime.blockTimerChan"]
    fn block_timer_chan();
    #[link_name = "runtime.unblockTimerChan"]
    fn unblock_timer_chan();
}

/// What a channel operation tells the timer of a timer channel (overlay/runtime/time.go).
#[derive(Clone, Copy)]
pub enum TimerChanOp {
    /// A receive or select is about to look at the channel: run the timer if it is due.
    MaybeRun,
    /// A receiver may block on the channel: the timer must be in the heap to wake it.
    Block,
    /// That receiver no longer waits.
    Unblock,
}

/// Calls the overlay's side of `op` for `timer` (a channel's `timer` word), on the calling
/// goroutine's stack. The caller holds no channel lock: MaybeRun sends on the channel.
///
/// # Safety
/// `timer` is the runtime timer of a time.Timer or Ticker.
pub unsafe fn timer_chan(op: TimerChanOp, timer: usize) {
    let code = match op {
        TimerChanOp::MaybeRun => maybe_run_chan as *const () as usize,
        TimerChanOp::Block => block_timer_chan as *const () as usize,
        TimerChanOp::Unblock => unblock_timer_chan as *const () as usize,
    };
    // SAFETY: each is a Go func(*timer) of the runtime overlay that does not block; as for
    // runTimers, no preemption while the runtime runs it.
    unsafe {
        let m = (*getg()).m;
        (*m).locks += 1;
        call_go1r2(code, 0, timer, getg());
        (*m).locks -= 1;
    }
}

/// The earliest pending timer's due time, 0 when there is none.
pub fn timer_next() -> i64 {
    // SAFETY: a Go package variable, written only by Go code on this thread.
    unsafe { core::ptr::read_volatile(&raw const TIMER_NEXT_WHEN) }
}

/// Runs the timers that are due (gc's checkTimers).
pub fn check_timers() {
    let next = timer_next();
    if next == 0 || nanotime() < next {
        return;
    }
    // SAFETY: runtime.runTimers is a Go func() of the runtime overlay; timer functions do not
    // block. They run inside the scheduler (the goroutine that called it may be parked or
    // dead), so the goroutine must not be preempted meanwhile (m.locks, preempt.rs).
    unsafe {
        let m = (*getg()).m;
        (*m).locks += 1;
        call_go0(run_timers as *const () as usize, 0, getg());
        (*m).locks -= 1;
    }
}

/// Sleeps the calling thread until the monotonic clock reaches `when` (sysmon's pauses).
pub fn sleep_until(when: i64) {
    loop {
        let d = when - nanotime();
        if d <= 0 {
            return;
        }
        let ts = Timespec {
            sec: d / 1_000_000_000,
            nsec: d % 1_000_000_000,
        };
        // SAFETY: ts is a valid timespec; EINTR just loops.
        unsafe { sys::syscall3(SYS_NANOSLEEP, &ts as *const Timespec as usize, 0, 0) };
    }
}
