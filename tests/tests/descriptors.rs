//! Differential test of runtime type data: every program in `tests/inspect/NN_topic.go` is
//! built with the pinned gc (go 1.27.3) and with rgo, both binaries are dumped with
//! `rgo inspect --pkg main --types --itabs --no-syms`, and
//!
//! * every type descriptor and itab present in **both** dumps must agree field by field, with
//!   two exceptions that are gc's linker removing what rgo keeps: a method whose `mtyp`, `ifn`
//!   or `tfn` is `-1` in gc's binary (dead-code eliminated) and names something in rgo's, an
//!   itab entry that is `runtime.unreachableMethod` in gc's, and a `ptrToThis` that is `0` in
//!   gc's binary where rgo's names a `*T` that gc's binary does not contain (a weak reference
//!   to a removed type);
//! * descriptors and itabs only in rgo's binary are accepted (gc removed them, or never made
//!   them because it optimized the code using them away) and listed;
//! * descriptors and itabs only in gc's binary are differences;
//! * rgo's dump, followed by the list of accepted (and, for known differences, unexplained)
//!   differences, is snapshotted with insta (`tests/tests/snapshots/descriptors__NN_topic.snap`;
//!   review changes with `cargo insta review`, or accept them with `INSTA_UPDATE=always`).
//!
//! Programs listed in `tests/inspect/known-differences.txt` (`NN_topic # reason`) are expected
//! to show unexplained differences; a listed program that matches fails the test, so that the
//! list stays honest. Without gc (install it with `scripts/install-go.sh`) the test is skipped
//! with a note.
//!
//! Environment: `RGO=/path/to/rgo` tests that binary; `RGO_DESCRIPTORS_FILTER=substring` runs
//! only the programs whose name contains it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use tests::{
    BUILD_TIMEOUT, TempDir, describe_status, find_go, locate_rgo, parse_known_failures, rgo_build,
    run_parallel, run_with_timeout,
};

fn inspect_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inspect")
}

/// `NN_topic` → source path, sorted.
fn programs() -> Vec<(String, PathBuf)> {
    let dir = inspect_dir();
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

fn known_differences() -> BTreeMap<String, String> {
    let path = inspect_dir().join("known-differences.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse_known_failures(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------------
// dumps

/// One `type …` or `itab …` block of an inspect dump.
#[derive(Debug, Clone)]
struct Block {
    lines: Vec<String>,
}

impl Block {
    /// Descriptors are keyed by type string and hash (two local types may share a string);
    /// itabs by their heading.
    fn key(&self) -> String {
        let head = self.lines[0].trim_end_matches(" [typelink]").to_string();
        match self.lines.iter().find_map(|l| l.strip_prefix("  hash: ")) {
            Some(h) if head.starts_with("type ") => {
                format!("{head} #{}", h.split_whitespace().next().unwrap_or(""))
            }
            _ => head,
        }
    }

    fn type_string(&self) -> Option<&str> {
        self.lines[0]
            .strip_prefix("type ")
            .map(|s| s.trim_end_matches(" [typelink]"))
    }
}

#[derive(Debug, Default)]
struct Dump {
    /// `error:` / `warning:` lines.
    problems: Vec<String>,
    types: BTreeMap<String, Block>,
    itabs: BTreeMap<String, Block>,
}

impl Dump {
    fn parse(text: &str) -> Dump {
        let mut d = Dump::default();
        let mut cur: Option<Block> = None;
        let flush = |d: &mut Dump, b: Option<Block>| {
            if let Some(b) = b {
                let map = if b.lines[0].starts_with("itab ") {
                    &mut d.itabs
                } else {
                    &mut d.types
                };
                let mut key = b.key();
                while map.contains_key(&key) {
                    key.push('\'');
                }
                map.insert(key, b);
            }
        };
        for line in text.lines() {
            if line.starts_with("== ") || line.is_empty() {
                flush(&mut d, cur.take());
            } else if line.starts_with("type ") || line.starts_with("itab ") {
                flush(&mut d, cur.take());
                cur = Some(Block {
                    lines: vec![line.to_string()],
                });
            } else if line.trim_start().starts_with("error:")
                || line.trim_start().starts_with("warning:")
            {
                d.problems.push(line.trim().to_string());
            } else if let Some(b) = cur.as_mut() {
                if line.trim_start().starts_with("note: duplicate") {
                    d.problems.push(format!("{}: {}", b.lines[0], line.trim()));
                }
                b.lines.push(line.to_string());
            } else {
                d.problems.push(format!("unexpected line {line:?}"));
            }
        }
        flush(&mut d, cur.take());
        d
    }

    fn type_strings(&self) -> BTreeSet<&str> {
        self.types.values().filter_map(Block::type_string).collect()
    }
}

/// `method NAME [flags]: mtyp M  ifn I  tfn T` → (NAME [flags], M, I, T).
fn parse_method(line: &str) -> Option<(&str, &str, &str, &str)> {
    let rest = line.strip_prefix("  method ")?;
    let (name, rest) = rest.split_once(": mtyp ")?;
    let (mtyp, rest) = rest.split_once("  ifn ")?;
    let (ifn, tfn) = rest.split_once("  tfn ")?;
    Some((name, mtyp, ifn, tfn))
}

/// The outcome of comparing one program's dumps.
#[derive(Default)]
struct Comparison {
    /// Differences gc's dead-code elimination explains.
    accepted: Vec<String>,
    /// Everything else.
    unexplained: Vec<String>,
}

fn compare(gc: &Dump, rgo: &Dump) -> Comparison {
    let mut c = Comparison::default();
    for p in &rgo.problems {
        c.unexplained.push(format!("rgo dump: {p}"));
    }
    for p in &gc.problems {
        c.unexplained.push(format!("gc dump: {p}"));
    }
    let gc_types = gc.type_strings();
    let rgo_types = rgo.type_strings();
    for (kind, g, r) in [
        ("type", &gc.types, &rgo.types),
        ("itab", &gc.itabs, &rgo.itabs),
    ] {
        for (key, gb) in g {
            match r.get(key) {
                None => c.unexplained.push(format!(
                    "only in gc's binary: {}",
                    gb.lines[0].trim_end_matches(" [typelink]")
                )),
                Some(rb) => compare_blocks(gb, rb, &gc_types, &rgo_types, &mut c),
            }
        }
        for (key, rb) in r {
            if !g.contains_key(key) {
                c.accepted.push(format!(
                    "only in rgo's binary ({kind} removed or never made by gc): {}",
                    rb.lines[0].trim_end_matches(" [typelink]")
                ));
            }
        }
    }
    c
}

fn compare_blocks(
    gb: &Block,
    rb: &Block,
    gc_types: &BTreeSet<&str>,
    rgo_types: &BTreeSet<&str>,
    c: &mut Comparison,
) {
    let head = rb.lines[0].trim_end_matches(" [typelink]");
    if gb.lines.len() != rb.lines.len() {
        c.unexplained.push(format!(
            "{head}: {} lines in gc's dump, {} in rgo's:\n    gc:  {}\n    rgo: {}",
            gb.lines.len(),
            rb.lines.len(),
            gb.lines[1..].join("\n         "),
            rb.lines[1..].join("\n         ")
        ));
        return;
    }
    for (g, r) in gb.lines.iter().zip(&rb.lines) {
        if g == r {
            continue;
        }
        // A weak PtrToThis to a `*T` that gc's linker dropped.
        if let (Some("0"), Some(p)) = (
            g.strip_prefix("  ptrToThis: "),
            r.strip_prefix("  ptrToThis: "),
        ) && rgo_types.contains(p)
            && !gc_types.contains(p)
        {
            c.accepted
                .push(format!("{head}: ptrToThis {p} (gc removed {p})"));
            continue;
        }
        // Method table entries of methods gc's linker removed.
        if let (Some(gm), Some(rm)) = (parse_method(g), parse_method(r))
            && gm.0 == rm.0
            && [(gm.1, rm.1), (gm.2, rm.2), (gm.3, rm.3)]
                .iter()
                .all(|(a, b)| a == b || *a == "-1")
        {
            c.accepted.push(format!(
                "{head}: method {} removed by gc (gc: mtyp {} ifn {} tfn {})",
                rm.0, gm.1, gm.2, gm.3
            ));
            continue;
        }
        // Itab entries of methods gc's linker removed.
        if let (Some((gn, gf)), Some((rn, _))) = (
            g.trim_start().split_once(": "),
            r.trim_start().split_once(": "),
        ) && g.trim_start().starts_with("fun[")
            && gn == rn
            && gf == "runtime.unreachableMethod"
        {
            c.accepted.push(format!(
                "{head}: {gn} is runtime.unreachableMethod in gc's binary"
            ));
            continue;
        }
        c.unexplained.push(format!(
            "{head}:\n    gc:  {}\n    rgo: {}",
            g.trim(),
            r.trim()
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// building

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
            "go build failed ({}):\n{}",
            describe_status(&out.status),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(exe)
}

/// Map types and the parts of their group types (`map.group[K]V`, `[8]struct { key K; elem
/// V }`, its Slice, the slot struct): `--pkg main` misses those of maps over predeclared
/// types, so they are dumped separately.
const MAP_PARTS: &str =
    r"^map\[|^map\.group\[|^\[8\]struct \{ key |^\[\]struct \{ key |^struct \{ key ";

fn dump(rgo: &Path, exe: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(rgo)
        .arg("inspect")
        .args(args)
        .arg("--no-syms")
        .arg(exe)
        .output()
        .map_err(|e| format!("rgo inspect: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "rgo inspect {} failed ({}): {}",
            exe.display(),
            describe_status(&out.status),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|_| "rgo inspect printed non-UTF-8".to_string())
}

struct Outcome {
    name: String,
    /// The snapshot text, or why there is none.
    snapshot: Result<String, String>,
    unexplained: usize,
}

fn check(rgo: &Path, go: &Path, name: &str, source: &Path, known: bool) -> Outcome {
    let run = || -> Result<(String, usize), String> {
        let tmp = TempDir::new(&format!("desc-{name}")).map_err(|e| format!("temp dir: {e}"))?;
        let gc_exe = gc_build(go, source, tmp.path())?;
        let rgo_exe = rgo_build(rgo, source, tmp.path())?;
        let main_args = ["--pkg", "main", "--types", "--itabs"];
        let map_args = ["--types", "--filter", MAP_PARTS];
        let gc_main = Dump::parse(&dump(rgo, &gc_exe, &main_args)?);
        let rgo_text = dump(rgo, &rgo_exe, &main_args)?;
        let rgo_main = Dump::parse(&rgo_text);
        let mut c = compare(&gc_main, &rgo_main);
        // Map types outside package main: gc's runtime has maps of its own, so only rgo's
        // are looked up in gc's binary.
        let gc_maps = Dump::parse(&dump(rgo, &gc_exe, &map_args)?);
        let rgo_maps = Dump::parse(&dump(rgo, &rgo_exe, &map_args)?);
        let gc_types: BTreeSet<&str> = gc_main
            .type_strings()
            .union(&gc_maps.type_strings())
            .copied()
            .collect();
        let rgo_types: BTreeSet<&str> = rgo_main
            .type_strings()
            .union(&rgo_maps.type_strings())
            .copied()
            .collect();
        let mut other_maps = Vec::new();
        for (key, rb) in rgo_maps
            .types
            .iter()
            .filter(|(k, _)| !rgo_main.types.contains_key(*k))
        {
            other_maps.push(rb.lines.join("\n"));
            match gc_maps.types.get(key) {
                Some(gb) => compare_blocks(gb, rb, &gc_types, &rgo_types, &mut c),
                None => c.accepted.push(format!(
                    "only in rgo's binary (type removed or never made by gc): {}",
                    rb.lines[0].trim_end_matches(" [typelink]")
                )),
            }
        }
        if !gc_main.types.keys().any(|k| rgo_main.types.contains_key(k)) {
            c.unexplained
                .push("no descriptor of package main in common: nothing was compared".into());
        }
        let mut snap = rgo_text;
        snap.push_str(&format!(
            "== map types outside package main ({}) ==\n",
            other_maps.len()
        ));
        for b in &other_maps {
            snap.push_str(b);
            snap.push_str("\n\n");
        }
        snap.push_str("== differences from gc ==\n");
        if c.accepted.is_empty() && c.unexplained.is_empty() {
            snap.push_str("none\n");
        }
        for a in &c.accepted {
            snap.push_str(&format!("accepted: {a}\n"));
        }
        // Known differences are part of the snapshot; anything else fails before snapshots.
        if known {
            for u in &c.unexplained {
                snap.push_str(&format!("KNOWN: {u}\n"));
            }
        }
        if !known && !c.unexplained.is_empty() {
            return Err(format!(
                "{} unexplained difference(s) between gc's and rgo's descriptors:\n  {}",
                c.unexplained.len(),
                c.unexplained.join("\n  ")
            ));
        }
        Ok((snap, c.unexplained.len()))
    };
    match run() {
        Ok((snap, n)) => Outcome {
            name: name.to_string(),
            snapshot: Ok(snap),
            unexplained: n,
        },
        Err(e) => Outcome {
            name: name.to_string(),
            snapshot: Err(e),
            unexplained: 0,
        },
    }
}

#[test]
fn descriptors_match_gc() {
    let all = programs();
    assert!(
        all.len() >= 15,
        "expected at least 15 programs in tests/inspect, found {}",
        all.len()
    );
    for (name, src) in &all {
        let text = std::fs::read_to_string(src).unwrap();
        assert!(
            text.contains("\npackage main\n") || text.starts_with("package main\n"),
            "{name}: must be package main"
        );
        assert!(
            !text.contains("\nimport"),
            "{name}: must not import anything"
        );
    }
    let known = known_differences();
    for k in known.keys() {
        assert!(
            all.iter().any(|(n, _)| n == k),
            "known-differences.txt names {k}, which is not a program in tests/inspect"
        );
    }
    let Some(go) = find_go() else {
        eprintln!("note: gc 1.27.3 not found (scripts/install-go.sh installs it); skipping");
        return;
    };
    let rgo = locate_rgo().unwrap_or_else(|e| panic!("cannot test rgo: {e}"));
    let filter = std::env::var("RGO_DESCRIPTORS_FILTER").unwrap_or_default();
    let selected: Vec<&(String, PathBuf)> =
        all.iter().filter(|(n, _)| n.contains(&filter)).collect();
    let jobs = std::thread::available_parallelism().map_or(4, |n| n.get());
    let outcomes = run_parallel(&selected, jobs, |(name, src)| {
        check(&rgo, &go, name, src, known.contains_key(name))
    });

    let mut failures = Vec::new();
    let mut matched = 0;
    for o in &outcomes {
        let is_known = known.contains_key(&o.name);
        match &o.snapshot {
            Err(e) => failures.push(format!("{}: {e}", o.name)),
            Ok(_) if is_known && o.unexplained == 0 => failures.push(format!(
                "{}: listed in known-differences.txt but matches gc now; remove it from the list",
                o.name
            )),
            Ok(_) if !is_known => matched += 1,
            Ok(_) => {}
        }
    }
    eprintln!(
        "descriptors: {matched} of {} programs match gc, {} known differences",
        outcomes.len(),
        outcomes
            .iter()
            .filter(|o| known.contains_key(&o.name))
            .count()
    );
    // Snapshots (every program that built, matching or known-different).
    for o in &outcomes {
        if let Ok(snap) = &o.snapshot {
            let r = std::panic::catch_unwind(|| {
                insta::with_settings!({ prepend_module_to_snapshot => true, omit_expression => true }, {
                    insta::assert_snapshot!(o.name.as_str(), snap);
                });
            });
            if r.is_err() {
                failures.push(format!("{}: snapshot differs (see above)", o.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} program(s) failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
