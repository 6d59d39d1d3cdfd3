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
    ("internal/bytealg", "internal/bytealg/compare_amd64.s"),
    ("internal/bytealg", "internal/bytealg/count_amd64.s"),
    ("internal/bytealg", "internal/bytealg/equal_amd64.s"),
    ("internal/bytealg", "internal/bytealg/index_amd64.s"),
    ("internal/bytealg", "internal/bytealg/indexbyte_amd64.s"),
    ("math", "math/exp_amd64.s"),
    ("math", "math/log_amd64.s"),
    ("math", "math/hypot_amd64.s"),
    ("math", "math/floor_amd64.s"),
    ("math", "math/dim_amd64.s"),
];

/// Compares one file; a function that differs only by gc's stack-growth check is counted in
/// the second result.
fn check_file(goroot: &Path, pkg: &str, rel: &str) -> Result<(usize, usize, Vec<String>), String> {
    let file = goroot.join("src").join(rel);
    let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    // Both assemblers read gc's own go_asm.h here: the header rgo generates is compared
    // with gc's separately (RGO_DUMP_ASMHDR).
    let mut extra = Vec::new();
    let mut inc = Vec::new();
    if text.contains("go_asm.h") {
        let dir = gcdiff::gc_asm_h(goroot, pkg).ok_or("no go_asm.h from gc")?;
        let h = std::fs::read_to_string(dir.join("go_asm.h")).map_err(|e| e.to_string())?;
        extra.push(("go_asm.h".to_string(), h));
        inc.push(dir);
    }
    let unit = gcdiff::rgo_unit(goroot, &file, pkg, &extra)?;
    let gc = gcdiff::gc_listing(goroot, &file, pkg, &inc)?;
    for d in &inc {
        let _ = std::fs::remove_dir_all(d);
    }
    let mut diffs = Vec::new();
    let mut stack_check = 0;
    for f in &unit.funcs {
        match gc.get(f.name.trim_end_matches("<>")) {
            None => diffs.push(format!("{}: not in gc's listing", f.name)),
            Some(g) => {
                if gcdiff::compare(f, g).is_some() && gcdiff::same_but_stack_check(f, g) {
                    stack_check += 1;
                } else if let Some(at) = gcdiff::compare(f, g) {
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
    Ok((unit.funcs.len(), stack_check, diffs))
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
            Ok((n, _, diffs)) => {
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
    let mut same_sc = 0;
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
                Ok((n, 0, d)) if d.is_empty() => {
                    same += 1;
                    println!("SAME {rel} ({n} functions)");
                }
                Ok((n, sc, d)) if d.is_empty() => {
                    same_sc += 1;
                    println!("SAME-BUT-STACK-CHECK {rel} ({n} functions, {sc} with gc's check)");
                }
                Ok((n, _, d)) => println!("DIFF {rel} ({n} functions): {}", d.join("; ")),
                Err(e) => println!("FAIL {rel}: {}", e.lines().next().unwrap_or("")),
            }
        }
    }
    println!(
        "{same} of {total} files assemble to gc's bytes; {same_sc} more apart from gc's \
         stack-growth check"
    );
}

/// The same comparison against a program linked by gc: each TEXT symbol of math's `.s` files
/// is read from the executable's ELF symbol table (`math.archExp.abi0`, ...) and compared
/// with rgo's bytes, the fields rgo relocates masked on both sides.
#[test]
fn linked_gc_binary_matches() {
    use object::{Object, ObjectSection, ObjectSymbol};
    let Some(goroot) = gcdiff::goroot() else {
        eprintln!("no Go toolchain: skipped");
        return;
    };
    let dir = std::env::temp_dir().join(format!("rgo-asm-link-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("main.go"),
        "package main\n\nimport (\n\t\"fmt\"\n\t\"math\"\n)\n\nfunc main() {\n\tfs := []func(float64) float64{math.Exp, math.Log, math.Floor, math.Ceil, math.Trunc}\n\tfor _, f := range fs {\n\t\tfmt.Println(f(2.5))\n\t}\n\tfmt.Println(math.Hypot(3, 4), math.Max(1, 2), math.Min(1, 2))\n}\n",
    )
    .expect("write main.go");
    let out = std::process::Command::new(goroot.join("bin/go"))
        .args(["build", "-o", "prog", "main.go"])
        .current_dir(&dir)
        .env("GOROOT", &goroot)
        .env("GO111MODULE", "on")
        .output()
        .expect("go build");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exe = std::fs::read(dir.join("prog")).expect("read prog");
    let _ = std::fs::remove_dir_all(&dir);
    let file = object::File::parse(&*exe).expect("ELF");
    let mut checked = 0;
    for rel in [
        "math/exp_amd64.s",
        "math/log_amd64.s",
        "math/hypot_amd64.s",
        "math/floor_amd64.s",
        "math/dim_amd64.s",
    ] {
        let unit = gcdiff::rgo_unit(&goroot, &goroot.join("src").join(rel), "math", &[])
            .expect("assembles");
        for f in &unit.funcs {
            let want = format!("{}.abi0", f.name);
            let Some(sym) = file.symbols().find(|s| s.name() == Ok(want.as_str())) else {
                panic!("{want} not in gc's symbol table");
            };
            let sec = file
                .section_by_index(sym.section_index().expect("section"))
                .expect("section");
            let data = sec.data().expect("data");
            let start = (sym.address() - sec.address()) as usize;
            let mut gc = data[start..start + f.code.len()].to_vec();
            let mut ours = f.code.clone();
            for r in &f.relocs {
                for i in r.at..r.at + 4 {
                    gc[i] = 0;
                    ours[i] = 0;
                }
            }
            assert_eq!(
                ours, gc,
                "{want}: rgo's bytes differ from gc's linked bytes"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 8, "math has 8 assembly functions");
}
