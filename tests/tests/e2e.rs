//! End-to-end tests: build the Go programs in `tests/programs` with rgo, run
//! them and compare with the goldens recorded from gc 1.27.3. See
//! `tests/src/lib.rs` for the comparison rules.
//!
//! Environment:
//! * `RGO=/path/to/rgo` tests that binary instead of building the workspace's;
//! * `RGO_E2E_FILTER=substring` runs only the programs whose name contains it
//!   (the known-failures check then only covers those programs);
//! * `RGO_E2E_JOBS=N` sets the number of parallel workers.

use std::path::PathBuf;
use std::sync::OnceLock;

use object::read::elf::{ElfFile64, FileHeader, ProgramHeader};
use object::{Object, ObjectSymbol};
use tests::{
    TempDir, check_program, known_failures_path, load_programs, locate_rgo, parse_known_failures,
    program_command, programs_dir, rgo_build, run_parallel, run_timeout, run_with_timeout,
};

/// The rgo binary, built once per test process.
fn rgo() -> PathBuf {
    static RGO: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match RGO.get_or_init(locate_rgo) {
        Ok(path) => path.clone(),
        Err(e) => panic!("cannot test rgo: {e}"),
    }
}

fn known_failures() -> std::collections::BTreeMap<String, String> {
    let path = known_failures_path();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse_known_failures(&text).unwrap_or_else(|e| panic!("{e}"))
}

/// The programs and their goldens are well-formed, and known-failures.txt only
/// names existing programs.
#[test]
fn goldens_are_complete() {
    let programs = load_programs(&programs_dir()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        programs.len() >= 70,
        "expected at least 70 programs, found {}",
        programs.len()
    );
    for p in &programs {
        let (num, topic) = p
            .name
            .split_once('_')
            .unwrap_or_else(|| panic!("{}: name must be NN_topic", p.name));
        assert!(
            (2..=4).contains(&num.len())
                && num.bytes().all(|b| b.is_ascii_digit())
                && !topic.is_empty(),
            "{}: name must be NN_topic",
            p.name
        );
        // Programs are single-file `package main` importing only standard-library packages
        // (rgo compiles them from GOROOT; `runtime` is rgo's own).
        let src = std::fs::read_to_string(&p.source).unwrap();
        let mut imports = Vec::new();
        let mut in_block = false;
        for l in src.lines() {
            if in_block {
                if l.trim() == ")" {
                    in_block = false;
                } else if !l.trim().is_empty() {
                    imports.push(l.trim().to_string());
                }
            } else if l == "import (" {
                in_block = true;
            } else if let Some(rest) = l.strip_prefix("import ") {
                imports.push(rest.trim().to_string());
            }
        }
        // Standard-library packages (a first path element without a dot) are compiled from
        // GOROOT; nothing outside it may be imported.
        let imports_ok = imports.iter().all(|i| {
            let path = i.rsplit(' ').next().unwrap_or("").trim_matches('"');
            !path.is_empty() && !path.split('/').next().unwrap_or("").contains('.')
        });
        assert!(
            src.starts_with("package main\n") && imports_ok,
            "{}: programs must be `package main` importing only standard-library packages",
            p.name
        );
        // Only os.Exit (directly, or through log.Fatal and friends) gives other statuses than 0
        // and 2 (run-time errors, fatal errors).
        let uses_os = imports
            .iter()
            .any(|i| matches!(i.as_str(), "\"os\"" | "\"log\"" | "\"log/slog\""));
        assert!(
            p.exit == 0 || p.exit == 2 || uses_os,
            "{}: a program that imports neither os nor log exits with 0 or 2, golden says {}",
            p.name,
            p.exit
        );
        if p.exit == 2 {
            let err = String::from_utf8_lossy(&p.stderr);
            assert!(
                err.contains("\ngoroutine 1 [")
                    || err.starts_with("goroutine")
                    || err.contains("fatal error: "),
                "{}: exit 2 without a traceback",
                p.name
            );
        }
    }
    let names: std::collections::BTreeSet<&str> =
        programs.iter().map(|p| p.name.as_str()).collect();
    for name in known_failures().keys() {
        assert!(
            names.contains(name.as_str()),
            "known-failures.txt lists {name}, which is not in tests/programs"
        );
    }
}

/// Every program behaves as under gc, except the known failures, which must
/// still fail.
#[test]
fn programs_match_goldens() {
    let rgo = rgo();
    let mut programs = load_programs(&programs_dir()).unwrap_or_else(|e| panic!("{e}"));
    if let Ok(filter) = std::env::var("RGO_E2E_FILTER") {
        programs.retain(|p| p.name.contains(&filter));
        assert!(
            !programs.is_empty(),
            "RGO_E2E_FILTER={filter} matches no program"
        );
    }
    let known = known_failures();
    let jobs = std::env::var("RGO_E2E_JOBS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    eprintln!(
        "testing {} programs with {} on {jobs} threads",
        programs.len(),
        rgo.display()
    );
    let results = run_parallel(&programs, jobs, |p| check_program(&rgo, p));

    let (mut passed, mut failed, mut known_failed) = (0, 0, 0);
    let mut report = String::new();
    for (p, result) in programs.iter().zip(results) {
        match (result, known.get(&p.name)) {
            (Ok(()), None) => {
                passed += 1;
                report.push_str(&format!("PASS  {}\n", p.name));
            }
            (Ok(()), Some(reason)) => {
                failed += 1;
                report.push_str(&format!(
                    "FAIL  {}: passes but is listed in tests/known-failures.txt ({reason}); remove it from the list\n",
                    p.name
                ));
            }
            (Err(why), None) => {
                failed += 1;
                report.push_str(&format!("FAIL  {}: {why}\n", p.name));
            }
            (Err(why), Some(reason)) => {
                known_failed += 1;
                let first = why.lines().next().unwrap_or("");
                report.push_str(&format!("KNOWN {} ({reason}): {first}\n", p.name));
            }
        }
    }
    let summary = format!("{passed} passed, {failed} failed, {known_failed} known failures");
    eprintln!("{report}{summary}");
    assert_eq!(failed, 0, "{summary}");
}

/// Building works without any tool on PATH: rgo needs no external assembler,
/// linker or Go installation.
#[test]
fn build_works_with_empty_path() {
    let rgo = rgo();
    let tmp = TempDir::new("empty-path").unwrap();
    let src = programs_dir().join("01_hello.go");
    let exe = tmp.path().join("hello");
    let mut cmd = std::process::Command::new(&rgo);
    cmd.env_clear()
        .env("HOME", tmp.path())
        .current_dir(tmp.path())
        .arg("build")
        .arg("-o")
        .arg(&exe)
        .arg(&src);
    let out = run_with_timeout(&mut cmd, tests::BUILD_TIMEOUT).unwrap();
    assert!(
        out.status.success() && !out.timed_out,
        "rgo build with an empty environment failed ({}):\n{}",
        tests::describe_status(&out.status),
        String::from_utf8_lossy(&out.stderr)
    );
    let run = run_with_timeout(&mut program_command(&exe, tmp.path()), run_timeout()).unwrap();
    let golden = std::fs::read(programs_dir().join("01_hello.stderr")).unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "hello exited with {:?}",
        run.status
    );
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        String::from_utf8_lossy(&golden)
    );
}

/// rgo's executables are static linux/amd64 ELF executables whose entry point
/// is `_rt0_amd64_linux`, as gc's are.
#[test]
fn binaries_are_static_elf_with_go_entry() {
    let rgo = rgo();
    for name in ["01_hello", "78_panic_string"] {
        let tmp = TempDir::new(name).unwrap();
        let src = programs_dir().join(format!("{name}.go"));
        let exe = rgo_build(&rgo, &src, tmp.path()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let data = std::fs::read(&exe).unwrap();
        let elf = ElfFile64::<object::Endianness>::parse(&*data)
            .unwrap_or_else(|e| panic!("{name}: not a 64-bit ELF file: {e}"));
        assert_eq!(elf.architecture(), object::Architecture::X86_64, "{name}");
        assert_eq!(
            elf.kind(),
            object::ObjectKind::Executable,
            "{name}: not an ET_EXEC executable"
        );
        let endian = elf.endian();
        let header = elf.elf_header();
        let phdrs = header.program_headers(endian, &*data).unwrap();
        assert!(!phdrs.is_empty(), "{name}: no program headers");
        for ph in phdrs {
            let kind = ph.p_type(endian);
            assert!(
                kind != object::elf::PT_INTERP && kind != object::elf::PT_DYNAMIC,
                "{name}: dynamically linked (program header type {kind:#x})"
            );
        }
        let entry = elf.entry();
        let rt0 = elf
            .symbols()
            .find(|s| s.name() == Ok("_rt0_amd64_linux"))
            .unwrap_or_else(|| panic!("{name}: no _rt0_amd64_linux symbol"));
        assert_eq!(
            rt0.address(),
            entry,
            "{name}: entry {entry:#x} is not _rt0_amd64_linux ({:#x})",
            rt0.address()
        );
        assert!(
            elf.symbols().any(|s| s.name() == Ok("main.main")),
            "{name}: no main.main symbol"
        );
    }
}
