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

/// Copies n <= 64 bytes by loading every byte before storing any, so overlap in either
/// direction is harmless: two possibly overlapping chunks from each end of the range, the way
/// gc's memmove_amd64.s handles its small sizes. No loop, so nothing LLVM could turn into a call.
#[inline(always)]
unsafe fn move_small(dst: *mut u8, src: *const u8, n: usize) {
    // SAFETY (all accesses): every offset is within [0, n) of both ranges.
    unsafe {
        if n >= 32 {
            let a = (src as *const u128).read_unaligned();
            let b = (src.add(16) as *const u128).read_unaligned();
            let c = (src.add(n - 32) as *const u128).read_unaligned();
            let d = (src.add(n - 16) as *const u128).read_unaligned();
            (dst as *mut u128).write_unaligned(a);
            (dst.add(16) as *mut u128).write_unaligned(b);
            (dst.add(n - 32) as *mut u128).write_unaligned(c);
            (dst.add(n - 16) as *mut u128).write_unaligned(d);
        } else if n >= 16 {
            let a = (src as *const u128).read_unaligned();
            let b = (src.add(n - 16) as *const u128).read_unaligned();
            (dst as *mut u128).write_unaligned(a);
            (dst.add(n - 16) as *mut u128).write_unaligned(b);
        } else if n >= 8 {
            let a = (src as *const u64).read_unaligned();
            let b = (src.add(n - 8) as *const u64).read_unaligned();
            (dst as *mut u64).write_unaligned(a);
            (dst.add(n - 8) as *mut u64).write_unaligned(b);
        } else if n >= 4 {
            let a = (src as *const u32).read_unaligned();
            let b = (src.add(n - 4) as *const u32).read_unaligned();
            (dst as *mut u32).write_unaligned(a);
            (dst.add(n - 4) as *mut u32).write_unaligned(b);
        } else if n >= 2 {
            let a = (src as *const u16).read_unaligned();
            let b = (src.add(n - 2) as *const u16).read_unaligned();
            (dst as *mut u16).write_unaligned(a);
            (dst.add(n - 2) as *mut u16).write_unaligned(b);
        } else if n == 1 {
            *dst = *src;
        }
    }
}

/// # Safety
/// C `memmove` contract: valid ranges, may overlap.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memmove(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // Most copies Go code makes are short (appends, string building, small structs): those
    // take the branchy path above, as gc's memmove does; `rep movsb` costs tens of cycles to
    // start and pays off only on long copies.
    if n <= 64 {
        // SAFETY: as the contract.
        unsafe { move_small(dst, src, n) };
        return dst;
    }
    if (dst as usize).wrapping_sub(src as usize) >= n {
        // dst is below src or the ranges don't overlap: a forward copy is safe.
        // SAFETY: as in memcpy.
        unsafe {
            asm!("rep movsb",
                inout("rcx") n => _, inout("rdi") dst => _, inout("rsi") src => _,
                options(nostack, preserves_flags));
        }
    } else {
        // dst overlaps the tail of src: copy 16-byte chunks from the end down (a byte-wise
        // `std; rep movsb` is microcoded and slow). The first 16 bytes are loaded before the
        // loop overwrites them and stored last.
        // SAFETY: every chunk lies within both ranges; loads precede the stores they overlap.
        unsafe {
            let head = (src as *const u128).read_unaligned();
            let mut end = n;
            while end > 16 {
                let chunk_at = end - 16;
                let v = (src.add(chunk_at) as *const u128).read_unaligned();
                asm!("", options(nomem, nostack, preserves_flags));
                (dst.add(chunk_at) as *mut u128).write_unaligned(v);
                end = chunk_at;
            }
            (dst as *mut u128).write_unaligned(head);
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

/// Byte equality of two ranges, shaped as gc's `memeqbody` (internal/bytealg/equal_amd64.s):
/// below 16 bytes two overlapping loads of 8 or 4 bytes (or a byte loop); from 16 bytes SSE2
/// compares of 64 bytes per iteration, then 16, then the last 16 bytes overlapping; from 64
/// bytes AVX2 compares of 64 bytes per iteration when the CPU has AVX2 (and the OS saves the
/// YMM registers), as gc's check of `runtime·support_avx2` selects. Equality is all that is
/// computed, so the overlapping reads give the same answer as a byte loop.
///
/// # Safety
/// Both ranges must be readable for `n` bytes.
#[inline]
pub unsafe fn mem_equal(a: *const u8, b: *const u8, n: usize) -> bool {
    if a == b {
        return true;
    }
    // SAFETY (all reads below): offsets stay within [0, n) of both ranges.
    unsafe {
        if n >= 16 {
            if n >= 64 && has_avx2() {
                return equal_avx2(a, b, n);
            }
            return equal_sse2(a, b, n);
        }
        if n >= 8 {
            let x = (a as *const u64).read_unaligned() ^ (b as *const u64).read_unaligned();
            let y = (a.add(n - 8) as *const u64).read_unaligned()
                ^ (b.add(n - 8) as *const u64).read_unaligned();
            return x | y == 0;
        }
        if n >= 4 {
            let x = (a as *const u32).read_unaligned() ^ (b as *const u32).read_unaligned();
            let y = (a.add(n - 4) as *const u32).read_unaligned()
                ^ (b.add(n - 4) as *const u32).read_unaligned();
            return x | y == 0;
        }
        let mut i = 0;
        while i < n {
            if *a.add(i) != *b.add(i) {
                return false;
            }
            i += 1;
        }
        true
    }
}

/// 0: not checked yet, 1: no AVX2, 2: AVX2 usable.
static AVX2: core::sync::atomic::AtomicU8 = core::sync::atomic::AtomicU8::new(0);

/// Whether AVX2 is usable: CPUID leaf 7's AVX2 bit, and OSXSAVE with XCR0 enabling the XMM
/// and YMM state (gc's internal/cpu checks the same bits).
fn has_avx2() -> bool {
    use core::sync::atomic::Ordering;
    match AVX2.load(Ordering::Relaxed) {
        0 => {
            let l1 = core::arch::x86_64::__cpuid(1);
            let osxsave = l1.ecx & (1 << 27) != 0;
            let l7 = core::arch::x86_64::__cpuid_count(7, 0);
            let yes = osxsave && l7.ebx & (1 << 5) != 0 && {
                // SAFETY: XGETBV exists when OSXSAVE is set.
                let xcr0 = unsafe { xgetbv0() };
                xcr0 & 6 == 6
            };
            AVX2.store(if yes { 2 } else { 1 }, Ordering::Relaxed);
            yes
        }
        v => v == 2,
    }
}

/// XCR0 (XGETBV with ECX = 0).
///
/// # Safety
/// The CPU must support XGETBV (CPUID.1:ECX.OSXSAVE).
unsafe fn xgetbv0() -> u64 {
    let (lo, hi): (u32, u32);
    // SAFETY: the caller checked OSXSAVE.
    unsafe {
        core::arch::asm!("xgetbv", in("ecx") 0u32, out("eax") lo, out("edx") hi,
            options(nomem, nostack, preserves_flags));
    }
    (hi as u64) << 32 | lo as u64
}

/// `n >= 16`.
///
/// # Safety
/// Both ranges readable for `n` bytes.
unsafe fn equal_sse2(a: *const u8, b: *const u8, n: usize) -> bool {
    use core::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8,
    };
    // SAFETY: every 16-byte load starts at most n - 16 bytes into either range.
    unsafe {
        let eq16 = |i: usize| {
            _mm_cmpeq_epi8(
                _mm_loadu_si128(a.add(i) as *const __m128i),
                _mm_loadu_si128(b.add(i) as *const __m128i),
            )
        };
        let mut i = 0;
        while i + 64 <= n {
            let m = _mm_and_si128(
                _mm_and_si128(eq16(i), eq16(i + 16)),
                _mm_and_si128(eq16(i + 32), eq16(i + 48)),
            );
            if _mm_movemask_epi8(m) != 0xffff {
                return false;
            }
            i += 64;
        }
        while i + 16 <= n {
            if _mm_movemask_epi8(eq16(i)) != 0xffff {
                return false;
            }
            i += 16;
        }
        i == n || _mm_movemask_epi8(eq16(n - 16)) == 0xffff
    }
}

/// `n >= 64`, AVX2 available.
///
/// # Safety
/// Both ranges readable for `n` bytes; the CPU has AVX2.
#[target_feature(enable = "avx2")]
unsafe fn equal_avx2(a: *const u8, b: *const u8, n: usize) -> bool {
    use core::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
    };
    // SAFETY: every 32-byte load starts at most n - 32 bytes into either range.
    unsafe {
        let eq32 = |i: usize| {
            _mm256_cmpeq_epi8(
                _mm256_loadu_si256(a.add(i) as *const __m256i),
                _mm256_loadu_si256(b.add(i) as *const __m256i),
            )
        };
        let mut i = 0;
        while i + 64 <= n {
            if _mm256_movemask_epi8(_mm256_and_si256(eq32(i), eq32(i + 32))) != -1 {
                return false;
            }
            i += 64;
        }
        if i == n {
            return true;
        }
        // The last 64 bytes, overlapping what was compared.
        _mm256_movemask_epi8(_mm256_and_si256(eq32(n - 64), eq32(n - 32))) == -1
    }
}

/// compiler_builtins objects reference the personality routine through `DW.ref` data even though
/// nothing in the runtime unwinds (panic=abort); a definition is all the linker needs.
#[unsafe(no_mangle)]
pub extern "C" fn rust_eh_personality() {}
