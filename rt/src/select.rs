//! `select` with several cases (gc's selectgo, runtime/select.go). The compiler lays the cases
//! out as gc does: an array of `scase {c, elem}` with the sends first, then the receives, plus
//! a `[2*ncases]uint16` scratch array for the poll order.
//!
//! Cases are polled in a random order (so that every ready case is chosen with equal
//! probability, as the spec asks and gc does); if none is ready and there is no default, the
//! goroutine waits on every channel at once and the first operation to complete wins.
//!
//! Locking is gc's: every channel of the select is locked for the polling pass and again to
//! withdraw the losing sudogs, always in address order (the second half of the `order0`
//! scratch array, gc's lockorder) and each distinct channel once, so two selects over the same
//! channels cannot deadlock. The goroutine parks with all of them held; [`selparkcommit`]
//! releases them once its context is saved. Several channels may then complete cases
//! concurrently: the sudogs' claim on `g.select_done` (chan.rs's dequeue) picks one.

use crate::chan::{self, Hchan, Pair, Sudog, lock_of};
use crate::panic;
use crate::sched::{self, WaitReason, cheaprandn};
use crate::start::{G, getg};
use crate::time::{self, TimerChanOp};
use core::ptr::null_mut;

/// gc's scase.
#[repr(C)]
pub struct Scase {
    pub c: *mut Hchan,
    pub elem: *mut u8,
}

/// Returns (index of the chosen case, whether a receive got a value); index -1 when `block`
/// is false and no case is ready.
///
/// # Safety
/// `cas0` holds `nsends + nrecvs` cases (sends first), `order0` 2 × that many u16s; each
/// elem points to a value (send) or space for one (receive, or null to discard).
#[unsafe(export_name = "runtime.selectgo")]
#[inline(never)]
pub unsafe extern "C" fn selectgo(
    cas0: *mut Scase,
    order0: *mut u16,
    pc0: *mut usize,
    nsends: i64,
    nrecvs: i64,
    block: u8,
) -> Pair {
    // Receive cases on the channel of a time.Timer or Ticker: a due timer sends first, and
    // while the select may wait the timer must be in the heap (overlay/runtime/time.go, gc's
    // selectgo calling maybeRunChan and blockTimerChan).
    let ncases = (nsends + nrecvs).max(0) as usize;
    let recvs = &core::slice::from_raw_parts(cas0, ncases)[nsends.max(0) as usize..];
    let timer_of = |cas: &Scase| if cas.c.is_null() { 0 } else { (*cas.c).timer };
    let mut timers = false;
    for cas in recvs {
        let t = timer_of(cas);
        if t != 0 {
            timers = true;
            time::timer_chan(TimerChanOp::MaybeRun, t);
            if block != 0 {
                time::timer_chan(TimerChanOp::Block, t);
            }
        }
    }
    let r = selectgo_cases(cas0, order0, pc0, nsends, nrecvs, block);
    if timers && block != 0 {
        for cas in recvs {
            let t = timer_of(cas);
            if t != 0 {
                time::timer_chan(TimerChanOp::Unblock, t);
            }
        }
    }
    r
}

/// selectgo once the timers of its channels are taken care of.
unsafe fn selectgo_cases(
    cas0: *mut Scase,
    order0: *mut u16,
    _pc0: *mut usize,
    nsends: i64,
    nrecvs: i64,
    block: u8,
) -> Pair {
    let ncases = (nsends + nrecvs).max(0) as usize;
    let nsends = nsends.max(0) as usize;
    let cases = core::slice::from_raw_parts_mut(cas0, ncases);
    let pollorder = core::slice::from_raw_parts_mut(order0, ncases);

    // Random permutation of the cases with a channel (inside-out Fisher–Yates, as gc).
    let mut norder = 0usize;
    // Whether every channel is one of the caller's synctest bubble: then waiting is durable.
    let mut all_synctest = true;
    let bubble = sched::getg_bubble() as usize;
    for (i, cas) in cases.iter_mut().enumerate() {
        if cas.c.is_null() {
            cas.elem = null_mut();
            continue;
        }
        if (*cas.c).bubble != 0 {
            if (*cas.c).bubble != bubble {
                panic::fatal(b"select on synctest channel from outside bubble");
            }
        } else {
            all_synctest = false;
        }
        let j = cheaprandn(norder as u32 + 1) as usize;
        pollorder[norder] = pollorder[j];
        pollorder[j] = i as u16;
        norder += 1;
    }
    let pollorder = &pollorder[..norder];
    let lockorder = core::slice::from_raw_parts_mut(order0.add(ncases), norder);
    sort_lockorder(cases, pollorder, lockorder);
    let locks = Locks {
        cases: cas0,
        lockorder: lockorder.as_ptr(),
        n: norder,
    };
    sellock(&locks);

    // Pass 1: a case that can proceed now.
    for &i in pollorder {
        let i = i as usize;
        let cas = &cases[i];
        let c = cas.c;
        if i >= nsends {
            let sg = (*c).sendq.dequeue();
            if !sg.is_null() {
                chan::recv_from_sender(c, sg, cas.elem);
                let g = chan::complete(sg, true);
                selunlock(&locks);
                sched::ready(g);
                return result(i, true);
            }
            if (*c).qcount > 0 {
                chan::recv_from_buf(c, cas.elem);
                selunlock(&locks);
                return result(i, true);
            }
            if (*c).closed != 0 {
                selunlock(&locks);
                chan::clear_elem(c, cas.elem);
                return result(i, false);
            }
        } else {
            if (*c).closed != 0 {
                selunlock(&locks);
                panic::plain_panic(b"send on closed channel");
            }
            let sg = (*c).recvq.dequeue();
            if !sg.is_null() {
                chan::copy_elem(c, (*sg).elem, cas.elem);
                let g = chan::complete(sg, true);
                selunlock(&locks);
                sched::ready(g);
                return result(i, false);
            }
            if (*c).qcount < (*c).dataqsiz {
                chan::send_to_buf(c, cas.elem);
                selunlock(&locks);
                return result(i, false);
            }
        }
    }
    if block == 0 {
        selunlock(&locks);
        return Pair {
            a: usize::MAX, // -1
            b: 0,
        };
    }

    // Pass 2: wait on every channel.
    let gp = getg();
    sched::select_done(gp).store(false, core::sync::atomic::Ordering::Relaxed);
    (*gp).sched_ext.param = null_mut();
    let mut list: *mut Sudog = null_mut();
    for &i in pollorder.iter().rev() {
        let i = i as usize;
        let cas = &cases[i];
        let sg = chan::acquire_sudog();
        (*sg).is_select = true;
        (*sg).elem = cas.elem;
        (*sg).c = cas.c;
        (*sg).case_index = i;
        (*sg).waitlink = list;
        list = sg;
        if i >= nsends {
            (*cas.c).recvq.enqueue(sg);
        } else {
            (*cas.c).sendq.enqueue(sg);
        }
    }
    sched::gopark(
        Some(selparkcommit),
        &locks as *const Locks as *mut u8,
        if bubble != 0 && all_synctest {
            WaitReason::SynctestSelect
        } else {
            WaitReason::Select
        },
    );

    // Pass 3: the operation of sudog `param` completed; withdraw the others.
    sellock(&locks);
    let won = (*gp).sched_ext.param;
    (*gp).sched_ext.param = null_mut();
    let mut chosen = usize::MAX;
    let mut recv_ok = false;
    let mut sg = list;
    while !sg.is_null() {
        let next = (*sg).waitlink;
        let c = (*sg).c;
        let i = (*sg).case_index;
        if sg == won {
            chosen = i;
            recv_ok = (*sg).success;
        } else {
            let q = if i >= nsends {
                &mut (*c).recvq
            } else {
                &mut (*c).sendq
            };
            if q.contains(sg) {
                q.remove(sg);
            }
        }
        chan::release_sudog(sg);
        sg = next;
    }
    selunlock(&locks);
    if chosen == usize::MAX {
        panic::throw(b"selectgo: bad wakeup");
    }
    if chosen < nsends && !recv_ok {
        // A send case woken by close.
        panic::plain_panic(b"send on closed channel");
    }
    result(chosen, chosen >= nsends && recv_ok)
}

fn result(i: usize, ok: bool) -> Pair {
    Pair {
        a: i,
        b: ok as usize,
    }
}

/// The channels of one select in lock order; lives in selectgo's frame while it waits.
struct Locks {
    cases: *const Scase,
    lockorder: *const u16,
    n: usize,
}

impl Locks {
    /// The channel locked `k`th.
    unsafe fn chan(&self, k: usize) -> *mut Hchan {
        (*self.cases.add(*self.lockorder.add(k) as usize)).c
    }
}

/// Sorts the cases with a channel (`pollorder`) by channel address into `lockorder` (gc's
/// heap sort: no allocation, O(n log n) for selects with thousands of cases).
unsafe fn sort_lockorder(cases: &[Scase], pollorder: &[u16], lockorder: &mut [u16]) {
    let key = |i: u16| cases[i as usize].c as usize;
    let n = pollorder.len();
    // Build a max-heap by inserting each case and sifting it up.
    for (i, &o) in pollorder.iter().enumerate() {
        let mut j = i;
        while j > 0 && key(lockorder[(j - 1) / 2]) < key(o) {
            lockorder[j] = lockorder[(j - 1) / 2];
            j = (j - 1) / 2;
        }
        lockorder[j] = o;
    }
    // Repeatedly move the maximum to the end and sift the displaced element down.
    for end in (1..n).rev() {
        let o = lockorder[end];
        lockorder[end] = lockorder[0];
        let mut j = 0;
        loop {
            let mut k = 2 * j + 1;
            if k >= end {
                break;
            }
            if k + 1 < end && key(lockorder[k]) < key(lockorder[k + 1]) {
                k += 1;
            }
            if key(o) < key(lockorder[k]) {
                lockorder[j] = lockorder[k];
                j = k;
            } else {
                break;
            }
        }
        lockorder[j] = o;
    }
}

/// gc's sellock: locks each distinct channel in address order.
unsafe fn sellock(l: &Locks) {
    let mut prev: *mut Hchan = null_mut();
    for k in 0..l.n {
        let c = l.chan(k);
        if c != prev {
            prev = c;
            lock_of(c).lock();
        }
    }
}

/// gc's selunlock: unlocks in reverse order. Once the first-locked channel is unlocked the
/// goroutine may already run elsewhere, but `l` stays valid until then: a goroutine woken by
/// one channel relocks all of them (pass 3) before selectgo's frame can go away.
unsafe fn selunlock(l: &Locks) {
    for k in (0..l.n).rev() {
        let c = l.chan(k);
        if k > 0 && l.chan(k - 1) == c {
            continue;
        }
        lock_of(c).unlock();
    }
}

/// gc's selparkcommit: the selecting goroutine's context is saved; its channels are
/// released.
unsafe fn selparkcommit(_gp: *mut G, locks: *mut u8) -> bool {
    selunlock(&*(locks as *const Locks));
    true
}
