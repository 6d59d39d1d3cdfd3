//! hash/crc32's assembly (crc32_amd64.s). The Go side calls these only when internal/cpu
//! reports the instructions gc's assembly needs (SSE4.2 for Castagnoli, PCLMULQDQ and SSE4.1
//! for IEEE). Every function updates a non-inverted CRC state (the Go side inverts before
//! and after), so any correct algorithm gives gc's results: Castagnoli uses SSE4.2's `crc32`
//! instruction as gc does; IEEE uses slicing-by-8 tables instead of carry-less multiplication.

use core::arch::x86_64::{_mm_crc32_u8, _mm_crc32_u64};

/// CRC-32-C update with the `crc32` instruction, 8 bytes at a time.
#[target_feature(enable = "sse4.2")]
unsafe fn castagnoli(mut crc: u32, p: &[u8]) -> u32 {
    let mut chunks = p.chunks_exact(8);
    let mut c = crc as u64;
    for w in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        c = _mm_crc32_u64(c, u64::from_le_bytes(b));
    }
    crc = c as u32;
    for &b in chunks.remainder() {
        crc = _mm_crc32_u8(crc, b);
    }
    crc
}

unsafe fn bytes<'a>(p: *const u8, n: usize) -> &'a [u8] {
    if n == 0 {
        &[]
    } else {
        core::slice::from_raw_parts(p, n)
    }
}

/// `func castagnoliSSE42(crc uint32, p []byte) uint32`.
///
/// # Safety
/// (p, n) is a Go slice; the CPU has SSE4.2 (hash/crc32 checks cpu.X86.HasSSE42 first).
#[unsafe(export_name = "hash/crc32.castagnoliSSE42")]
pub unsafe extern "C" fn castagnoli_sse42(crc: u32, p: *const u8, n: usize, _cap: usize) -> u32 {
    castagnoli(crc, bytes(p, n))
}

/// `func castagnoliSSE42Triple(crcA, crcB, crcC uint32, a, b, c []byte, rounds uint32)
/// (retA, retB, retC uint32)`: each CRC advances over 24*rounds bytes of its buffer. Three
/// results: written through `out` as the Go tuple `[3]uint32`.
///
/// # Safety
/// As [`castagnoli_sse42`]; each buffer holds at least 24*rounds bytes; `out` is writable.
#[unsafe(export_name = "hash/crc32.castagnoliSSE42Triple")]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn castagnoli_sse42_triple(
    out: *mut [u32; 3],
    crc_a: u32,
    crc_b: u32,
    crc_c: u32,
    a: *const u8,
    _an: usize,
    _ac: usize,
    b: *const u8,
    _bn: usize,
    _bc: usize,
    c: *const u8,
    _cn: usize,
    _cc: usize,
    rounds: u32,
) {
    let n = 24 * rounds as usize;
    *out = [
        castagnoli(crc_a, bytes(a, n)),
        castagnoli(crc_b, bytes(b, n)),
        castagnoli(crc_c, bytes(c, n)),
    ];
}

/// The reflected IEEE polynomial.
const IEEE: u32 = 0xedb8_8320;

/// Slicing-by-8 tables: `T[0]` is the classic byte table; `T[k][i]` advances `T[k-1][i]` by
/// one more zero byte.
const IEEE_TABLES: [[u32; 256]; 8] = {
    let mut t = [[0u32; 256]; 8];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 { (c >> 1) ^ IEEE } else { c >> 1 };
            k += 1;
        }
        t[0][i] = c;
        i += 1;
    }
    let mut k = 1;
    while k < 8 {
        let mut i = 0;
        while i < 256 {
            let prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ t[0][(prev & 0xff) as usize];
            i += 1;
        }
        k += 1;
    }
    t
};

fn ieee(mut crc: u32, p: &[u8]) -> u32 {
    let t = &IEEE_TABLES;
    let mut chunks = p.chunks_exact(8);
    for w in &mut chunks {
        let lo = crc ^ u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
        crc = t[7][(lo & 0xff) as usize]
            ^ t[6][((lo >> 8) & 0xff) as usize]
            ^ t[5][((lo >> 16) & 0xff) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][w[4] as usize]
            ^ t[2][w[5] as usize]
            ^ t[1][w[6] as usize]
            ^ t[0][w[7] as usize];
    }
    for &b in chunks.remainder() {
        crc = t[0][((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    crc
}

/// `func ieeeCLMUL(crc uint32, p []byte) uint32`.
///
/// # Safety
/// (p, n) is a Go slice.
#[unsafe(export_name = "hash/crc32.ieeeCLMUL")]
pub unsafe extern "C" fn ieee_clmul(crc: u32, p: *const u8, n: usize, _cap: usize) -> u32 {
    ieee(crc, bytes(p, n))
}
