//! The collector's stress mode in CI: a representative subset of `tests/programs` runs with
//! `RGO_GCSTRESS=N` (a collection before every Nth allocation, rt/src/mgc.rs), so that a root
//! the collector misses shows up as a wrong result rather than as a rare crash. The whole suite
//! under the stress mode is `RGO_E2E_GCSTRESS=1 cargo test --release -p tests --test e2e`
//! (slower; README.md gives the numbers).
//!
//! N is 1 (a collection before every allocation) for programs that allocate at most
//! [`MAX_COLLECTIONS`] objects, and larger for the others so that no program collects more
//! often than that: each collection marks the whole live heap, so a program that keeps a big
//! heap and allocates a million objects would run for hours at N=1. A first run with
//! `RGO_ALLOCSTATS=1` counts the program's allocations.
//!
//! The subset: every program whose name mentions a topic that stores pointers where the
//! collector must find them (maps, closures, channels, goroutines, interfaces, defers, panics,
//! slices, strings, the collector itself), plus every fifth program by number, minus the
//! known failures. `RGO_E2E_FILTER=substring` narrows it further.

use std::path::PathBuf;
use std::sync::OnceLock;

use tests::{
    Program, TempDir, check_built_program, known_failures_path, load_programs, locate_rgo,
    parse_known_failures, program_command, programs_dir, rgo_build, run_parallel, run_with_timeout,
    stressed_run_timeout,
};

/// Name fragments of the programs that always belong to the subset.
const TOPICS: &[&str] = &[
    "gc",
    "map",
    "closure",
    "chan",
    "gorout",
    "select",
    "iface",
    "interface",
    "defer",
    "panic",
    "recover",
    "slice",
    "append",
    "string",
    "final",
    "weak",
    "unique",
    "tree",
    "list",
];

/// The most collections one program runs under the stress mode.
const MAX_COLLECTIONS: u64 = 10_000;

fn rgo() -> PathBuf {
    static RGO: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match RGO.get_or_init(locate_rgo) {
        Ok(path) => path.clone(),
        Err(e) => panic!("cannot test rgo: {e}"),
    }
}

fn in_subset(name: &str) -> bool {
    let number: u32 = name
        .split('_')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    number.is_multiple_of(5) || TOPICS.iter().any(|t| name.contains(t))
}

/// The number of heap allocations of a normal run of `exe` (its runtime's `RGO_ALLOCSTATS=1`
/// report), or 0 when the program ends without printing it (os.Exit, a panic).
fn count_allocations(exe: &std::path::Path, dir: &std::path::Path) -> Result<u64, String> {
    let mut cmd = program_command(exe, dir);
    cmd.env("RGO_ALLOCSTATS", "1");
    let out = run_with_timeout(&mut cmd, stressed_run_timeout(false))
        .map_err(|e| format!("cannot run the built program: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    Ok(stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("rgo: allocs="))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0))
}

/// Builds `p`, picks its stress interval and checks it against the goldens under the stress
/// mode; returns the interval used.
fn check_stressed(rgo: &std::path::Path, p: &Program) -> Result<u64, String> {
    let tmp = TempDir::new(&p.name).map_err(|e| format!("temp dir: {e}"))?;
    let exe = rgo_build(rgo, &p.source, tmp.path())?;
    let every = count_allocations(&exe, tmp.path())?
        .div_ceil(MAX_COLLECTIONS)
        .max(1);
    check_built_program(rgo, &exe, tmp.path(), p, Some(&every.to_string()))
        .map(|()| every)
        .map_err(|why| format!("RGO_GCSTRESS={every}: {why}"))
}

#[test]
fn programs_match_goldens_under_gc_stress() {
    let rgo = rgo();
    let path = known_failures_path();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let known = parse_known_failures(&text).unwrap_or_else(|e| panic!("{e}"));
    let mut programs = load_programs(&programs_dir()).unwrap_or_else(|e| panic!("{e}"));
    programs.retain(|p| in_subset(&p.name) && !known.contains_key(&p.name));
    if let Ok(filter) = std::env::var("RGO_E2E_FILTER") {
        programs.retain(|p| p.name.contains(&filter));
    }
    assert!(
        !programs.is_empty(),
        "no program selected for the stress run"
    );
    let jobs = std::env::var("RGO_E2E_JOBS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    eprintln!(
        "testing {} programs under the GC stress mode on {jobs} threads",
        programs.len()
    );
    let results = run_parallel(&programs, jobs, |p| check_stressed(&rgo, p));
    let mut failures = String::new();
    let mut failed = 0;
    let mut every_one = 0;
    for (p, result) in programs.iter().zip(results) {
        match result {
            Ok(1) => every_one += 1,
            Ok(_) => {}
            Err(why) => {
                failed += 1;
                failures.push_str(&format!("FAIL  {}: {why}\n", p.name));
            }
        }
    }
    eprintln!(
        "{failures}{} passed ({every_one} with a collection before every allocation), {failed} failed",
        programs.len() - failed
    );
    assert_eq!(failed, 0, "{failed} programs fail under the GC stress mode");
}
