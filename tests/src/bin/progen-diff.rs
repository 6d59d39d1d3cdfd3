//! `progen-diff [--from N] [--count M] [--jobs J] [--out DIR] [--rgo PATH] [--arith]
//! [--gcstress N]`: differential testing of rgo against gc on the random programs of `progen`
//! (docs/progen.md; `--arith` picks the arithmetic-only kind).
//!
//! For every seed in `N..N+M` it writes the program, builds it with the pinned gc
//! (`go build -trimpath`, environment as scripts/record-goldens.sh) and with rgo, runs both as
//! the e2e harness runs programs, and compares stdout byte for byte, the exit status, and
//! stderr with the e2e harness's normalisation (`tests::stderr_diff`: tracebacks without `+0x`
//! offsets and addresses). A mismatch is kept in `DIR/seed-S/` (the program, both outputs and
//! a `diff.txt`) and named on stdout (`--gcstress N` runs rgo's programs with a collection
//! every Nth allocation, `RGO_GCSTRESS`); a program gc rejects is a generator bug and is reported
//! as such. The exit status is 1 if any seed mismatched.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicUsize, Ordering};

use tests::progen::mask_goroutine_ids;
use tests::{
    RUN_TIMEOUT, TracePaths, describe_status, diff_snippet, find_go, program_command, run_parallel,
    run_with_timeout, stderr_diff,
};

struct Options {
    from: u64,
    count: u64,
    jobs: usize,
    out: PathBuf,
    rgo: PathBuf,
    arith: bool,
    gcstress: Option<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        from: 1,
        count: 100,
        jobs: 1,
        out: PathBuf::from("progen-out"),
        rgo: tests::workspace_root().join("target/release/rgo"),
        arith: false,
        gcstress: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--from" => o.from = value()?.parse().map_err(|e| format!("--from: {e}"))?,
            "--count" => o.count = value()?.parse().map_err(|e| format!("--count: {e}"))?,
            "--jobs" => o.jobs = value()?.parse().map_err(|e| format!("--jobs: {e}"))?,
            "--out" => o.out = PathBuf::from(value()?),
            "--rgo" => o.rgo = PathBuf::from(value()?),
            "--arith" => o.arith = true,
            "--gcstress" => o.gcstress = Some(value()?),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    Ok(o)
}

enum Outcome {
    Match,
    /// gc rejected the program or it misbehaved under gc: the generator's fault.
    BadProgram(String),
    Mismatch(String),
    /// A mismatch of a kind already recorded as an open rgo bug (see [`KNOWN`]).
    Known(&'static str),
}

/// Open rgo bugs recorded elsewhere, recognised in a mismatch's report so that long runs
/// point at new bugs: (text in rgo's stderr, the bug).
const KNOWN: &[(&str, &str)] = &[(
    "panic()\n\truntime.a(librgort",
    "a frame of the Rust gopanic prints as panic() in the Rust object (tests/known-failures.txt: 95, 506, 524)",
)];

/// Builds `prog.go` in `dir` with `cmd` (gc or rgo) into `exe`.
fn build(mut cmd: Command, dir: &Path) -> Result<(), String> {
    cmd.current_dir(dir);
    let out = run_with_timeout(&mut cmd, tests::BUILD_TIMEOUT)
        .map_err(|e| format!("cannot run the compiler: {e}"))?;
    if out.timed_out {
        return Err("build timed out".into());
    }
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        let head: Vec<&str> = msg.lines().take(10).collect();
        return Err(format!(
            "build failed ({}):\n{}",
            describe_status(&out.status),
            head.join("\n")
        ));
    }
    Ok(())
}

fn check_seed(seed: u64, go: &Path, o: &Options, goroot_src: &Option<String>) -> Outcome {
    let dir = o.out.join(format!("seed-{seed}"));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return Outcome::BadProgram(format!("cannot create {}: {e}", dir.display()));
    }
    let src = dir.join("prog.go");
    if let Err(e) = std::fs::write(
        &src,
        if o.arith {
            tests::progen::generate_arith(seed)
        } else {
            tests::progen::generate(seed)
        },
    ) {
        return Outcome::BadProgram(format!("cannot write {}: {e}", src.display()));
    }
    let mut gc = Command::new(go);
    gc.args(["build", "-trimpath", "-o", "gc.exe", "prog.go"])
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "")
        .env("GO111MODULE", "on")
        .env("CGO_ENABLED", "0")
        .env("GOAMD64", "v1");
    if let Err(e) = build(gc, &dir) {
        return Outcome::BadProgram(format!("gc: {e}"));
    }
    let gc_run =
        match run_with_timeout(&mut program_command(&dir.join("gc.exe"), &dir), RUN_TIMEOUT) {
            Ok(r) if !r.timed_out => r,
            Ok(_) => return Outcome::BadProgram("gc's program timed out".into()),
            Err(e) => return Outcome::BadProgram(format!("cannot run gc's program: {e}")),
        };
    let mut rgo = Command::new(&o.rgo);
    rgo.args(["build", "-o", "rgo.exe", "prog.go"]);
    let result = build(rgo, &dir).and_then(|()| {
        let r = run_with_timeout(
            &mut program_command(&dir.join("rgo.exe"), &dir),
            RUN_TIMEOUT,
        )
        .map_err(|e| format!("cannot run rgo's program: {e}"))?;
        if r.timed_out {
            return Err("rgo's program timed out".into());
        }
        let mut problems = Vec::new();
        if r.status.code() != gc_run.status.code() {
            problems.push(format!(
                "exit status: gc {}, rgo {}",
                describe_status(&gc_run.status),
                describe_status(&r.status)
            ));
        }
        if let Some(d) = diff_snippet(&gc_run.stdout, &r.stdout) {
            problems.push(format!("stdout differs:\n{d}"));
        }
        let paths = TracePaths {
            program_dir: dir
                .canonicalize()
                .ok()
                .map(|d| d.to_string_lossy().into_owned()),
            goroot_src: goroot_src.clone(),
        };
        let (want, got) = (
            mask_goroutine_ids(&gc_run.stderr),
            mask_goroutine_ids(&r.stderr),
        );
        if let Some(d) = stderr_diff(&want, &got, &paths) {
            problems.push(format!("stderr differs (normalized):\n{d}"));
        }
        let _ = std::fs::write(dir.join("rgo.stdout"), &r.stdout);
        let _ = std::fs::write(dir.join("rgo.stderr"), &r.stderr);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    });
    let _ = std::fs::write(dir.join("gc.stdout"), &gc_run.stdout);
    let _ = std::fs::write(dir.join("gc.stderr"), &gc_run.stderr);
    match result {
        Ok(()) => {
            let _ = std::fs::remove_dir_all(&dir);
            Outcome::Match
        }
        Err(why) => {
            let _ = std::fs::write(dir.join("diff.txt"), &why);
            let rgo_stderr = std::fs::read_to_string(dir.join("rgo.stderr")).unwrap_or_default();
            if let Some((_, bug)) = KNOWN.iter().find(|(pat, _)| rgo_stderr.contains(pat)) {
                let _ = std::fs::remove_dir_all(&dir);
                return Outcome::Known(bug);
            }
            let _ = std::fs::remove_file(dir.join("gc.exe"));
            let _ = std::fs::remove_file(dir.join("rgo.exe"));
            Outcome::Mismatch(why)
        }
    }
}

fn main() -> ExitCode {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("progen-diff: {e}");
            eprintln!(
                "usage: progen-diff [--from N] [--count M] [--jobs J] [--out DIR] [--rgo PATH] [--arith] [--gcstress N]"
            );
            return ExitCode::from(2);
        }
    };
    let Some(go) = find_go() else {
        eprintln!("progen-diff: no gc toolchain found (set GOROOT)");
        return ExitCode::from(2);
    };
    if !o.rgo.is_file() {
        eprintln!(
            "progen-diff: {} does not exist (cargo build --release)",
            o.rgo.display()
        );
        return ExitCode::from(2);
    }
    let goroot_src = Command::new(&o.rgo)
        .args(["env", "GOROOT"])
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map(|s| format!("{}/src", s.trim()));
    let seeds: Vec<u64> = (o.from..o.from + o.count).collect();
    let done = AtomicUsize::new(0);
    let results = run_parallel(&seeds, o.jobs, |&seed| {
        let r = check_seed(seed, &go, &o, &goroot_src);
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        match &r {
            Outcome::Match => println!("[{n}/{}] seed {seed}: ok", seeds.len()),
            Outcome::BadProgram(why) => {
                println!(
                    "[{n}/{}] seed {seed}: BAD PROGRAM (generator bug): {}",
                    seeds.len(),
                    why.lines().take(3).collect::<Vec<_>>().join(" | ")
                )
            }
            Outcome::Known(bug) => println!("[{n}/{}] seed {seed}: known bug: {bug}", seeds.len()),
            Outcome::Mismatch(why) => {
                println!(
                    "[{n}/{}] seed {seed}: MISMATCH: {}",
                    seeds.len(),
                    why.lines().take(4).collect::<Vec<_>>().join(" | ")
                )
            }
        }
        r
    });
    let ok = results
        .iter()
        .filter(|r| matches!(r, Outcome::Match))
        .count();
    let bad = results
        .iter()
        .filter(|r| matches!(r, Outcome::BadProgram(_)))
        .count();
    let known = results
        .iter()
        .filter(|r| matches!(r, Outcome::Known(_)))
        .count();
    let mism = results.len() - ok - bad - known;
    println!(
        "{} seeds: {ok} match, {mism} mismatch, {known} known bugs, {bad} bad programs (details in {})",
        results.len(),
        o.out.display()
    );
    if mism + bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
