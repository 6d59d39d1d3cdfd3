//! Benchmark comparing rgo with gc (the reference Go toolchain) in the same run.
//!
//! ```sh
//! cargo run --release -p tests --bin bench [-- OPTIONS]
//! ```
//!
//! 1. **Build time.** Every program in `tests/programs` and `benches/go` is built
//!    with `rgo build` and with gc in two ways:
//!    * `go build` with a warm build cache: the standard library (the runtime
//!      and its dependencies) comes from the cache, but the main package is
//!      compiled afresh every time, because each measurement builds a copy of
//!      the source with a unique trailing comment (otherwise `go build` would
//!      only look the package up in the cache);
//!    * the bare tools on just the main package: `compile -p main -o x.o x.go`
//!      and `link -importcfg cfg -o x x.o` from `go env GOTOOLDIR` (what
//!      `go tool compile` / `go tool link` run, without the go command's own
//!      start-up), with `cfg` listing the cached runtime archives.
//!
//!    Each is repeated `--build-reps` times (interleaved) and the median taken;
//!    wall-clock and CPU time (user+sys of the process and its children) are both
//!    recorded. The report gives totals and the per-program median of the ratio
//!    rgo/gc.
//! 2. **Run time.** Each `benches/go` program is built with rgo and with
//!    `go build`, both binaries are run once to check that they print the same
//!    stdout, stderr and exit status, then `--runs` more times alternately; the
//!    ratio of the median wall times rgo/gc is reported, with the peak RSS of
//!    each. binarytrees runs with its depth argument (`--bt-depth`, default 21).
//! 3. **Closures: heap allocations and time.** `benches/go/closures.go` is run
//!    once more for allocation counts: the rgo binary with `RGO_ALLOCSTATS=1`
//!    (its runtime then prints `rgo: allocs=N bytes=M` on stderr at exit), and
//!    a gc-only instrumented copy of the source, whose `main` is renamed and
//!    wrapped by one that prints `runtime.MemStats` `Mallocs`/`TotalAlloc`
//!    the same way. Then the plain binaries are timed over `--runs` runs; the
//!    report gives allocations, bytes, median wall/CPU times, peak RSS and the
//!    ratios rgo/gc.
//!
//! 4. **Packages and the build cache.** `examples/hello.go` (or `--hello FILE`)
//!    is built with `rgo build -v` and `go build -v` three times each: with an
//!    empty cache (`RGO_CACHE` / `GOCACHE` set to a fresh directory), again with
//!    that cache and nothing changed, and after an edit of the main file. The
//!    report gives wall and CPU times, the ratios rgo/gc, the number of packages
//!    each tool compiled (its `-v` lines) and the executable sizes.
//!
//! rgo is `$RGO`, else `target/release/rgo` (built with
//! `cargo build --release --bin rgo` if missing). go is `$GO`, else
//! `$GOROOT/bin/go`, else `go` on `PATH`.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

const USAGE: &str = "\
usage: cargo run --release -p tests --bin bench [-- OPTIONS]

Compares rgo with gc: build times of tests/programs/*.go and benches/go/*.go,
run times of benches/go/*.go, heap allocations of benches/go/closures.go, and
builds of examples/hello.go with an empty and a warm build cache.

options:
  --runs N         timed runs of each benchmark binary (default 5)
  --build-reps N   timed builds of each program per tool (default 1)
  --filter S       only programs whose file name contains S
  --no-build       skip the build-time part
  --no-run         skip the run-time and allocation parts
  --no-cache       skip the packages/build-cache part
  --hello FILE     the program of that part (default examples/hello.go)
  --bt-depth N     depth argument of binarytrees (default 21, the Benchmarks
                   Game's; 18 runs 8x less work)
environment:
  RGO=path         rgo binary (default target/release/rgo, built if missing)
  GO=path          go command (default $GOROOT/bin/go, else go on PATH)";

/// How long one build may take before it counts as failed.
const BUILD_TIMEOUT: Duration = Duration::from_secs(120);
/// How long one run of a benchmark binary may take.
const RUN_TIMEOUT: Duration = Duration::from_secs(300);

// ---------------------------------------------------------------------------
// processes with CPU accounting

/// Minimal Linux FFI: `waitid(WNOWAIT)` to learn that a child exited while
/// keeping it a zombie (so its pid cannot be reused before the watchdog is
/// stopped), `wait4` to reap it with its resource usage, `kill` for timeouts.
mod sys {
    #[repr(C)]
    #[derive(Default, Clone, Copy)]
    pub struct Timeval {
        pub sec: i64,
        pub usec: i64,
    }

    /// `struct rusage` on linux/amd64.
    #[repr(C)]
    #[derive(Default)]
    pub struct Rusage {
        pub utime: Timeval,
        pub stime: Timeval,
        /// Peak resident set size, KiB.
        pub maxrss: i64,
        pub rest: [i64; 13],
    }

    const P_PID: i32 = 1;
    const WEXITED: i32 = 4;
    const WNOWAIT: i32 = 0x0100_0000;
    const SIGKILL: i32 = 9;
    const EINTR: i32 = 4;

    unsafe extern "C" {
        fn waitid(idtype: i32, id: u32, infop: *mut u8, options: i32) -> i32;
        fn wait4(pid: i32, status: *mut i32, options: i32, rusage: *mut Rusage) -> i32;
        fn kill(pid: i32, sig: i32) -> i32;
        fn __errno_location() -> *mut i32;
    }

    fn errno() -> i32 {
        // SAFETY: __errno_location returns the calling thread's errno slot.
        unsafe { *__errno_location() }
    }

    /// Blocks until child `pid` has exited, without reaping it.
    pub fn wait_exited(pid: u32) -> std::io::Result<()> {
        let mut info = [0u8; 128]; // siginfo_t
        loop {
            // SAFETY: `info` is a siginfo_t-sized buffer.
            let r = unsafe { waitid(P_PID, pid, info.as_mut_ptr(), WEXITED | WNOWAIT) };
            if r == 0 {
                return Ok(());
            }
            if errno() != EINTR {
                return Err(std::io::Error::last_os_error());
            }
        }
    }

    /// Reaps child `pid`: its raw wait status and resource usage.
    pub fn reap(pid: u32) -> std::io::Result<(i32, Rusage)> {
        let mut status = 0;
        let mut usage = Rusage::default();
        loop {
            // SAFETY: valid pointers to an int and a struct rusage.
            let r = unsafe { wait4(pid as i32, &mut status, 0, &mut usage) };
            if r == pid as i32 {
                return Ok((status, usage));
            }
            if errno() != EINTR {
                return Err(std::io::Error::last_os_error());
            }
        }
    }

    /// Sends SIGKILL to `pid`.
    pub fn kill_pid(pid: u32) {
        // SAFETY: plain system call; the caller guarantees `pid` is its
        // not-yet-reaped child.
        unsafe {
            kill(pid as i32, SIGKILL);
        }
    }
}

/// The result of running one command to completion.
struct Finished {
    wall: Duration,
    /// user + sys time of the process and its waited-for descendants.
    cpu: Duration,
    /// Peak resident set size in KiB (the largest of the process and its descendants).
    maxrss_kb: i64,
    /// The raw wait status (0 = exit status 0).
    status: i32,
    timed_out: bool,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

impl Finished {
    fn success(&self) -> bool {
        self.status == 0 && !self.timed_out
    }

    fn describe_status(&self) -> String {
        if self.timed_out {
            return "timed out".into();
        }
        let (code, sig) = ((self.status >> 8) & 0xff, self.status & 0x7f);
        if sig == 0 {
            format!("exit status {code}")
        } else {
            format!("killed by signal {sig}")
        }
    }

    /// The first lines of stderr (then stdout), for error messages.
    fn excerpt(&self) -> String {
        let text = if self.stderr.is_empty() {
            &self.stdout
        } else {
            &self.stderr
        };
        let text = String::from_utf8_lossy(text);
        let lines: Vec<&str> = text.lines().take(4).collect();
        format!("{}: {}", self.describe_status(), lines.join(" | "))
    }
}

/// Runs `cmd` with stdin closed and stdout/stderr going to files in `scratch`,
/// killing it after `timeout`.
fn run(cmd: &mut Command, scratch: &Path, timeout: Duration) -> Result<Finished, String> {
    let out_path = scratch.join(".stdout");
    let err_path = scratch.join(".stderr");
    let open = |p: &Path| fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()));
    cmd.stdin(Stdio::null())
        .stdout(open(&out_path)?)
        .stderr(open(&err_path)?);
    let start = Instant::now();
    let child = cmd
        .spawn()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    let pid = child.id();
    let (cancel, cancelled) = mpsc::channel::<()>();
    let watchdog = thread::spawn(move || {
        if cancelled.recv_timeout(timeout) == Err(mpsc::RecvTimeoutError::Timeout) {
            sys::kill_pid(pid);
            true
        } else {
            false
        }
    });
    sys::wait_exited(pid).map_err(|e| format!("waitid: {e}"))?;
    let wall = start.elapsed();
    let _ = cancel.send(());
    let timed_out = watchdog.join().unwrap_or(false);
    let (status, usage) = sys::reap(pid).map_err(|e| format!("wait4: {e}"))?;
    drop(child); // already reaped; dropping a Child neither waits nor kills.
    let tv = |t: sys::Timeval| Duration::new(t.sec as u64, t.usec as u32 * 1000);
    let read = |p: &Path| fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    Ok(Finished {
        wall,
        cpu: tv(usage.utime) + tv(usage.stime),
        maxrss_kb: usage.maxrss,
        status,
        timed_out,
        stdout: read(&out_path)?,
        stderr: read(&err_path)?,
    })
}

// ---------------------------------------------------------------------------
// setup

struct Options {
    runs: usize,
    build_reps: usize,
    filter: Option<String>,
    build: bool,
    run: bool,
    /// The program of the packages/cache part (`--hello FILE`).
    hello: Option<PathBuf>,
    cache: bool,
    /// The depth argument of binarytrees (`--bt-depth N`; the Benchmarks Game's is 21).
    bt_depth: usize,
}

fn parse_args() -> Result<Options, String> {
    let mut opts = Options {
        runs: 5,
        build_reps: 1,
        filter: None,
        build: true,
        run: true,
        hello: None,
        cache: true,
        bt_depth: 21,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("{name} needs a positive number"))
        };
        match arg.as_str() {
            "--runs" => opts.runs = number("--runs")?,
            "--build-reps" => opts.build_reps = number("--build-reps")?,
            "--bt-depth" => opts.bt_depth = number("--bt-depth")?,
            "--filter" => opts.filter = Some(args.next().ok_or("--filter needs a value")?),
            "--no-build" => opts.build = false,
            "--no-run" => opts.run = false,
            "--no-cache" => opts.cache = false,
            "--hello" => opts.hello = Some(args.next().ok_or("--hello needs a file")?.into()),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(opts)
}

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<TempDir, String> {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!("rgo-bench-{}-{nanos}", std::process::id()));
        fs::create_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(TempDir(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn nonempty_env(name: &str) -> Option<OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}

/// `$RGO`, else `<target>/release/rgo`, built with cargo if missing.
fn locate_rgo(root: &Path) -> Result<PathBuf, String> {
    if let Some(path) = nonempty_env("RGO") {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(format!("RGO={} does not exist", path.display()))
        };
    }
    let target = nonempty_env("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|t| if t.is_relative() { root.join(t) } else { t })
        .unwrap_or_else(|| root.join("target"));
    let rgo = target.join("release").join("rgo");
    if !rgo.is_file() {
        eprintln!(
            "{} is missing: cargo build --release --bin rgo",
            rgo.display()
        );
        let cargo = nonempty_env("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .current_dir(root)
            .args(["build", "--release", "--bin", "rgo"])
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() || !rgo.is_file() {
            return Err(format!("cargo build --release --bin rgo failed ({status})"));
        }
    }
    Ok(rgo)
}

/// `$GO`, else `$GOROOT/bin/go`, else `go` on PATH.
fn locate_go() -> PathBuf {
    if let Some(go) = nonempty_env("GO") {
        return go.into();
    }
    if let Some(goroot) = nonempty_env("GOROOT") {
        let go = Path::new(&goroot).join("bin/go");
        if go.is_file() {
            return go;
        }
    }
    "go".into()
}

/// The gc toolchain: the go command and the compile/link tools.
struct Gc {
    go: PathBuf,
    compile: PathBuf,
    link: PathBuf,
    /// An importcfg listing the cached archives of `runtime` and its deps.
    importcfg: PathBuf,
    version: String,
}

/// A go command with the same settings as `scripts/record-goldens.sh`.
fn go_command(go: &Path, dir: &Path) -> Command {
    let mut cmd = Command::new(go);
    cmd.current_dir(dir).envs([
        ("GOTOOLCHAIN", "local"),
        ("GOFLAGS", ""),
        ("GO111MODULE", "on"),
        ("CGO_ENABLED", "0"),
        ("GOOS", "linux"),
        ("GOARCH", "amd64"),
        ("GOAMD64", "v1"),
    ]);
    cmd
}

fn go_output(go: &Path, dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = run(go_command(go, dir).args(args), dir, BUILD_TIMEOUT)?;
    if !out.success() {
        return Err(format!("go {}: {}", args.join(" "), out.excerpt()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Finds gc's tools and warms the build cache: `go list -export -deps runtime`
/// compiles (or finds in the cache) every package a Go program without
/// imports links, and its output is the importcfg for `link`.
fn setup_gc(dir: &Path) -> Result<Gc, String> {
    let go = locate_go();
    let version = go_output(&go, dir, &["version"])?;
    let tooldir = PathBuf::from(go_output(&go, dir, &["env", "GOTOOLDIR"])?);
    let cfg = go_output(
        &go,
        dir,
        &[
            "list",
            "-export",
            "-deps",
            "-f",
            "{{if .Export}}packagefile {{.ImportPath}}={{.Export}}{{end}}",
            "runtime",
        ],
    )?;
    let importcfg = dir.join("importcfg");
    fs::write(&importcfg, cfg + "\n").map_err(|e| format!("importcfg: {e}"))?;
    Ok(Gc {
        go,
        compile: tooldir.join("compile"),
        link: tooldir.join("link"),
        importcfg,
        version,
    })
}

// ---------------------------------------------------------------------------
// statistics and formatting

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

fn geomean(values: &[f64]) -> f64 {
    (values.iter().map(|v| v.ln()).sum::<f64>() / values.len() as f64).exp()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Wall and CPU milliseconds of repeated measurements.
#[derive(Default)]
struct Samples {
    wall: Vec<f64>,
    cpu: Vec<f64>,
    /// Peak RSS, MiB.
    rss: Vec<f64>,
}

impl Samples {
    fn push(&mut self, f: &Finished) {
        self.wall.push(ms(f.wall));
        self.cpu.push(ms(f.cpu));
        self.rss.push(f.maxrss_kb as f64 / 1024.0);
    }
    fn rss(&self) -> f64 {
        median(&self.rss)
    }
    fn wall(&self) -> f64 {
        median(&self.wall)
    }
    fn cpu(&self) -> f64 {
        median(&self.cpu)
    }
}

// ---------------------------------------------------------------------------
// part 1: build times

struct BuildRow {
    name: String,
    rgo: Samples,
    go_build: Samples,
    compile: Samples,
    link: Samples,
}

/// Times the builds of one program; `Err` if any tool fails on it.
fn time_builds(
    rgo: &Path,
    gc: &Gc,
    source: &Path,
    reps: usize,
    scratch: &Path,
    nonce: &str,
) -> Result<BuildRow, String> {
    let name = source.file_stem().unwrap().to_string_lossy().into_owned();
    let text = fs::read_to_string(source).map_err(|e| format!("{}: {e}", source.display()))?;
    let dir = scratch.join(&name);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = format!("{name}.go");
    let mut row = BuildRow {
        name,
        rgo: Samples::default(),
        go_build: Samples::default(),
        compile: Samples::default(),
        link: Samples::default(),
    };
    let importcfg = gc.importcfg.to_str().ok_or("non-UTF-8 temp path")?;
    for rep in 0..reps {
        // A fresh trailing comment, so that go build compiles the main package
        // instead of finding it in its cache.
        fs::write(
            dir.join(&file),
            format!("{text}\n// rgo bench {nonce}-{rep}\n"),
        )
        .map_err(|e| format!("write {file}: {e}"))?;
        for out in ["rgo.out", "gobuild.out", "tool.out", "tool.o"] {
            let _ = fs::remove_file(dir.join(out));
        }
        let steps: [(&str, Command, &[&str], &mut Samples); 4] = [
            (
                "rgo build",
                Command::new(rgo),
                &["build", "-o", "rgo.out", &file],
                &mut row.rgo,
            ),
            (
                "go build",
                go_command(&gc.go, &dir),
                &["build", "-o", "gobuild.out", &file],
                &mut row.go_build,
            ),
            (
                "compile",
                Command::new(&gc.compile),
                &["-p", "main", "-o", "tool.o", &file],
                &mut row.compile,
            ),
            (
                "link",
                Command::new(&gc.link),
                &["-importcfg", importcfg, "-o", "tool.out", "tool.o"],
                &mut row.link,
            ),
        ];
        for (what, mut cmd, args, samples) in steps {
            cmd.current_dir(&dir).args(args);
            let f = run(&mut cmd, &dir, BUILD_TIMEOUT)?;
            if !f.success() {
                return Err(format!("{what} failed: {}", f.excerpt()));
            }
            samples.push(&f);
        }
    }
    let _ = fs::remove_dir_all(&dir);
    Ok(row)
}

/// Summary of part 1 for the final line.
struct BuildSummary {
    programs: usize,
    failed: usize,
    /// Per-program median ratios rgo/(go build), rgo/(compile+link): wall, cpu.
    vs_build: (f64, f64),
    vs_tools: (f64, f64),
}

fn build_times(
    rgo: &Path,
    gc: &Gc,
    sources: &[PathBuf],
    reps: usize,
    scratch: &Path,
) -> BuildSummary {
    println!(
        "== Build time: {} programs, median of {reps} build(s) each, milliseconds (wall clock)",
        sources.len()
    );
    println!("   go build: warm cache, main package recompiled; c+l: compile + link of main.o");
    println!(
        "{:<26} {:>8} {:>8} {:>8} {:>8} {:>8} | {:>9} {:>9} | {:>9} {:>9}",
        "program",
        "rgo",
        "go build",
        "compile",
        "link",
        "c+l",
        "/build",
        "/(c+l)",
        "cpu/bld",
        "cpu/(c+l)"
    );
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let nonce = format!("{}-{nanos}", std::process::id());
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    for source in sources {
        match time_builds(rgo, gc, source, reps, scratch, &nonce) {
            Ok(row) => {
                let tools_wall = row.compile.wall() + row.link.wall();
                let tools_cpu = row.compile.cpu() + row.link.cpu();
                println!(
                    "{:<26} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} | {:>8.2}x {:>8.2}x | {:>8.2}x {:>8.2}x",
                    row.name,
                    row.rgo.wall(),
                    row.go_build.wall(),
                    row.compile.wall(),
                    row.link.wall(),
                    tools_wall,
                    row.rgo.wall() / row.go_build.wall(),
                    row.rgo.wall() / tools_wall,
                    row.rgo.cpu() / row.go_build.cpu(),
                    row.rgo.cpu() / tools_cpu,
                );
                rows.push(row);
            }
            Err(e) => {
                let name = source.file_stem().unwrap().to_string_lossy().into_owned();
                println!("{name:<26} FAILED: {e}");
                failures.push(name);
            }
        }
    }
    let total = |f: &dyn Fn(&BuildRow) -> f64| rows.iter().map(f).sum::<f64>();
    let ratio = |f: &dyn Fn(&BuildRow) -> f64| median(&rows.iter().map(f).collect::<Vec<_>>());
    let (rgo_w, build_w) = (total(&|r| r.rgo.wall()), total(&|r| r.go_build.wall()));
    let (comp_w, link_w) = (total(&|r| r.compile.wall()), total(&|r| r.link.wall()));
    let (rgo_c, build_c) = (total(&|r| r.rgo.cpu()), total(&|r| r.go_build.cpu()));
    let (comp_c, link_c) = (total(&|r| r.compile.cpu()), total(&|r| r.link.cpu()));
    let summary = BuildSummary {
        programs: rows.len(),
        failed: failures.len(),
        vs_build: (
            ratio(&|r| r.rgo.wall() / r.go_build.wall()),
            ratio(&|r| r.rgo.cpu() / r.go_build.cpu()),
        ),
        vs_tools: (
            ratio(&|r| r.rgo.wall() / (r.compile.wall() + r.link.wall())),
            ratio(&|r| r.rgo.cpu() / (r.compile.cpu() + r.link.cpu())),
        ),
    };
    println!();
    println!(
        "{:<26} {:>8} {:>8} {:>8} {:>8} {:>8} | {:>9} {:>9}",
        "", "rgo", "go build", "compile", "link", "c+l", "/build", "/(c+l)"
    );
    for (label, r, b, c, l) in [
        ("TOTAL wall (ms)", rgo_w, build_w, comp_w, link_w),
        ("TOTAL cpu (ms)", rgo_c, build_c, comp_c, link_c),
    ] {
        println!(
            "{label:<26} {r:>8.0} {b:>8.0} {c:>8.0} {l:>8.0} {:>8.0} | {:>8.2}x {:>8.2}x",
            c + l,
            r / b,
            r / (c + l)
        );
    }
    println!(
        "{:<26} {:>44} | {:>8.2}x {:>8.2}x",
        "MEDIAN ratio, wall", "", summary.vs_build.0, summary.vs_tools.0
    );
    println!(
        "{:<26} {:>44} | {:>8.2}x {:>8.2}x",
        "MEDIAN ratio, cpu", "", summary.vs_build.1, summary.vs_tools.1
    );
    if !failures.is_empty() {
        println!("failed to build (excluded): {}", failures.join(", "));
    }
    println!();
    summary
}

// ---------------------------------------------------------------------------
// part 2: run times

struct RunRow {
    name: String,
    rgo: Samples,
    gc: Samples,
    rgo_size: u64,
    gc_size: u64,
    same_output: bool,
}

/// Builds one benchmark with both compilers, checks the outputs agree and
/// times `runs` runs of each.
/// The command-line arguments a benchmark runs with: binarytrees takes its depth.
fn bench_args(name: &str, opts: &Options) -> Vec<String> {
    if name == "binarytrees" {
        vec![opts.bt_depth.to_string()]
    } else {
        Vec::new()
    }
}

fn time_runs(
    rgo: &Path,
    gc: &Gc,
    source: &Path,
    opts: &Options,
    scratch: &Path,
) -> Result<RunRow, String> {
    let runs = opts.runs;
    let name = source.file_stem().unwrap().to_string_lossy().into_owned();
    let args = bench_args(&name, opts);
    let dir = scratch.join(format!("run-{name}"));
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join(format!("{name}.go"));
    fs::copy(source, &file).map_err(|e| format!("copy {}: {e}", source.display()))?;
    let file_arg = format!("{name}.go");
    let (rgo_exe, gc_exe) = (dir.join("prog.rgo"), dir.join("prog.gc"));
    let mut builds = [
        ("rgo build", Command::new(rgo)),
        ("go build", go_command(&gc.go, &dir)),
    ];
    for ((what, cmd), exe) in builds.iter_mut().zip([&rgo_exe, &gc_exe]) {
        cmd.current_dir(&dir)
            .arg("build")
            .arg("-o")
            .arg(exe)
            .arg(&file_arg);
        let f = run(cmd, &dir, BUILD_TIMEOUT)?;
        if !f.success() {
            return Err(format!("{what} failed: {}", f.excerpt()));
        }
    }
    let exec = |exe: &Path| -> Result<Finished, String> {
        let mut cmd = Command::new(exe);
        cmd.args(&args)
            .current_dir(&dir)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", &dir);
        run(&mut cmd, &dir, RUN_TIMEOUT)
    };
    // Warm-up run of each, which also checks the outputs.
    let first_rgo = exec(&rgo_exe)?;
    let first_gc = exec(&gc_exe)?;
    let same_output = first_rgo.stdout == first_gc.stdout
        && first_rgo.stderr == first_gc.stderr
        && first_rgo.status == first_gc.status
        && !first_rgo.timed_out
        && !first_gc.timed_out;
    if !same_output {
        let show = |f: &Finished| {
            format!(
                "{}; stdout {:?}; stderr {:?}",
                f.describe_status(),
                String::from_utf8_lossy(&f.stdout[..f.stdout.len().min(200)]),
                String::from_utf8_lossy(&f.stderr[..f.stderr.len().min(200)])
            )
        };
        eprintln!(
            "{name}: OUTPUTS DIFFER\n  rgo: {}\n  gc:  {}",
            show(&first_rgo),
            show(&first_gc)
        );
    }
    let mut row = RunRow {
        name,
        rgo: Samples::default(),
        gc: Samples::default(),
        rgo_size: fs::metadata(&rgo_exe).map_or(0, |m| m.len()),
        gc_size: fs::metadata(&gc_exe).map_or(0, |m| m.len()),
        same_output,
    };
    if first_rgo.timed_out || first_gc.timed_out {
        return Err("timed out".into());
    }
    for _ in 0..runs {
        row.rgo.push(&exec(&rgo_exe)?);
        row.gc.push(&exec(&gc_exe)?);
    }
    let _ = fs::remove_dir_all(&dir);
    Ok(row)
}

/// Per-benchmark `name ratio` strings and the geometric mean, for the summary.
struct RunSummary {
    ratios: Vec<(String, f64)>,
    geomean: f64,
    same: usize,
    failed: usize,
}

fn run_times(
    rgo: &Path,
    gc: &Gc,
    sources: &[PathBuf],
    opts: &Options,
    scratch: &Path,
) -> RunSummary {
    let runs = opts.runs;
    println!(
        "== Run time: benches/go, median of {runs} runs each after one warm-up run, milliseconds"
    );
    println!(
        "{:<12} {:>9} {:>9} {:>9} {:>9} | {:>9} {:>9} | {:>7} {:>7} {:>7} | {:>10} {:>10} {:>6}",
        "program",
        "rgo wall",
        "gc wall",
        "rgo cpu",
        "gc cpu",
        "wall",
        "cpu",
        "rgo MB",
        "gc MB",
        "rss",
        "rgo size",
        "gc size",
        "output"
    );
    let mut summary = RunSummary {
        ratios: Vec::new(),
        geomean: f64::NAN,
        same: 0,
        failed: 0,
    };
    for source in sources {
        match time_runs(rgo, gc, source, opts, scratch) {
            Ok(row) => {
                let ratio = row.rgo.wall() / row.gc.wall();
                println!(
                    "{:<12} {:>9.1} {:>9.1} {:>9.1} {:>9.1} | {:>8.2}x {:>8.2}x | {:>7.1} {:>7.1} {:>6.2}x | {:>10} {:>10} {:>6}",
                    row.name,
                    row.rgo.wall(),
                    row.gc.wall(),
                    row.rgo.cpu(),
                    row.gc.cpu(),
                    ratio,
                    row.rgo.cpu() / row.gc.cpu(),
                    row.rgo.rss(),
                    row.gc.rss(),
                    row.rgo.rss() / row.gc.rss(),
                    row.rgo_size,
                    row.gc_size,
                    if row.same_output { "same" } else { "DIFF" }
                );
                summary.same += usize::from(row.same_output);
                summary.ratios.push((row.name, ratio));
            }
            Err(e) => {
                let name = source.file_stem().unwrap().to_string_lossy().into_owned();
                println!("{name:<12} FAILED: {e}");
                summary.failed += 1;
            }
        }
    }
    if !summary.ratios.is_empty() {
        let ratios: Vec<f64> = summary.ratios.iter().map(|r| r.1).collect();
        summary.geomean = geomean(&ratios);
        println!("{:<12} {:>39} | {:>8.2}x", "GEOMEAN", "", summary.geomean);
    }
    println!();
    summary
}

// ---------------------------------------------------------------------------
// part 3: closures: heap allocations and time

/// The benchmark whose heap allocations are counted.
const ALLOC_BENCH: &str = "closures";

/// Heap allocation statistics of one run.
#[derive(Clone, Copy)]
struct AllocStats {
    allocs: u64,
    bytes: u64,
}

/// A gc-only copy of a Go program that reports its heap allocations: `main`
/// becomes `rgoBenchMain`, and a new `main` calls it and then prints
/// `runtime.MemStats` `Mallocs` and `TotalAlloc` on stderr as
/// `gc: allocs=N bytes=M` (the format of rgo's `RGO_ALLOCSTATS=1` line). The
/// added import declaration goes right after the package clause.
fn instrument_for_gc(source: &str) -> Result<String, String> {
    const MAIN: &str = "\nfunc main() {";
    if source.matches(MAIN).count() != 1 {
        return Err("cannot find exactly one `func main() {` line".into());
    }
    let package = source
        .find("package main\n")
        .filter(|&i| i == 0 || source[..i].ends_with('\n'))
        .ok_or("no `package main` line")?;
    let (head, body) = source.split_at(package + "package main\n".len());
    Ok(format!(
        "{head}\nimport \"runtime\"\n{}\n\
         func main() {{\n\
         \trgoBenchMain()\n\
         \tvar ms runtime.MemStats\n\
         \truntime.ReadMemStats(&ms)\n\
         \tprint(\"gc: allocs=\", ms.Mallocs, \" bytes=\", ms.TotalAlloc, \"\\n\")\n\
         }}\n",
        body.replacen(MAIN, "\nfunc rgoBenchMain() {", 1)
    ))
}

/// Finds the last `<prefix>allocs=N bytes=M` line in `stderr`; returns the
/// statistics and `stderr` without that line.
fn take_alloc_line(stderr: &[u8], prefix: &str) -> Option<(AllocStats, Vec<u8>)> {
    let text = String::from_utf8_lossy(stderr);
    let line = text.lines().rev().find(|l| l.starts_with(prefix))?;
    let mut allocs = None;
    let mut bytes = None;
    for field in line[prefix.len()..].split_whitespace() {
        if let Some(v) = field.strip_prefix("allocs=") {
            allocs = v.parse().ok();
        } else if let Some(v) = field.strip_prefix("bytes=") {
            bytes = v.parse().ok();
        }
    }
    let rest = text.replacen(&format!("{line}\n"), "", 1).into_bytes();
    Some((
        AllocStats {
            allocs: allocs?,
            bytes: bytes?,
        },
        rest,
    ))
}

struct AllocRow {
    rgo: AllocStats,
    gc: AllocStats,
    rgo_time: Samples,
    gc_time: Samples,
    /// Median peak RSS, KiB.
    rgo_rss: f64,
    gc_rss: f64,
    same_output: bool,
}

/// Builds `source` with rgo, with gc, and (gc only) an instrumented copy;
/// counts the heap allocations of one run of each; times `runs` runs of the
/// two plain binaries.
fn alloc_bench(
    rgo: &Path,
    gc: &Gc,
    source: &Path,
    runs: usize,
    scratch: &Path,
) -> Result<AllocRow, String> {
    let dir = scratch.join(format!("alloc-{ALLOC_BENCH}"));
    let stats_dir = dir.join("stats");
    fs::create_dir_all(&stats_dir).map_err(|e| format!("{}: {e}", stats_dir.display()))?;
    let text = fs::read_to_string(source).map_err(|e| format!("{}: {e}", source.display()))?;
    let file = format!("{ALLOC_BENCH}.go");
    fs::write(dir.join(&file), &text).map_err(|e| format!("write {file}: {e}"))?;
    fs::write(stats_dir.join(&file), instrument_for_gc(&text)?)
        .map_err(|e| format!("write stats/{file}: {e}"))?;
    let (rgo_exe, gc_exe, gc_stats_exe) = (
        dir.join("prog.rgo"),
        dir.join("prog.gc"),
        dir.join("prog.gcstats"),
    );
    let builds = [
        ("rgo build", Command::new(rgo), &dir, &rgo_exe),
        ("go build", go_command(&gc.go, &dir), &dir, &gc_exe),
        (
            "go build (instrumented copy)",
            go_command(&gc.go, &stats_dir),
            &stats_dir,
            &gc_stats_exe,
        ),
    ];
    for (what, mut cmd, cwd, exe) in builds {
        cmd.current_dir(cwd)
            .arg("build")
            .arg("-o")
            .arg(exe)
            .arg(&file);
        let f = run(&mut cmd, cwd, BUILD_TIMEOUT)?;
        if !f.success() {
            return Err(format!("{what} failed: {}", f.excerpt()));
        }
    }
    let exec = |exe: &Path, allocstats: bool| -> Result<Finished, String> {
        let mut cmd = Command::new(exe);
        cmd.current_dir(&dir)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", &dir);
        if allocstats {
            cmd.env("RGO_ALLOCSTATS", "1");
        }
        let f = run(&mut cmd, &dir, RUN_TIMEOUT)?;
        if f.timed_out {
            return Err(format!("{} timed out", exe.display()));
        }
        Ok(f)
    };
    // Allocation runs (these also warm up the binaries).
    let plain = exec(&gc_exe, false)?;
    let rgo_run = exec(&rgo_exe, true)?;
    let gc_run = exec(&gc_stats_exe, false)?;
    let (rgo_stats, rgo_stderr) = take_alloc_line(&rgo_run.stderr, "rgo: ").ok_or_else(|| {
        format!(
            "no `rgo: allocs=` line from RGO_ALLOCSTATS=1 ({})",
            rgo_run.excerpt()
        )
    })?;
    let (gc_stats, gc_stderr) = take_alloc_line(&gc_run.stderr, "gc: ")
        .ok_or_else(|| format!("no `gc: allocs=` line ({})", gc_run.excerpt()))?;
    let same_output = [(&rgo_run, &rgo_stderr), (&gc_run, &gc_stderr)]
        .iter()
        .all(|(f, stderr)| {
            f.stdout == plain.stdout && **stderr == plain.stderr && f.status == plain.status
        });
    if !same_output {
        eprintln!("{ALLOC_BENCH}: OUTPUTS DIFFER between rgo, gc and the instrumented gc copy");
    }
    let mut row = AllocRow {
        rgo: rgo_stats,
        gc: gc_stats,
        rgo_time: Samples::default(),
        gc_time: Samples::default(),
        rgo_rss: 0.0,
        gc_rss: 0.0,
        same_output,
    };
    let (mut rgo_rss, mut gc_rss) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let f = exec(&rgo_exe, false)?;
        row.rgo_time.push(&f);
        rgo_rss.push(f.maxrss_kb as f64);
        let f = exec(&gc_exe, false)?;
        row.gc_time.push(&f);
        gc_rss.push(f.maxrss_kb as f64);
    }
    row.rgo_rss = median(&rgo_rss);
    row.gc_rss = median(&gc_rss);
    let _ = fs::remove_dir_all(&dir);
    Ok(row)
}

/// `a/b` as `1.23x`, or `-` when b is 0.
fn ratio_text(a: f64, b: f64) -> String {
    if b == 0.0 {
        "-".into()
    } else {
        format!("{:.2}x", a / b)
    }
}

fn alloc_section(rgo: &Path, gc: &Gc, source: &Path, runs: usize, scratch: &Path) -> String {
    println!(
        "== {ALLOC_BENCH}: heap allocations and time (benches/go/{ALLOC_BENCH}.go; \
         median of {runs} runs, milliseconds)"
    );
    println!(
        "   rgo: RGO_ALLOCSTATS=1 (mallocgc calls, size-class bytes); gc: runtime.MemStats \
         Mallocs/TotalAlloc at the end of an instrumented copy"
    );
    let row = match alloc_bench(rgo, gc, source, runs, scratch) {
        Ok(row) => row,
        Err(e) => {
            println!("{ALLOC_BENCH:<12} FAILED: {e}\n");
            return format!(" {ALLOC_BENCH} allocations FAILED;");
        }
    };
    println!(
        "{:<8} {:>12} {:>14} {:>9} {:>9} {:>12} {:>7}",
        "", "allocs", "bytes", "wall", "cpu", "max RSS KiB", "output"
    );
    let output = if row.same_output { "same" } else { "DIFF" };
    for (label, a, t, rss) in [
        ("rgo", row.rgo, &row.rgo_time, row.rgo_rss),
        ("gc", row.gc, &row.gc_time, row.gc_rss),
    ] {
        println!(
            "{label:<8} {:>12} {:>14} {:>9.1} {:>9.1} {:>12.0} {output:>7}",
            a.allocs,
            a.bytes,
            t.wall(),
            t.cpu(),
            rss
        );
    }
    let allocs = ratio_text(row.rgo.allocs as f64, row.gc.allocs as f64);
    let bytes = ratio_text(row.rgo.bytes as f64, row.gc.bytes as f64);
    let wall = ratio_text(row.rgo_time.wall(), row.gc_time.wall());
    let cpu = ratio_text(row.rgo_time.cpu(), row.gc_time.cpu());
    let rss = ratio_text(row.rgo_rss, row.gc_rss);
    println!(
        "{:<8} {allocs:>12} {bytes:>14} {wall:>9} {cpu:>9} {rss:>12}",
        "rgo/gc"
    );
    println!();
    format!(
        " {ALLOC_BENCH}: allocs rgo {} vs gc {} ({allocs}), bytes {} vs {} ({bytes}), \
         time {wall} (cpu {cpu}), output {output};",
        row.rgo.allocs, row.gc.allocs, row.rgo.bytes, row.gc.bytes
    )
}

// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// part 4: packages and the build cache

/// One program's builds with an empty and with a warm build cache, rgo vs go build.
struct CacheRow {
    label: &'static str,
    rgo: Samples,
    gc: Samples,
}

/// Runs `rgo build -v` / `go build -v` of `file` in `dir` with the given cache directory;
/// returns the measurement and the number of packages the tool says it compiled.
fn cached_build(
    rgo: &Path,
    gc: &Gc,
    dir: &Path,
    file: &str,
    cache: &Path,
    use_rgo: bool,
) -> Result<(Finished, usize), String> {
    let mut cmd = if use_rgo {
        let mut c = Command::new(rgo);
        c.env("RGO_CACHE", cache)
            .args(["build", "-v", "-o", "rgo.out", file]);
        c
    } else {
        let mut c = go_command(&gc.go, dir);
        c.env("GOCACHE", cache)
            .args(["build", "-v", "-o", "gobuild.out", file]);
        c
    };
    cmd.current_dir(dir);
    let f = run(&mut cmd, dir, BUILD_TIMEOUT)?;
    if !f.success() {
        let tool = if use_rgo { "rgo build" } else { "go build" };
        return Err(format!("{tool} failed: {}", f.excerpt()));
    }
    // Both print one import path per package compiled (rgo also `rgo: ...` notes).
    let n = String::from_utf8_lossy(&f.stderr)
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("rgo:") && !l.starts_with('#'))
        .count();
    Ok((f, n))
}

/// Summary of part 4 for the final line: cold and warm wall ratios rgo/gc, size ratio.
struct CacheSummary {
    cold: f64,
    warm: f64,
    size: f64,
}

fn cache_section(
    rgo: &Path,
    gc: &Gc,
    source: &Path,
    reps: usize,
    scratch: &Path,
) -> Result<CacheSummary, String> {
    let text = fs::read_to_string(source).map_err(|e| format!("{}: {e}", source.display()))?;
    let dir = scratch.join("pkgcache");
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = "main.go";
    let write = |tag: &str| {
        fs::write(dir.join(file), format!("{text}\n// rgo bench {tag}\n"))
            .map_err(|e| format!("write {file}: {e}"))
    };
    println!(
        "== Packages and the build cache: {} ({reps} build(s) per row), milliseconds",
        source.display()
    );
    println!(
        "   cold: empty RGO_CACHE / GOCACHE; warm: the same cache again, nothing changed; \
         warm+edit: main.go changed"
    );
    let mut rows = [
        CacheRow {
            label: "cold cache",
            rgo: Samples::default(),
            gc: Samples::default(),
        },
        CacheRow {
            label: "warm, nothing changed",
            rgo: Samples::default(),
            gc: Samples::default(),
        },
        CacheRow {
            label: "warm, main.go edited",
            rgo: Samples::default(),
            gc: Samples::default(),
        },
    ];
    let mut counts = [(0usize, 0usize); 3];
    for rep in 0..reps {
        for use_rgo in [true, false] {
            let cache = dir.join(format!("cache-{rep}-{use_rgo}"));
            let _ = fs::remove_dir_all(&cache);
            write(&format!("{rep}"))?;
            for (i, row) in rows.iter_mut().enumerate() {
                if i == 2 {
                    write(&format!("{rep}-edited"))?;
                }
                let (f, n) = cached_build(rgo, gc, &dir, file, &cache, use_rgo)?;
                if use_rgo {
                    row.rgo.push(&f);
                    counts[i].0 = n;
                } else {
                    row.gc.push(&f);
                    counts[i].1 = n;
                }
            }
            let _ = fs::remove_dir_all(&cache);
        }
    }
    let size = |name: &str| fs::metadata(dir.join(name)).map_or(0, |m| m.len());
    let (rgo_size, gc_size) = (size("rgo.out"), size("gobuild.out"));
    println!(
        "{:<24} {:>9} {:>9} {:>9} {:>9} | {:>8} {:>8} | {:>9} {:>9}",
        "", "rgo wall", "go wall", "rgo cpu", "go cpu", "wall", "cpu", "rgo pkgs", "go pkgs"
    );
    for (row, (rn, gn)) in rows.iter().zip(counts) {
        println!(
            "{:<24} {:>9.1} {:>9.1} {:>9.1} {:>9.1} | {:>7.2}x {:>7.2}x | {:>9} {:>9}",
            row.label,
            row.rgo.wall(),
            row.gc.wall(),
            row.rgo.cpu(),
            row.gc.cpu(),
            row.rgo.wall() / row.gc.wall(),
            row.rgo.cpu() / row.gc.cpu(),
            rn,
            gn
        );
    }
    println!(
        "executable size: rgo {rgo_size} bytes, gc {gc_size} bytes, rgo/gc {:.2}x",
        rgo_size as f64 / gc_size as f64
    );
    println!();
    let _ = fs::remove_dir_all(&dir);
    Ok(CacheSummary {
        cold: rows[0].rgo.wall() / rows[0].gc.wall(),
        warm: rows[1].rgo.wall() / rows[1].gc.wall(),
        size: rgo_size as f64 / gc_size as f64,
    })
}

fn go_files(dir: &Path, filter: Option<&str>) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .filter(|p| filter.is_none_or(|f| p.file_name().unwrap().to_string_lossy().contains(f)))
        .collect();
    files.sort();
    Ok(files)
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(opts) => opts,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("bench: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match bench(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(opts: &Options) -> Result<(), String> {
    let started = Instant::now();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("tests crate has no parent folder")?
        .to_path_buf();
    let rgo = locate_rgo(&root)?;
    let scratch = TempDir::new()?;
    let gc = setup_gc(&scratch.0)?;
    let filter = opts.filter.as_deref();
    let benches = go_files(&root.join("benches/go"), filter)?;
    let mut all = go_files(&root.join("tests/programs"), filter)?;
    all.extend(benches.iter().cloned());
    if all.is_empty() {
        return Err("no programs selected".into());
    }

    let age = fs::metadata(&rgo)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .map_or(String::new(), |d| {
            format!(" (built {} min ago)", d.as_secs() / 60)
        });
    println!("rgo: {}{age}", rgo.display());
    println!("gc:  {} ({})", gc.go.display(), gc.version);
    if let Ok(load) = fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!(
            "machine: {} CPUs, load average {}",
            thread::available_parallelism().map_or(0, |n| n.get()),
            load.join(" ")
        );
    }
    println!();

    let mut line = String::from("SUMMARY:");
    if opts.build {
        let s = build_times(&rgo, &gc, &all, opts.build_reps, &scratch.0);
        let _ = write!(
            line,
            " build of {} programs, median rgo/gc wall (cpu): vs go build {:.2}x ({:.2}x), \
             vs compile+link {:.2}x ({:.2}x)",
            s.programs, s.vs_build.0, s.vs_build.1, s.vs_tools.0, s.vs_tools.1
        );
        if s.failed > 0 {
            let _ = write!(line, ", {} failed", s.failed);
        }
        line.push(';');
    }
    if opts.run && !benches.is_empty() {
        let s = run_times(&rgo, &gc, &benches, opts, &scratch.0);
        let _ = write!(line, " run time rgo/gc:");
        for (name, ratio) in &s.ratios {
            let _ = write!(line, " {name} {ratio:.2}x,");
        }
        let _ = write!(
            line,
            " geomean {:.2}x; identical output {}/{}",
            s.geomean,
            s.same,
            s.ratios.len()
        );
        if s.failed > 0 {
            let _ = write!(line, ", {} failed", s.failed);
        }
        line.push(';');
    }
    let alloc_source = benches
        .iter()
        .find(|p| p.file_stem().is_some_and(|s| s == ALLOC_BENCH));
    if let (true, Some(source)) = (opts.run, alloc_source) {
        line += &alloc_section(&rgo, &gc, source, opts.runs, &scratch.0);
    }
    if opts.cache && opts.filter.is_none() {
        let hello = opts
            .hello
            .clone()
            .unwrap_or_else(|| root.join("examples/hello.go"));
        match cache_section(&rgo, &gc, &hello, opts.build_reps, &scratch.0) {
            Ok(s) => {
                let _ = write!(
                    line,
                    " {} rgo/gc: cold cache {:.2}x, warm {:.2}x, size {:.2}x;",
                    hello.file_name().unwrap_or_default().to_string_lossy(),
                    s.cold,
                    s.warm,
                    s.size
                );
            }
            Err(e) => {
                println!("packages and the build cache: FAILED: {e}\n");
                line += " build cache part failed;";
            }
        }
    }
    let _ = write!(line, " ({:.0} s)", started.elapsed().as_secs_f64());
    println!("{line}");
    Ok(())
}
