//! `rgo`: a Go compiler and linker written in Rust that lays out runtime data exactly as gc 1.27.3.
//!
//! Commands follow the go command's conventions:
//! `rgo build [-o out] [-gcflags=...] [-ldflags=...] files...`, `rgo run files... [args]`,
//! `rgo check [-v] packages...`, `rgo testdir DIR|FILE...`, `rgo version`.

mod cache;
mod driver;
mod inspect;
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
         \trgo build [-o output] [-gcflags=flags] [-ldflags=flags] [files.go]\n\
         \trgo run [build flags] files.go [arguments...]\n\
         \trgo check [-v] [files.go | dir | import path | std | pattern...]\n\
         \trgo testdir [-j N] DIR|FILE...\n\
         \trgo version\n\n\
         gcflags: -d=ir (dump rgo IR), -d=clif (Cranelift IR), -d=asm (machine code), -d=time\n\
         ldflags: -s (strip symbol table), -v (print the link layout)"
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
        "testdir" => {
            let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("rgo"));
            let code = testdir::run_testdir(rest, &exe);
            ExitCode::from(code.clamp(0, 255) as u8)
        }
        "inspect" => ExitCode::from(inspect::run_inspect(rest).clamp(0, 255) as u8),
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
    files: Vec<String>,
    /// Program arguments (`rgo run`).
    prog_args: Vec<String>,
}

/// Parses build flags and the file list. For `run`, arguments after the last .go file go to the
/// program.
fn parse_build_args(args: &[String], run: bool) -> Result<Parsed, String> {
    let mut p = Parsed {
        out: None,
        opts: BuildOptions::default(),
        files: Vec::new(),
        prog_args: Vec::new(),
    };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if !p.files.is_empty() && run && !a.ends_with(".go") {
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
        } else if a.starts_with('-') && p.files.is_empty() {
            return Err(format!("flag provided but not defined: {a}"));
        } else if a.ends_with(".go") {
            p.files.push(a.clone());
        } else {
            return Err(format!(
                "rgo: building packages by import path or directory is not supported yet: {a}"
            ));
        }
        i += 1;
    }
    if p.files.is_empty() {
        return Err("no go files listed".into());
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
            "-d=time" => o.timings = true,
            "-m" => o.escape_diagnostics = true,
            // Optimisation/inlining switches gc accepts; rgo has its own pipeline.
            "-N" | "-l" => {}
            other => return Err(format!("rgo: unsupported -gcflags value {other}")),
        }
    }
    Ok(())
}

fn apply_ldflags(v: &str, o: &mut BuildOptions) -> Result<(), String> {
    for f in v.split_whitespace() {
        match f {
            "-s" => o.strip = true,
            "-w" => {}
            "-v" => o.dumps.link = true,
            other => return Err(format!("rgo: unsupported -ldflags value {other}")),
        }
    }
    Ok(())
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

fn cmd_build(args: &[String]) -> ExitCode {
    let p = match parse_build_args(args, false) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let exe = match driver::build(&p.files, &p.opts) {
        Ok(b) => b,
        Err(e) => return report(e),
    };
    // `go build a.go b.go` names the output after the first file.
    let out = p.out.unwrap_or_else(|| {
        Path::new(&p.files[0])
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "a.out".into())
    });
    match write_exe(Path::new(&out), &exe) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn cmd_run(args: &[String]) -> ExitCode {
    let p = match parse_build_args(args, true) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let exe = match driver::build(&p.files, &p.opts) {
        Ok(b) => b,
        Err(e) => return report(e),
    };
    let dir = std::env::temp_dir().join(format!("rgo-run-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("rgo: {e}");
        return ExitCode::from(1);
    }
    let stem = Path::new(&p.files[0])
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "main".into());
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

/// `rgo check [-v] [files | dirs | import paths | std | patterns]`: loads and type-checks the
/// named packages and their dependencies, printing gc's diagnostics; with `-v`, a summary.
fn cmd_check(args: &[String]) -> ExitCode {
    let mut verbose = false;
    let mut escape = false;
    let mut targets = Vec::new();
    for a in args {
        match a.as_str() {
            "-v" => verbose = true,
            // Escape-analysis decisions of the named packages, as gc's -m (with -l).
            "-m" => escape = true,
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
                    let res = midend::escape::analyze(&prog, p.id);
                    let text = midend::escape::format_diagnostics(&prog, &res);
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
