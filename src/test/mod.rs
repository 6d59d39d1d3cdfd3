//! `rgo test`: the go command's `go test` (GOROOT/src/cmd/go/internal/test).
//!
//! For each package named on the command line, rgo loads the package with its `_test.go` files
//! and its external `_test` package, generates the test main the go command generates
//! ([`testmain`]), compiles it all with GOROOT's own `testing` package into a test binary, runs
//! the binary in the package's directory with the test flags translated to `-test.*` flags, and
//! prints what the go command prints: the binary's output (always on failure, with `-v` as it
//! comes), then `ok  \tpkg\t0.012s` or `FAIL\tpkg\t0.012s`, `?   \tpkg\t[no test files]` for a
//! package without tests, `FAIL\tpkg [build failed]` after compile errors, and a final `FAIL`
//! when any package failed (exit status 1). With `-json`, the binary runs with
//! `-test.v=test2json` and its output becomes test2json's event stream ([`test2json`]).
//!
//! The package under test exists once in the program: the version with its test files. The go
//! command instead compiles a second copy (`p [p.test]`) and recompiles every package the
//! external test imports that depends on p against it; since the in-package test files cannot
//! import anything that imports p (that would be an import cycle), every importer of p in the
//! test binary is such a recompiled package, so one copy gives the same program.

pub mod test2json;
pub mod testmain;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::driver::{self, BuildError, BuildOptions, GeneratedMain};
use testmain::TestFuncs;

/// How `rgo test` was asked to behave.
#[derive(Default)]
struct TestOptions {
    build: BuildOptions,
    packages: Vec<String>,
    /// Flags for the test binary, already spelled `-test.name=value`, in command-line order.
    binary_flags: Vec<String>,
    /// Arguments after `-args`, passed as they are.
    binary_args: Vec<String>,
    verbose: bool,
    json: bool,
    compile_only: bool,
    output: Option<String>,
    /// The `-timeout` value as given (Go duration syntax); `None`: the go command's 10m.
    timeout: Option<String>,
    bench: bool,
    failfast: bool,
    /// `-list`: the listing is shown like verbose output (cmd/go's testShowPass).
    list: bool,
    /// No package was named: the go command's "local directory mode", where the binary's
    /// output goes straight to stdout and no final `FAIL` line is printed.
    local_mode: bool,
}

impl TestOptions {
    /// Whether a passing package's output is shown (cmd/go's testShowPass).
    fn show_pass(&self) -> bool {
        self.verbose || self.list
    }
}

/// Flags of the go command's that the test binary receives as `-test.<name>`, and whether
/// each takes a value.
const BINARY_FLAGS: &[(&str, bool)] = &[
    ("bench", true),
    ("benchmem", false),
    ("benchtime", true),
    ("blockprofile", true),
    ("blockprofilerate", true),
    ("count", true),
    ("cpu", true),
    ("cpuprofile", true),
    ("failfast", false),
    ("fullpath", false),
    ("fuzz", true),
    ("fuzzminimizetime", true),
    ("fuzztime", true),
    ("list", true),
    ("memprofile", true),
    ("memprofilerate", true),
    ("mutexprofile", true),
    ("mutexprofilefraction", true),
    ("outputdir", true),
    ("parallel", true),
    ("run", true),
    ("short", false),
    ("shuffle", true),
    ("skip", true),
    ("trace", true),
    ("v", false),
];

fn parse_args(args: &[String]) -> Result<TestOptions, String> {
    let mut o = TestOptions::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "-args" || a == "--args" {
            o.binary_args = args[i..].to_vec();
            break;
        }
        if !a.starts_with('-') || a == "-" {
            o.packages.push(a.clone());
            continue;
        }
        let flag = a.trim_start_matches('-');
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (flag, None),
        };
        // Bool flags take `-x` or `-x=value`; the others `-x value` or `-x=value`.
        let mut value = |takes_value: bool| -> Result<String, String> {
            if let Some(v) = &inline {
                return Ok(v.clone());
            }
            if !takes_value {
                return Ok("true".into());
            }
            let v = args
                .get(i)
                .cloned()
                .ok_or_else(|| format!("flag needs an argument: -{name}"))?;
            i += 1;
            Ok(v)
        };
        let is_true = |v: &str| -> Result<bool, String> {
            match v {
                "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok(true),
                "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok(false),
                _ => Err(format!(
                    "invalid boolean value \"{v}\" for -{name}: parse error"
                )),
            }
        };
        match name {
            "c" => o.compile_only = is_true(&value(false)?)?,
            "o" => o.output = Some(value(true)?),
            "json" => o.json = is_true(&value(false)?)?,
            "a" => o.build.rebuild_all = is_true(&value(false)?)?,
            "p" => {
                let v = value(true)?;
                let n: usize = v
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("invalid value \"{v}\" for flag -p"))?;
                o.build.jobs = Some(n);
            }
            "timeout" => o.timeout = Some(value(true)?),
            "gcflags" | "ldflags" => {
                let v = value(true)?;
                if name == "gcflags" {
                    crate::apply_gcflags(&v, &mut o.build)?;
                } else {
                    crate::apply_ldflags(&v, &mut o.build)?;
                }
            }
            // rgo runs no vet checks (gc's go test runs a few before testing).
            "vet" => {
                value(true)?;
            }
            "x" | "n" | "work" | "race" | "msan" | "asan" | "cover" | "trimpath" => {
                return Err(format!("rgo test: -{name} is not supported"));
            }
            _ => {
                let Some(&(_, takes)) = BINARY_FLAGS
                    .iter()
                    .find(|(n, _)| *n == name || format!("test.{n}") == name)
                else {
                    return Err(format!("flag provided but not defined: -{name}"));
                };
                let short = name.trim_start_matches("test.");
                let v = value(takes)?;
                match short {
                    "v" => {
                        // -v=test2json is what -json itself asks of the binary.
                        o.verbose = v == "test2json" || is_true(&v)?;
                    }
                    "bench" => o.bench = !v.is_empty(),
                    "failfast" => o.failfast = is_true(&v)?,
                    "list" => o.list = true,
                    _ => {}
                }
                o.binary_flags.push(format!("-test.{short}={v}"));
            }
        }
    }
    if o.json {
        // The binary speaks test2json's framing; the go command converts it.
        o.binary_flags.retain(|f| !f.starts_with("-test.v="));
        o.binary_flags.push("-test.v=test2json".into());
    }
    if o.packages.is_empty() {
        o.local_mode = true;
        o.packages.push(".".into());
    }
    Ok(o)
}

/// The result of one package's test binary, as printed.
struct PackageResult {
    failed: bool,
}

/// Runs `rgo test args...`; returns the exit status.
pub fn cmd_test(args: &[String]) -> ExitCode {
    let o = match parse_args(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("run 'rgo help test' and 'go help testflag' for details");
            return ExitCode::from(2);
        }
    };
    let roots = match list_packages(&o.packages) {
        Ok(r) => r,
        Err(BuildError::Diagnostics(t)) => {
            eprint!("{t}");
            return ExitCode::from(1);
        }
        Err(BuildError::Other(m)) => {
            eprintln!("{m}");
            return ExitCode::from(1);
        }
    };
    if o.compile_only && roots.len() > 1 && o.output.as_deref().is_none_or(|d| !is_dir(d)) {
        eprintln!("cannot use -c flag with multiple packages");
        return ExitCode::from(1);
    }
    let work = std::env::temp_dir().join(format!("rgo-test-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&work) {
        eprintln!("rgo: creating {}: {e}", work.display());
        return ExitCode::from(1);
    }
    let mut any_failed = false;
    // cmd/go's streamOutput and streamAndCacheOutput.
    let stream = o.local_mode
        || o.bench
        || o.show_pass() && (roots.len() == 1 || o.build.jobs == Some(1))
        || o.json;
    let mut stop = false;
    for r in &roots {
        if stop {
            // -failfast after a failure: the remaining packages are not run.
            break;
        }
        let res = test_package(&o, &r.import_path, &work, stream);
        if res.failed {
            any_failed = true;
            if o.failfast {
                stop = true;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    if any_failed {
        if !o.json && !o.compile_only && !o.local_mode {
            println!("FAIL");
        }
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The packages the arguments name, in the go command's order: argument by argument, the
/// matches of a pattern sorted by import path, each package once.
fn list_packages(args: &[String]) -> Result<Vec<driver::RootPackage>, BuildError> {
    let mut out: Vec<driver::RootPackage> = Vec::new();
    for a in args {
        let mut roots = driver::list_roots_opts(std::slice::from_ref(a), true)?;
        roots.sort_by(|x, y| x.import_path.cmp(&y.import_path));
        for r in roots {
            if !out.iter().any(|q| q.import_path == r.import_path) {
                out.push(r);
            }
        }
    }
    Ok(out)
}

fn is_dir(p: &str) -> bool {
    p.ends_with('/') || Path::new(p).is_dir()
}

/// The last element of an import path: the test binary is `<that>.test`.
fn binary_name(import_path: &str) -> String {
    let last = import_path.rsplit('/').next().unwrap_or(import_path);
    format!("{last}.test")
}

/// What a test of one package needs to know about it before building.
struct Listed {
    dir: PathBuf,
    has_tests: bool,
    module_path: String,
}

fn list_for_test(import_path: &str) -> Result<Listed, String> {
    let (mut cfg, _) = driver::load_config(true);
    cfg.tests = true;
    let listing =
        frontend::load::list(&cfg, &[import_path.to_string()]).map_err(|m| m.join("\n"))?;
    let p = listing
        .packages
        .iter()
        .find(|p| p.import_path == import_path)
        .ok_or_else(|| format!("rgo: package {import_path} not found"))?;
    let xtest = format!("{import_path}_test");
    let has_tests = p.go_files.iter().any(|f| f.ends_with("_test.go"))
        || listing.packages.iter().any(|q| q.import_path == xtest);
    let module_path = if p.standard {
        String::new()
    } else {
        frontend::load::modfile::find_root(&p.dir)
            .and_then(|root| std::fs::read_to_string(root.join("go.mod")).ok())
            .map(|t| frontend::load::modfile::parse(&t).module)
            .unwrap_or_default()
    };
    Ok(Listed {
        dir: p.dir.clone(),
        has_tests,
        module_path,
    })
}

/// Where the output of one package goes: straight to our stdout (streamed), or kept until the
/// result is known, and in both cases through test2json with -json.
struct Sink {
    json: Option<test2json::Converter>,
    stream: bool,
    buf: Vec<u8>,
}

impl Sink {
    fn write(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
        if let Some(j) = &mut self.json {
            j.write(data);
            return;
        }
        if self.stream {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(data);
            let _ = out.flush();
        }
    }

    /// The binary's output so far (for the `no tests to run` check).
    fn text(&self) -> &[u8] {
        &self.buf
    }
}

fn test_package(o: &TestOptions, import_path: &str, work: &Path, stream: bool) -> PackageResult {
    // With -json, the package's events start once its binary is built (build output comes
    // before them, as build-output events), or right away when there is nothing to build.
    let start_json = || o.json.then(|| test2json::Converter::new(import_path, true));
    let mut sink = Sink {
        json: None,
        stream,
        buf: Vec::new(),
    };
    let listed = match list_for_test(import_path) {
        Ok(l) => l,
        Err(e) => {
            sink.json = start_json();
            eprintln!("{e}");
            sink.write(format!("FAIL\t{import_path} [setup failed]\n").as_bytes());
            return finish(sink, true);
        }
    };
    if !listed.has_tests && !o.compile_only {
        sink.json = start_json();
        sink.write(format!("?   \t{import_path}\t[no test files]\n").as_bytes());
        return finish(sink, false);
    }
    // Why the test main could not be written (the go command's "setup failed").
    let setup_error: std::cell::RefCell<Option<String>> = Default::default();
    let generate = |loaded: &frontend::load::Loaded| -> Result<String, String> {
        let ptest = loaded
            .packages
            .iter()
            .find(|p| p.import_path == import_path)
            .ok_or_else(|| format!("rgo: package {import_path} was not loaded"))?;
        let xtest = format!("{import_path}_test");
        let pxtest = loaded.packages.iter().find(|p| p.import_path == xtest);
        let funcs = TestFuncs::collect(&loaded.fset, ptest, pxtest).inspect_err(|e| {
            *setup_error.borrow_mut() = Some(e.clone());
        })?;
        Ok(funcs.render(import_path, &listed.module_path))
    };
    let generated = GeneratedMain {
        deps: TestFuncs::deps(),
        file_name: "_testmain.go".into(),
        import_path: format!("{import_path}.test"),
        tested: import_path.to_string(),
        generate: &generate,
    };
    // The go command links every test binary with `-X testing.testBinary=1` after the user's
    // -ldflags (cmd/go/internal/load/test.go), which makes testing.Testing() true.
    let mut build = o.build.clone();
    build.set_string(driver::StringDef {
        package: "testing".into(),
        name: "testBinary".into(),
        value: "1".into(),
    });
    let exe = match driver::build_test_binary(&[import_path.to_string()], &generated, &build) {
        Ok(exe) => exe,
        Err(e) => {
            let setup = setup_error.borrow_mut().take();
            let text = match (e, &setup) {
                (_, Some(m)) => format!("# {import_path}\n{m}\n"),
                (BuildError::Diagnostics(t), None) => t,
                (BuildError::Other(m), None) => format!("# {import_path}\n{m}\n"),
            };
            let reason = if setup.is_some() {
                "setup failed"
            } else {
                "build failed"
            };
            let failed_build = if o.json {
                Some(test2json::build_output(import_path, &text))
            } else {
                eprint!("{text}");
                None
            };
            sink.json = start_json();
            if let (Some(j), Some(f)) = (&mut sink.json, failed_build) {
                j.set_failed_build(&f);
            }
            sink.write(format!("FAIL\t{import_path} [{reason}]\n").as_bytes());
            return finish(sink, true);
        }
    };
    if o.compile_only {
        let path = match &o.output {
            Some(d) if is_dir(d) => Path::new(d).join(binary_name(import_path)),
            Some(f) => PathBuf::from(f),
            None => PathBuf::from(binary_name(import_path)),
        };
        if let Err(e) = crate::write_exe(&path, &exe) {
            eprintln!("{e}");
            return PackageResult { failed: true };
        }
        return PackageResult { failed: false };
    }
    let exe_path = match &o.output {
        Some(d) if is_dir(d) => Path::new(d).join(binary_name(import_path)),
        Some(f) => PathBuf::from(f),
        None => work.join(binary_name(import_path)),
    };
    if let Err(e) = crate::write_exe(&exe_path, &exe) {
        eprintln!("{e}");
        return PackageResult { failed: true };
    }
    let exe_path = std::path::absolute(&exe_path).unwrap_or(exe_path);
    let mut args = vec!["-test.paniconexit0".to_string()];
    args.push(format!(
        "-test.timeout={}",
        o.timeout.as_deref().unwrap_or("10m0s")
    ));
    args.extend(o.binary_flags.iter().cloned());
    args.extend(o.binary_args.iter().cloned());
    sink.json = start_json();
    let t0 = Instant::now();
    let outcome = run_binary(&exe_path, &args, &listed.dir, kill_after(o), &mut sink);
    let elapsed = format!("{:.3}s", t0.elapsed().as_secs_f64());
    match outcome {
        Ok(RunOutcome::Exited(0)) => {
            let out = sink.text();
            let no_tests = out.starts_with(b"testing: warning: no tests to run\n")
                || contains(out, b"\ntesting: warning: no tests to run\n");
            let norun = if no_tests { " [no tests to run]" } else { "" };
            if !out.is_empty() && !out.ends_with(b"\n") {
                sink.write(b"\n");
            }
            let line = format!("ok  \t{import_path}\t{elapsed}{norun}\n");
            if o.show_pass() || o.json {
                sink.write(line.as_bytes());
            } else {
                // Without -v, a passing package's output is dropped.
                sink.buf.clear();
                sink.write(line.as_bytes());
            }
            finish(sink, false)
        }
        other => {
            let out_empty = sink.text().is_empty();
            let mut status = String::new();
            match &other {
                Ok(RunOutcome::Exited(c)) => {
                    if out_empty {
                        status = format!("exit status {c}\n");
                    }
                }
                Ok(RunOutcome::Signaled(s)) => status = format!("signal: {}\n", signal_name(*s)),
                Ok(RunOutcome::Killed(d)) => {
                    status = format!(
                        "*** Test killed: ran too long ({}).\nsignal: killed\n",
                        go_duration(*d)
                    )
                }
                Err(e) => status = format!("{e}\n"),
            }
            if status.is_empty() && !sink.text().ends_with(b"\n") {
                sink.write(b"\n");
            }
            sink.write(status.as_bytes());
            let prefix = if o.json { "\x16" } else { "" };
            sink.write(format!("{prefix}FAIL\t{import_path}\t{elapsed}\n").as_bytes());
            finish(sink, true)
        }
    }
}

/// Prints what was kept of a package's output and ends its JSON stream.
fn finish(mut sink: Sink, failed: bool) -> PackageResult {
    if let Some(j) = sink.json.take() {
        j.exited(failed);
    } else if !sink.stream {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(&sink.buf);
        let _ = out.flush();
    }
    PackageResult { failed }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

enum RunOutcome {
    Exited(i32),
    Signaled(i32),
    Killed(Duration),
}

/// The go command's backstop: a binary still running a minute after its own -test.timeout
/// is killed.
fn kill_after(o: &TestOptions) -> Option<Duration> {
    let t = match &o.timeout {
        Some(t) => parse_go_duration(t)?,
        None => Duration::from_secs(600),
    };
    if t.is_zero() {
        return None;
    }
    Some(t + Duration::from_secs(60))
}

/// Go's time.ParseDuration for the common forms (`10m`, `1h30m`, `2.5s`, `300ms`).
fn parse_go_duration(s: &str) -> Option<Duration> {
    if s == "0" {
        return Some(Duration::ZERO);
    }
    let mut total = 0f64;
    let mut rest = s;
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let num: f64 = rest[..n].parse().ok()?;
        rest = &rest[n..];
        let u = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let mult = match &rest[..u] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        total += num * mult;
        rest = &rest[u..];
    }
    Some(Duration::from_secs_f64(total))
}

/// Go's Duration.String for whole seconds and above (what a kill timeout is).
fn go_duration(d: Duration) -> String {
    let s = d.as_secs();
    let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}h{m}m{sec}s")
    } else if m > 0 {
        format!("{m}m{sec}s")
    } else {
        format!("{sec}s")
    }
}

/// Go's name of a signal as os.ProcessState prints it (`signal: killed`).
fn signal_name(s: i32) -> String {
    match s {
        1 => "hangup".into(),
        2 => "interrupt".into(),
        3 => "quit".into(),
        4 => "illegal instruction".into(),
        5 => "trace/breakpoint trap".into(),
        6 => "aborted".into(),
        7 => "bus error".into(),
        8 => "floating point exception".into(),
        9 => "killed".into(),
        11 => "segmentation fault".into(),
        13 => "broken pipe".into(),
        14 => "alarm clock".into(),
        15 => "terminated".into(),
        n => format!("signal {n}"),
    }
}

/// Runs the test binary in `dir` with stdout and stderr on one pipe (as the go command does,
/// so their interleaving is kept), feeding its output to `sink` as it comes.
fn run_binary(
    exe: &Path,
    args: &[String],
    dir: &Path,
    kill_after: Option<Duration>,
    sink: &mut Sink,
) -> std::io::Result<RunOutcome> {
    let (mut reader, writer) = std::io::pipe()?;
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .current_dir(dir)
        .env("PWD", dir)
        .stdin(Stdio::null())
        .stdout(writer.try_clone()?)
        .stderr(writer);
    if let Some(goroot) = frontend::load::default_goroot() {
        // As the go command: GOROOT/bin first on PATH, for tests that run the go tool.
        let path = std::env::var("PATH").unwrap_or_default();
        cmd.env("PATH", format!("{}/bin:{path}", goroot.display()));
    }
    let mut child = cmd.spawn()?;
    // The Command still holds the writing ends; drop it so EOF arrives when the child exits.
    drop(cmd);
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    let reader_thread = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.send(buf[..n].to_vec()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    let start = Instant::now();
    let mut killed = None;
    loop {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(chunk) => sink.write(&chunk),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
        if let Some(limit) = kill_after
            && killed.is_none()
            && start.elapsed() > limit
        {
            let _ = child.kill();
            killed = Some(limit);
        }
    }
    let _ = reader_thread.join();
    let status = child.wait()?;
    if let Some(d) = killed {
        return Ok(RunOutcome::Killed(d));
    }
    use std::os::unix::process::ExitStatusExt;
    Ok(match (status.code(), status.signal()) {
        (Some(c), _) => RunOutcome::Exited(c),
        (None, Some(s)) => RunOutcome::Signaled(s),
        (None, None) => RunOutcome::Exited(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_become_test_flags_in_order() {
        let args: Vec<String> = ["-v", "-run", "X", "./...", "-count=1", "-short"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let o = parse_args(&args).unwrap_or_default();
        assert_eq!(o.packages, vec!["./..."]);
        assert_eq!(
            o.binary_flags,
            vec![
                "-test.v=true",
                "-test.run=X",
                "-test.count=1",
                "-test.short=true"
            ]
        );
        assert!(o.verbose);
    }

    #[test]
    fn durations_parse_as_go_parses_them() {
        assert_eq!(parse_go_duration("10m"), Some(Duration::from_secs(600)));
        assert_eq!(parse_go_duration("1h2m3s"), Some(Duration::from_secs(3723)));
        assert_eq!(parse_go_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_go_duration("x"), None);
        assert_eq!(go_duration(Duration::from_secs(660)), "11m0s");
    }
}
