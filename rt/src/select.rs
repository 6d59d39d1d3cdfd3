//! `select` with several cases (gc's selectgo, runtime/select.go). The compiler lays the cases
//! out as gc does: an array of `scase {c, elem}` with the sends first, then the receives, plus
//! a `[2*ncases]uint16` scratch array for the poll order.
//!
//! Cases are polled in a random order (so that every ready case is chosen with equal
//! probability, as the spec asks and gc does); if none is ready and there is no default, the
//! goroutine waits on every channel at once and the first operation to complete wins.

use crate::chan::{self, Hchan, Pair, Sudog};
use crate::panic;
use crate::sched::{self, WaitReason, cheaprandn};
use crate::start::getg;
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

    // Pass 1: a case that can proceed now.
    for &i in pollorder {
        let i = i as usize;
        let cas = &cases[i];
        let c = cas.c;
        if i >= nsends {
            let sg = (*c).sendq.dequeue();
            if !sg.is_null() {
                chan::recv_from_sender(c, sg, cas.elem);
                return result(i, true);
            }
            if (*c).qcount > 0 {
                chan::recv_from_buf(c, cas.elem);
                return result(i, true);
            }
            if (*c).closed != 0 {
                chan::clear_elem(c, cas.elem);
                return result(i, false);
            }
        } else {
            if (*c).closed != 0 {
                panic::plain_panic(b"send on closed channel");
            }
            let sg = (*c).recvq.dequeue();
            if !sg.is_null() {
                chan::copy_elem(c, (*sg).elem, cas.elem);
                chan::wake(sg, true);
                return result(i, false);
            }
            if (*c).qcount < (*c).dataqsiz {
                chan::send_to_buf(c, cas.elem);
                return result(i, false);
            }
        }
    }
    if block == 0 {
        return Pair {
            a: usize::MAX, // -1
            b: 0,
        };
    }

    // Pass 2: wait on every channel.
    let gp = getg();
    (*gp).sched_ext.select_done = false;
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
    sched::park(if bubble != 0 && all_synctest {
        WaitReason::SynctestSelect
    } else {
        WaitReason::Select
    });

    // Pass 3: the operation of sudog `param` completed; withdraw the others.
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
