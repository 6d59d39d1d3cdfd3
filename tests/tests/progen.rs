//! The fast differential test of the random program generator (docs/progen.md): the programs
//! `progen` makes from a few fixed seeds, committed in `tests/progen/` with goldens recorded
//! from gc by `scripts/record-progen-goldens.sh`, must behave under rgo as under gc (compared as
//! the e2e programs are, see `tests/src/lib.rs`). Longer runs against a live gc use the
//! `progen-diff` binary.
//!
//! `RGO=/path/to/rgo` tests that binary; `RGO_E2E_JOBS=N` sets the parallelism.

use std::path::{Path, PathBuf};

use tests::progen::mask_goroutine_ids;
use tests::{
    Program, TempDir, describe_status, diff_snippet, load_programs, locate_rgo, program_command,
    rgo_build, run_parallel, run_timeout, run_with_timeout, stderr_diff, trace_paths,
};

fn progen_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("progen")
}

/// The seed a committed program was generated from (`progen_17` → 17).
fn seed_of(name: &str) -> u64 {
    name.strip_prefix("progen_")
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{name}: expected progen_SEED"))
}

/// The committed programs are what the generator makes today from their seeds, so the goldens
/// describe the generator's current output.
#[test]
fn committed_programs_are_current() {
    let programs = load_programs(&progen_dir()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        programs.len() >= 20,
        "expected at least 20 seeds, found {}",
        programs.len()
    );
    for p in &programs {
        let src = std::fs::read_to_string(&p.source).unwrap();
        assert!(
            src == tests::progen::generate(seed_of(&p.name)),
            "{}: the generator's output changed; run scripts/record-progen-goldens.sh",
            p.name
        );
    }
}

#[test]
fn generated_programs_match_gc() {
    let rgo = locate_rgo().unwrap_or_else(|e| panic!("cannot test rgo: {e}"));
    let programs = load_programs(&progen_dir()).unwrap_or_else(|e| panic!("{e}"));
    let jobs = std::env::var("RGO_E2E_JOBS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let results = run_parallel(&programs, jobs, |p| {
        // Goroutine ids other than main's vary between gc's runs (see mask_goroutine_ids), so
        // the program's stderr is compared with them masked on both sides.
        let tmp = TempDir::new(&p.name).map_err(|e| format!("temp dir: {e}"))?;
        let exe = rgo_build(&rgo, &p.source, tmp.path())?;
        check(&rgo, &exe, tmp.path(), p)
    });
    let mut failures = String::new();
    for (p, r) in programs.iter().zip(results) {
        if let Err(why) = r {
            failures.push_str(&format!(
                "FAIL {} (seed {}): {why}\n",
                p.name,
                seed_of(&p.name)
            ));
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

/// Runs `exe` and compares it with `p`'s goldens as the e2e harness does, with goroutine ids
/// masked in both stderrs.
fn check(rgo: &Path, exe: &Path, dir: &Path, p: &Program) -> Result<(), String> {
    let out = run_with_timeout(&mut program_command(exe, dir), run_timeout())
        .map_err(|e| format!("cannot run the built program: {e}"))?;
    if out.timed_out {
        return Err("timed out".into());
    }
    let mut problems = Vec::new();
    if out.status.code() != Some(p.exit) {
        problems.push(format!(
            "exit status: expected {}, got {}",
            p.exit,
            describe_status(&out.status)
        ));
    }
    if let Some(d) = diff_snippet(&p.stdout, &out.stdout) {
        problems.push(format!("stdout differs:\n{d}"));
    }
    let (want, got) = (
        mask_goroutine_ids(&p.stderr),
        mask_goroutine_ids(&out.stderr),
    );
    if let Some(d) = stderr_diff(&want, &got, &trace_paths(rgo, p)) {
        problems.push(format!("stderr differs (normalized):\n{d}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}
