//! rgo-fuzz: checks that rgo's frontend and midend never panic, whatever the source text.
//!
//! ```text
//! rgo-fuzz fuzz [--seconds N] [--jobs J] [--seed S] [--out DIR] [SEED_DIR...]
//!     Mutates seed .go files (default: $GOROOT/src, tests/programs, tests/errors) and runs every
//!     mutant through parse → check → lower (when it checks), each in a worker process (so stack
//!     overflows and aborts are caught too) with a 2 s limit per input. Panics are saved as
//!     DIR/crash-N.go (+ .txt with the panic), hangs as DIR/hang-N.go; DIR is /tmp/rgo-fuzz.
//! rgo-fuzz dir PATH [--package] [--no-lower]
//!     Runs every .go file under PATH (or, with --package, every directory's files grouped by
//!     package clause) through parse → check → lower and reports panics, hangs and, for files
//!     outside testdata/, parse failures. Exit status 1 if anything panicked or hung.
//! rgo-fuzz run [--package] [-v] FILE...
//!     Runs files (each alone, or all as one package) and prints the outcome or the panic
//!     (with -v also the errors).
//! rgo-fuzz min FILE [OUT]
//!     Shrinks a crashing input while it still panics at the same place (default OUT: FILE.min.go).
//! ```

mod mutate;
mod pipeline;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use mutate::Rng;
use pipeline::{Executor, Outcome, RunResult};

/// The gc sources rgo is pinned to (used when $GOROOT is unset).
const PINNED_GOROOT: &str = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/go";
/// Exit status of a worker that abandoned a hung input.
const EXIT_HANG: i32 = 3;
/// Seeds larger than this are skipped (they make executions slow without adding much).
const MAX_SEED_BYTES: usize = 64 * 1024;

fn usage() -> ! {
    eprintln!(
        "usage: rgo-fuzz fuzz [--seconds N] [--jobs J] [--seed S] [--out DIR] [SEED_DIR...]\n\
         \x20      rgo-fuzz dir PATH [--package] [--no-lower]\n\
         \x20      rgo-fuzz run [--package] FILE...\n\
         \x20      rgo-fuzz min FILE [OUT]"
    );
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else { usage() };
    let rest = &args[1..];
    match cmd.as_str() {
        "fuzz" => fuzz(&FuzzOpts::parse(rest)),
        "worker" => worker(&FuzzOpts::parse(rest)),
        "dir" => dir(rest),
        "dir-worker" => dir_worker(rest),
        "run" => run_files(rest),
        "min" => minimize(rest),
        _ => usage(),
    }
}

fn goroot_src() -> PathBuf {
    let root = std::env::var_os("GOROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(PINNED_GOROOT));
    root.join("src")
}

fn repo_dir(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

/// Every `.go` file under `dir`, sorted.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "go") {
            out.push(p);
        }
    }
}

fn read_lossy(p: &Path) -> Option<String> {
    std::fs::read(p)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn one_line(s: &str) -> String {
    let s = s.replace(['\n', '\t'], " ");
    if s.len() > 300 {
        let mut end = 300;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &s[..end])
    } else {
        s
    }
}

// ---------------------------------------------------------------------------------------------
// Fuzzing

struct FuzzOpts {
    seconds: u64,
    jobs: usize,
    seed: u64,
    out: PathBuf,
    id: usize,
    seed_dirs: Vec<PathBuf>,
    timeout: Duration,
}

impl FuzzOpts {
    fn parse(args: &[String]) -> FuzzOpts {
        let mut o = FuzzOpts {
            seconds: 60,
            jobs: 1,
            seed: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1),
            out: PathBuf::from("/tmp/rgo-fuzz"),
            id: 0,
            seed_dirs: Vec::new(),
            timeout: Duration::from_secs(2),
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut val = || it.next().cloned().unwrap_or_else(|| usage());
            match a.as_str() {
                "--seconds" => o.seconds = val().parse().unwrap_or_else(|_| usage()),
                "--jobs" => o.jobs = val().parse().unwrap_or_else(|_| usage()),
                "--seed" => o.seed = val().parse().unwrap_or_else(|_| usage()),
                "--out" => o.out = PathBuf::from(val()),
                "--id" => o.id = val().parse().unwrap_or_else(|_| usage()),
                "--timeout-ms" => {
                    o.timeout = Duration::from_millis(val().parse().unwrap_or_else(|_| usage()))
                }
                s if s.starts_with("--") => usage(),
                s => o.seed_dirs.push(PathBuf::from(s)),
            }
        }
        o
    }

    fn worker_args(&self, id: usize, seed: u64, seconds: u64) -> Vec<String> {
        let mut v = vec![
            "worker".to_string(),
            "--id".into(),
            id.to_string(),
            "--seed".into(),
            seed.to_string(),
            "--seconds".into(),
            seconds.to_string(),
            "--out".into(),
            self.out.display().to_string(),
            "--timeout-ms".into(),
            self.timeout.as_millis().to_string(),
        ];
        v.extend(self.seed_dirs.iter().map(|d| d.display().to_string()));
        v
    }
}

/// Seed files in three pools: rgo's test programs (they check and lower), rgo's error tests, and
/// everything else (GOROOT).
struct Seeds {
    programs: Vec<String>,
    errors: Vec<String>,
    other: Vec<String>,
}

impl Seeds {
    fn load(dirs: &[PathBuf]) -> Seeds {
        let mut s = Seeds {
            programs: Vec::new(),
            errors: Vec::new(),
            other: Vec::new(),
        };
        let read_all = |dir: &Path, into: &mut Vec<String>| {
            let mut files = Vec::new();
            walk(dir, &mut files);
            for f in files {
                if let Some(t) = read_lossy(&f)
                    && t.len() <= MAX_SEED_BYTES
                {
                    into.push(t);
                }
            }
        };
        if dirs.is_empty() {
            read_all(&repo_dir("tests/programs"), &mut s.programs);
            read_all(&repo_dir("tests/errors"), &mut s.errors);
            read_all(&goroot_src(), &mut s.other);
        } else {
            for d in dirs {
                read_all(d, &mut s.other);
            }
        }
        s
    }

    fn len(&self) -> usize {
        self.programs.len() + self.errors.len() + self.other.len()
    }

    fn pick<'a>(&'a self, rng: &mut Rng, dynamic: &'a [String]) -> &'a str {
        let pools: [&[String]; 4] = [&self.programs, &self.errors, &self.other, dynamic];
        let weights = [35u64, 10, 40, 15];
        loop {
            let mut r = rng.next() % 100;
            for (pool, w) in pools.iter().zip(weights) {
                if r < w {
                    if !pool.is_empty() {
                        return &pool[rng.below(pool.len())];
                    }
                    break;
                }
                r -= w;
            }
        }
    }
}

/// One fuzzing process: prints `STAT`, `CRASH` and `HANG` lines for the supervisor.
fn worker(o: &FuzzOpts) {
    pipeline::install_quiet_hook();
    let seeds = Seeds::load(&o.seed_dirs);
    if seeds.len() == 0 {
        eprintln!("no seed files");
        std::process::exit(2);
    }
    let _ = std::fs::create_dir_all(&o.out);
    let cur_path = o.out.join(format!("cur-{}.go", o.id));
    let mut rng = Rng::new(o.seed);
    let exec = Executor::new();
    let deadline = Instant::now() + Duration::from_secs(o.seconds);
    let mut last_stat = Instant::now();
    let mut counts = [0u64; 5];
    let mut seen: HashSet<String> = HashSet::new();
    // Mutants that still type-check, to mutate further.
    let mut dynamic: Vec<String> = Vec::new();
    let mut saved = 0;
    let stdout = std::io::stdout();
    while Instant::now() < deadline {
        let base = seeds.pick(&mut rng, &dynamic);
        let other = seeds.pick(&mut rng, &dynamic);
        let text = mutate::mutate(&mut rng, base, other);
        let _ = std::fs::write(&cur_path, &text);
        let r = exec.run(vec![("fuzz.go".into(), text.clone())], true, o.timeout);
        counts[0] += 1;
        match r {
            RunResult::Done(out) => {
                let i = match out {
                    Outcome::ParseError => 1,
                    Outcome::CheckError => 2,
                    Outcome::LowerError => 3,
                    Outcome::Lowered => 4,
                };
                counts[i] += 1;
                if matches!(out, Outcome::Lowered | Outcome::LowerError) && text.len() < 32 * 1024 {
                    if dynamic.len() < 2000 {
                        dynamic.push(text);
                    } else {
                        let i = rng.below(dynamic.len());
                        dynamic[i] = text;
                    }
                }
            }
            RunResult::Panicked(p) => {
                if seen.insert(p.key()) {
                    saved += 1;
                    let f = o.out.join(format!("w{}-{}-{saved}.go", o.id, o.seed));
                    let _ = std::fs::write(&f, &text);
                    let mut l = stdout.lock();
                    let _ = writeln!(
                        l,
                        "CRASH\t{}\t{}\t{}",
                        f.display(),
                        p.location,
                        one_line(&p.message)
                    );
                    let _ = l.flush();
                }
            }
            RunResult::TimedOut => {
                let f = o.out.join(format!("w{}-{}-hang.go", o.id, o.seed));
                let _ = std::fs::write(&f, &text);
                let mut l = stdout.lock();
                let _ = writeln!(l, "STAT\t{}", counts.map(|c| c.to_string()).join("\t"));
                let _ = writeln!(l, "HANG\t{}", f.display());
                let _ = l.flush();
                std::process::exit(EXIT_HANG);
            }
        }
        if last_stat.elapsed() >= Duration::from_millis(500) {
            last_stat = Instant::now();
            let mut l = stdout.lock();
            let _ = writeln!(l, "STAT\t{}", counts.map(|c| c.to_string()).join("\t"));
            let _ = l.flush();
        }
    }
    let mut l = stdout.lock();
    let _ = writeln!(l, "STAT\t{}", counts.map(|c| c.to_string()).join("\t"));
    let _ = l.flush();
}

struct Slot {
    /// The running worker; `None` once the time is up.
    child: Option<std::process::Child>,
    /// Counts of earlier (finished) workers in this slot, and of the running one.
    done: [u64; 5],
    cur: [u64; 5],
    /// Whether the running worker reported a hang (so its exit is expected).
    hung: bool,
}

fn total_counts(slots: &[Slot]) -> [u64; 5] {
    let mut t = [0u64; 5];
    for s in slots {
        for (i, c) in t.iter_mut().enumerate() {
            *c += s.done[i] + s.cur[i];
        }
    }
    t
}

fn summary(t: &[u64; 5], el: f64) -> String {
    format!(
        "{} executions in {el:.0} s ({:.0}/s); parsed {}, checked {}, lowered {}",
        t[0],
        t[0] as f64 / el.max(0.001),
        t[0] - t[1],
        t[3] + t[4],
        t[4]
    )
}

/// The supervisor: runs `jobs` worker processes until the time is up, restarting them after hangs
/// and crashes, deduplicating crashes by panic location.
fn fuzz(o: &FuzzOpts) {
    let _ = std::fs::create_dir_all(&o.out);
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("rgo-fuzz"));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(o.seconds);
    let (tx, rx) = channel::<(usize, Option<String>)>();
    let mut spawns = 0u64;
    let mut spawn = |k: usize| -> Option<std::process::Child> {
        let left = deadline.saturating_duration_since(Instant::now()).as_secs();
        if left == 0 {
            return None;
        }
        spawns += 1;
        let seed = o.seed.wrapping_add(spawns * 7919);
        let stderr = std::fs::File::create(o.out.join(format!("worker-{k}.stderr"))).ok()?;
        let mut child = Command::new(&exe)
            .args(o.worker_args(k, seed, left))
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .ok()?;
        let out = child.stdout.take()?;
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if tx.send((k, Some(line))).is_err() {
                    return;
                }
            }
            let _ = tx.send((k, None));
        });
        Some(child)
    };
    let mut slots: Vec<Slot> = (0..o.jobs.max(1))
        .map(|k| Slot {
            child: spawn(k),
            done: [0; 5],
            cur: [0; 5],
            hung: false,
        })
        .collect();
    let mut keys: HashMap<String, usize> = HashMap::new();
    let mut crashes: Vec<(String, String)> = Vec::new();
    let mut hangs = 0usize;
    let mut deaths = 0usize;
    let mut last_report = Instant::now();
    println!(
        "fuzzing for {} s with {} worker(s), seed {}, output in {}",
        o.seconds,
        slots.len(),
        o.seed,
        o.out.display()
    );
    while slots.iter().any(|s| s.child.is_some()) {
        match rx.recv_timeout(Duration::from_secs(1)) {
            Ok((k, Some(line))) => {
                let Some(slot) = slots.get_mut(k) else {
                    continue;
                };
                let parts: Vec<&str> = line.split('\t').collect();
                match parts[0] {
                    "STAT" => {
                        for (i, c) in parts[1..].iter().take(5).enumerate() {
                            slot.cur[i] = c.parse().unwrap_or(0);
                        }
                    }
                    "CRASH" if parts.len() >= 4 => {
                        let (file, loc, m) = (parts[1], parts[2], parts[3]);
                        let n = keys.entry(loc.to_string()).or_insert(0);
                        *n += 1;
                        if *n == 1 {
                            let id = crashes.len() + 1;
                            let dst = o.out.join(format!("crash-{id}.go"));
                            let _ = std::fs::rename(file, &dst);
                            let _ = std::fs::write(
                                o.out.join(format!("crash-{id}.txt")),
                                format!("panic at {loc}: {m}\n"),
                            );
                            println!("NEW CRASH crash-{id}.go: panic at {loc}: {m}");
                            crashes.push((loc.to_string(), m.to_string()));
                        } else {
                            let _ = std::fs::remove_file(file);
                        }
                    }
                    "HANG" if parts.len() >= 2 => {
                        hangs += 1;
                        slot.hung = true;
                        let dst = o.out.join(format!("hang-{hangs}.go"));
                        let _ = std::fs::rename(parts[1], &dst);
                        println!("HANG hang-{hangs}.go");
                    }
                    _ => {}
                }
            }
            Ok((k, None)) => {
                let Some(slot) = slots.get_mut(k) else {
                    continue;
                };
                let Some(mut child) = slot.child.take() else {
                    continue;
                };
                let status = child.wait().ok();
                if !status.is_some_and(|s| s.success()) && !slot.hung {
                    deaths += 1;
                    let err = std::fs::read_to_string(o.out.join(format!("worker-{k}.stderr")))
                        .unwrap_or_default();
                    let reason = err
                        .lines()
                        .rev()
                        .find(|l| !l.trim().is_empty())
                        .unwrap_or("")
                        .to_string();
                    let key = format!("died: {reason}");
                    let n = keys.entry(key.clone()).or_insert(0);
                    *n += 1;
                    if *n <= 3 {
                        let id = crashes.len() + 1;
                        let dst = o.out.join(format!("crash-{id}.go"));
                        let _ = std::fs::copy(o.out.join(format!("cur-{k}.go")), &dst);
                        let _ = std::fs::write(
                            o.out.join(format!("crash-{id}.txt")),
                            format!("worker process died ({status:?}): {reason}\n{err}"),
                        );
                        println!("NEW CRASH crash-{id}.go: worker died ({status:?}): {reason}");
                        crashes.push((key, format!("{status:?}")));
                    }
                }
                for (d, c) in slot.done.iter_mut().zip(slot.cur) {
                    *d += c;
                }
                slot.cur = [0; 5];
                slot.hung = false;
                slot.child = spawn(k);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if last_report.elapsed() >= Duration::from_secs(10) {
            last_report = Instant::now();
            println!(
                "[{:5.0}s] {}; crashes {}, hangs {hangs}, deaths {deaths}",
                start.elapsed().as_secs_f64(),
                summary(&total_counts(&slots), start.elapsed().as_secs_f64()),
                crashes.len()
            );
        }
    }
    println!(
        "done: {}; {} unique crash(es), {hangs} hang(s), {deaths} worker death(s)",
        summary(&total_counts(&slots), start.elapsed().as_secs_f64()),
        crashes.len()
    );
    for (i, (k, m)) in crashes.iter().enumerate() {
        println!("  crash-{}.go: {k}: {m}", i + 1);
    }
    if !crashes.is_empty() || hangs > 0 {
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------------------------
// Directory mode

/// The package clause's name, found without parsing (comments skipped).
fn package_clause(text: &str) -> String {
    let toks = mutate::tokens(text);
    let mut it = toks
        .iter()
        .map(|&(a, b)| &text[a..b])
        .filter(|t| !t.starts_with("//") && !t.starts_with("/*"));
    while let Some(t) = it.next() {
        if t == "package" {
            return it.next().unwrap_or("").to_string();
        }
    }
    String::new()
}

/// Units of work of `dir` mode: single files, or (with `package`) one directory's files.
fn dir_units(root: &Path, package: bool) -> Vec<Vec<PathBuf>> {
    let mut files = Vec::new();
    walk(root, &mut files);
    if !package {
        return files.into_iter().map(|f| vec![f]).collect();
    }
    let mut by_dir: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for f in files {
        let d = f.parent().map(Path::to_path_buf).unwrap_or_default();
        by_dir.entry(d).or_default().push(f);
    }
    by_dir.into_values().collect()
}

fn in_testdata(p: &Path) -> bool {
    p.components().any(|c| c.as_os_str() == "testdata")
}

fn dir(args: &[String]) {
    let Some(root) = args.first() else { usage() };
    let package = args.iter().any(|a| a == "--package");
    let no_lower = args.iter().any(|a| a == "--no-lower");
    let units = dir_units(Path::new(root), package);
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("rgo-fuzz"));
    let start = Instant::now();
    let mut next = 0usize;
    let mut panics: Vec<String> = Vec::new();
    let mut hangs: Vec<String> = Vec::new();
    let mut parse_fail_other: Vec<String> = Vec::new();
    let mut parse_fail_testdata = 0usize;
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let unit_name = |k: usize| -> String {
        units
            .get(k)
            .map(|u| {
                if package {
                    u[0].parent()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                } else {
                    u[0].display().to_string()
                }
            })
            .unwrap_or_default()
    };
    while next < units.len() {
        let mut cmd = Command::new(&exe);
        cmd.arg("dir-worker")
            .arg(root)
            .arg(next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if package {
            cmd.arg("--package");
        }
        if no_lower {
            cmd.arg("--no-lower");
        }
        let Ok(mut child) = cmd.spawn() else {
            eprintln!("cannot start worker");
            std::process::exit(2);
        };
        let Some(out) = child.stdout.take() else {
            std::process::exit(2)
        };
        let mut current = next;
        let mut finished_ok = false;
        let mut hung = false;
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            let parts: Vec<&str> = line.splitn(4, '\t').collect();
            match parts[0] {
                "UNIT" => current = parts.get(1).and_then(|s| s.parse().ok()).unwrap_or(current),
                "OUT" => *outcomes.entry(parts[1].to_string()).or_default() += 1,
                "PARSEFAIL" if parts.len() >= 3 => {
                    if in_testdata(Path::new(parts[1])) {
                        parse_fail_testdata += 1;
                    } else {
                        parse_fail_other.push(format!("{}: {}", parts[1], parts[2]));
                    }
                }
                "PANIC" if parts.len() >= 4 => {
                    let m = format!(
                        "{}: panic at {}: {}",
                        unit_name(current),
                        parts[2],
                        parts[3]
                    );
                    println!("PANIC {m}");
                    panics.push(m);
                }
                "HANG" => {
                    let m = unit_name(current);
                    println!("HANG {m}");
                    hangs.push(m);
                    hung = true;
                }
                "DONE" => finished_ok = true,
                _ => {}
            }
        }
        let status = child.wait().ok();
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut err);
        }
        if finished_ok {
            break;
        }
        if !hung {
            let reason = err
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            let m = format!("{}: worker died ({status:?}): {reason}", unit_name(current));
            println!("PANIC {m}");
            panics.push(m);
        }
        next = current + 1;
    }
    let el = start.elapsed().as_secs_f64();
    println!(
        "{} {} in {el:.1} s; outcomes {:?}",
        units.len(),
        if package { "packages" } else { "files" },
        outcomes
    );
    println!(
        "parse failures: {} outside testdata/, {parse_fail_testdata} in testdata/",
        parse_fail_other.len()
    );
    for p in &parse_fail_other {
        println!("  {p}");
    }
    println!("panics: {}, hangs: {}", panics.len(), hangs.len());
    for p in panics.iter().chain(&hangs) {
        println!("  {p}");
    }
    if !panics.is_empty() || !hangs.is_empty() {
        std::process::exit(1);
    }
}

fn dir_worker(args: &[String]) {
    let (Some(root), Some(start)) = (args.first(), args.get(1).and_then(|s| s.parse().ok())) else {
        usage()
    };
    let package = args.iter().any(|a| a == "--package");
    let lower = !args.iter().any(|a| a == "--no-lower");
    pipeline::install_quiet_hook();
    let units = dir_units(Path::new(root), package);
    let mut exec = Executor::new();
    let stdout = std::io::stdout();
    let timeout = Duration::from_secs(if package { 30 } else { 10 });
    for (k, unit) in units.iter().enumerate().skip(start) {
        {
            let mut l = stdout.lock();
            let _ = writeln!(l, "UNIT\t{k}");
            let _ = l.flush();
        }
        let files: Vec<(String, String)> = unit
            .iter()
            .filter_map(|p| Some((p.display().to_string(), read_lossy(p)?)))
            .collect();
        let mut groups: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for f in files {
            let name = if package {
                package_clause(&f.1)
            } else {
                String::new()
            };
            groups.entry(name).or_default().push(f);
        }
        for group in groups.into_values() {
            let r = exec.run(group.clone(), lower, timeout);
            let mut l = stdout.lock();
            match r {
                RunResult::Done(o) => {
                    let _ = writeln!(l, "OUT\t{o:?}");
                    if o == Outcome::ParseError {
                        // Which files failed (parsing panicked nowhere, so this is safe).
                        for (path, text) in &group {
                            let mut ids = frontend::ast::NodeIdGen::new();
                            if let Err(d) = frontend::parser::parse_text(text, 0, &mut ids) {
                                let m = d.first().map(|d| d.message.clone()).unwrap_or_default();
                                let _ = writeln!(l, "PARSEFAIL\t{path}\t{}", one_line(&m));
                            }
                        }
                    }
                }
                RunResult::Panicked(p) => {
                    let _ = writeln!(l, "PANIC\t{k}\t{}\t{}", p.location, one_line(&p.message));
                }
                RunResult::TimedOut => {
                    let _ = writeln!(l, "HANG\t{k}");
                    let _ = l.flush();
                    // The executor is stuck; continue with a fresh one (the old thread leaks).
                    exec = Executor::new();
                    continue;
                }
            }
            let _ = l.flush();
        }
    }
    let mut l = stdout.lock();
    let _ = writeln!(l, "DONE");
    let _ = l.flush();
}

// ---------------------------------------------------------------------------------------------
// Reproducing and minimizing

fn run_files(args: &[String]) {
    pipeline::install_quiet_hook();
    let package = args.iter().any(|a| a == "--package");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let files: Vec<(String, String)> = paths
        .iter()
        .filter_map(|p| Some((p.to_string(), read_lossy(Path::new(p))?)))
        .collect();
    if args.iter().any(|a| a == "-v") {
        // Verbose: print the errors too (in-process, panics still caught).
        let groups: Vec<Vec<(String, String)>> = if package {
            vec![files]
        } else {
            files.into_iter().map(|f| vec![f]).collect()
        };
        for g in groups {
            let name = g.first().map(|f| f.0.clone()).unwrap_or_default();
            match std::panic::catch_unwind(|| pipeline::compile_verbose(&g, true, true)) {
                Ok((o, text)) => println!("{name}: {o:?}\n{text}"),
                Err(_) => println!("{name}: PANIC"),
            }
        }
        return;
    }
    let exec = Executor::new();
    let groups: Vec<Vec<(String, String)>> = if package {
        vec![files]
    } else {
        files.into_iter().map(|f| vec![f]).collect()
    };
    let mut bad = false;
    for g in groups {
        let name = g.first().map(|f| f.0.clone()).unwrap_or_default();
        match exec.run(g, true, Duration::from_secs(10)) {
            RunResult::Done(o) => println!("{name}: {o:?}"),
            RunResult::Panicked(p) => {
                bad = true;
                println!("{name}: PANIC at {}: {}", p.location, p.message)
            }
            RunResult::TimedOut => {
                println!("{name}: TIMEOUT");
                std::process::exit(1);
            }
        }
    }
    if bad {
        std::process::exit(1);
    }
}

fn minimize(args: &[String]) {
    let Some(input) = args.first() else { usage() };
    let out = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| format!("{}.min.go", input.trim_end_matches(".go")));
    pipeline::install_quiet_hook();
    let Some(text) = read_lossy(Path::new(input)) else {
        usage()
    };
    let mut exec = Executor::new();
    let mut check = |t: &str| -> Option<String> {
        match exec.run(
            vec![("min.go".into(), t.to_string())],
            true,
            Duration::from_secs(2),
        ) {
            RunResult::Panicked(p) => Some(p.key()),
            RunResult::TimedOut => {
                exec = Executor::new();
                None
            }
            RunResult::Done(_) => None,
        }
    };
    let Some(key) = check(&text) else {
        eprintln!("{input}: does not panic");
        std::process::exit(1);
    };
    println!("panic at {key}; minimizing");
    let mut cur = text;
    // Remove chunks of lines, then chunks of tokens, halving the chunk size.
    for by_tokens in [false, true] {
        loop {
            let before = cur.len();
            let mut units = units_of(&cur, by_tokens);
            let mut chunk = units.len().div_ceil(2).max(1);
            while chunk >= 1 {
                let mut i = 0;
                while i < units.len() {
                    let j = (i + chunk).min(units.len());
                    let (a, b) = (units[i].0, units[j - 1].1);
                    let mut cand = String::with_capacity(cur.len());
                    cand.push_str(&cur[..a]);
                    if by_tokens {
                        cand.push(' ');
                    }
                    cand.push_str(&cur[b..]);
                    if check(&cand).as_deref() == Some(key.as_str()) {
                        cur = cand;
                        units = units_of(&cur, by_tokens);
                    } else {
                        i += chunk;
                    }
                }
                if chunk == 1 {
                    break;
                }
                chunk /= 2;
            }
            if cur.len() >= before {
                break;
            }
        }
    }
    let _ = std::fs::write(&out, &cur);
    println!("{} bytes → {out}", cur.len());
}

/// The units the minimizer removes: tokens, or lines (with their newline), as byte ranges.
fn units_of(text: &str, by_tokens: bool) -> Vec<(usize, usize)> {
    if by_tokens {
        return mutate::tokens(text);
    }
    let mut v = Vec::new();
    let mut a = 0;
    for (i, _) in text.match_indices('\n') {
        v.push((a, i + 1));
        a = i + 1;
    }
    if a < text.len() {
        v.push((a, text.len()));
    }
    v
}
