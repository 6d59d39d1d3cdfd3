//! Differential test: every TEXT symbol rgo assembles from GOROOT's amd64 `.s` files has
//! gc's bytes (relocation fields aside), compared with `go tool asm -S`'s listing.
//!
//! `RGO_ASM_DIFF_ALL=1` walks every amd64 `.s` file of the standard library outside
//! package runtime and prints a table (assembled / identical / differs / fails) instead of
//! checking only the files listed in [`MUST_MATCH`].

mod gcdiff;

use std::path::Path;

/// Files whose every function must assemble to gc's bytes.
const MUST_MATCH: &[(&str, &str)] = &[
    ("math", "math/exp_amd64.s"),
    ("math", "math/log_amd64.s"),
    ("math", "math/hypot_amd64.s"),
    ("math", "math/floor_amd64.s"),
    ("math", "math/dim_amd64.s"),
];

fn check_file(goroot: &Path, pkg: &str, rel: &str) -> Result<(usize, Vec<String>), String> {
    let file = goroot.join("src").join(rel);
    let unit = gcdiff::rgo_unit(goroot, &file, pkg, &[])?;
    let gc = gcdiff::gc_listing(goroot, &file, pkg, &[])?;
    let mut diffs = Vec::new();
    for f in &unit.funcs {
        match gc.get(&f.name) {
            None => diffs.push(format!("{}: not in gc's listing", f.name)),
            Some(g) => {
                if let Some(at) = gcdiff::compare(f, g) {
                    diffs.push(format!(
                        "{}: differs at {at:#x} (rgo {} bytes, gc {}): rgo {:02x?} gc {:02x?}",
                        f.name,
                        f.code.len(),
                        g.bytes.len(),
                        &f.code[at.min(f.code.len())..(at + 8).min(f.code.len())],
                        &g.bytes[at.min(g.bytes.len())..(at + 8).min(g.bytes.len())]
                    ));
                }
            }
        }
    }
    Ok((unit.funcs.len(), diffs))
}

#[test]
fn math_matches_gc() {
    let Some(goroot) = gcdiff::goroot() else {
        eprintln!("no Go toolchain: skipped");
        return;
    };
    let mut bad = Vec::new();
    for (pkg, rel) in MUST_MATCH {
        match check_file(&goroot, pkg, rel) {
            Ok((n, diffs)) => {
                assert!(n > 0, "{rel}: no functions");
                bad.extend(diffs.into_iter().map(|d| format!("{rel}: {d}")));
            }
            Err(e) => bad.push(format!("{rel}: {e}")),
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn all_files_report() {
    if std::env::var_os("RGO_ASM_DIFF_ALL").is_none() {
        return;
    }
    let Some(goroot) = gcdiff::goroot() else {
        return;
    };
    let list = std::process::Command::new(goroot.join("bin/go"))
        .args([
            "list",
            "-f",
            "{{.ImportPath}} {{join .SFiles \" \"}}",
            "std",
        ])
        .env("GOROOT", &goroot)
        .output()
        .expect("go list");
    let mut total = 0;
    let mut same = 0;
    for line in String::from_utf8_lossy(&list.stdout).lines() {
        let mut w = line.split_whitespace();
        let Some(pkg) = w.next() else { continue };
        if pkg == "runtime" || pkg.starts_with("runtime/") {
            continue;
        }
        for f in w {
            total += 1;
            let rel = format!("{pkg}/{f}");
            match check_file(&goroot, pkg, &rel) {
                Ok((n, d)) if d.is_empty() => {
                    same += 1;
                    println!("SAME {rel} ({n} functions)");
                }
                Ok((n, d)) => println!("DIFF {rel} ({n} functions): {}", d.join("; ")),
                Err(e) => println!("FAIL {rel}: {}", e.lines().next().unwrap_or("")),
            }
        }
    }
    println!("{same} of {total} files assemble to gc's bytes");
}
