//! Running Go source through the compiler's stages (parse → check → lower) with panics caught and
//! a time limit per input.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use frontend::ast::NodeIdGen;
use frontend::source::FileSet;
use frontend::types::{ParsedPackage, check_program};

/// How far an input got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    ParseError,
    CheckError,
    LowerError,
    Lowered,
}

/// A caught panic: where it was raised and its message.
#[derive(Clone, Debug)]
pub struct Panic {
    pub location: String,
    pub message: String,
}

impl Panic {
    /// What identifies "the same crash" when deduplicating.
    pub fn key(&self) -> String {
        self.location.clone()
    }
}

/// The result of one run.
#[derive(Clone, Debug)]
pub enum RunResult {
    Done(Outcome),
    Panicked(Panic),
    TimedOut,
}

static LAST_PANIC: Mutex<Option<Panic>> = Mutex::new(None);

/// Replaces the panic hook by one that records the panic silently (for [`run_guarded`]).
pub fn install_quiet_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_else(|| "<unknown>".into());
        let payload = info.payload();
        let message = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "<non-string panic payload>".into()
        };
        let mut g = LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner());
        *g = Some(Panic { location, message });
    }));
}

fn take_last_panic() -> Panic {
    let mut g = LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner());
    g.take().unwrap_or(Panic {
        location: "<unknown>".into(),
        message: "<panic hook not installed>".into(),
    })
}

/// The import path a single-file package of this name is checked under (`unsafe` is reserved
/// for the built-in package).
fn package_path(name: &str) -> String {
    if name == "main" {
        "main".into()
    } else {
        format!("fuzz/{name}")
    }
}

/// Parses `files` (path, text) as one package, checks it and, if `lower` and it checks, lowers
/// it. Files that fail to parse make the outcome `ParseError` (after all were parsed).
pub fn compile(files: &[(String, String)], lower: bool) -> Outcome {
    compile_verbose(files, lower, false).0
}

/// [`compile`], also returning the rendered errors when `render`.
pub fn compile_verbose(files: &[(String, String)], lower: bool, render: bool) -> (Outcome, String) {
    let mut fset = FileSet::new();
    let mut ids = NodeIdGen::new();
    let mut parsed = Vec::new();
    let mut parse_errors = Vec::new();
    // As the driver does (gc's rule): a file whose parse diagnostics include no "syntax
    // error" is still type-checked, so mutants reach the checker with such trees too.
    let mut stop = false;
    for (path, text) in files {
        let idx = fset.add(path.clone(), text.clone());
        let (file, diags) = frontend::parser::parse_file_partial(&fset, idx, &mut ids);
        stop |= file.is_none() || diags.iter().any(frontend::parser::stops_checking);
        if let Some(f) = file {
            parsed.push(f);
        }
        parse_errors.extend(diags);
    }
    let show = |fset: &FileSet, d: &[frontend::Diagnostic]| {
        if render {
            frontend::diag::render(fset, d)
        } else {
            String::new()
        }
    };
    if stop || parsed.is_empty() {
        return (Outcome::ParseError, show(&fset, &parse_errors));
    }
    let render_fset = if render { Some(fset.clone()) } else { None };
    let path = package_path(&parsed[0].package_name.name);
    let pp = ParsedPackage {
        path: path.clone(),
        files: parsed,
        import_map: HashMap::new(),
    };
    let mut prog = match check_program(fset, vec![pp]) {
        Ok(p) if parse_errors.is_empty() => p,
        Ok(_) => {
            let text = render_fset
                .map(|f| show(&f, &parse_errors))
                .unwrap_or_default();
            return (Outcome::CheckError, text);
        }
        Err(d) => {
            let text = render_fset.map(|f| show(&f, &d)).unwrap_or_default();
            return (Outcome::CheckError, text);
        }
    };
    if !lower {
        return (Outcome::Lowered, String::new());
    }
    frontend::types::instantiate_bodies(&mut prog);
    let Some(pkg) = prog.packages.iter().find(|p| p.path == path).map(|p| p.id) else {
        return (Outcome::CheckError, String::new());
    };
    match midend::lower_package(&prog, pkg) {
        Ok(_) => (Outcome::Lowered, String::new()),
        Err(errs) => {
            let d: Vec<frontend::Diagnostic> = errs
                .into_iter()
                .map(|e| frontend::Diagnostic::new(e.pos, e.message))
                .collect();
            (Outcome::LowerError, show(&prog.fset, &d))
        }
    }
}

/// Runs [`compile`] with panics caught (needs [`install_quiet_hook`] for the details).
pub fn compile_caught(files: &[(String, String)], lower: bool) -> RunResult {
    match catch_unwind(AssertUnwindSafe(|| compile(files, lower))) {
        Ok(o) => RunResult::Done(o),
        Err(_) => RunResult::Panicked(take_last_panic()),
    }
}

type Job = (Vec<(String, String)>, bool);

/// A thread that runs jobs one at a time, so that a job that hangs can be abandoned.
pub struct Executor {
    jobs: Sender<Job>,
    results: Receiver<RunResult>,
}

/// Stack of the executor thread: the main thread's usual 8 MiB, where `rgo build` lowers.
const EXECUTOR_STACK: usize = 8 << 20;

impl Executor {
    pub fn new() -> Executor {
        let (jobs, job_rx) = channel::<Job>();
        let (res_tx, results) = channel();
        std::thread::Builder::new()
            .name("fuzz-exec".into())
            .stack_size(EXECUTOR_STACK)
            .spawn(move || {
                while let Ok((files, lower)) = job_rx.recv() {
                    if res_tx.send(compile_caught(&files, lower)).is_err() {
                        break;
                    }
                }
            })
            .expect("spawn executor thread");
        Executor { jobs, results }
    }

    /// Runs one job; after `TimedOut` this executor is stuck and must be replaced.
    pub fn run(&self, files: Vec<(String, String)>, lower: bool, limit: Duration) -> RunResult {
        if self.jobs.send((files, lower)).is_err() {
            return RunResult::TimedOut;
        }
        match self.results.recv_timeout(limit) {
            Ok(r) => r,
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                RunResult::TimedOut
            }
        }
    }
}
