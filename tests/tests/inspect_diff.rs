//! `rgo inspect --diff` between gc's and rgo's builds of the same program, over the descriptor
//! corpus (`tests/inspect/*.go`) and, when `RGO_GO_TEST_DIR` names the Go repository's `test/`
//! directory, its `test/interface` `// run` files.
//!
//! For every program the number of differing lines of
//! `rgo inspect --diff --pkg main --types --itabs --no-syms GC RGO` (main-package descriptors,
//! method tables and itabs) is recorded in an insta snapshot together with the main package's
//! init tasks in both binaries, so that every change of the distance to gc is reviewed. What
//! is asserted outright: the main package's init tasks are gc's (a task only when there is
//! code to run: gc initialises constants, literals and conversions statically, and so does
//! rgo, see midend/src/lower/staticinit.rs).
//!
//! Known sources of the remaining differences (docs/inspect.md "Differences from gc"): gc's
//! linker removes methods that no reachable interface call can reach (`ifn -1`,
//! `runtime.unreachableMethod`), and gc's inliner and devirtualiser remove conversions, and
//! with them descriptors and itabs, that rgo keeps.
//!
//! Skipped with a note without gc. `RGO_INSPECT_DIFF_FILTER=substring` selects programs.

use std::path::{Path, PathBuf};
use std::process::Command;

use tests::{
    BUILD_TIMEOUT, TempDir, find_go, locate_rgo, rgo_build, run_parallel, run_with_timeout,
};

fn corpus() -> Vec<(String, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("inspect");
    go_files(&dir, |_| true)
}

/// `// run` files of Go's test/interface (single-file programs).
fn interface_tests() -> Option<Vec<(String, PathBuf)>> {
    let root = std::env::var_os("RGO_GO_TEST_DIR")?;
    let dir = Path::new(&root).join("interface");
    Some(go_files(&dir, |text| text.starts_with("// run\n")))
}

fn go_files(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| keep(&t)))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

fn gc_build(go: &Path, source: &Path, dir: &Path) -> Result<PathBuf, String> {
    let work = dir.join("gc");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    std::fs::write(work.join("go.mod"), "module example.com/p\n\ngo 1.27\n")
        .map_err(|e| e.to_string())?;
    std::fs::copy(source, work.join("main.go")).map_err(|e| e.to_string())?;
    let exe = dir.join("prog.gc");
    let mut cmd = Command::new(go);
    cmd.current_dir(&work)
        .args(["build", "-trimpath", "-o"])
        .arg(&exe)
        .arg(".")
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "");
    let out = run_with_timeout(&mut cmd, BUILD_TIMEOUT).map_err(|e| format!("go build: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "go build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(exe)
}

fn inspect(rgo: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(rgo)
        .arg("inspect")
        .args(args)
        .output()
        .map_err(|e| format!("rgo inspect: {e}"))?;
    if out.status.code().is_none_or(|c| c > 1) {
        return Err(format!(
            "rgo inspect {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The main package's init task lines of a `--moduledata` dump.
fn main_inittasks(dump: &str) -> Vec<String> {
    dump.lines()
        .skip_while(|l| !l.starts_with("inittasks: ") || l.starts_with("inittasks: {"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| l.starts_with("  main:"))
        .map(|l| l.trim().to_string())
        .collect()
}

struct Measured {
    name: String,
    diff_lines: usize,
    gc_init: Vec<String>,
    rgo_init: Vec<String>,
}

fn measure(rgo: &Path, go: &Path, name: &str, source: &Path) -> Result<Measured, String> {
    let tmp = TempDir::new(&format!("inspect-diff-{name}")).map_err(|e| e.to_string())?;
    let gc_exe = gc_build(go, source, tmp.path())?;
    let rgo_exe = rgo_build(rgo, source, tmp.path())?;
    let (g, r) = (gc_exe.to_string_lossy(), rgo_exe.to_string_lossy());
    let diff = inspect(
        rgo,
        &[
            "--diff",
            "--pkg",
            "main",
            "--types",
            "--itabs",
            "--no-syms",
            &g,
            &r,
        ],
    )?;
    let last = diff.lines().last().unwrap_or("");
    let diff_lines = last
        .strip_suffix(" differences")
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("unexpected diff summary {last:?}"))?;
    let gc_init = main_inittasks(&inspect(rgo, &["--moduledata", "--no-syms", &g])?);
    let rgo_init = main_inittasks(&inspect(rgo, &["--moduledata", "--no-syms", &r])?);
    Ok(Measured {
        name: name.to_string(),
        diff_lines,
        gc_init,
        rgo_init,
    })
}

fn run_set(set: &str, programs: &[(String, PathBuf)]) {
    let Some(go) = find_go() else {
        eprintln!("note: gc 1.27.3 not found (scripts/install-go.sh installs it); skipping");
        return;
    };
    let rgo = locate_rgo().unwrap_or_else(|e| panic!("cannot test rgo: {e}"));
    let filter = std::env::var("RGO_INSPECT_DIFF_FILTER").unwrap_or_default();
    let selected: Vec<&(String, PathBuf)> = programs
        .iter()
        .filter(|(n, _)| n.contains(&filter))
        .collect();
    let jobs = std::thread::available_parallelism().map_or(2, |n| n.get());
    let results = run_parallel(&selected, jobs, |(name, src)| measure(&rgo, &go, name, src));
    let mut report = String::new();
    let mut failures = Vec::new();
    let mut total = 0;
    for ((name, _), res) in selected.iter().zip(results) {
        match res {
            Err(e) => failures.push(format!("{name}: {e}")),
            Ok(m) => {
                total += m.diff_lines;
                report.push_str(&format!(
                    "{}: {} differing lines; main init tasks: {}\n",
                    m.name,
                    m.diff_lines,
                    if m.gc_init.is_empty() {
                        "none".to_string()
                    } else {
                        m.gc_init.join("; ")
                    }
                ));
                if m.gc_init != m.rgo_init {
                    failures.push(format!(
                        "{name}: main init tasks differ: gc {:?}, rgo {:?}",
                        m.gc_init, m.rgo_init
                    ));
                }
            }
        }
    }
    report.push_str(&format!("total: {total} differing lines\n"));
    eprintln!("{report}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    if filter.is_empty() {
        insta::assert_snapshot!(set, report);
    }
}

#[test]
fn descriptor_corpus_diff_against_gc() {
    run_set("corpus", &corpus());
}

#[test]
fn go_test_interface_diff_against_gc() {
    let Some(programs) = interface_tests() else {
        eprintln!("note: RGO_GO_TEST_DIR is not set (Go's test/ directory); skipping");
        return;
    };
    run_set("go_test_interface", &programs);
}
