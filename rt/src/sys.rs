//! Raw Linux system calls (x86-64). The runtime links against no libc, so every kernel service
//! it needs goes through the `syscall` instruction here.

use core::arch::asm;

pub const SYS_WRITE: usize = 1;
pub const SYS_MMAP: usize = 9;
pub const SYS_MPROTECT: usize = 10;
pub const SYS_MUNMAP: usize = 11;
pub const SYS_RT_SIGACTION: usize = 13;
pub const SYS_RT_SIGRETURN: usize = 15;
pub const SYS_SIGALTSTACK: usize = 131;
pub const SYS_EXIT_GROUP: usize = 231;
pub const SYS_GETRANDOM: usize = 318;

pub const PROT_NONE: usize = 0;
pub const PROT_READ: usize = 1;
pub const PROT_WRITE: usize = 2;
pub const MAP_PRIVATE: usize = 0x02;
pub const MAP_FIXED: usize = 0x10;
pub const MAP_ANONYMOUS: usize = 0x20;
pub const MAP_NORESERVE: usize = 0x4000;

/// # Safety
/// The caller guarantees that the arguments are valid for system call `n`.
#[inline(always)]
pub unsafe fn syscall6(
    n: usize,
    a1: usize,
    a2: usize,
    a3: usize,
    a4: usize,
    a5: usize,
    a6: usize,
) -> isize {
    let ret: isize;
    // SAFETY: the kernel clobbers only rcx and r11 (and writes rax).
    unsafe {
        asm!("syscall",
            inlateout("rax") n as isize => ret,
            in("rdi") a1, in("rsi") a2, in("rdx") a3, in("r10") a4, in("r8") a5, in("r9") a6,
            lateout("rcx") _, lateout("r11") _,
            options(nostack));
    }
    ret
}

/// # Safety
/// See [`syscall6`].
#[inline(always)]
pub unsafe fn syscall3(n: usize, a1: usize, a2: usize, a3: usize) -> isize {
    unsafe { syscall6(n, a1, a2, a3, 0, 0, 0) }
}

/// Writes all of `buf` to `fd`, retrying on short writes and EINTR. Errors are dropped: there is
/// nobody to report them to when stderr itself fails.
pub fn write_all(fd: usize, mut buf: &[u8]) {
    while !buf.is_empty() {
        // SAFETY: buf is a valid readable range.
        let n = unsafe { syscall3(SYS_WRITE, fd, buf.as_ptr() as usize, buf.len()) };
        if n == -4 {
            continue; // EINTR
        }
        if n <= 0 {
            return;
        }
        buf = &buf[n as usize..];
    }
}

/// Terminates the whole process (all threads) with `code`.
pub fn exit(code: i32) -> ! {
    loop {
        // SAFETY: exit_group takes a plain integer and never returns.
        unsafe {
            syscall3(SYS_EXIT_GROUP, code as usize, 0, 0);
        }
    }
}

/// Anonymous private mapping; returns null on failure.
pub fn mmap(addr: usize, len: usize, prot: usize, flags: usize) -> *mut u8 {
    // SAFETY: an anonymous mapping does not touch existing memory unless MAP_FIXED is given,
    // and callers pass MAP_FIXED only over ranges they reserved themselves.
    let r = unsafe {
        syscall6(
            SYS_MMAP,
            addr,
            len,
            prot,
            flags | MAP_ANONYMOUS | MAP_PRIVATE,
            usize::MAX,
            0,
        )
    };
    if r < 0 && r > -4096 {
        core::ptr::null_mut()
    } else {
        r as *mut u8
    }
}

/// Fills `buf` with random bytes from the kernel; falls back to the time stamp counter.
pub fn random_u64() -> u64 {
    let mut v: u64 = 0;
    // SAFETY: v is 8 writable bytes; GRND_NONBLOCK (1) keeps early boot from blocking.
    let r = unsafe { syscall3(SYS_GETRANDOM, &mut v as *mut u64 as usize, 8, 1) };
    if r != 8 {
        v = rdtsc().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    v
}

#[inline(always)]
pub fn rdtsc() -> u64 {
    let lo: u32;
    let hi: u32;
    // SAFETY: rdtsc has no memory effects.
    unsafe { asm!("rdtsc", out("eax") lo, out("edx") hi, options(nomem, nostack)) };
    ((hi as u64) << 32) | lo as u64
}
