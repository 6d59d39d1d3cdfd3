//! `rgo`: a Go compiler and linker written in Rust that lays out runtime data exactly as gc 1.27.3.
//!
//! Commands follow the go command's conventions:
//! `rgo build [-o out] [-v] [-a] [-p n] [-gcflags=...] [-ldflags=...] [files.go | packages]`,
//! `rgo run files.go|package [args]`, `rgo check [-v] packages...`, `rgo testdir DIR|FILE...`,
//! `rgo clean -cache`, `rgo env`, `rgo version`. Packages are compiled through the build cache
//! (`cache`, docs/cache.md), independent packages in parallel (`driver`).

mod asmpkg;
mod cache;
mod driver;
mod explain;
mod inspect;
mod test;
mod testdir;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use driver::{BuildError, BuildOptions};

const VERSION: &str = "go1.27.3";

fn usage() -> ExitCode {
    eprintln!(
        "rgo is a Go compiler and linker written in Rust.\n\n\
         Usage:\n\n\
         \trgo build [-o output] [-v] [-a] [-p n] [-gcflags=flags] [-ldflags=flags] [files.go | packages]\n\
         \trgo run [build flags] files.go|package [arguments...]\n\
         \trgo check [-v] [files.go | dir | import path | std | pattern...]\n\
         \trgo test [build/test flags] [packages] [test binary flags]\n\
         \trgo testdir [-j N] DIR|FILE...\n\
         \trgo clean -cache\n\
         \trgo env [var...]\n\
         \trgo version\n\n\
         -v prints the packages compiled (not taken from the build cache), -a rebuilds them all,\n\
         -p n compiles at most n packages (and n functions) at once (default: the number of CPUs).\n\
         The build cache is $RGO_CACHE, else $XDG_CACHE_HOME/rgo, else ~/.cache/rgo (RGO_CACHE=off\n\
         disables it).\n\
         gcflags: -d=ir (dump rgo IR), -d=clif (Cranelift IR), -d=asm (machine code),\n\
         -d=ssa/check_bce (bounds checks left), -d=time\n\
         ldflags: -s (strip symbol table and DWARF), -w (omit DWARF), -v (print the link layout),\n\
         \t-X importpath.name=value (set a string variable's initial value)"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        return usage();
    };
    let rest = &args[1..];
    match cmd.as_str() {
        "build" => cmd_build(rest),
        "run" => cmd_run(rest),
        "check" => cmd_check(rest),
        "test" => test::cmd_test(rest),
        "clean" => cmd_clean(rest),
        "env" => cmd_env(rest),
        "testdir" => {
            let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("rgo"));
            let code = testdir::run_testdir(rest, &exe);
            ExitCode::from(code.clamp(0, 255) as u8)
        }
        "inspect" => ExitCode::from(inspect::run_inspect(rest).clamp(0, 255) as u8),
        "explain" => ExitCode::from(explain::run_explain(rest).clamp(0, 255) as u8),
        "version" => {
            println!(
                "rgo version {VERSION} (rgo {}) linux/amd64",
                env!("CARGO_PKG_VERSION")
            );
            ExitCode::SUCCESS
        }
        "help" | "-h" | "--help" => {
            usage();
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("rgo {other}: unknown command\nRun 'rgo help' for usage.");
            ExitCode::from(2)
        }
    }
}

struct Parsed {
    out: Option<String>,
    opts: BuildOptions,
    /// `.go` files, or package arguments (directories, import paths, patterns).
    targets: Vec<String>,
    /// The targets are `.go` files (one package, `command-line-arguments`).
    files: bool,
    /// Program arguments (`rgo run`).
    prog_args: Vec<String>,
}

/// Parses build flags and the targets. For `run`, the targets are the leading `.go` files, or
/// else the first argument (a package), and the arguments after them go to the program.
fn parse_build_args(args: &[String], run: bool) -> Result<Parsed, String> {
    let mut p = Parsed {
        out: None,
        opts: BuildOptions::default(),
        targets: Vec::new(),
        files: false,
        prog_args: Vec::new(),
    };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if run && !p.targets.is_empty() && (!p.files || !a.ends_with(".go")) {
            p.prog_args = args[i..].to_vec();
            break;
        }
        if a == "-o" {
            i += 1;
            p.out = Some(args.get(i).ok_or("flag needs an argument: -o")?.clone());
        } else if let Some(v) = a.strip_prefix("-o=") {
            p.out = Some(v.to_string());
        } else if let Some(v) = a.strip_prefix("-gcflags=") {
            apply_gcflags(v, &mut p.opts)?;
        } else if a == "-gcflags" {
            i += 1;
            apply_gcflags(
                args.get(i).ok_or("flag needs an argument: -gcflags")?,
                &mut p.opts,
            )?;
        } else if let Some(v) = a.strip_prefix("-ldflags=") {
            apply_ldflags(v, &mut p.opts)?;
        } else if a == "-ldflags" {
            i += 1;
            apply_ldflags(
                args.get(i).ok_or("flag needs an argument: -ldflags")?,
                &mut p.opts,
            )?;
        } else if a == "-buildmode" || a.starts_with("-buildmode=") {
            let v = match a.strip_prefix("-buildmode=") {
                Some(v) => v.to_string(),
                None => {
                    i += 1;
                    args.get(i)
                        .ok_or("flag needs an argument: -buildmode")?
                        .clone()
                }
            };
            match v.as_str() {
                "default" | "exe" => p.opts.plugin = false,
                "plugin" => p.opts.plugin = true,
                other => return Err(format!("-buildmode={other} not supported by rgo")),
            }
        } else if a == "-v" {
            p.opts.verbose = true;
        } else if a == "-a" {
            p.opts.rebuild_all = true;
        } else if a == "-p" || a.starts_with("-p=") {
            let v = match a.strip_prefix("-p=") {
                Some(v) => v.to_string(),
                None => {
                    i += 1;
                    args.get(i).ok_or("flag needs an argument: -p")?.clone()
                }
            };
            let n: usize = v
                .parse()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("invalid value \"{v}\" for flag -p"))?;
            p.opts.jobs = Some(n);
        } else if a.starts_with('-') && p.targets.is_empty() {
            return Err(format!("flag provided but not defined: {a}"));
        } else {
            if p.targets.is_empty() {
                p.files = a.ends_with(".go");
            }
            p.targets.push(a.clone());
        }
        i += 1;
    }
    if p.files
        && let Some(bad) = p.targets.iter().find(|t| !t.ends_with(".go"))
    {
        return Err(format!("named files must be .go files: {bad}"));
    }
    if !p.files
        && let Some(f) = p.targets.iter().find(|t| t.ends_with(".go"))
    {
        return Err(format!(
            "named files must all be in one directory; have {} and {f}",
            p.targets[0]
        ));
    }
    if p.targets.is_empty() {
        if run {
            return Err("go: no go files listed".into());
        }
        // Like the go command: the package in the current directory.
        p.targets.push(".".into());
    }
    Ok(p)
}

fn apply_gcflags(v: &str, o: &mut BuildOptions) -> Result<(), String> {
    for f in v.split_whitespace() {
        let f = f.trim_start_matches("all=");
        match f {
            "-d=ir" => o.dumps.ir = true,
            "-d=clif" => o.dumps.clif = true,
            "-d=asm" => o.dumps.asm = true,
            "-d=ssa/check_bce" | "-d=ssa/check_bce/debug=1" => o.dumps.check_bce = true,
            "-d=time" => o.timings = true,
            "-m" => {
                o.escape_diagnostics = true;
                o.m_level = o.m_level.max(1);
            }
            "-m=2" => {
                o.escape_diagnostics = true;
                o.m_level = 2;
            }
            "-l" => o.no_inline = true,
            // gc's optimisation switch; rgo has its own pipeline.
            "-N" => {}
            other => return Err(format!("rgo: unsupported -gcflags value {other}")),
        }
    }
    Ok(())
}

/// Applies one `-ldflags` value as the go command does (cmd/go/internal/load/flag.go): an
/// optional `pattern=` prefix (rgo links one program, so every pattern names it), then the
/// linker's arguments split with the go command's quoting rules (`'...'` and `"..."` group,
/// no escapes). A later `-ldflags` replaces an earlier one, as the go command's last matching
/// pattern wins.
fn apply_ldflags(v: &str, o: &mut BuildOptions) -> Result<(), String> {
    let v = match v.find('=') {
        Some(i) if !v.starts_with('-') && !v.is_empty() => {
            if i == 0 {
                return Err("missing <pattern> in <pattern>=<value>".into());
            }
            &v[i + 1..]
        }
        None if !v.starts_with('-') && !v.trim().is_empty() => {
            return Err("missing =<value> in <pattern>=<value>".into());
        }
        _ => v,
    };
    let args = split_quoted(v)?;
    o.strip = false;
    o.no_dwarf = false;
    o.dumps.link = false;
    o.string_defs.clear();
    let mut i = 0;
    while i < args.len() {
        // The linker parses its arguments with Go's flag package: `-f`, `--f`, `-f=v`.
        let a = &args[i];
        let body = a
            .strip_prefix("--")
            .or_else(|| a.strip_prefix('-'))
            .ok_or_else(|| format!("rgo: unsupported -ldflags argument {a}"))?;
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (body, None),
        };
        let flag_bool = |v: Option<&str>| -> Result<bool, String> {
            match v {
                None | Some("1" | "t" | "T" | "true" | "TRUE" | "True") => Ok(true),
                Some("0" | "f" | "F" | "false" | "FALSE" | "False") => Ok(false),
                Some(v) => Err(format!(
                    "invalid boolean value \"{v}\" for -{name}: parse error"
                )),
            }
        };
        match name {
            "s" => o.strip = flag_bool(inline)?,
            "w" => o.no_dwarf = flag_bool(inline)?,
            "v" => o.dumps.link = flag_bool(inline)?,
            "X" => {
                let def = match inline {
                    Some(d) => d.to_string(),
                    None => {
                        i += 1;
                        args.get(i).cloned().ok_or("flag needs an argument: -X")?
                    }
                };
                o.add_string_def(&def)?;
            }
            other => return Err(format!("rgo: unsupported -ldflags value -{other}")),
        }
        i += 1;
    }
    Ok(())
}

/// Splits a flags value into arguments as the go command's `quoted.Split` does: runs of
/// non-space bytes, or text between a pair of single or double quotes taken verbatim.
fn split_quoted(mut s: &str) -> Result<Vec<String>, String> {
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(is_space);
        let Some(first) = s.chars().next() else {
            return Ok(out);
        };
        if first == '"' || first == '\'' {
            let rest = &s[1..];
            let end = rest
                .find(first)
                .ok_or_else(|| format!("unterminated {first} string"))?;
            out.push(rest[..end].to_string());
            s = &rest[end + 1..];
        } else {
            let end = s.find(is_space).unwrap_or(s.len());
            out.push(s[..end].to_string());
            s = &s[end..];
        }
    }
}

fn report(e: BuildError) -> ExitCode {
    match e {
        BuildError::Diagnostics(text) => {
            eprint!("{text}");
            ExitCode::from(1)
        }
        BuildError::Other(msg) => {
            eprintln!("{msg}");
            ExitCode::from(1)
        }
    }
}

/// [`report`] for one of several packages of a build: a `# pkg` block of diagnostics already
/// printed for another package (a library that two commands import) is not printed again.
fn report_once(e: BuildError, seen: &mut std::collections::HashSet<String>) {
    let BuildError::Diagnostics(text) = e else {
        report(e);
        return;
    };
    let mut block = String::new();
    let mut flush = |block: &mut String| {
        if !block.is_empty() && seen.insert(block.clone()) {
            eprint!("{block}");
        }
        block.clear();
    };
    for line in text.split_inclusive('\n') {
        if line.starts_with("# ") {
            flush(&mut block);
        }
        block.push_str(line);
    }
    flush(&mut block);
}

fn write_exe(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let write = || -> std::io::Result<()> {
        let _ = std::fs::remove_file(path);
        let mut f = std::fs::File::create(path)?;
        f.write_all(bytes)?;
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
    };
    write().map_err(|e| format!("rgo: writing {}: {e}", path.display()))
}

/// The executable name the go command gives a main package: the last element of its import
/// path, or the one before when that is a major version suffix (`example.com/cmd/v2` → `cmd`).
fn default_exe_name(import_path: &str) -> String {
    let mut elems = import_path.rsplit('/');
    let last = elems.next().unwrap_or(import_path);
    // cmd/go's isVersionElement: v2, v3, ..., v10, ... but not v0*, v1.
    let is_version = last.len() > 1
        && last.starts_with('v')
        && last[1..].bytes().all(|b| b.is_ascii_digit())
        && !last[1..].starts_with('0')
        && last != "v1";
    match elems.next() {
        Some(prev) if is_version => prev.to_string(),
        _ => last.to_string(),
    }
}

/// `-o /dev/null` builds and discards the result (never replaces the device).
const DEV_NULL: &str = "/dev/null";

/// `-o` names a directory: it ends in a slash or exists as one.
fn out_is_dir(out: &str) -> bool {
    out != DEV_NULL && (out.ends_with('/') || Path::new(out).is_dir())
}

/// Writes an executable where `go build` would: `out` (a file or a directory), else `name` in
/// the current directory.
fn place_exe(out: Option<&str>, name: &str, exe: &[u8]) -> Result<(), String> {
    let path = match out {
        // As the go command: build, and discard the result.
        Some(DEV_NULL) => return Ok(()),
        Some(o) if out_is_dir(o) => {
            std::fs::create_dir_all(o).map_err(|e| format!("go: creating {o}: {e}"))?;
            Path::new(o).join(name)
        }
        Some(o) => PathBuf::from(o),
        None => {
            if Path::new(name).is_dir() {
                return Err(format!(
                    "go: build output \"{name}\" already exists and is a directory"
                ));
            }
            PathBuf::from(name)
        }
    };
    write_exe(&path, exe)
}

/// `rgo build -buildmode=plugin`: one main package, written to -o or, as the go command
/// names it, `<first file or last path element>.so`.
fn build_plugin(p: &Parsed, roots: &[driver::RootPackage]) -> ExitCode {
    let [root] = roots else {
        eprintln!("-buildmode=plugin requires exactly one main package");
        return ExitCode::from(1);
    };
    if root.name != "main" {
        eprintln!("-buildmode=plugin requires exactly one main package");
        return ExitCode::from(1);
    }
    let so = match driver::build_plugin(&p.targets, &p.opts) {
        Ok(b) => b,
        Err(e) => return report(e),
    };
    let stem = if p.files {
        Path::new(&p.targets[0])
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "a".into())
    } else {
        default_exe_name(&root.import_path)
    };
    match place_exe(p.out.as_deref(), &format!("{stem}.so"), &so) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn cmd_build(args: &[String]) -> ExitCode {
    let p = match parse_build_args(args, false) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let roots = match driver::list_roots(&p.targets) {
        Ok(r) => r,
        Err(e) => return report(e),
    };
    if p.opts.plugin {
        return build_plugin(&p, &roots);
    }
    if p.files && roots.iter().all(|r| r.name == "main") {
        let exe = match driver::build(&p.targets, &p.opts) {
            Ok(b) => b,
            Err(e) => return report(e),
        };
        // `go build a.go b.go` names the output after the first file.
        let name = Path::new(&p.targets[0])
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "a.out".into());
        return match place_exe(p.out.as_deref(), &name, &exe) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(1)
            }
        };
    }
    let out_dir = p.out.as_deref().filter(|o| out_is_dir(o));
    if let Some(o) = p.out.as_deref()
        && out_dir.is_none()
        && o != DEV_NULL
    {
        if roots.len() > 1 {
            eprintln!("go: cannot write multiple packages to non-directory {o}");
            return ExitCode::from(1);
        }
        if let Some(r) = roots.first()
            && r.name != "main"
        {
            eprintln!(
                "rgo: -o {o}: {} is not a main package, and rgo writes no package archives",
                r.import_path
            );
            return ExitCode::from(1);
        }
    }
    let mut failed = false;
    let mut seen = std::collections::HashSet::new();
    // Library packages: checked and compiled (into the cache), as go build does, nothing written.
    // Named by files, the files are the package.
    let libs: Vec<String> = if p.files {
        p.targets.clone()
    } else {
        roots
            .iter()
            .filter(|r| r.name != "main")
            .map(|r| r.import_path.clone())
            .collect()
    };
    if !libs.is_empty() {
        match driver::compile_only(&libs, &p.opts) {
            Ok(_) => {}
            Err(e) => {
                report_once(e, &mut seen);
                failed = true;
            }
        }
    }
    // Each command is its own program (every one of them is package `main`). A single command
    // is written out (to -o, or named after its import path); several only with -o DIR/, as
    // the go command discards them otherwise.
    let write = roots.len() == 1 || out_dir.is_some();
    for r in roots.iter().filter(|r| r.name == "main") {
        match driver::build(std::slice::from_ref(&r.import_path), &p.opts) {
            Ok(exe) => {
                if write
                    && let Err(e) =
                        place_exe(p.out.as_deref(), &default_exe_name(&r.import_path), &exe)
                {
                    eprintln!("{e}");
                    failed = true;
                }
            }
            Err(e) => {
                report_once(e, &mut seen);
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn cmd_run(args: &[String]) -> ExitCode {
    let p = match parse_build_args(args, true) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            // `go run` with nothing to run exits 1; bad flags are usage errors.
            return ExitCode::from(if e.starts_with("go: ") { 1 } else { 2 });
        }
    };
    let (target, stem) = if p.files {
        let stem = Path::new(&p.targets[0])
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "main".into());
        (p.targets.clone(), stem)
    } else {
        let mut roots = match driver::list_roots(&p.targets) {
            Ok(r) => r,
            Err(e) => return report(e),
        };
        let pattern = p.targets[0].contains("...");
        if pattern {
            // A pattern runs only main packages (cmd/go's MainPackagesOnly).
            let before = roots.len();
            roots.retain(|r| r.name == "main");
            if roots.is_empty() && before > 0 {
                eprintln!(
                    "go: warning: \"{}\" matched only non-main packages",
                    p.targets[0]
                );
            }
            roots.sort_by(|a, b| a.import_path.cmp(&b.import_path));
        }
        match roots.as_slice() {
            [r] if r.name == "main" => (
                vec![r.import_path.clone()],
                default_exe_name(&r.import_path),
            ),
            [r] => {
                eprintln!("package {} is not a main package", r.import_path);
                return ExitCode::from(1);
            }
            [] => {
                eprintln!("go: no packages loaded from {}", p.targets[0]);
                return ExitCode::from(1);
            }
            many => {
                eprintln!("go: pattern {} matches multiple packages:", p.targets[0]);
                for r in many {
                    eprintln!("\t{}", r.import_path);
                }
                return ExitCode::from(1);
            }
        }
    };
    let exe = match driver::build(&target, &p.opts) {
        Ok(b) => b,
        Err(e) => return report(e),
    };
    let dir = std::env::temp_dir().join(format!("rgo-run-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("rgo: {e}");
        return ExitCode::from(1);
    }
    let path = dir.join(stem);
    if let Err(e) = write_exe(&path, &exe) {
        eprintln!("{e}");
        return ExitCode::from(1);
    }
    let status = std::process::Command::new(&path)
        .args(&p.prog_args)
        .status();
    let _ = std::fs::remove_dir_all(&dir);
    match status {
        Ok(s) => match s.code() {
            Some(0) => ExitCode::SUCCESS,
            Some(c) => {
                // Like `go run`, report a non-zero exit status.
                eprintln!("exit status {c}");
                ExitCode::from(1)
            }
            None => {
                use std::os::unix::process::ExitStatusExt;
                eprintln!("signal: {}", s.signal().unwrap_or(0));
                ExitCode::from(1)
            }
        },
        Err(e) => {
            eprintln!("rgo: running {}: {e}", path.display());
            ExitCode::from(1)
        }
    }
}

/// `rgo clean -cache`: empties the package build cache.
fn cmd_clean(args: &[String]) -> ExitCode {
    if args != ["-cache"] {
        eprintln!("usage: rgo clean -cache\n(rgo clean only removes the build cache)");
        return ExitCode::from(2);
    }
    let Some(dir) = cache::default_dir() else {
        // RGO_CACHE=off: nothing to clean.
        return ExitCode::SUCCESS;
    };
    match cache::clean(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rgo: cleaning the build cache {}: {e}", dir.display());
            ExitCode::from(1)
        }
    }
}

/// `rgo env [VAR...]`: rgo's environment as `go env` prints it (RGOCACHE is the build cache).
fn cmd_env(args: &[String]) -> ExitCode {
    let vars = [
        (
            "GOROOT",
            frontend::load::default_goroot()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        ),
        ("GOOS", "linux".to_string()),
        ("GOARCH", "amd64".to_string()),
        ("GOVERSION", VERSION.to_string()),
        (
            "RGOCACHE",
            cache::default_dir()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "off".into()),
        ),
    ];
    if args.is_empty() {
        for (k, v) in &vars {
            println!("{k}='{v}'");
        }
        return ExitCode::SUCCESS;
    }
    for a in args {
        match vars.iter().find(|(k, _)| k == a) {
            Some((_, v)) => println!("{v}"),
            None => println!(),
        }
    }
    ExitCode::SUCCESS
}

/// `rgo check [-v] [files | dirs | import paths | std | patterns]`: loads and type-checks the
/// named packages and their dependencies, printing gc's diagnostics; with `-v`, a summary.
fn cmd_check(args: &[String]) -> ExitCode {
    let mut verbose = false;
    let mut escape = false;
    let mut m_level = 1;
    let mut no_inline = false;
    let mut targets = Vec::new();
    for a in args {
        match a.as_str() {
            "-v" => verbose = true,
            // Escape-analysis decisions of the named packages, as gc's -m (with -l).
            "-m" => escape = true,
            "-m=2" => {
                escape = true;
                m_level = 2;
            }
            // gc's -l: no inlining, so only escape analysis's lines.
            "-l" => no_inline = true,
            // Hidden, as gc's -e: report all errors, not just the first 10 (`rgo testdir`
            // needs every error of an errorcheck file).
            "-e" => frontend::diag::set_report_all(true),
            s if s.starts_with('-') => {
                eprintln!("flag provided but not defined: {s}");
                return ExitCode::from(2);
            }
            _ => targets.push(a.clone()),
        }
    }
    if targets.is_empty() {
        // Like the go command: no arguments means the package in the current directory.
        targets.push(".".to_string());
    }
    let t0 = std::time::Instant::now();
    let mut stats = driver::CheckStats::default();
    let result = driver::load_and_check(&targets, &mut stats);
    if verbose {
        let secs = t0.elapsed().as_secs_f64();
        let mb = stats.bytes as f64 / 1e6;
        eprintln!(
            "rgo check: {} packages, {} files, {:.1} MB; load+parse {:.2?} ({:.1} MB/s), check {:.2?}, total {:.2}s",
            stats.packages,
            stats.files,
            mb,
            stats.load,
            mb / stats.load.as_secs_f64().max(1e-9),
            stats.check,
            secs
        );
    }
    match result {
        Ok((prog, infos)) => {
            if escape {
                for info in infos.iter().filter(|p| p.root) {
                    let Some(p) = prog.packages.iter().find(|p| {
                        p.files.first().map(|f| f.file_index) == info.file_indices.first().copied()
                    }) else {
                        continue;
                    };
                    let text = driver::diagnostics_m(&prog, p.id, m_level, no_inline);
                    if !text.is_empty() {
                        eprintln!("# {}", info.import_path);
                        eprint!("{text}");
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => report(e),
    }
}

#[cfg(test)]
mod tests {
    use super::default_exe_name;

    #[test]
    fn executable_names_follow_the_go_command() {
        assert_eq!(default_exe_name("example.com/demo"), "demo");
        assert_eq!(default_exe_name("example.com/demo/cmd/tool"), "tool");
        // A major version suffix names nothing: the element before it does.
        assert_eq!(default_exe_name("example.com/demo/v2"), "demo");
        assert_eq!(default_exe_name("example.com/v2/cmd/tool"), "tool");
        assert_eq!(default_exe_name("example.com/demo/v0"), "v0");
        assert_eq!(default_exe_name("example.com/demo/v1"), "v1");
        assert_eq!(default_exe_name("example.com/demo/v10"), "demo");
        assert_eq!(default_exe_name("example.com/demo/v"), "v");
        assert_eq!(default_exe_name("hello"), "hello");
    }
}
