//! Compile-error tests: every `tests/errors/NN_name.go` is an invalid program
//! whose `NN_name.stderr` holds gc 1.27.3's `go build` output (the
//! `# command-line-arguments` header and `./NN_name.go:L:C: msg` lines),
//! recorded by `scripts/record-error-goldens.sh`. `rgo build -o /dev/null
//! NN_name.go`, run in `tests/errors` so that rgo names the file as the go
//! command does, must exit with status 1 and print exactly that on stderr.
//!
//! Programs listed in `tests/errors/known-failures.txt` are expected to
//! differ; a listed program that matches fails the run, so that the list
//! stays honest (the policy of `tests/known-failures.txt`).
//!
//! Environment: `RGO=/path/to/rgo` tests that binary instead of the
//! workspace's; `RGO_E2E_FILTER=substring` runs only the matching programs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use tests::{BUILD_TIMEOUT, diff_snippet, locate_rgo, parse_known_failures, run_parallel};

fn rgo() -> PathBuf {
    static RGO: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match RGO.get_or_init(locate_rgo) {
        Ok(path) => path.clone(),
        Err(e) => panic!("cannot test rgo: {e}"),
    }
}

fn errors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("errors")
}

/// The program names (`NN_name`) in `tests/errors`, sorted.
fn program_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(errors_dir())
        .expect("tests/errors exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}

fn known_failures() -> BTreeMap<String, String> {
    let path = errors_dir().join("known-failures.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse_known_failures(&text).unwrap_or_else(|e| panic!("{e}"))
}

/// Every program has a golden that looks like gc's output for it, and the
/// known-failures list names only existing programs.
#[test]
fn error_goldens_are_complete() {
    let names = program_names();
    assert!(
        names.len() >= 40,
        "expected at least 40 programs, found {}",
        names.len()
    );
    for name in &names {
        let (num, topic) = name
            .split_once('_')
            .unwrap_or_else(|| panic!("{name}: name must be NN_topic"));
        assert!(
            num.len() == 2 && num.bytes().all(|b| b.is_ascii_digit()) && !topic.is_empty(),
            "{name}: name must be NN_topic"
        );
        let golden = std::fs::read_to_string(errors_dir().join(format!("{name}.stderr")))
            .unwrap_or_else(|e| panic!("{name}: no golden .stderr ({e})"));
        let mut lines = golden.lines();
        assert_eq!(
            lines.next(),
            Some("# command-line-arguments"),
            "{name}: golden must start with the package header"
        );
        let first = lines.next().unwrap_or("");
        assert!(
            first.starts_with(&format!("./{name}.go:")),
            "{name}: golden has no error positioned in the program: {first:?}"
        );
    }
    for name in known_failures().keys() {
        assert!(
            names.contains(name),
            "known-failures.txt lists {name}, which is not in tests/errors"
        );
    }
}

/// Builds one program; `Ok` iff rgo exits with 1 and prints the golden.
fn check_program(rgo: &Path, name: &str) -> Result<(), String> {
    let dir = errors_dir();
    let want = std::fs::read(dir.join(format!("{name}.stderr"))).map_err(|e| e.to_string())?;
    let mut cmd = Command::new(rgo);
    cmd.current_dir(&dir)
        .args(["build", "-o", "/dev/null"])
        .arg(format!("{name}.go"));
    let out = tests::run_with_timeout(&mut cmd, BUILD_TIMEOUT).map_err(|e| e.to_string())?;
    if out.timed_out {
        return Err("rgo build timed out".into());
    }
    if let Some(diff) = diff_snippet(&want, &out.stderr) {
        return Err(format!("stderr differs:\n{diff}"));
    }
    if out.status.code() != Some(1) {
        return Err(format!(
            "exit status {}, want 1",
            tests::describe_status(&out.status)
        ));
    }
    Ok(())
}

/// Every program is rejected with gc's exact messages, except the known
/// failures, which must still differ.
#[test]
fn errors_match_goldens() {
    let rgo = rgo();
    let mut names = program_names();
    if let Ok(filter) = std::env::var("RGO_E2E_FILTER") {
        names.retain(|n| n.contains(&filter));
    }
    let known = known_failures();
    let jobs = std::thread::available_parallelism().map_or(2, |n| n.get());
    let results = run_parallel(&names, jobs, |n| check_program(&rgo, n));
    let (mut passed, mut failed, mut known_failed) = (0, 0, 0);
    let mut report = String::new();
    for (name, result) in names.iter().zip(results) {
        match (result, known.get(name)) {
            (Ok(()), None) => {
                passed += 1;
                report.push_str(&format!("PASS  {name}\n"));
            }
            (Ok(()), Some(reason)) => {
                failed += 1;
                report.push_str(&format!(
                    "FAIL  {name}: matches but is listed in tests/errors/known-failures.txt ({reason}); remove it from the list\n"
                ));
            }
            (Err(why), None) => {
                failed += 1;
                report.push_str(&format!("FAIL  {name}: {why}\n"));
            }
            (Err(_), Some(reason)) => {
                known_failed += 1;
                report.push_str(&format!("KNOWN {name} ({reason})\n"));
            }
        }
    }
    let summary = format!("{passed} passed, {failed} failed, {known_failed} known failures");
    eprintln!("{report}{summary}");
    assert_eq!(failed, 0, "{summary}");
}
