//! `-ldflags` against gc: tests/ldflags/main.go is built with `rgo build -ldflags=VALUE` for
//! the value of each case of tests/ldflags/cases.txt and run; the program's standard output,
//! standard error and exit status (or the build's, when it fails) must be what gc's
//! `go build` gave (tests/ldflags/golden/, recorded by scripts/record-ldflags-goldens.sh).

use std::process::Command;

use tests::{TempDir, diff_snippet, locate_rgo, workspace_root};

#[test]
fn ldflags_set_what_gc_sets() {
    let rgo = locate_rgo().unwrap_or_else(|e| panic!("cannot test rgo: {e}"));
    let dir = workspace_root().join("tests/ldflags");
    let work = TempDir::new("ldflags").expect("temp dir");
    let cache = TempDir::new("ldflags-cache").expect("temp dir");
    std::fs::copy(dir.join("main.go"), work.path().join("main.go")).expect("copy main.go");
    let cases = std::fs::read_to_string(dir.join("cases.txt")).expect("cases.txt");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in cases
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let Some((name, value)) = line.split_once('\t') else {
            panic!("cases.txt: no tab in {line:?}");
        };
        n += 1;
        let golden = |ext: &str| {
            std::fs::read_to_string(dir.join("golden").join(format!("{name}.{ext}")))
                .unwrap_or_else(|e| panic!("golden {name}.{ext}: {e}"))
        };
        let prog = work.path().join("prog");
        let _ = std::fs::remove_file(&prog);
        let build = Command::new(&rgo)
            .arg("build")
            .arg(format!("-ldflags={value}"))
            .args(["-o", "prog", "main.go"])
            .current_dir(work.path())
            .env("RGO_CACHE", cache.path())
            .output()
            .expect("rgo runs");
        let out = if build.status.success() {
            Command::new(&prog)
                .current_dir(work.path())
                .output()
                .expect("program runs")
        } else {
            build
        };
        let code = out.status.code().unwrap_or(-1).to_string();
        let want_code = golden("exit").trim().to_string();
        if code != want_code {
            failures.push(format!("{name}: exit status {code}, gc's {want_code}"));
        }
        for (what, got) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            if let Some(d) = diff_snippet(golden(what).as_bytes(), got) {
                failures.push(format!("{name} {what}:\n{d}"));
            }
        }
    }
    assert!(n > 0, "no cases in cases.txt");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
