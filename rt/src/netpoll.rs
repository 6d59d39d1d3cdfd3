//! epoll for the network poller (gc's netpoll_epoll.go). The poller's logic is Go code in the
//! runtime overlay (overlay/runtime/netpoll.go); these are its system calls, and the
//! scheduler's entry into it ([`poll`]).

use crate::start::{call_go1r2, getg};
use crate::sys;
use core::sync::atomic::{AtomicI32, Ordering};

const SYS_EPOLL_CTL: usize = 233;
const SYS_EPOLL_PWAIT: usize = 281;
const SYS_EPOLL_CREATE1: usize = 291;
const EPOLL_CLOEXEC: usize = 0o2000000;
const EPOLL_CTL_ADD: usize = 1;
const EPOLL_CTL_DEL: usize = 2;
const EPOLLIN: u32 = 0x1;
const EPOLLOUT: u32 = 0x4;
const EPOLLRDHUP: u32 = 0x2000;
const EPOLLET: u32 = 0x8000_0000;

/// The kernel's `struct epoll_event` (packed on x86-64: 12 bytes).
#[repr(C, packed)]
#[derive(Clone, Copy)]
struct EpollEvent {
    events: u32,
    data: u64,
}

const SYS_READ: usize = 0;
const SYS_EVENTFD2: usize = 290;
const EFD_CLOEXEC: usize = 0o2000000;
const EFD_NONBLOCK: usize = 0o4000;

/// An eventfd in the epoll set with data 0 (no pollDesc has that address): writing it wakes
/// the P's holder from its wait in epoll (gc's netpollBreak), for an M returning from a
/// system call (proc.rs). -1 until the poller exists.
static BREAK_FD: AtomicI32 = AtomicI32::new(-1);

/// `runtime.netpollinit() int32`: a new epoll descriptor (with the break eventfd in its
/// set), or -errno.
#[unsafe(export_name = "runtime.netpollinit")]
pub extern "C" fn netpollinit() -> i32 {
    // SAFETY: plain system calls; ev is a valid epoll_event.
    unsafe {
        let epfd = sys::syscall3(SYS_EPOLL_CREATE1, EPOLL_CLOEXEC, 0, 0) as i32;
        if epfd < 0 {
            return epfd;
        }
        let efd = sys::syscall3(SYS_EVENTFD2, 0, EFD_CLOEXEC | EFD_NONBLOCK, 0);
        if efd < 0 {
            return efd as i32;
        }
        let ev = EpollEvent {
            events: EPOLLIN,
            data: 0,
        };
        let r = sys::syscall6(
            SYS_EPOLL_CTL,
            epfd as usize,
            EPOLL_CTL_ADD,
            efd as usize,
            &ev as *const EpollEvent as usize,
            0,
            0,
        );
        if r < 0 {
            return r as i32;
        }
        BREAK_FD.store(efd as i32, Ordering::SeqCst);
        epfd
    }
}

/// gc's netpollBreak: interrupts the P's holder's wait in epoll.
pub fn netpoll_break() {
    let fd = BREAK_FD.load(Ordering::SeqCst);
    if fd < 0 {
        return;
    }
    let one: u64 = 1;
    // SAFETY: 8 readable bytes; a full counter (EAGAIN) still leaves the fd readable.
    unsafe { sys::syscall3(sys::SYS_WRITE, fd as usize, &one as *const u64 as usize, 8) };
}

/// `runtime.netpollopen(epfd, fd, pd) int32`: registers fd, edge-triggered for input and
/// output, with the pollDesc pointer as its data; 0 or -errno.
#[unsafe(export_name = "runtime.netpollopen")]
pub extern "C" fn netpollopen(epfd: i32, fd: usize, pd: usize) -> i32 {
    let ev = EpollEvent {
        events: EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET,
        data: pd as u64,
    };
    // SAFETY: ev is a valid epoll_event.
    unsafe {
        sys::syscall6(
            SYS_EPOLL_CTL,
            epfd as usize,
            EPOLL_CTL_ADD,
            fd,
            &ev as *const EpollEvent as usize,
            0,
            0,
        ) as i32
    }
}

/// `runtime.netpollclose(epfd, fd) int32`.
#[unsafe(export_name = "runtime.netpollclose")]
pub extern "C" fn netpollclose(epfd: i32, fd: usize) -> i32 {
    let ev = EpollEvent { events: 0, data: 0 };
    // SAFETY: ev is a valid epoll_event (ignored by DEL on current kernels).
    unsafe {
        sys::syscall6(
            SYS_EPOLL_CTL,
            epfd as usize,
            EPOLL_CTL_DEL,
            fd,
            &ev as *const EpollEvent as usize,
            0,
            0,
        ) as i32
    }
}

/// `runtime.netpollwait(epfd, buf, n, ms) int32`: waits up to `ms` milliseconds (-1: no limit)
/// and stores each event as two words {events, data} in `buf` (room for `n`); returns the
/// count (0 on EINTR) or -errno.
///
/// # Safety
/// `buf` points to `n` pairs of writable words.
#[unsafe(export_name = "runtime.netpollwait")]
pub unsafe extern "C" fn netpollwait(epfd: i32, buf: *mut [usize; 2], n: i32, ms: i32) -> i32 {
    let mut evs = [EpollEvent { events: 0, data: 0 }; 64];
    let max = (n.max(0) as usize).min(evs.len());
    let r = sys::syscall6(
        SYS_EPOLL_PWAIT,
        epfd as usize,
        evs.as_mut_ptr() as usize,
        max,
        ms as isize as usize,
        0,
        8,
    );
    if r == -4 {
        return 0; // EINTR
    }
    if r < 0 {
        return r as i32;
    }
    let mut n = 0;
    for ev in evs.iter().take(r as usize) {
        if ev.data == 0 {
            // The break eventfd: drain it; the caller looks for work again anyway.
            let mut v: u64 = 0;
            let fd = BREAK_FD.load(Ordering::SeqCst) as usize;
            sys::syscall3(SYS_READ, fd, &mut v as *mut u64 as usize, 8);
            continue;
        }
        *buf.add(n) = [ev.events as usize, ev.data as usize];
        n += 1;
    }
    n as i32
}

unsafe extern "C" {
    #[link_name = "runtime.netpollWaiters"]
    static NETPOLL_WAITERS: i32;
    #[link_name = "runtime.netpoll"]
    fn netpoll_go();
}

/// Whether some goroutine waits for I/O readiness.
pub fn has_waiters() -> bool {
    // SAFETY: a Go package variable, written only by Go code on this thread.
    unsafe { core::ptr::read_volatile(&raw const NETPOLL_WAITERS) > 0 }
}

/// Polls for I/O readiness, waiting up to `delay` ns (-1: until an event; 0: not at all), and
/// readies the goroutines whose descriptors are ready (Go `runtime.netpoll`).
pub fn poll(delay: i64) {
    // SAFETY: runtime.netpoll is a Go func(int64) (int, int) of the runtime overlay.
    unsafe {
        call_go1r2(netpoll_go as *const () as usize, 0, delay as usize, getg());
    }
}
