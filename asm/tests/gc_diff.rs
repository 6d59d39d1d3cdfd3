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
    ("hash/crc32", "hash/crc32/crc32_amd64.s"),
    (
        "internal/runtime/gc/scan",
        "internal/runtime/gc/scan/expand_amd64.s",
    ),
    (
        "internal/runtime/gc/scan",
        "internal/runtime/gc/scan/filter_amd64.s",
    ),
    (
        "internal/runtime/gc/scan",
        "internal/runtime/gc/scan/scan_amd64.s",
    ),
];

/// EVEX forms GOROOT's files do not exercise: registers 16-31 in every field, masks with
/// and without zeroing, 128/256/512-bit lengths, compressed displacements that fit, that do
/// not divide by the tuple size and that overflow a byte, index registers, and the choice
/// between the VEX and EVEX forms of a mnemonic that has both.
const EVEX_FORMS: &str = r#"#include "textflag.h"
TEXT ·evexForms(SB), NOSPLIT, $0-0
	VPXORQ Z31, Z16, Z17
	VPXORQ X1, X2, X3
	VPXORQ Y9, Y20, Y30
	VPANDQ 64(AX), Z1, Z2
	VPANDQ 65(AX), Z1, Z2
	VPANDQ 8192(R13), Z1, Z2
	VPANDQ -8192(R13)(R12*4), Z1, Z2
	VPANDQ 32(AX), Y1, Y2
	VPORQ.Z Z3, Z4, K5, Z6
	VPORQ Z3, Z4, K5, Z6
	VPERMB Z24, Z25, K2, Z26
	VPERMI2B.Z (BP), Z1, K7, Z2
	VPTERNLOGD $0x96, Z27, Z5, Z1
	VPTERNLOGQ $0xf0, 128(SP), Z5, Z1
	VPCLMULQDQ $0x11, Z20, Z21, Z22
	VPCLMULQDQ $0x11, X1, X2, X3
	VPCLMULQDQ $0x01, Y17, Y2, Y3
	VGF2P8AFFINEQB $0, Z1, Z2, Z3
	VGF2P8AFFINEQB $0, X1, X2, X3
	VEXTRACTF32X4 $3, Z20, X21
	VEXTRACTF32X4 $1, Z1, 32(DI)
	VEXTRACTI32X4 $1, Y1, 17(DI)
	VPCOMPRESSQ Z19, K3, Z18
	VPCOMPRESSQ Z1, K3, 16(DI)
	VPCOMPRESSD Z1, K3, 16(DI)
	VPCMPUQ $4, Z1, Z15, K1
	VPCMPUQ $1, Z17, Z18, K2, K3
	VPCMPUD $2, 64(CX), Z1, K4
	VPCMPUB $0, Y1, Y2, K4
	VPOPCNTB Z17, Z3
	VPOPCNTQ 64(SI), Z3
	VMOVDQU64 Z1, Z2
	VMOVDQU64 Z20, 64(DI)(DX*8)
	VMOVDQU64 -64(R9), K1, Z20
	VMOVDQU64.Z (R9), K1, Z20
	VMOVDQU32 X1, 16(AX)
	VMOVDQU8 Y1, 32(AX)
	VMOVDQA64 (SI), Z1
	VMOVDQA32 Z1, 128(SI)
	VMOVAPS X0, X10
	VMOVAPS X0, X20
	VMOVAPS (AX), Y1
	VMOVUPS Z1, 64(AX)
	VMOVUPS Y1, Y2
	KMOVQ AX, K1
	KMOVQ K1, R9
	KMOVQ K1, K2
	KMOVQ (AX), K3
	KMOVQ K3, 8(AX)
	KMOVD R10, K1
	KMOVD K1, AX
	KMOVD K1, (AX)
	KMOVW K1, R15
	KMOVW (R8), K1
	KMOVB CX, K1
	KMOVB K1, DX
	KMOVB K1, K7
	RET
"#;

/// Compares one file: the number of functions and the differences.
fn check_file(goroot: &Path, pkg: &str, rel: &str) -> Result<(usize, Vec<String>), String> {
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
    for f in &unit.funcs {
        match gc.get(f.name.trim_end_matches("<>")) {
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
fn evex_forms_match_gc() {
    let Some(goroot) = gcdiff::goroot() else {
        eprintln!("no Go toolchain: skipped");
        return;
    };
    let dir = std::env::temp_dir().join(format!("rgo-asm-evex-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("evex_amd64.s");
    std::fs::write(&file, EVEX_FORMS).expect("write");
    let unit = gcdiff::rgo_unit(&goroot, &file, "p", &[]);
    let gc = gcdiff::gc_listing(&goroot, &file, "p", &[]);
    let _ = std::fs::remove_dir_all(&dir);
    let unit = unit.expect("rgo assembles");
    let gc = gc.expect("gc assembles");
    let f = &unit.funcs[0];
    let g = gc.get(&f.name).expect("in gc's listing");
    if let Some(at) = gcdiff::compare(f, g) {
        panic!(
            "differs at {at:#x}: rgo {:02x?} gc {:02x?}",
            &f.code[at..(at + 12).min(f.code.len())],
            &g.bytes[at..(at + 12).min(g.bytes.len())]
        );
    }
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
    assert_eq!(same, total, "every file assembles to gc's bytes");
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
