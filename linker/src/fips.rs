//! FIPS 140 module verification data (gc's cmd/link/internal/ld/fips140.go).
//!
//! When a program runs with GODEBUG=fips140=on (or only), crypto/internal/fips140/check's init
//! hashes the FIPS module's code and data in memory and compares the result with the sum the
//! linker stored in `go:fipsinfo`; a zero sum panics "no verification checksum found", a
//! different one "verification mismatch".
//!
//! The module is every symbol of the crypto/internal/fips140 package tree (not its external
//! test packages). The linker gathers those symbols contiguously at the end of `.text`,
//! `.rodata`, `.noptrdata` and `.data`, each group framed by the 1-byte markers
//! `go:<kind>fipsstart` / `go:<kind>fipsend`. `go:fipsinfo` holds
//! `{magic [16]byte, sum [32]byte, self uintptr, sects [4]{start, end uintptr}}` and the sum is
//! HMAC-SHA256, keyed with 32 zero bytes, over `"go fips object v1\n"` followed by, for each of
//! the four ranges [start, end), its length as a big-endian u64 and its bytes.
//!
//! The bytes hashed must be the bytes the check reads, so nothing in the ranges may change
//! between the end of the link and that init function. rgo writes a static, non-PIE executable:
//! every relocation is applied by the linker, so code and data need no load-time fix-ups (the
//! case gc's compiler-side restrictions exist for, -buildmode=pie). What remains is data the
//! program itself writes before the check runs, which is excluded as gc excludes it by name:
//! the init tasks (their state word is updated as packages initialise; the packages the check
//! depends on, fips140, hmac and sha256, initialise before it), dictionaries, type assertion
//! caches, funcvals and the argument/liveness metadata. Zero-initialised variables live in
//! `.bss`/`.noptrbss`, outside the ranges, so init code storing into them is harmless.

use sha2::{Digest, Sha256};

/// The package tree whose symbols form the FIPS module.
const FIPS_PREFIX: &str = "crypto/internal/fips140";

/// Whether the symbol `name` belongs to the FIPS module (gc's `LSym.setFIPSType`). Code
/// symbols of the module always do; data symbols do unless they are runtime metadata that is
/// written at run time.
pub(crate) fn is_fips_symbol(name: &str, code: bool) -> bool {
    let Some(rest) = name.strip_prefix(FIPS_PREFIX) else {
        return false;
    };
    if !rest.starts_with(['.', '/']) {
        return false;
    }
    // The package path ends at the first '.' after the prefix's last path element.
    let pkg_end = rest
        .char_indices()
        .find(|&(i, c)| c == '.' && i > 0)
        .map_or(rest.len(), |(i, _)| i);
    if rest[..pkg_end].ends_with("_test") {
        return false;
    }
    if code {
        return true;
    }
    const RUNTIME_WRITTEN: &[&str] = &[".inittask", ".dict", ".typeAssert"];
    const METADATA_SUFFIXES: &[&str] = &[
        ".arginfo0",
        ".arginfo1",
        ".argliveinfo",
        ".args_stackmap",
        ".opendefer",
        ".stkobj",
        "·f",
    ];
    !(RUNTIME_WRITTEN.iter().any(|m| name.contains(m))
        || METADATA_SUFFIXES.iter().any(|m| name.ends_with(m)))
}

/// HMAC-SHA256 (RFC 2104) with gc's all-zero 32-byte key over the FIPS object: the header line,
/// then each section as a big-endian u64 length and its bytes.
pub(crate) fn fips_sum(sections: &[&[u8]]) -> [u8; 32] {
    const BLOCK: usize = 64;
    // The key (32 zero bytes) is shorter than the block, so it is zero-padded to 64 bytes; the
    // padded key XOR ipad/opad is then just the pad byte repeated.
    let mut inner = Sha256::new();
    inner.update([0x36u8; BLOCK]);
    inner.update(b"go fips object v1\n");
    for s in sections {
        inner.update((s.len() as u64).to_be_bytes());
        inner.update(s);
    }
    let mut outer = Sha256::new();
    outer.update([0x5cu8; BLOCK]);
    outer.update(inner.finalize());
    outer.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fips_symbols_follow_gc_rules() {
        assert!(is_fips_symbol(
            "crypto/internal/fips140/sha256.(*Digest).Sum",
            true
        ));
        assert!(is_fips_symbol("crypto/internal/fips140.Name", false));
        assert!(is_fips_symbol("crypto/internal/fips140/aes.powx", false));
        assert!(!is_fips_symbol(
            "crypto/internal/fips140deps/cpu.X86HasAES",
            true
        ));
        assert!(!is_fips_symbol(
            "crypto/internal/fips140/sha3_test.TestX",
            true
        ));
        assert!(!is_fips_symbol(
            "crypto/internal/fips140/aes..inittask",
            false
        ));
        assert!(!is_fips_symbol(
            "crypto/internal/fips140/sha256.New·f",
            false
        ));
        assert!(!is_fips_symbol("crypto/sha256.New", true));
    }

    #[test]
    fn sum_matches_a_reference_hmac() {
        // HMAC-SHA256(key = 32 zero bytes, "go fips object v1\n" || be64(3) || "abc"), computed
        // with Python's hmac module.
        let want = "2e496b888de0482c3e5febfb634e660da8708839d3263157ec2cf0837e598766";
        let got: String = fips_sum(&[b"abc"])
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(got, want);
    }
}
