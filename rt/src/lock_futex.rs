//! Locks and one-shot notifications on Linux futexes (gc's lock_futex.go).
//!
//! The runtime's threads (Ms) share little: one P at a time runs Go code and owns the
//! scheduler's state, so the runtime needs only two primitives between threads:
//!
//! * [`Mutex`] (gc's `mutex` with `lock`/`unlock`) for the few structures an M without the P
//!   touches: the global run queue (an M returning from a system call queues its goroutine
//!   there) and the idle-M list. The word is 0 (unlocked), 1 (locked) or 2 (locked, and a
//!   thread may sleep on it): a locker spins briefly, then marks the word 2 and sleeps in
//!   FUTEX_WAIT; the unlocker wakes one sleeper only when it saw 2. (Drepper's "Futexes are
//!   tricky", mutex 2; gc's lock2 is the same state machine with more spinning.)
//!
//! * [`Note`] (gc's `note`): a one-shot event. `notesleep` blocks until `notewakeup` is
//!   called, `notetsleep` at most a given time; `noteclear` re-arms it. A wakeup that comes
//!   before the sleep is not lost: the key stays 1 and the sleep returns at once. Each note
//!   has one sleeper at a time (an idle M on its `park` note, the P's holder waiting for work,
//!   sysmon).

use crate::sys;
use core::sync::atomic::{AtomicU32, Ordering};

const SYS_FUTEX: usize = 202;
const FUTEX_WAIT_PRIVATE: usize = 128;
const FUTEX_WAKE_PRIVATE: usize = 128 | 1;

#[repr(C)]
struct Timespec {
    sec: i64,
    nsec: i64,
}

/// Sleeps while `*addr == val`, at most `ns` nanoseconds (negative: no limit). Returns on a
/// wakeup, a signal, a timeout, or at once when the word already differs.
fn futexsleep(addr: &AtomicU32, val: u32, ns: i64) {
    let ts = Timespec {
        sec: ns / 1_000_000_000,
        nsec: ns % 1_000_000_000,
    };
    let tsp = if ns < 0 {
        0
    } else {
        &ts as *const Timespec as usize
    };
    // SAFETY: addr is a live 4-byte word; ts is a valid timespec or null.
    unsafe {
        sys::syscall6(
            SYS_FUTEX,
            addr.as_ptr() as usize,
            FUTEX_WAIT_PRIVATE,
            val as usize,
            tsp,
            0,
            0,
        )
    };
}

/// Wakes up to `n` threads sleeping on `addr`.
fn futexwakeup(addr: &AtomicU32, n: u32) {
    // SAFETY: addr is a live 4-byte word.
    unsafe {
        sys::syscall6(
            SYS_FUTEX,
            addr.as_ptr() as usize,
            FUTEX_WAKE_PRIVATE,
            n as usize,
            0,
            0,
            0,
        )
    };
}

const MUTEX_UNLOCKED: u32 = 0;
const MUTEX_LOCKED: u32 = 1;
const MUTEX_SLEEPING: u32 = 2;
/// Spins before sleeping: the sections this lock guards are a few dozen instructions.
const ACTIVE_SPIN: u32 = 100;

/// gc's runtime `mutex`: one 32-bit word (so that it can live in a Go-laid-out record's
/// `lock` field, hchan's).
#[repr(transparent)]
pub struct Mutex {
    key: AtomicU32,
}

impl Mutex {
    pub const fn new() -> Mutex {
        Mutex {
            key: AtomicU32::new(MUTEX_UNLOCKED),
        }
    }

    /// gc's lock.
    pub fn lock(&self) {
        if self
            .key
            .compare_exchange(
                MUTEX_UNLOCKED,
                MUTEX_LOCKED,
                Ordering::Acquire,
                Ordering::Relaxed,
            )
            .is_ok()
        {
            return;
        }
        for _ in 0..ACTIVE_SPIN {
            core::hint::spin_loop();
            if self.key.load(Ordering::Relaxed) == MUTEX_UNLOCKED
                && self
                    .key
                    .compare_exchange(
                        MUTEX_UNLOCKED,
                        MUTEX_LOCKED,
                        Ordering::Acquire,
                        Ordering::Relaxed,
                    )
                    .is_ok()
            {
                return;
            }
        }
        // From here on the lock word says "someone may sleep", so the unlocker wakes one.
        while self.key.swap(MUTEX_SLEEPING, Ordering::Acquire) != MUTEX_UNLOCKED {
            futexsleep(&self.key, MUTEX_SLEEPING, -1);
        }
    }

    /// gc's unlock.
    pub fn unlock(&self) {
        if self.key.swap(MUTEX_UNLOCKED, Ordering::Release) == MUTEX_SLEEPING {
            futexwakeup(&self.key, 1);
        }
    }
}

impl Default for Mutex {
    fn default() -> Self {
        Mutex::new()
    }
}

/// gc's `note`.
pub struct Note {
    key: AtomicU32,
}

impl Note {
    pub const fn new() -> Note {
        Note {
            key: AtomicU32::new(0),
        }
    }

    /// gc's noteclear: re-arms the note (no sleeper may be waiting on it).
    pub fn clear(&self) {
        self.key.store(0, Ordering::SeqCst);
    }

    /// gc's notewakeup: wakes the sleeper, or makes its next sleep return at once.
    pub fn wakeup(&self) {
        if self.key.swap(1, Ordering::SeqCst) == 0 {
            futexwakeup(&self.key, 1);
        }
    }

    /// gc's notesleep: blocks until [`Note::wakeup`].
    pub fn sleep(&self) {
        while self.key.load(Ordering::SeqCst) == 0 {
            futexsleep(&self.key, 0, -1);
        }
    }

    /// gc's notetsleep: blocks until [`Note::wakeup`] or for `ns` nanoseconds (negative: no
    /// limit); returns whether the note was woken.
    pub fn tsleep(&self, ns: i64) -> bool {
        if ns < 0 {
            self.sleep();
            return true;
        }
        let deadline = crate::time::nanotime() + ns;
        while self.key.load(Ordering::SeqCst) == 0 {
            let left = deadline - crate::time::nanotime();
            if left <= 0 {
                break;
            }
            futexsleep(&self.key, 0, left);
        }
        self.key.load(Ordering::SeqCst) != 0
    }
}

impl Default for Note {
    fn default() -> Self {
        Note::new()
    }
}

// ---- the primitives the Go part of the runtime locks with (overlay/runtime/stubs.go) ------------

/// `runtime.lock(l *mutex)`: gc's lock on a Go `mutex` (one 32-bit key word).
///
/// # Safety
/// `l` points to a mutex word.
#[unsafe(export_name = "runtime.lock")]
pub unsafe extern "C" fn lock_go(l: *mut u32) {
    (*(l as *const Mutex)).lock();
}

/// `runtime.unlock(l *mutex)`.
///
/// # Safety
/// `l` is a mutex word locked by this thread.
#[unsafe(export_name = "runtime.unlock")]
pub unsafe extern "C" fn unlock_go(l: *mut u32) {
    (*(l as *const Mutex)).unlock();
}

unsafe fn parkunlock_commit(_gp: *mut crate::start::G, l: *mut u8) -> bool {
    (*(l as *const Mutex)).unlock();
    true
}

/// `runtime.goparkunlock(l *mutex, reason)`: gc's goparkunlock: parks the running goroutine
/// and releases `l` once its context is saved, so that whoever takes `l` to ready it finds it
/// parked.
///
/// # Safety
/// `l` is a mutex word the caller holds; called on a goroutine.
#[unsafe(export_name = "runtime.goparkunlock")]
pub unsafe extern "C" fn goparkunlock_go(l: *mut u32, reason: u8) {
    crate::sched::gopark(
        Some(parkunlock_commit),
        l as *mut u8,
        crate::sched::WaitReason::from_u8(reason),
    );
}

/// `runtime.cas32(p, old, new) bool`: gc's atomic.Cas.
///
/// # Safety
/// `p` is a valid aligned word.
#[unsafe(export_name = "runtime.cas32")]
pub unsafe extern "C" fn cas32(p: *mut u32, old: u32, new: u32) -> bool {
    AtomicU32::from_ptr(p)
        .compare_exchange(old, new, Ordering::SeqCst, Ordering::SeqCst)
        .is_ok()
}

/// `runtime.xadd32(p, delta) uint32`: gc's atomic.Xadd (returns the new value).
///
/// # Safety
/// `p` is a valid aligned word.
#[unsafe(export_name = "runtime.xadd32")]
pub unsafe extern "C" fn xadd32(p: *mut u32, delta: i32) -> u32 {
    AtomicU32::from_ptr(p)
        .fetch_add(delta as u32, Ordering::SeqCst)
        .wrapping_add(delta as u32)
}

/// `runtime.load32(p) uint32`: gc's atomic.Load.
///
/// # Safety
/// `p` is a valid aligned word.
#[unsafe(export_name = "runtime.load32")]
pub unsafe extern "C" fn load32(p: *mut u32) -> u32 {
    AtomicU32::from_ptr(p).load(Ordering::SeqCst)
}
