//! `rgo testdir DIR|FILE...`: runs test files written in the format of the Go
//! repository's `test/` directory (the format of `cmd/internal/testdir`).
//!
//! Each file starts with an action header: the first line that is neither
//! blank nor a build constraint is a comment naming the action, e.g. `// run`,
//! `// errorcheck`, `// compile`. Three actions are supported:
//!
//! * `// run` (without arguments or flags): the file is built with
//!   `rgo build -o <tmp>/prog FILE`, run (10 s timeout), and its combined
//!   stdout+stderr must equal the `.out` file next to the `.go` file (or be
//!   empty if there is none), with exit status 0.
//! * `// errorcheck [flags]`: `rgo check -e FILE` (all errors, as gc's `-e`)
//!   must fail, and its errors must be exactly those announced by the file's
//!   `// ERROR "regexp"` comments (see [`errorcheck`] for the matching rules).
//!   The runner's own flags `-0` (must compile), `-1`, `-s` and `-t N` are
//!   honoured, as are compiler flags that cannot change the set of errors
//!   (`-d=panic`, which gc's runner always passes, `-e`, `-C`, `-l`, `-N`);
//!   with `-0 -m` or `-0 -m=2`, `rgo check -m[=2] [-l]` must succeed and its
//!   inlining and escape-analysis messages must match the ERROR comments;
//!   any other flag (`-live`, `-race`, `-lang=...`, `-d=...`, `-+`,
//!   `-std`, ...) asks for a diagnostic rgo does not produce or a mode it
//!   does not have, so the file is skipped, naming the flag.
//! * `// compile` (same flag rules): `rgo check FILE` must succeed.
//!
//! Every other action (`errorcheckdir`, `rundir`, `errorcheckwithauto`, ...),
//! `// run` with arguments or flags, and files whose build constraints are not
//! satisfied by linux/amd64 gc are skipped.
//!
//! Build constraints (`//go:build` and `// +build` lines before the `package`
//! clause) are evaluated the way `cmd/internal/testdir` does: a tag is true
//! iff it is `linux`, `amd64`, `gc`, `test_run`, a release tag `go1.1`…`go1.27`,
//! or one of gc 1.27.3's default `goexperiment.*` tags. `cgo`, `unix`,
//! `gcflags_noopt` and everything else are false (the Go runner itself does
//! not treat `unix` as satisfied).
//!
//! Usage: `rgo testdir [-j N] [-v] [-a ACTION]... DIR|FILE...`. A directory
//! means the `*.go` files directly inside it; `-a` limits the run to the given
//! actions (`run`, `errorcheck`, `compile`), skipping the others. Prints
//! `FAIL path: reason` per failing file (with `-v`, the whole reason, which for
//! errorcheck lists every mismatch) and a final `N passed, M failed, K skipped`
//! with a breakdown per action; the exit code is 0 iff M == 0.

mod errorcheck;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long one test program may run.
const RUN_TIMEOUT: Duration = Duration::from_secs(10);
/// How long `rgo build` may take for one file.
const BUILD_TIMEOUT: Duration = Duration::from_secs(120);
/// Highest release tag `go1.N` that is satisfied (gc 1.27).
const GO_MINOR: u32 = 27;
/// gc 1.27.3's default GOEXPERIMENT tool tags on linux/amd64.
const DEFAULT_EXPERIMENTS: &[&str] = &[
    "regabiwrappers",
    "regabiargs",
    "dwarf5",
    "jsonv2",
    "greenteagc",
    "randomizedheapbase64",
    "sizespecializedmalloc",
];

/// What to do with a test file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Build and run it, compare with the `.out` file.
    Run,
    /// Check it and match its errors against its `// ERROR` comments;
    /// `want_error` is false under the runner flag `-0`.
    ErrorCheck { want_error: bool, timeout: Duration },
    /// `// errorcheck -0 -m[=2] [-l]`: check it with `-m` (`-m=2`, and `-l` when given) and
    /// match the inlining and escape-analysis messages against its `// ERROR` comments.
    EscapeCheck {
        timeout: Duration,
        /// The `-m` level.
        m: u32,
        /// `-l`: no inlining.
        no_inline: bool,
    },
    /// Check it; it must compile.
    Compile { timeout: Duration },
    /// Don't run it; the reason.
    Skip(String),
}

impl Plan {
    /// The action's name, for `-a` and the per-action counts.
    fn action(&self) -> &'static str {
        match self {
            Plan::Run => "run",
            Plan::ErrorCheck { .. } | Plan::EscapeCheck { .. } => "errorcheck",
            Plan::Compile { .. } => "compile",
            Plan::Skip(_) => "skip",
        }
    }
}

/// Flags of an `errorcheck` or `compile` line: `(want_error, timeout)`, or why
/// the file must be skipped. `want_error` starts as the action's default.
fn parse_check_flags(
    action: &str,
    flags: &[&str],
    mut want_error: bool,
) -> Result<(bool, Duration), String> {
    let mut timeout = BUILD_TIMEOUT;
    let mut i = 0;
    while i < flags.len() {
        match flags[i] {
            // The runner's own flags.
            "-0" => want_error = false,
            "-1" => want_error = true,
            "-s" => {}
            "-t" => {
                i += 1;
                let secs = flags.get(i).and_then(|n| n.parse::<u64>().ok());
                match secs {
                    Some(n) => timeout = Duration::from_secs(n).max(BUILD_TIMEOUT),
                    None => return Err(format!("`{action}`: -t needs a number of seconds")),
                }
            }
            // Compiler flags that cannot change which errors are reported:
            // gc's runner always passes -d=panic (crash on internal errors)
            // and -e; -C drops columns (errorcheck ignores them anyway); -l
            // and -N only change inlining and optimisation.
            "-d=panic" | "-e" | "-C" | "-l" | "-N" => {}
            other => return Err(format!("`{action}`: flag {other} not supported")),
        }
        i += 1;
    }
    Ok((want_error, timeout))
}

/// Is `line` a `//go:build` line (as Go's `constraint.IsGoBuild`)?
fn is_go_build(line: &str) -> bool {
    let line = line.trim_start();
    match line.strip_prefix("//go:build") {
        Some(rest) => rest.is_empty() || rest.starts_with([' ', '\t']),
        None => false,
    }
}

/// Is `line` a `// +build` line (as Go's `constraint.IsPlusBuild`)?
fn is_plus_build(line: &str) -> bool {
    let line = line.trim_start();
    let Some(rest) = line.strip_prefix("//") else {
        return false;
    };
    match rest.trim_start().strip_prefix("+build") {
        Some(rest) => rest.is_empty() || rest.starts_with([' ', '\t']),
        None => false,
    }
}

/// The action header of a test file: the first line that is neither a build
/// constraint nor empty after removing a leading `//` and surrounding blanks.
pub fn action_line(src: &str) -> Option<&str> {
    for line in src.lines() {
        if is_go_build(line) || is_plus_build(line) {
            continue;
        }
        let action = line.strip_prefix("//").unwrap_or(line).trim();
        if !action.is_empty() {
            return Some(action);
        }
    }
    None
}

/// Is a build tag satisfied by linux/amd64 gc 1.27?
fn tag_satisfied(tag: &str) -> bool {
    if tag.is_empty()
        || !tag
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    {
        return false;
    }
    if let Some(minor) = tag.strip_prefix("go1.") {
        return minor
            .parse::<u32>()
            .is_ok_and(|m| (1..=GO_MINOR).contains(&m) && minor == m.to_string());
    }
    if let Some(exp) = tag.strip_prefix("goexperiment.") {
        return DEFAULT_EXPERIMENTS.contains(&exp);
    }
    matches!(tag, "linux" | "amd64" | "gc" | "test_run")
}

/// A parsed build-constraint expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Tag(String),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    /// Evaluates the expression with `tag_true` deciding each tag.
    pub fn eval(&self, tag_true: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Expr::Tag(t) => tag_true(t),
            Expr::Not(e) => !e.eval(tag_true),
            Expr::And(a, b) => a.eval(tag_true) && b.eval(tag_true),
            Expr::Or(a, b) => a.eval(tag_true) || b.eval(tag_true),
        }
    }
}

/// Recursive-descent parser for `//go:build` expressions.
struct ExprParser<'a> {
    tokens: Vec<&'a str>,
    pos: usize,
}

impl<'a> ExprParser<'a> {
    fn new(text: &'a str) -> Result<Self, String> {
        let mut tokens = Vec::new();
        let mut rest = text;
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            let len = if rest.starts_with("&&") || rest.starts_with("||") {
                2
            } else if rest.starts_with(['(', ')', '!']) {
                1
            } else {
                let n = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                    .unwrap_or(rest.len());
                if n == 0 {
                    return Err(format!("unexpected {:?}", rest.chars().next().unwrap()));
                }
                n
            };
            tokens.push(&rest[..len]);
            rest = &rest[len..];
        }
        Ok(ExprParser { tokens, pos: 0 })
    }

    fn peek(&self) -> Option<&'a str> {
        self.tokens.get(self.pos).copied()
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut e = self.and()?;
        while self.peek() == Some("||") {
            self.pos += 1;
            e = Expr::Or(Box::new(e), Box::new(self.and()?));
        }
        Ok(e)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut e = self.not()?;
        while self.peek() == Some("&&") {
            self.pos += 1;
            e = Expr::And(Box::new(e), Box::new(self.not()?));
        }
        Ok(e)
    }

    fn not(&mut self) -> Result<Expr, String> {
        if self.peek() == Some("!") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, String> {
        match self.peek() {
            Some("(") => {
                self.pos += 1;
                let e = self.or()?;
                if self.peek() != Some(")") {
                    return Err("missing )".into());
                }
                self.pos += 1;
                Ok(e)
            }
            Some(t) if !matches!(t, ")" | "&&" | "||") => {
                self.pos += 1;
                Ok(Expr::Tag(t.to_string()))
            }
            Some(t) => Err(format!("unexpected {t}")),
            None => Err("unexpected end of expression".into()),
        }
    }
}

/// Parses one build-constraint line (`//go:build expr` or `// +build a,b !c`),
/// like Go's `constraint.Parse`. Lines that are not constraints, or that do
/// not parse, give an error (and are then ignored, as by Go's test runner).
pub fn parse_constraint(line: &str) -> Result<Expr, String> {
    if is_go_build(line) {
        let text = line.trim_start().trim_start_matches("//go:build");
        let mut p = ExprParser::new(text)?;
        let e = p.or()?;
        if p.pos != p.tokens.len() {
            return Err(format!("unexpected {}", p.tokens[p.pos]));
        }
        return Ok(e);
    }
    if is_plus_build(line) {
        let text = line.trim_start()[2..].trim_start()["+build".len()..].trim();
        // Space-separated options are ORed; comma-separated terms are ANDed.
        let mut result: Option<Expr> = None;
        for option in text.split_whitespace() {
            let mut conj: Option<Expr> = None;
            for term in option.split(',') {
                let (neg, name) = match term.strip_prefix('!') {
                    Some(name) => (true, name),
                    None => (false, term),
                };
                if name.is_empty() || name.starts_with('!') {
                    return Err(format!("invalid +build term {term:?}"));
                }
                let mut atom = Expr::Tag(name.to_string());
                if neg {
                    atom = Expr::Not(Box::new(atom));
                }
                conj = Some(match conj {
                    Some(c) => Expr::And(Box::new(c), Box::new(atom)),
                    None => atom,
                });
            }
            let conj = conj.expect("split yields at least one term");
            result = Some(match result {
                Some(r) => Expr::Or(Box::new(r), Box::new(conj)),
                None => conj,
            });
        }
        return result.ok_or_else(|| "empty +build line".to_string());
    }
    Err("not a build constraint".into())
}

/// Checks the build constraints in the file's header (before the `package`
/// clause); `Err(line)` names the first unsatisfied one.
pub fn constraints_satisfied(src: &str) -> Result<(), String> {
    for line in src.lines() {
        if line.starts_with("package ") {
            break;
        }
        if let Ok(expr) = parse_constraint(line)
            && !expr.eval(&tag_satisfied)
        {
            return Err(line.to_string());
        }
    }
    Ok(())
}

/// Decides what to do with a test file from its source text.
pub fn plan(src: &str) -> Plan {
    let Some(action) = action_line(src) else {
        return Plan::Skip("no action header".into());
    };
    if let Err(line) = constraints_satisfied(src) {
        return Plan::Skip(format!("build constraint not satisfied: {line}"));
    }
    let words: Vec<&str> = action.split_whitespace().collect();
    match words.as_slice() {
        ["run"] => Plan::Run,
        ["run", ..] => Plan::Skip(format!("`{action}`: arguments or flags not supported")),
        ["errorcheck", flags @ ..] if flags.iter().any(|f| *f == "-m" || *f == "-m=2") => {
            // Inlining and escape-analysis tests: gc's -m output is what the ERROR comments
            // describe.
            let m = if flags.contains(&"-m=2") { 2 } else { 1 };
            let no_inline = flags.contains(&"-l");
            let rest: Vec<&str> = flags
                .iter()
                .copied()
                .filter(|f| *f != "-m" && *f != "-m=2")
                .collect();
            match parse_check_flags(action, &rest, false) {
                Ok((false, timeout)) => Plan::EscapeCheck {
                    timeout,
                    m,
                    no_inline,
                },
                Ok((true, _)) => Plan::Skip(format!("`{action}`: -m without -0 not supported")),
                Err(why) => Plan::Skip(why),
            }
        }
        ["errorcheck", flags @ ..] => match parse_check_flags(action, flags, true) {
            Ok((want_error, timeout)) => Plan::ErrorCheck {
                want_error,
                timeout,
            },
            Err(why) => Plan::Skip(why),
        },
        ["compile", flags @ ..] => match parse_check_flags(action, flags, false) {
            // `compile` has no ERROR comments to match: it must just compile.
            Ok((false, timeout)) => Plan::Compile { timeout },
            Ok((true, _)) => Plan::Skip(format!("`{action}`: -1 not supported")),
            Err(why) => Plan::Skip(why),
        },
        [other, ..] => Plan::Skip(format!("action `{other}` not supported")),
        [] => Plan::Skip("no action header".into()),
    }
}

/// Outcome of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Pass,
    Fail(String),
    Skip(String),
}

/// Output and status of a finished process.
struct Finished {
    output: Vec<u8>,
    status: std::process::ExitStatus,
    timed_out: bool,
}

/// Runs `cmd` with stdout and stderr sent to one pipe (so the output keeps the
/// order in which it was written), killing it after `timeout`.
fn run_combined(cmd: &mut Command, timeout: Duration) -> std::io::Result<Finished> {
    let (mut reader, writer) = std::io::pipe()?;
    cmd.stdin(Stdio::null())
        .stdout(writer.try_clone()?)
        .stderr(writer);
    let mut child = cmd.spawn()?;
    // Drop our copies of the write end (held by `cmd`), so the pipe reaches
    // EOF once the child and its descendants have exited.
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = reader.read_to_end(&mut buf);
        let _ = tx.send(buf);
    });
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
        std::thread::sleep(Duration::from_millis(5));
    };
    let output = rx.recv_timeout(Duration::from_secs(2)).unwrap_or_default();
    Ok(Finished {
        output,
        status,
        timed_out,
    })
}

fn describe(status: &std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(sig)) => format!("killed by signal {sig}"),
        _ => status.to_string(),
    }
}

fn first_line(text: &[u8]) -> String {
    let text = String::from_utf8_lossy(text);
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("# "))
        .unwrap_or("")
        .to_string()
}

/// Where two outputs first differ, as a short reason.
fn output_difference(want: &[u8], got: &[u8]) -> String {
    let w: Vec<&[u8]> = want.split(|&b| b == b'\n').collect();
    let g: Vec<&[u8]> = got.split(|&b| b == b'\n').collect();
    let i = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    let show = |lines: &[&[u8]]| match lines.get(i) {
        Some(l) => format!("{:?}", String::from_utf8_lossy(l)),
        None => "end of output".to_string(),
    };
    format!(
        "output differs at line {}: got {}, want {}",
        i + 1,
        show(&g),
        show(&w)
    )
}

/// Replaces every `\r\n` by `\n`, as Go's test runner does.
fn crlf_to_lf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        if !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            out.push(b);
        }
    }
    out
}

/// A fresh temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "rgo-testdir-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs one test file, if its action is among `actions` (all when empty);
/// returns the action's name with the outcome.
fn run_file(path: &Path, rgo_exe: &Path, actions: &[String]) -> (&'static str, Outcome) {
    let src = match std::fs::read(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => return ("skip", Outcome::Fail(format!("cannot read: {e}"))),
    };
    let plan = plan(&src);
    let action = plan.action();
    if !actions.is_empty() && !matches!(plan, Plan::Skip(_)) && !actions.iter().any(|a| a == action)
    {
        return (
            "skip",
            Outcome::Skip(format!("action `{action}` not selected")),
        );
    }
    let outcome = match plan {
        Plan::Skip(why) => Outcome::Skip(why),
        Plan::Run => build_and_run(path, rgo_exe),
        Plan::ErrorCheck {
            want_error,
            timeout,
        } => check_errors(path, &src, rgo_exe, want_error, timeout),
        Plan::EscapeCheck {
            timeout,
            m,
            no_inline,
        } => check_escape(path, &src, rgo_exe, timeout, m, no_inline),
        Plan::Compile { timeout } => compile_only(path, rgo_exe, timeout),
    };
    (action, outcome)
}

/// Runs `rgo check [-e] FILE` in the file's directory (so that rgo names it
/// `./FILE`, as the go command would); returns the output and whether the
/// check succeeded, or a failure reason.
fn run_check(
    path: &Path,
    rgo_exe: &Path,
    all: bool,
    timeout: Duration,
) -> Result<(String, bool), String> {
    let mut cmd = Command::new(rgo_exe);
    cmd.arg("check");
    if all {
        cmd.arg("-e");
    }
    match (
        path.parent().filter(|d| !d.as_os_str().is_empty()),
        path.file_name(),
    ) {
        (Some(dir), Some(name)) => {
            cmd.current_dir(dir).arg(name);
        }
        _ => {
            cmd.arg(path);
        }
    }
    let done = run_combined(&mut cmd, timeout)
        .map_err(|e| format!("cannot run {}: {e}", rgo_exe.display()))?;
    if done.timed_out {
        return Err(format!("check timed out after {}s", timeout.as_secs()));
    }
    // Killed by a signal or exit status 101 (a Rust panic): rgo crashed.
    if done.status.code().is_none_or(|c| c > 2) {
        let line = first_line(&done.output);
        return Err(format!("rgo crashed ({}): {line}", describe(&done.status)));
    }
    Ok((
        String::from_utf8_lossy(&done.output).into_owned(),
        done.status.success(),
    ))
}

/// The `errorcheck -0 -m` action: `rgo check -m` must succeed, and its escape
/// messages must match the ERROR comments.
fn check_escape(
    path: &Path,
    src: &str,
    rgo_exe: &Path,
    timeout: Duration,
    m: u32,
    no_inline: bool,
) -> Outcome {
    let short = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let want = match errorcheck::wanted_errors(src, &short) {
        Ok(w) => w,
        Err(e) => return Outcome::Fail(e),
    };
    // `rgo check -m`: escape analysis of the package without building it (the files are
    // often not package main, and may import packages rgo cannot build yet).
    let mut cmd = Command::new(rgo_exe);
    cmd.arg("check").arg(if m > 1 { "-m=2" } else { "-m" });
    if no_inline {
        cmd.arg("-l");
    }
    match (
        path.parent().filter(|d| !d.as_os_str().is_empty()),
        path.file_name(),
    ) {
        (Some(dir), Some(name)) => {
            cmd.current_dir(dir).arg(name);
        }
        _ => {
            cmd.arg(path);
        }
    }
    let done = match run_combined(&mut cmd, timeout) {
        Ok(d) => d,
        Err(e) => return Outcome::Fail(format!("cannot run {}: {e}", rgo_exe.display())),
    };
    if done.timed_out {
        return Outcome::Fail(format!("build timed out after {}s", timeout.as_secs()));
    }
    let out = String::from_utf8_lossy(&done.output).into_owned();
    if !done.status.success() {
        return Outcome::Fail(format!("build failed: {}", first_line(&done.output)));
    }
    let dot = format!("./{short}");
    let full = path.display().to_string();
    match errorcheck::error_check(&out, &[full.as_str(), dot.as_str()], &short, &want) {
        Ok(()) => Outcome::Pass,
        Err(e) => Outcome::Fail(e),
    }
}

/// The `errorcheck` action.
fn check_errors(
    path: &Path,
    src: &str,
    rgo_exe: &Path,
    want_error: bool,
    timeout: Duration,
) -> Outcome {
    let short = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let want = match errorcheck::wanted_errors(src, &short) {
        Ok(w) => w,
        Err(e) => return Outcome::Fail(e),
    };
    let (out, ok) = match run_check(path, rgo_exe, true, timeout) {
        Ok(r) => r,
        Err(e) => return Outcome::Fail(e),
    };
    if want_error && ok {
        return Outcome::Fail("compilation succeeded unexpectedly".into());
    }
    if !want_error && !ok {
        return Outcome::Fail(format!(
            "compilation failed: {}",
            first_line(out.as_bytes())
        ));
    }
    let dot = format!("./{short}");
    let full = path.display().to_string();
    match errorcheck::error_check(&out, &[full.as_str(), dot.as_str()], &short, &want) {
        Ok(()) => Outcome::Pass,
        Err(e) => Outcome::Fail(e),
    }
}

/// The `compile` action.
fn compile_only(path: &Path, rgo_exe: &Path, timeout: Duration) -> Outcome {
    match run_check(path, rgo_exe, false, timeout) {
        Ok((_, true)) => Outcome::Pass,
        Ok((out, false)) => Outcome::Fail(format!("check failed: {}", first_line(out.as_bytes()))),
        Err(e) => Outcome::Fail(e),
    }
}

/// Builds and runs one `// run` file.
fn build_and_run(path: &Path, rgo_exe: &Path) -> Outcome {
    let want = match std::fs::read(path.with_extension("out")) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Outcome::Fail(format!("cannot read .out file: {e}")),
    };
    let tmp = match TempDir::new() {
        Ok(t) => t,
        Err(e) => return Outcome::Fail(format!("cannot create a temp dir: {e}")),
    };
    let exe = tmp.0.join("prog");
    let mut build = Command::new(rgo_exe);
    build.arg("build").arg("-o").arg(&exe).arg(path);
    let built = match run_combined(&mut build, BUILD_TIMEOUT) {
        Ok(b) => b,
        Err(e) => return Outcome::Fail(format!("cannot run {}: {e}", rgo_exe.display())),
    };
    if built.timed_out {
        return Outcome::Fail(format!(
            "build timed out after {}s",
            BUILD_TIMEOUT.as_secs()
        ));
    }
    if !built.status.success() {
        let line = first_line(&built.output);
        let line = if line.is_empty() {
            describe(&built.status)
        } else {
            line
        };
        return Outcome::Fail(format!("build failed: {line}"));
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let mut run = Command::new(&exe);
    if let Some(dir) = dir {
        run.current_dir(dir);
    }
    let ran = match run_combined(&mut run, RUN_TIMEOUT) {
        Ok(r) => r,
        Err(e) => return Outcome::Fail(format!("cannot run the built program: {e}")),
    };
    if ran.timed_out {
        return Outcome::Fail(format!("timed out after {}s", RUN_TIMEOUT.as_secs()));
    }
    if !ran.status.success() {
        let line = first_line(&ran.output);
        let status = describe(&ran.status);
        return Outcome::Fail(if line.is_empty() {
            status
        } else {
            format!("{status}: {line}")
        });
    }
    let got = crlf_to_lf(&ran.output);
    if got != want {
        return Outcome::Fail(output_difference(&want, &got));
    }
    Outcome::Pass
}

/// Expands the arguments into the list of files: a directory stands for the
/// `*.go` files directly inside it (not starting with `.`), sorted.
fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries =
                std::fs::read_dir(p).map_err(|e| format!("cannot list {}: {e}", p.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && f.extension().is_some_and(|e| e == "go")
                        && !f
                            .file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with('.'))
                })
                .collect();
            found.sort();
            files.extend(found);
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            return Err(format!("{}: no such file or directory", p.display()));
        }
    }
    Ok(files)
}

const USAGE: &str = "usage: rgo testdir [-j N] [-v] [-a ACTION]... DIR|FILE...";

/// Entry point of `rgo testdir`; `args` are the arguments after `testdir`.
/// Returns the process exit code: 0 iff no file failed, 2 for usage errors.
pub fn run_testdir(args: &[String], rgo_exe: &Path) -> i32 {
    let mut jobs = 2usize;
    let mut verbose = false;
    let mut actions: Vec<String> = Vec::new();
    let mut paths = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let jobs_arg = if a == "-j" {
            i += 1;
            Some(args.get(i).map(String::as_str).unwrap_or(""))
        } else {
            a.strip_prefix("-j=")
        };
        if let Some(n) = jobs_arg {
            match n.parse::<usize>() {
                Ok(n) if n > 0 => jobs = n,
                _ => {
                    eprintln!("rgo testdir: -j needs a positive number, got {n:?}\n{USAGE}");
                    return 2;
                }
            }
        } else if a == "-v" {
            verbose = true;
        } else if a == "-a" {
            i += 1;
            match args.get(i).map(String::as_str) {
                Some(act @ ("run" | "errorcheck" | "compile")) => actions.push(act.to_string()),
                other => {
                    eprintln!(
                        "rgo testdir: -a needs run, errorcheck or compile, got {other:?}\n{USAGE}"
                    );
                    return 2;
                }
            }
        } else if a == "-h" || a == "-help" || a == "--help" {
            eprintln!("{USAGE}");
            return 2;
        } else if a.starts_with('-') && a.len() > 1 {
            eprintln!("rgo testdir: unknown flag {a}\n{USAGE}");
            return 2;
        } else {
            paths.push(PathBuf::from(a));
        }
        i += 1;
    }
    if paths.is_empty() {
        eprintln!("{USAGE}");
        return 2;
    }
    let files = match collect_files(&paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("rgo testdir: {e}");
            return 2;
        }
    };

    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Option<(&str, Outcome)>>> = Mutex::new(vec![None; files.len()]);
    let print_lock = Mutex::new(());
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(files.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    let Some(file) = files.get(i) else { break };
                    let (action, outcome) = run_file(file, rgo_exe, &actions);
                    {
                        let _guard = print_lock.lock().unwrap();
                        match &outcome {
                            // Errorcheck reasons can run to many lines; without
                            // -v show the first, to keep one line per failure.
                            Outcome::Fail(why) if !verbose => println!(
                                "FAIL {}: {}",
                                file.display(),
                                why.lines().next().unwrap_or("")
                            ),
                            Outcome::Fail(why) => println!("FAIL {}: {why}", file.display()),
                            Outcome::Pass if verbose => println!("ok   {}", file.display()),
                            Outcome::Skip(why) if verbose => {
                                println!("skip {}: {why}", file.display())
                            }
                            _ => {}
                        }
                    }
                    results.lock().unwrap()[i] = Some((action, outcome));
                }
            });
        }
    });
    let results = results.into_inner().unwrap();
    let count = |act: Option<&str>, f: fn(&Outcome) -> bool| {
        results
            .iter()
            .flatten()
            .filter(|(a, o)| act.is_none_or(|act| act == *a) && f(o))
            .count()
    };
    let passed = count(None, |o| matches!(o, Outcome::Pass));
    let failed = count(None, |o| matches!(o, Outcome::Fail(_)));
    let skipped = count(None, |o| matches!(o, Outcome::Skip(_)));
    let mut per_action = Vec::new();
    for act in ["run", "errorcheck", "compile"] {
        let p = count(Some(act), |o| matches!(o, Outcome::Pass));
        let f = count(Some(act), |o| matches!(o, Outcome::Fail(_)));
        if p + f > 0 {
            per_action.push(format!("{act} {p}/{}", p + f));
        }
    }
    if per_action.is_empty() {
        println!("{passed} passed, {failed} failed, {skipped} skipped");
    } else {
        println!(
            "{passed} passed, {failed} failed, {skipped} skipped ({})",
            per_action.join(", ")
        );
    }
    if failed == 0 { 0 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_plan(src: &str) -> Plan {
        plan(src)
    }

    #[test]
    fn plain_run_header() {
        let src = "// run\n\n// Copyright 2009 The Go Authors.\n\npackage main\n\nfunc main() {}\n";
        assert_eq!(action_line(src), Some("run"));
        assert_eq!(header_plan(src), Plan::Run);
    }

    #[test]
    fn run_after_build_lines_and_blank_lines() {
        let src = "//go:build linux && amd64\n\n// run\n\npackage main\n";
        assert_eq!(action_line(src), Some("run"));
        assert_eq!(header_plan(src), Plan::Run);
        let src = "// +build linux\n\n// run\n\npackage main\n";
        assert_eq!(header_plan(src), Plan::Run);
        let src = "\n\n//\n//   run   \npackage main\n";
        assert_eq!(header_plan(src), Plan::Run);
    }

    #[test]
    fn other_actions_are_skipped() {
        for (src, word) in [
            ("// errorcheckdir\n\npackage ignored\n", "errorcheckdir"),
            (
                "// compile -d=ssa/check/on\n\npackage p\n",
                "-d=ssa/check/on",
            ),
            ("// errorcheck -lang=go1.17\n\npackage p\n", "-lang=go1.17"),
            (
                "// errorcheckwithauto -0 -m\n\npackage p\n",
                "errorcheckwithauto",
            ),
            ("// rundir\n\npackage ignored\n", "rundir"),
            ("// skip\n\npackage main\n", "skip"),
            ("// runoutput ./rotate.go\n\npackage main\n", "runoutput"),
            ("// errorcheck -0 -live\n\npackage p\n", "-live"),
        ] {
            match header_plan(src) {
                Plan::Skip(why) => assert!(why.contains(word), "{src:?}: {why}"),
                other => panic!("{src:?} should be skipped, got {other:?}"),
            }
        }
    }

    #[test]
    fn check_actions_and_their_flags() {
        let ec = |want_error, secs| Plan::ErrorCheck {
            want_error,
            timeout: Duration::from_secs(secs),
        };
        let t = BUILD_TIMEOUT.as_secs();
        assert_eq!(header_plan("// errorcheck\n\npackage p\n"), ec(true, t));
        // -m and -m=2 check the -m lines; -l turns inlining (and its lines) off.
        assert_eq!(
            header_plan("// errorcheck -0 -m=2 -l\n\npackage p\n"),
            Plan::EscapeCheck {
                timeout: BUILD_TIMEOUT,
                m: 2,
                no_inline: true
            }
        );
        assert_eq!(
            header_plan("// errorcheck -0 -m\n\npackage p\n"),
            Plan::EscapeCheck {
                timeout: BUILD_TIMEOUT,
                m: 1,
                no_inline: false
            }
        );
        assert_eq!(
            header_plan("// errorcheck -d=panic -l -N -e -C\npackage p\n"),
            ec(true, t)
        );
        assert_eq!(
            header_plan("// errorcheck -0 -l\npackage p\n"),
            ec(false, t)
        );
        assert_eq!(
            header_plan("// errorcheck -t 900\npackage p\n"),
            ec(true, 900)
        );
        // A shorter -t than rgo's own build timeout doesn't shorten it.
        assert_eq!(header_plan("// errorcheck -t 1\npackage p\n"), ec(true, t));
        assert!(matches!(
            header_plan("// errorcheck -t\npackage p\n"),
            Plan::Skip(_)
        ));
        assert_eq!(
            header_plan("// compile\n\npackage p\n"),
            Plan::Compile {
                timeout: BUILD_TIMEOUT
            }
        );
        assert!(matches!(
            header_plan("// compile -1\npackage p\n"),
            Plan::Skip(_)
        ));
        assert!(matches!(
            header_plan("//go:build windows\n// errorcheck\npackage p\n"),
            Plan::Skip(_)
        ));
    }

    #[test]
    fn run_with_arguments_or_flags_is_skipped() {
        for src in [
            "// run -gcflags=-d=checkptr\n\npackage main\n",
            "// run arg1 arg2\n\npackage main\n",
            "// run -goexperiment fieldtrack\n\npackage main\n",
        ] {
            assert!(matches!(header_plan(src), Plan::Skip(_)), "{src:?}");
        }
    }

    #[test]
    fn files_without_a_header_are_skipped() {
        assert_eq!(action_line(""), None);
        assert_eq!(action_line("\n\n//go:build linux\n"), None);
        assert!(matches!(header_plan(""), Plan::Skip(_)));
        // The first non-blank line is not a comment: not a runnable test.
        assert_eq!(action_line("package main\n"), Some("package main"));
        assert!(matches!(header_plan("package main\n"), Plan::Skip(_)));
    }

    #[test]
    fn unsatisfied_constraints_skip_run_files() {
        for src in [
            "//go:build windows\n\n// run\n\npackage main\n",
            "//go:build !amd64\n// run\npackage main\n",
            "// run\n\n//go:build arm64\n\npackage main\n",
            "// +build darwin\n\n// run\n\npackage main\n",
            "// +build linux,386\n\n// run\n\npackage main\n",
            "// +build linux\n// +build cgo\n\n// run\n\npackage main\n",
            "//go:build cgo\n\n// run\n\npackage main\n",
            "//go:build unix\n\n// run\n\npackage main\n",
            "//go:build ignore\n\n// run\n\npackage main\n",
            "//go:build go1.99\n\n// run\n\npackage main\n",
            "//go:build goexperiment.newinliner\n\n// run\n\npackage main\n",
        ] {
            match header_plan(src) {
                Plan::Skip(why) => assert!(why.contains("constraint"), "{src:?}: {why}"),
                other => panic!("{src:?} should be skipped, got {other:?}"),
            }
        }
        // Constraint-looking lines after the package clause don't count.
        assert_eq!(
            header_plan("// run\n\npackage main\n//go:build windows\n"),
            Plan::Run
        );
    }

    #[test]
    fn satisfied_constraints_run() {
        for src in [
            "//go:build amd64\n\n// run\n\npackage main\n",
            "//go:build linux || darwin\n\n// run\n\npackage main\n",
            "//go:build !wasm && !aix\n\n// run\n\npackage main\n",
            "//go:build (amd64 && goexperiment.regabiargs) || (arm64 && goexperiment.regabiargs)\n// run\npackage main\n",
            "//go:build !nacl && !js && gc && !wasip1\n\n// run\n\npackage main\n",
            "//go:build amd64 && !gcflags_noopt\n\n// run\n\npackage main\n",
            "//go:build go1.22 && !go1.28\n\n// run\n\npackage main\n",
            "// +build !windows,!plan9 linux\n\n// run\n\npackage main\n",
            "// +build amd64 arm64\n\n// run\n\npackage main\n",
        ] {
            assert_eq!(header_plan(src), Plan::Run, "{src:?}");
        }
    }

    #[test]
    fn malformed_constraints_are_ignored() {
        // Go's runner ignores lines that constraint.Parse rejects.
        let src =
            "//go:build bad // ERROR \"misplaced compiler directive\"\n\n// run\n\npackage main\n";
        assert!(parse_constraint(src.lines().next().unwrap()).is_err());
        assert_eq!(header_plan(src), Plan::Run);
    }

    #[test]
    fn expression_parsing_and_precedence() {
        let t = |s: &str| -> bool {
            parse_constraint(&format!("//go:build {s}"))
                .unwrap_or_else(|e| panic!("{s}: {e}"))
                .eval(&|tag| tag == "a" || tag == "b")
        };
        assert!(t("a"));
        assert!(!t("c"));
        assert!(t("a && b"));
        assert!(!t("a && c"));
        assert!(t("c || a"));
        assert!(t("!c"));
        assert!(t("!!a"));
        assert!(t("c && c || a")); // && binds tighter than ||
        assert!(!t("c && (c || a)"));
        assert!(t("!(c || !a)"));
        assert!(t("((a))"));
        for bad in ["", "a &&", "(a", "a)", "a b", "&& a", "a | b", "a & b"] {
            assert!(
                parse_constraint(&format!("//go:build {bad}")).is_err(),
                "{bad:?} should not parse"
            );
        }
        assert!(parse_constraint("//go:buildx").is_err());
        assert!(parse_constraint("// run").is_err());
    }

    #[test]
    fn plus_build_semantics() {
        let t = |s: &str| -> bool {
            parse_constraint(s)
                .unwrap_or_else(|e| panic!("{s}: {e}"))
                .eval(&tag_satisfied)
        };
        assert!(t("// +build linux"));
        assert!(t("//+build linux"));
        assert!(!t("// +build windows"));
        assert!(t("// +build windows linux")); // space = OR
        assert!(!t("// +build linux,386")); // comma = AND
        assert!(t("// +build linux,amd64"));
        assert!(t("// +build !windows"));
        assert!(!t("// +build !linux"));
        assert!(parse_constraint("// +build").is_err());
        assert!(parse_constraint("// +build !!linux").is_err());
        assert!(parse_constraint("// +buildlinux").is_err());
    }

    #[test]
    fn tags() {
        for tag in [
            "linux",
            "amd64",
            "gc",
            "test_run",
            "go1.1",
            "go1.21",
            "go1.27",
            "goexperiment.regabiargs",
        ] {
            assert!(tag_satisfied(tag), "{tag}");
        }
        for tag in [
            "windows",
            "arm64",
            "gccgo",
            "cgo",
            "unix",
            "ignore",
            "go1.28",
            "go1.0",
            "go1.021",
            "go2",
            "goexperiment.fieldtrack",
            "gcflags_noopt",
            "amd64.v3",
            "",
            "linux/amd64",
        ] {
            assert!(!tag_satisfied(tag), "{tag}");
        }
    }

    #[test]
    fn crlf_is_normalized() {
        assert_eq!(crlf_to_lf(b"a\r\nb\r\r\n\r"), b"a\nb\r\n\r".to_vec());
    }

    #[test]
    fn output_difference_reason() {
        let r = output_difference(b"a\nb\n", b"a\nc\n");
        assert!(
            r.contains("line 2") && r.contains("\"c\"") && r.contains("\"b\""),
            "{r}"
        );
        let r = output_difference(b"a\n", b"a\nmore\n");
        assert!(r.contains("line 2"), "{r}");
    }

    /// Runs the whole command on a temporary test directory, with a fake
    /// `rgo` (a shell script) whose "executables" print the `//OUT: ` lines of
    /// their source and exit with the status in a `//EXIT: ` line.
    #[test]
    fn end_to_end_with_fake_compiler() {
        let dir = TempDir::new().unwrap();
        let d = &dir.0;
        let rgo = d.join("fake-rgo");
        std::fs::write(
            &rgo,
            "#!/bin/sh\n\
             # fake rgo: build -o OUT SRC, or check [-e] SRC printing SRC's //CHECK: lines\n\
             if [ \"$1\" = check ]; then\n\
               shift; [ \"$1\" = -e ] && shift\n\
               out=$(sed -n \"s|^//CHECK: |./$1:|p\" \"$1\")\n\
               [ -z \"$out\" ] && exit 0\n\
               echo '# command-line-arguments' >&2; echo \"$out\" >&2; exit 1\n\
             fi\n\
             [ \"$1\" = build ] && [ \"$2\" = -o ] || exit 9\n\
             if grep -q '^//BUILDFAIL' \"$4\"; then echo \"$4:3:1: undefined: x\" >&2; exit 1; fi\n\
             code=$(sed -n 's|^//EXIT: ||p' \"$4\")\n\
             printf '#!/bin/sh\\nsed -n \"s|^//OUT: ||p\" \"%s\"\\necho err >&2\\nexit %s\\n' \"$4\" \"${code:-0}\" > \"$3\"\n\
             chmod +x \"$3\"\n",
        )
        .unwrap();
        let mut perms = std::fs::metadata(&rgo).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&rgo, perms).unwrap();
        let tests = d.join("t");
        std::fs::create_dir(&tests).unwrap();
        let write = |name: &str, text: &str| std::fs::write(tests.join(name), text).unwrap();
        write("pass.go", "// run\n\npackage main\n//OUT: hello\n");
        write("pass.out", "hello\nerr\n");
        write("noout.go", "// run\n\npackage main\n");
        write("wrong.go", "// run\n\npackage main\n//OUT: bye\n");
        write("wrong.out", "hello\nerr\n");
        write("exit.go", "// run\n\npackage main\n//OUT: x\n//EXIT: 2\n");
        write("exit.out", "x\nerr\n");
        write("buildfail.go", "// run\n\npackage main\n//BUILDFAIL\n");
        write(
            "errcheck.go",
            "// errorcheck\n\npackage main\nvar x = y // ERROR \"undefined: y\"\n//CHECK: 4:9: undefined: y\n",
        );
        write(
            "errextra.go",
            "// errorcheck\n\npackage main\nvar x = y // ERROR \"undefined\"\n//CHECK: 4:9: undefined: y\n//CHECK: 6:1: other\n",
        );
        write("errnone.go", "// errorcheck\n\npackage main\n");
        write("compile.go", "// compile\n\npackage p\n");
        write(
            "compilebad.go",
            "// compile\n\npackage p\n//CHECK: 4:1: bad\n",
        );
        write(
            "windows.go",
            "//go:build windows\n\n// run\n\npackage main\n",
        );
        write("notes.txt", "not a go file\n");

        let args = vec![
            "-j".to_string(),
            "3".to_string(),
            tests.display().to_string(),
        ];
        // noout.go fails too: "err" on stderr, but there is no .out file.
        assert_eq!(run_testdir(&args, &rgo), 1);
        let results: Vec<(String, Outcome)> = collect_files(std::slice::from_ref(&tests))
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f.file_name().unwrap().to_string_lossy().into_owned(),
                    run_file(f, &rgo, &[]).1,
                )
            })
            .collect();
        let get = |n: &str| results.iter().find(|(f, _)| f == n).unwrap().1.clone();
        assert_eq!(results.len(), 11);
        assert_eq!(get("pass.go"), Outcome::Pass);
        assert!(matches!(get("noout.go"), Outcome::Fail(w) if w.contains("output differs")));
        assert!(matches!(get("wrong.go"), Outcome::Fail(w) if w.contains("output differs")));
        assert!(matches!(get("exit.go"), Outcome::Fail(w) if w.starts_with("exit status 2")));
        assert!(
            matches!(get("buildfail.go"), Outcome::Fail(w) if w.starts_with("build failed: ") && w.contains("undefined: x"))
        );
        assert_eq!(get("errcheck.go"), Outcome::Pass);
        assert!(
            matches!(get("errextra.go"), Outcome::Fail(w) if w.contains("Unmatched Errors:\nerrextra.go:6:1: other"))
        );
        assert!(
            matches!(get("errnone.go"), Outcome::Fail(w) if w.contains("succeeded unexpectedly"))
        );
        assert_eq!(get("compile.go"), Outcome::Pass);
        assert!(matches!(get("compilebad.go"), Outcome::Fail(w) if w.contains("bad")));
        // -a selects actions.
        let only_run = ["run".to_string()];
        assert!(matches!(
            run_file(&tests.join("errcheck.go"), &rgo, &only_run),
            ("skip", Outcome::Skip(_))
        ));
        assert_eq!(
            run_file(&tests.join("errcheck.go"), &rgo, &["errorcheck".into()]),
            ("errorcheck", Outcome::Pass)
        );
        assert!(matches!(get("windows.go"), Outcome::Skip(_)));

        // Only passing and skipped files: exit code 0.
        let ok_args = vec![
            tests.join("pass.go").display().to_string(),
            tests.join("errcheck.go").display().to_string(),
        ];
        assert_eq!(run_testdir(&ok_args, &rgo), 0);
        // Usage errors.
        assert_eq!(run_testdir(&[], &rgo), 2);
        assert_eq!(run_testdir(&["-j".into(), "0".into(), "x".into()], &rgo), 2);
        assert_eq!(run_testdir(&["-q".into()], &rgo), 2);
        assert_eq!(
            run_testdir(&[d.join("missing").display().to_string()], &rgo),
            2
        );
    }

    #[test]
    fn timeout_kills_a_hanging_program() {
        let start = Instant::now();
        let r = run_combined(
            Command::new("sh").args(["-c", "echo a; echo b >&2; exec sleep 30"]),
            Duration::from_millis(300),
        )
        .unwrap();
        assert!(r.timed_out);
        assert!(start.elapsed() < Duration::from_secs(10));
        assert_eq!(r.output, b"a\nb\n");
    }
}
