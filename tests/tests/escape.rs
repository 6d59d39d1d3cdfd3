//! `rgo build -gcflags=-m -l` prints gc's escape-analysis decisions: for every program in
//! tests/escape, rgo's output must equal the golden `P.m` recorded from
//! `go build -gcflags='-m -l'` (scripts/record-escape-goldens.sh), and in particular every
//! `moved to heap:` line. The programs also run like gc's (they read closure objects through
//! unsafe; the same programs live in tests/programs with run goldens where noted).

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

#[test]
fn escape_decisions_match_gc() {
    let rgo = tests::locate_rgo().unwrap_or_else(|e| panic!("{e}"));
    // Every program of tests/escape, and every program of tests/programs that has a `.m`
    // golden (those also run against their gc run goldens in the e2e test).
    let mut programs: Vec<(PathBuf, String)> = Vec::new();
    for sub in ["tests/escape", "tests/programs"] {
        let dir = workspace().join(sub);
        for entry in std::fs::read_dir(&dir).expect("test directory exists") {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".go") else {
                continue;
            };
            if sub == "tests/escape" || dir.join(format!("{stem}.m")).exists() {
                programs.push((dir.clone(), name));
            }
        }
    }
    programs.sort();
    assert!(
        programs.len() >= 6,
        "only {} escape programs",
        programs.len()
    );
    let tmp = std::env::temp_dir().join(format!("rgo-escape-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let mut failures = Vec::new();
    let mut moved = 0;
    for (dir, name) in &programs {
        let stem = name.trim_end_matches(".go");
        let want = std::fs::read_to_string(dir.join(format!("{stem}.m")))
            .unwrap_or_else(|e| panic!("{stem}.m: {e} (run scripts/record-escape-goldens.sh)"));
        // Build from the program's own directory with a relative path, as the goldens were.
        let out = Command::new(&rgo)
            .current_dir(dir)
            .args(["build", "-gcflags=-m -l", "-o"])
            .arg(tmp.join(stem))
            .arg(format!("./{name}"))
            .output()
            .expect("run rgo");
        let got = String::from_utf8_lossy(&out.stderr).into_owned();
        moved += want
            .lines()
            .filter(|l| l.contains("moved to heap:"))
            .count();
        if !out.status.success() {
            failures.push(format!("{stem}: rgo build failed:\n{got}"));
        } else if got != want {
            failures.push(format!("{stem}:\n--- gc\n{want}--- rgo\n{got}"));
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    println!(
        "{} passed, {} failed ({moved} moved-to-heap lines checked)",
        programs.len() - failures.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
