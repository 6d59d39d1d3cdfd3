//! Loading GOROOT packages, compared with the pinned go command's `go list` (run with
//! CGO_ENABLED=0 GOOS=linux GOARCH=amd64). Skipped with a note when GOROOT or the go binary is
//! missing.

use std::collections::BTreeMap;
use std::process::Command;
use std::time::Instant;

use frontend::ast::NodeIdGen;
use frontend::load::{self, LoadConfig};

fn config() -> Option<LoadConfig> {
    let cfg = LoadConfig::from_env();
    if cfg.is_none() {
        eprintln!("note: no GOROOT found; skipping");
    }
    cfg
}

/// `go list` output lines, or `None` (with a note) when the go binary is unavailable.
fn go_list(cfg: &LoadConfig, args: &[&str]) -> Option<Vec<String>> {
    let go = cfg.goroot.join("bin/go");
    if !go.is_file() {
        eprintln!(
            "note: {} missing; skipping the go list comparison",
            go.display()
        );
        return None;
    }
    let out = Command::new(go)
        .arg("list")
        .args(args)
        .env("CGO_ENABLED", "0")
        .env("GOOS", "linux")
        .env("GOARCH", "amd64")
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "")
        .env("GOROOT", &cfg.goroot)
        .current_dir(cfg.goroot.join("src"))
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!(
            "note: go list failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn fmt_matches_go_list() {
    let Some(cfg) = config() else { return };
    let l = load::list(&cfg, &["fmt".to_string()]).expect("list fmt");
    let fmt = l.packages.last().expect("fmt is last");
    assert_eq!(fmt.import_path, "fmt");
    assert!(fmt.root && fmt.standard);
    let ours = format!("[{}] [{}]", fmt.go_files.join(" "), fmt.imports.join(" "));
    let Some(want) = go_list(&cfg, &["-f", "{{.GoFiles}} {{.Imports}}", "fmt"]) else {
        return;
    };
    assert_eq!(ours, want.join("\n"));
    // `go list -deps` lists the same packages (in its own order).
    if let Some(deps) = go_list(&cfg, &["-deps", "fmt"]) {
        let mut ours: Vec<&str> = l.packages.iter().map(|p| p.import_path.as_str()).collect();
        ours.sort();
        let mut deps: Vec<&str> = deps
            .iter()
            .map(String::as_str)
            .filter(|p| *p != "unsafe")
            .collect();
        deps.sort();
        assert_eq!(ours, deps);
    }
}

#[test]
fn std_matches_go_list() {
    let Some(cfg) = config() else { return };
    let t = Instant::now();
    let l = load::list(&cfg, &["std".to_string()]).expect("list std");
    let elapsed = t.elapsed();
    let files: usize = l.packages.iter().map(|p| p.go_files.len()).sum();
    eprintln!(
        "std metadata: {} packages, {} files, {:?}",
        l.packages.len(),
        files,
        elapsed
    );
    let Some(all) = go_list(
        &cfg,
        &[
            "-f",
            "{{.ImportPath}}|{{join .GoFiles \" \"}}|{{join .Imports \" \"}}",
            "std",
        ],
    ) else {
        return;
    };
    // go list also shows the few std directories that hold only tests (no GoFiles); there is
    // nothing in them to build, so the loader skips them.
    let want: BTreeMap<&str, &str> = all
        .iter()
        .filter_map(|l| l.split_once('|'))
        .filter(|(_, rest)| !rest.starts_with('|'))
        .collect();
    eprintln!(
        "go list std: {} packages, {} of them with GoFiles",
        all.len(),
        want.len()
    );
    let ours: BTreeMap<String, String> = l
        .packages
        .iter()
        .map(|p| {
            (
                p.import_path.clone(),
                format!("{}|{}", p.go_files.join(" "), p.imports.join(" ")),
            )
        })
        .collect();
    assert_eq!(ours.len(), want.len(), "package count vs go list std");
    for (path, w) in &want {
        assert_eq!(ours.get(*path).map(String::as_str), Some(*w), "{path}");
    }
}

/// Parses all of std (every selected file). Ignored by default because it depends on the parser
/// accepting all of GOROOT; run it with
/// `cargo test --release -p frontend --test load_goroot -- --ignored --nocapture` for numbers.
#[test]
#[ignore]
fn load_all_of_std() {
    let Some(cfg) = config() else { return };
    let t = Instant::now();
    let mut ids = NodeIdGen::new();
    let r = load::load_report(&cfg, &["std".to_string()], &mut ids);
    let elapsed = t.elapsed();
    match r {
        Ok(l) => {
            let bytes: usize = l.fset.files.iter().map(|f| f.text.len()).sum();
            eprintln!(
                "std: {} packages, {} files, {} bytes, loaded and parsed in {:?}",
                l.packages.len(),
                l.fset.files.len(),
                bytes,
                elapsed
            );
        }
        Err(e) => {
            let n = e.diagnostics.len();
            panic!("{n} errors, {} messages:\n{}", e.messages.len(), e.render());
        }
    }
}
