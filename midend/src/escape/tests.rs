//! Tests: Go sources checked by the frontend, compared with gc 1.27.3's `go build -gcflags='-m -l'`
//! output, recorded by hand from the real gc (lines as `line:col: message`).

use std::path::{Path, PathBuf};

use frontend::ast::NodeIdGen;
use frontend::load::{self, LoadConfig};
use frontend::types::{self, ParsedPackage, PkgId, Program};

use super::{EscapeResult, analyze};

/// Loads and checks the file at `path` (with its imports from GOROOT); returns the program and the
/// file's package.
fn load_file(path: &Path) -> Result<(Program, PkgId), String> {
    let mut cfg = LoadConfig::from_env().ok_or("no GOROOT")?;
    cfg.dir = path.parent().map(Path::to_path_buf);
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("bad path")?
        .to_string();
    let mut ids = NodeIdGen::new();
    let loaded = load::load_report(&cfg, &[name], &mut ids).map_err(|e| e.render())?;
    let mut parsed = Vec::new();
    let mut root = None;
    for p in loaded.packages {
        if p.root {
            root = Some(p.path.clone());
        }
        parsed.push(ParsedPackage {
            path: p.path,
            files: p.files,
            import_map: p.import_map.into_iter().collect(),
        });
    }
    let fset = loaded.fset.clone();
    let prog =
        types::check_program(loaded.fset, parsed).map_err(|e| frontend::diag::render(&fset, &e))?;
    let root = root.ok_or("no root package")?;
    let pkg = prog
        .package_by_path(&root)
        .map(|p| p.id)
        .ok_or("root package not checked")?;
    Ok((prog, pkg))
}

/// `line:col: message` lines of the diagnostics (no file name).
fn render(prog: &Program, res: &EscapeResult) -> Vec<String> {
    res.diagnostics
        .iter()
        .map(|(pos, m)| match prog.fset.position(*pos) {
            Some((_, l, c)) => format!("{l}:{c}: {m}"),
            None => format!("?: {m}"),
        })
        .collect()
}

fn temp_file(src: &str) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    src.hash(&mut h);
    let dir = std::env::temp_dir().join(format!("rgo-escape-{:016x}", h.finish()));
    let _ = std::fs::create_dir_all(&dir);
    let p = dir.join("x.go");
    std::fs::write(&p, src).expect("write temp file");
    p
}

/// Runs the analysis on a source text; `None` when no GOROOT is available.
fn run_src(src: &str) -> Option<(Vec<String>, EscapeResult)> {
    LoadConfig::from_env()?;
    let p = temp_file(src);
    let (prog, pkg) = load_file(&p).unwrap_or_else(|e| panic!("load failed: {e}"));
    let res = analyze(&prog, pkg);
    Some((render(&prog, &res), res))
}

fn check(src: &str, want: &[&str]) {
    let Some((got, _)) = run_src(src) else {
        eprintln!("skipped: no GOROOT");
        return;
    };
    let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
    assert_eq!(got, want, "\ngot:\n{}\n", got.join("\n"));
}

/// Prints the diagnostics of `$RGO_ESCAPE_FILE` (a debugging aid:
/// `RGO_ESCAPE_FILE=x.go cargo test -p midend escape_dump -- --ignored --nocapture`).
#[test]
#[ignore]
fn escape_dump() {
    let Ok(f) = std::env::var("RGO_ESCAPE_FILE") else {
        return;
    };
    let p = std::fs::canonicalize(&f).expect("file");
    let (prog, pkg) = load_file(&p).unwrap_or_else(|e| panic!("{e}"));
    let res = analyze(&prog, pkg);
    for l in render(&prog, &res) {
        println!("{l}");
    }
}
