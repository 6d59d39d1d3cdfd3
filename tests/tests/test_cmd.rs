//! `rgo test` against gc's `go test`: the module in tests/testcmd (packages with in-package
//! and external tests, examples with ordered and unordered output, a fuzz target's seeds,
//! subtests, parallel tests, TestMain, failures, a package without tests, one that does not
//! compile) is tested with the arguments of each case in tests/testcmd/cases.txt, and the
//! standard output, standard error and exit status must be what gc printed
//! (tests/testcmd/golden/, recorded by scripts/record-testcmd-goldens.sh), with timings
//! normalised: `(0.00s)`, `\t0.012s`, and the JSON events' `Time` and `Elapsed`.
//!
//! `RGO_TESTCMD_CASES=name,name` runs only the named cases.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use tests::{TempDir, diff_snippet, locate_rgo, workspace_root};

fn rgo() -> PathBuf {
    static RGO: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match RGO.get_or_init(locate_rgo) {
        Ok(path) => path.clone(),
        Err(e) => panic!("cannot test rgo: {e}"),
    }
}

/// Replaces every duration the go command or the testing package prints (`1.234s` after `(`,
/// a tab or an escaped tab in JSON) by `Xs`, and drops the JSON events' `Time` and `Elapsed`.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut line = line.to_string();
        if line.starts_with('{') {
            line = drop_json_field(&line, "\"Time\":\"", '"');
            line = drop_json_field(&line, "\"Elapsed\":", ',');
            line = drop_json_field(&line, "\"Elapsed\":", '}');
        }
        out.push_str(&normalize_durations(&line));
    }
    out
}

/// Removes `key` and its value, up to (not including) `end`, with a trailing comma.
fn drop_json_field(line: &str, key: &str, end: char) -> String {
    let Some(i) = line.find(key) else {
        return line.to_string();
    };
    let rest = &line[i + key.len()..];
    let Some(j) = rest.find(end) else {
        return line.to_string();
    };
    let mut after = &rest[j..];
    if end == '"' {
        after = &after[1..];
    }
    let after = after.strip_prefix(',').unwrap_or(after);
    let mut before = line[..i].to_string();
    if after.starts_with('}') && before.ends_with(',') {
        before.pop();
    }
    format!("{before}{after}")
}

fn normalize_durations(line: &str) -> String {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < b.len() {
        let after_marker = i > 0 && (b[i - 1] == b'(' || b[i - 1] == b'\t')
            || i > 1 && b[i - 2] == b'\\' && b[i - 1] == b't';
        if after_marker && b[i].is_ascii_digit() {
            let mut j = i;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'.') {
                j += 1;
            }
            if j < b.len() && b[j] == b's' && line[i..j].contains('.') {
                out.push('X');
                i = j;
                continue;
            }
        }
        let c = line[i..].chars().next().unwrap_or('\u{fffd}');
        out.push(c);
        i += c.len_utf8().max(1);
    }
    out
}

struct Case {
    name: String,
    args: Vec<String>,
}

fn cases(dir: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(dir.join("cases.txt")).expect("cases.txt");
    let only: Option<Vec<String>> = std::env::var("RGO_TESTCMD_CASES")
        .ok()
        .map(|v| v.split(',').map(String::from).collect());
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (name, args) = l.split_once('\t')?;
            Some(Case {
                name: name.to_string(),
                args: args.split(' ').map(String::from).collect(),
            })
        })
        .filter(|c| only.as_ref().is_none_or(|o| o.contains(&c.name)))
        .collect()
}

#[test]
fn normalisation_hides_only_timings() {
    assert_eq!(
        normalize("--- PASS: TestA (0.01s)\nok  \tp\t0.123s [no tests to run]\n"),
        "--- PASS: TestA (Xs)\nok  \tp\tXs [no tests to run]\n"
    );
    assert_eq!(
        normalize(
            "{\"Time\":\"2026-01-01T00:00:00Z\",\"Action\":\"pass\",\"Package\":\"p\",\"Elapsed\":0.5}\n"
        ),
        "{\"Action\":\"pass\",\"Package\":\"p\"}\n"
    );
    assert_eq!(
        normalize("{\"Action\":\"output\",\"Output\":\"ok  \\tp\\t0.008s\\n\"}\n"),
        "{\"Action\":\"output\",\"Output\":\"ok  \\tp\\tXs\\n\"}\n"
    );
    // Not a duration: a number in a message.
    assert_eq!(normalize("got 1.5 want 2s\n"), "got 1.5 want 2s\n");
}

#[test]
fn rgo_test_prints_what_go_test_prints() {
    let dir = workspace_root().join("tests/testcmd");
    let cache = TempDir::new("testcmd-cache").expect("temp dir");
    let mut failures = Vec::new();
    let all = cases(&dir);
    assert!(!all.is_empty(), "no cases selected");
    for case in &all {
        let golden = |ext: &str| {
            std::fs::read_to_string(dir.join("golden").join(format!("{}.{ext}", case.name)))
                .unwrap_or_else(|e| panic!("golden {}.{ext}: {e}", case.name))
        };
        let out = Command::new(rgo())
            .arg("test")
            .args(&case.args)
            .current_dir(&dir)
            .env("RGO_CACHE", cache.path())
            .output()
            .expect("rgo runs");
        let code = out.status.code().unwrap_or(-1).to_string();
        let want_code = golden("exit").trim().to_string();
        for (what, want, got) in [
            (
                "stdout",
                golden("stdout"),
                String::from_utf8_lossy(&out.stdout),
            ),
            (
                "stderr",
                golden("stderr"),
                String::from_utf8_lossy(&out.stderr),
            ),
        ] {
            let (want, got) = (normalize(&want), normalize(&got));
            if let Some(d) = diff_snippet(want.as_bytes(), got.as_bytes()) {
                failures.push(format!("{} {what}:\n{d}", case.name));
            }
        }
        if code != want_code {
            failures.push(format!(
                "{}: exit status {code}, gc's {want_code}",
                case.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
