//! The assembler never panics: GOROOT's math, internal/bytealg, math/big and crypto `.s` files
//! (the larger files with fewer mutations), mutated
//! deterministically (bytes deleted, duplicated, replaced by operator characters, lines
//! swapped), must each assemble or fail with an error, never panic.

mod gcdiff;

/// (package, file under GOROOT/src, number of mutations)
const FILES: &[(&str, &str, u64)] = &[
    ("math", "math/exp_amd64.s", 400),
    ("math", "math/dim_amd64.s", 400),
    (
        "internal/bytealg",
        "internal/bytealg/indexbyte_amd64.s",
        400,
    ),
    ("internal/bytealg", "internal/bytealg/compare_amd64.s", 400),
    ("math/big", "math/big/arith_amd64.s", 200),
    (
        "crypto/internal/fips140/subtle",
        "crypto/internal/fips140/subtle/xor_amd64.s",
        200,
    ),
    (
        "crypto/internal/fips140/sha256",
        "crypto/internal/fips140/sha256/sha256block_amd64.s",
        60,
    ),
    (
        "crypto/internal/fips140/aes/gcm",
        "crypto/internal/fips140/aes/gcm/gcm_amd64.s",
        60,
    ),
    (
        "crypto/internal/fips140/nistec",
        "crypto/internal/fips140/nistec/p256_asm_amd64.s",
        60,
    ),
];

fn mutate(text: &str, seed: u64) -> String {
    let mut s = seed;
    let mut next = || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 33) as usize
    };
    let mut b: Vec<u8> = text.bytes().collect();
    for _ in 0..1 + next() % 4 {
        if b.is_empty() {
            break;
        }
        let at = next() % b.len();
        match next() % 4 {
            0 => {
                b.remove(at);
            }
            1 => {
                let c = b[at];
                b.insert(at, c);
            }
            2 => b[at] = b"$()<>+-*/,:;#\\\"'0xZ.R8"[next() % 22],
            _ => {
                let end = (at + next() % 40).min(b.len());
                b.drain(at..end);
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

#[test]
fn mutated_sources_never_panic() {
    let Some(goroot) = gcdiff::goroot() else {
        eprintln!("no GOROOT: skipped");
        return;
    };
    let inc = goroot.join("pkg").join("include");
    let mut errors = 0;
    for &(pkg, rel, mutations) in FILES {
        let file = goroot.join("src").join(rel);
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let dir = file.parent().map(|p| p.to_path_buf()).unwrap_or_default();
        for seed in 0..mutations {
            let m = mutate(&text, seed);
            let resolve = |h: &str| {
                if h == "go_asm.h" {
                    return Some(
                        "#define const_offsetX86HasAVX2 1\n#define const_offsetX86HasPOPCNT 2\n"
                            .to_string(),
                    );
                }
                std::fs::read_to_string(dir.join(h))
                    .or_else(|_| std::fs::read_to_string(inc.join(h)))
                    .ok()
            };
            let opts = asm::Options {
                pkg,
                resolve: &resolve,
                defines: vec![],
            };
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                asm::assemble(rel, &m, &opts).map(|u| asm::obj::write(&u).is_ok())
            }));
            match r {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => {
                    errors += 1;
                    assert!(
                        e.to_string().starts_with(rel),
                        "error without position: {e}"
                    );
                }
                Err(_) => panic!("{rel} with mutation seed {seed}: the assembler panicked"),
            }
        }
    }
    // Most mutations must be caught as errors, or the mutations test nothing.
    assert!(errors > 100, "only {errors} mutated files were rejected");
}
