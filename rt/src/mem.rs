//! The C memory primitives. compiler_builtins on *-linux-gnu does not export them (its `mem`
//! feature is off) and there is no libc, so the runtime defines them. Generated Go code and
//! Cranelift's own lowering call them too. They are written with `rep movsb/stosb` and explicit
//! word loops so that LLVM cannot recognise them as memcpy/memcmp idioms and recurse.

use core::arch::asm;

/// # Safety
/// C `memcpy` contract: non-overlapping valid ranges.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: forward copy of n bytes, ranges valid per the contract.
    unsafe {
        asm!("rep movsb",
            inout("rcx") n => _, inout("rdi") dst => _, inout("rsi") src => _,
            options(nostack, preserves_flags));
    }
    dst
}

/// # Safety
/// C `memmove` contract: valid ranges, may overlap.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memmove(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    if (dst as usize).wrapping_sub(src as usize) >= n {
        // dst is below src or the ranges don't overlap: a forward copy is safe.
        // SAFETY: as in memcpy.
        unsafe {
            asm!("rep movsb",
                inout("rcx") n => _, inout("rdi") dst => _, inout("rsi") src => _,
                options(nostack, preserves_flags));
        }
    } else {
        // dst overlaps the tail of src: copy backwards with the direction flag set.
        // SAFETY: the pointers address the last byte of each valid range; DF is restored.
        unsafe {
            asm!("std", "rep movsb", "cld",
                inout("rcx") n => _,
                inout("rdi") dst.add(n - 1) => _,
                inout("rsi") src.add(n - 1) => _,
                options(nostack));
        }
    }
    dst
}

/// # Safety
/// C `memset` contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memset(dst: *mut u8, c: i32, n: usize) -> *mut u8 {
    // SAFETY: n writable bytes at dst.
    unsafe {
        asm!("rep stosb",
            inout("rcx") n => _, inout("rdi") dst => _, in("al") c as u8,
            options(nostack, preserves_flags));
    }
    dst
}

/// # Safety
/// C `memcmp` contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let mut i = 0;
    // Compare a word at a time; on the first differing word fall through to bytes.
    while i + 8 <= n {
        // SAFETY: i+8 <= n, unaligned reads of valid memory.
        let (x, y) = unsafe {
            (
                (a.add(i) as *const u64).read_unaligned(),
                (b.add(i) as *const u64).read_unaligned(),
            )
        };
        if x != y {
            let (x, y) = (x.swap_bytes(), y.swap_bytes());
            return if x < y { -1 } else { 1 };
        }
        i += 8;
    }
    while i < n {
        // SAFETY: i < n.
        let (x, y) = unsafe { (*a.add(i), *b.add(i)) };
        if x != y {
            return x as i32 - y as i32;
        }
        i += 1;
    }
    0
}

/// # Safety
/// C `bcmp` contract (only equality matters).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    if unsafe { mem_equal(a, b, n) } { 0 } else { 1 }
}

/// Byte equality of two ranges, word at a time.
///
/// # Safety
/// Both ranges must be readable for `n` bytes.
#[inline]
pub unsafe fn mem_equal(a: *const u8, b: *const u8, n: usize) -> bool {
    if a == b {
        return true;
    }
    let mut i = 0;
    while i + 8 <= n {
        // SAFETY: within both ranges.
        let (x, y) = unsafe {
            (
                (a.add(i) as *const u64).read_unaligned(),
                (b.add(i) as *const u64).read_unaligned(),
            )
        };
        if x != y {
            return false;
        }
        i += 8;
    }
    while i < n {
        // SAFETY: i < n.
        if unsafe { *a.add(i) != *b.add(i) } {
            return false;
        }
        i += 1;
    }
    true
}

/// compiler_builtins objects reference the personality routine through `DW.ref` data even though
/// nothing in the runtime unwinds (panic=abort); a definition is all the linker needs.
#[unsafe(no_mangle)]
pub extern "C" fn rust_eh_personality() {}
