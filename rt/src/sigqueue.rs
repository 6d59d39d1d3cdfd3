//! Asynchronous signals for os/signal (gc's sigqueue.go, signal_unix.go): `signal_enable`
//! installs a handler that only records the signal in a pending mask; the goroutine of
//! os/signal's loop receives them in `signal_recv` (overlay/runtime/sigqueue.go), readied by the
//! scheduler ([`wake_receiver`]). The synchronous signals (SIGSEGV, SIGBUS, SIGFPE, SIGILL)
//! keep the runtime's own handler (signal.rs).

use crate::sched;
use crate::start::{G, getg};
use crate::sys;
use core::arch::naked_asm;
use core::ptr::{addr_of_mut, null_mut};
use core::sync::atomic::{AtomicU64, Ordering};

use crate::signal::{KSigaction, SA_ONSTACK, SA_RESTORER, SA_SIGINFO};

const SA_RESTART: u64 = 0x1000_0000;
const SIG_DFL: usize = 0;
const SIG_IGN: usize = 1;

/// Signals received and not yet taken by `signal_recv` (bit n-1 for signal n).
static PENDING: AtomicU64 = AtomicU64::new(0);
/// Signals os/signal wants delivered / has ignored.
static mut WANTED: u64 = 0;
static mut IGNORED: u64 = 0;
/// The goroutine parked in `signal_recv`, if any.
static mut RECEIVER: *mut G = null_mut();

fn bit(sig: u32) -> u64 {
    if (1..=64).contains(&sig) {
        1u64 << (sig - 1)
    } else {
        0
    }
}

/// Signals whose handler belongs to the runtime: the synchronous ones (signal.rs) and SIGURG,
/// the preemption signal, whose handler passes it on to os/signal ([`sigsend`]).
fn is_sync(sig: u32) -> bool {
    matches!(sig, 4 | 7 | 8 | 11 | 23)
}

/// Records `sig` for os/signal if the program asked for it (gc's sigsend); called by the
/// runtime's own handlers for the signals they share with os/signal.
pub fn sigsend(sig: u32) {
    // SAFETY: WANTED is a plain word written only outside signal handlers.
    if unsafe { core::ptr::read_volatile(&raw const WANTED) } & bit(sig) != 0 {
        PENDING.fetch_or(bit(sig), Ordering::SeqCst);
    }
}

/// gc's os_sigpipe test: whether os/signal ignores SIGPIPE or takes it (then it is queued for
/// it), in which case a failed write to stdout or stderr does not end the process.
pub fn sigpipe_taken() -> bool {
    const SIGPIPE: u32 = 13;
    // SAFETY: plain words written only outside signal handlers.
    let (wanted, ignored) = unsafe {
        (
            core::ptr::read_volatile(&raw const WANTED),
            core::ptr::read_volatile(&raw const IGNORED),
        )
    };
    if ignored & bit(SIGPIPE) != 0 {
        return true;
    }
    if wanted & bit(SIGPIPE) != 0 {
        PENDING.fetch_or(bit(SIGPIPE), Ordering::SeqCst);
        return true;
    }
    false
}

#[unsafe(naked)]
extern "C" fn sigreturn() {
    naked_asm!("mov eax, {}", "syscall", "ud2", const sys::SYS_RT_SIGRETURN)
}

extern "C" fn sigqueue_handler(sig: i32, _info: *const u8, _uctx: *const u8) {
    PENDING.fetch_or(bit(sig as u32), Ordering::SeqCst);
    // The signal may land on another thread than the P's holder: wake it if it waits (a
    // futex wake or an eventfd write, both fine in a handler).
    crate::proc::wake_p_holder();
}

fn set_action(sig: u32, handler: usize) {
    let act = KSigaction {
        handler,
        flags: if handler > SIG_IGN {
            SA_SIGINFO | SA_ONSTACK | SA_RESTART | SA_RESTORER
        } else {
            SA_RESTORER
        },
        restorer: sigreturn as *const () as usize,
        mask: 0,
    };
    // SAFETY: valid sigaction, sigsetsize 8.
    unsafe {
        sys::syscall6(
            sys::SYS_RT_SIGACTION,
            sig as usize,
            &act as *const KSigaction as usize,
            0,
            8,
            0,
            0,
        );
    }
}

/// `os/signal.signal_enable(sig)`.
#[unsafe(export_name = "os/signal.signal_enable")]
pub extern "C" fn signal_enable(sig: u32) {
    let b = bit(sig);
    if b == 0 {
        return;
    }
    // SAFETY: single-threaded runtime (the handler touches only PENDING).
    unsafe {
        WANTED |= b;
        IGNORED &= !b;
    }
    if !is_sync(sig) {
        set_action(sig, sigqueue_handler as *const () as usize);
    }
}

/// `os/signal.signal_disable(sig)`: back to the default action.
#[unsafe(export_name = "os/signal.signal_disable")]
pub extern "C" fn signal_disable(sig: u32) {
    let b = bit(sig);
    if b == 0 {
        return;
    }
    // SAFETY: as above.
    unsafe { WANTED &= !b };
    if !is_sync(sig) {
        set_action(sig, SIG_DFL);
    }
}

/// `os/signal.signal_ignore(sig)`.
#[unsafe(export_name = "os/signal.signal_ignore")]
pub extern "C" fn signal_ignore(sig: u32) {
    let b = bit(sig);
    if b == 0 {
        return;
    }
    // SAFETY: as above.
    unsafe {
        WANTED &= !b;
        IGNORED |= b;
    }
    if !is_sync(sig) {
        set_action(sig, SIG_IGN);
    }
}

/// `os/signal.signal_ignored(sig) bool`.
#[unsafe(export_name = "os/signal.signal_ignored")]
pub extern "C" fn signal_ignored(sig: u32) -> u8 {
    // SAFETY: as above.
    unsafe { (IGNORED & bit(sig) != 0) as u8 }
}

/// `runtime.sigpendingtake() uint32`: the lowest pending wanted signal (removed from the
/// pending set), 0 if none.
#[unsafe(export_name = "runtime.sigpendingtake")]
pub extern "C" fn sigpendingtake() -> u32 {
    loop {
        let p = PENDING.load(Ordering::SeqCst);
        if p == 0 {
            return 0;
        }
        let low = p & p.wrapping_neg();
        if PENDING
            .compare_exchange(p, p & !low, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
        {
            // SAFETY: as above.
            if unsafe { WANTED } & low != 0 {
                return low.trailing_zeros() + 1;
            }
        }
    }
}

/// `runtime.sigrecvpark()`: parks the `signal_recv` goroutine until a signal is pending.
#[unsafe(export_name = "runtime.sigrecvpark")]
pub extern "C" fn sigrecvpark() {
    // SAFETY: as above.
    unsafe { *addr_of_mut!(RECEIVER) = getg() };
    sched::park(sched::WaitReason::Syscall);
}

/// Whether a goroutine waits in `signal_recv` (the program is then never deadlocked: a signal
/// may come).
pub fn has_receiver() -> bool {
    // SAFETY: as above.
    unsafe { !(*addr_of_mut!(RECEIVER)).is_null() }
}

/// Readies the `signal_recv` goroutine when a signal is pending (called by the scheduler).
pub fn wake_receiver() {
    // SAFETY: as above; RECEIVER is a goroutine parked by sigrecvpark.
    unsafe {
        let r = *addr_of_mut!(RECEIVER);
        if !r.is_null() && PENDING.load(Ordering::SeqCst) != 0 {
            *addr_of_mut!(RECEIVER) = null_mut();
            sched::ready(r);
        }
    }
}
