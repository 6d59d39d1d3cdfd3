//! The compile pipeline behind `rgo build`: source files → frontend (parse, type-check) → midend
//! (lowering to rgo IR) → backend (Cranelift, ELF object) → linker (with the embedded runtime
//! archive) → executable bytes.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use frontend::ast::NodeIdGen;
use frontend::diag::{self, Diagnostic};
use frontend::load::{self, COMMAND_LINE_ARGUMENTS, LoadConfig};
use frontend::source::FileSet;
use frontend::types::{self, ParsedPackage};

/// The runtime archive built by build.rs, linked into every executable rgo produces.
pub static RUNTIME_ARCHIVE: &[u8] = include_bytes!(env!("RGO_RUNTIME_ARCHIVE"));

/// What `-gcflags=-d=...` asked to dump.
#[derive(Clone, Debug, Default)]
pub struct Dumps {
    /// rgo IR of every function and data object (`-d=ir`).
    pub ir: bool,
    /// Cranelift IR (`-d=clif`).
    pub clif: bool,
    /// Machine code (`-d=asm`).
    pub asm: bool,
    /// The linker's layout report (`-ldflags=-v`).
    pub link: bool,
}

#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    pub dumps: Dumps,
    /// Print the time each stage took (`-x` like `go build -x`, but timings).
    pub timings: bool,
    /// Strip the symbol table (`-ldflags=-s`).
    pub strip: bool,
    /// Print escape-analysis decisions as gc does under `-gcflags=-m`.
    pub escape_diagnostics: bool,
}

/// Why a build failed: compile errors (already rendered in gc's form with their `# pkg` headers,
/// exit status 1) or an internal failure of a later stage.
pub enum BuildError {
    Diagnostics(String),
    Other(String),
}

/// What loading and checking covered, for `rgo check -v`.
#[derive(Clone, Debug, Default)]
pub struct CheckStats {
    pub packages: usize,
    pub files: usize,
    pub bytes: usize,
    /// Finding, reading and parsing the packages.
    pub load: Duration,
    /// Type-checking them.
    pub check: Duration,
}

/// Loads the packages named by `args` (files, directories, import paths, `std`, `...` patterns)
/// and everything they import, and type-checks them all in dependency order.
///
/// Errors come back rendered as the go command prints them: load errors as worded by the loader,
/// syntax errors and type errors under a `# pkgpath` header per package (gc's at most
/// [`diag::MAX_ERRORS`] each, then `too many errors`).
pub fn load_and_check(
    args: &[String],
    stats: &mut CheckStats,
) -> Result<(types::Program, Vec<LoadedInfo>), BuildError> {
    load_and_check_opts(args, stats, false)
}

/// One package rgo compiles from its own sources (overlay/) instead of GOROOT's (DESIGN
/// decision 10): its import path and its files (path under overlay/, text).
struct OverlayPackage {
    path: &'static str,
    files: &'static [(&'static str, &'static str)],
    /// Compiled into every program (runtime), or only when some package imports it.
    always: bool,
}

/// The overlay packages in dependency order: each imports only `unsafe` and the ones before it.
const OVERLAY: &[OverlayPackage] = &[OverlayPackage {
    path: "runtime",
    files: &[
        (
            "runtime/error.go",
            include_str!("../overlay/runtime/error.go"),
        ),
        ("runtime/dit.go", include_str!("../overlay/runtime/dit.go")),
        (
            "runtime/debug.go",
            include_str!("../overlay/runtime/debug.go"),
        ),
        (
            "runtime/extern.go",
            include_str!("../overlay/runtime/extern.go"),
        ),
        (
            "runtime/coro.go",
            include_str!("../overlay/runtime/coro.go"),
        ),
        (
            "runtime/mheap.go",
            include_str!("../overlay/runtime/mheap.go"),
        ),
        (
            "runtime/netpoll.go",
            include_str!("../overlay/runtime/netpoll.go"),
        ),
        (
            "runtime/runtime1.go",
            include_str!("../overlay/runtime/runtime1.go"),
        ),
        (
            "runtime/sema.go",
            include_str!("../overlay/runtime/sema.go"),
        ),
        (
            "runtime/stubs.go",
            include_str!("../overlay/runtime/stubs.go"),
        ),
        (
            "runtime/symtab.go",
            include_str!("../overlay/runtime/symtab.go"),
        ),
        (
            "runtime/synctest.go",
            include_str!("../overlay/runtime/synctest.go"),
        ),
        (
            "runtime/time.go",
            include_str!("../overlay/runtime/time.go"),
        ),
    ],
    always: true,
}];

/// [`load_and_check`]; with `with_runtime`, rgo's runtime overlay is checked as package
/// `runtime` before everything else (building executables needs it).
pub fn load_and_check_opts(
    args: &[String],
    stats: &mut CheckStats,
    with_runtime: bool,
) -> Result<(types::Program, Vec<LoadedInfo>), BuildError> {
    let t0 = Instant::now();
    // Programs that import nothing need no GOROOT (and rgo runs no external tool to find one),
    // so a missing GOROOT only matters once an import has to be resolved.
    let goroot_missing = load::default_goroot().is_none();
    let mut cfg = LoadConfig::for_build(
        load::default_goroot().unwrap_or_else(|| std::path::PathBuf::from("$GOROOT")),
    );
    if with_runtime {
        // The overlay packages are rgo's, not GOROOT's.
        cfg.provided
            .extend(OVERLAY.iter().map(|o| o.path.to_string()));
    }
    let mut ids = NodeIdGen::new();
    let loaded = match load::load_report(&cfg, args, &mut ids) {
        Ok(l) => l,
        Err(e) => {
            // Package-level problems first (go-command wording), then syntax errors per package.
            let mut out = String::new();
            if goroot_missing && !e.messages.is_empty() {
                out.push_str("rgo: cannot find GOROOT (set $RGO_GOROOT or $GOROOT)\n");
            }
            for m in &e.messages {
                out.push_str(m);
                out.push('\n');
            }
            out.push_str(&render_by_package(&e.fset, &e.diagnostics, &[]));
            return Err(BuildError::Diagnostics(out));
        }
    };
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
    stats.load = t0.elapsed();
    stats.packages = loaded.packages.len();
    stats.files = loaded.fset.files.len();
    stats.bytes = loaded.fset.files.iter().map(|f| f.text.len()).sum();

    let t1 = Instant::now();
    let mut infos = Vec::with_capacity(loaded.packages.len());
    let mut parsed = Vec::with_capacity(loaded.packages.len());
    let mut loaded = loaded;
    if with_runtime {
        if loaded.packages.iter().any(|p| p.path == "runtime") {
            return Err(BuildError::Other(
                "rgo: programs importing package runtime (directly or through the standard \
                 library) cannot be built yet"
                    .into(),
            ));
        }
        let imported: std::collections::HashSet<&str> = loaded
            .packages
            .iter()
            .flat_map(|p| p.files.iter())
            .flat_map(|f| f.imports.iter().map(|i| i.path.as_str()))
            .collect();
        let wanted: Vec<&OverlayPackage> = OVERLAY
            .iter()
            .filter(|o| o.always || imported.contains(o.path))
            .collect();
        let mut errors = Vec::new();
        for o in wanted {
            let mut files = Vec::new();
            for (path, text) in o.files {
                let idx = loaded
                    .fset
                    .add(format!("$RGO/overlay/{path}"), (*text).to_string());
                match frontend::parser::parse_file(&loaded.fset, idx, &mut ids) {
                    Ok(f) => files.push(f),
                    Err(d) => errors.extend(d),
                }
            }
            infos.push(LoadedInfo {
                import_path: o.path.into(),
                name: o.path.into(),
                root: false,
                file_indices: files.iter().map(|f| f.file_index).collect(),
            });
            parsed.push(ParsedPackage {
                path: o.path.into(),
                files,
                import_map: Default::default(),
            });
        }
        if !errors.is_empty() {
            return Err(BuildError::Diagnostics(diag::render(&loaded.fset, &errors)));
        }
    }
    for p in loaded.packages {
        infos.push(LoadedInfo {
            import_path: p.import_path.clone(),
            name: p.name.clone(),
            root: p.root,
            file_indices: p.files.iter().map(|f| f.file_index).collect(),
        });
        parsed.push(ParsedPackage {
            path: p.path,
            files: p.files,
            import_map: p.import_map.into_iter().collect(),
        });
    }
    // The checker takes the FileSet; keep a copy to render its diagnostics.
    let render_fset = loaded.fset.clone();
    // Parse errors that gc type-checks after (see `parser::stops_checking`) are reported with
    // the checker's, sorted together; the build fails either way.
    let mut errs = loaded.parse_errors;
    let result = types::check_program(loaded.fset, parsed);
    stats.check = t1.elapsed();
    match result {
        Ok(prog) if errs.is_empty() => Ok((prog, infos)),
        Ok(_) => Err(BuildError::Diagnostics(render_by_package(
            &render_fset,
            &errs,
            &infos,
        ))),
        Err(mut check_errs) => {
            errs.append(&mut check_errs);
            Err(BuildError::Diagnostics(render_by_package(
                &render_fset,
                &errs,
                &infos,
            )))
        }
    }
}

/// A loaded package's identity and files, kept after its files moved into the checked program.
#[derive(Clone, Debug)]
pub struct LoadedInfo {
    /// The go command's import path, which headers diagnostics (`# command-line-arguments`).
    pub import_path: String,
    pub name: String,
    pub root: bool,
    pub file_indices: Vec<u32>,
}

/// Renders diagnostics grouped by the package owning their file, packages in dependency order,
/// each group under `# import/path` and capped as gc caps one compilation. Diagnostics without
/// a known package (no position, or no package list) form one group headed by the only package's
/// path when there is exactly one, else by the file's directory.
fn render_by_package(fset: &FileSet, diags: &[Diagnostic], pkgs: &[LoadedInfo]) -> String {
    let mut owner: HashMap<u32, usize> = HashMap::new();
    for (i, p) in pkgs.iter().enumerate() {
        for &f in &p.file_indices {
            owner.insert(f, i);
        }
    }
    // Group key: package index, or usize::MAX for diagnostics nobody owns.
    let mut groups: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for d in diags {
        let key = owner.get(&d.pos.file).copied().unwrap_or(usize::MAX);
        groups.entry(key).or_default().push(d.clone());
    }
    let mut out = String::new();
    for (key, ds) in groups {
        let header = match pkgs.get(key) {
            Some(p) => p.import_path.clone(),
            None if pkgs.len() == 1 => pkgs[0].import_path.clone(),
            None => header_for_unowned(fset, &ds),
        };
        out.push_str(&format!("# {header}\n"));
        out.push_str(&diag::render(fset, &ds));
    }
    out
}

/// A header for syntax errors found before packages were known to the checker: the directory of
/// the first file (gc's package header for a directory), or `command-line-arguments`.
fn header_for_unowned(fset: &FileSet, ds: &[Diagnostic]) -> String {
    let path = ds
        .iter()
        .find_map(|d| fset.file(d.pos.file))
        .map(|f| f.path.clone());
    match path {
        Some(p) => match p.rsplit_once('/') {
            Some((dir, _)) if dir != "." => dir.to_string(),
            _ => COMMAND_LINE_ARGUMENTS.to_string(),
        },
        None => COMMAND_LINE_ARGUMENTS.to_string(),
    }
}

/// Parses and type-checks the given files of package main (and the packages they import).
pub fn check_files(files: &[String]) -> Result<types::Program, BuildError> {
    let mut stats = CheckStats::default();
    let (prog, infos) = load_and_check_opts(files, &mut stats, true)?;
    if let Some(p) = infos.iter().find(|p| p.root && p.name != "main") {
        return Err(BuildError::Other(format!(
            "package {} is not a main package",
            p.name
        )));
    }
    Ok(prog)
}

/// Builds an executable from the files of package main; returns its bytes.
pub fn build(files: &[String], opts: &BuildOptions) -> Result<Vec<u8>, BuildError> {
    let t0 = Instant::now();
    let mut prog = check_files(files)?;
    // One body per instance of generic code (frontend::types::mono).
    types::instantiate_bodies(&mut prog);
    let t_check = t0.elapsed();
    if !prog.packages.iter().any(|p| p.path == "main") {
        return Err(BuildError::Other("no main package".into()));
    }
    // Every package with source files (the runtime overlay, imported packages, main), in
    // dependency order: one module and one object each.
    if opts.escape_diagnostics {
        // gc prints -m output for the packages it compiles; the user's package is `main`.
        for p in prog.packages.iter().filter(|p| p.path == "main") {
            let res = midend::escape::analyze(&prog, p.id);
            let text = midend::escape::format_diagnostics(&prog, &res);
            if !text.is_empty() {
                eprintln!("# {COMMAND_LINE_ARGUMENTS}");
                eprint!("{text}");
            }
        }
    }
    let mut modules = Vec::new();
    for p in prog.packages.iter().filter(|p| !p.files.is_empty()) {
        let module = midend::lower_package(&prog, p.id).map_err(|errs| {
            let diags: Vec<Diagnostic> = errs
                .into_iter()
                .map(|e| Diagnostic::new(e.pos, e.message))
                .collect();
            let header = if p.path == "main" {
                COMMAND_LINE_ARGUMENTS.to_string()
            } else {
                p.path.clone()
            };
            let mut text = format!("# {header}\n");
            text.push_str(&diag::render(&prog.fset, &diags));
            BuildError::Diagnostics(text)
        })?;
        modules.push(module);
    }
    let t_lower = t0.elapsed();
    let bopts = backend::Options::default();
    for module in &modules {
        if opts.dumps.ir {
            eprint!("{module}");
        }
        if opts.dumps.clif {
            match backend::clif_dump(module, &bopts) {
                Ok(s) => eprint!("{s}"),
                Err(e) => return Err(BuildError::Other(e.to_string())),
            }
        }
        if opts.dumps.asm {
            match backend::asm_dump(module, &bopts) {
                Ok(s) => eprint!("{s}"),
                Err(e) => return Err(BuildError::Other(e.to_string())),
            }
        }
    }
    let mut objects = Vec::new();
    for module in &modules {
        let o = backend::compile_module(module, &bopts)
            .map_err(|e| BuildError::Other(e.to_string()))?;
        objects.push((module.package.clone(), o));
    }
    let t_codegen = t0.elapsed();
    let mut inputs = vec![linker::Input {
        name: "runtime.a".into(),
        data: RUNTIME_ARCHIVE,
        kind: linker::InputKind::Archive,
    }];
    for (pkg, o) in &objects {
        inputs.push(linker::Input {
            name: format!("{pkg}.o"),
            data: o,
            kind: linker::InputKind::Object,
        });
    }
    // Init tasks run in gc's order: a topological order over the import edges (every package
    // also depends on runtime, which every package implicitly imports).
    let mut init_deps = Vec::new();
    for p in prog.packages.iter().filter(|p| !p.files.is_empty()) {
        let from = midend::lower::symbol_prefix(&p.path);
        if p.path != "runtime" {
            init_deps.push((from.clone(), "runtime".to_string()));
        }
        for &i in &p.imports {
            let q = prog.package(i);
            if !q.files.is_empty() {
                init_deps.push((from.clone(), midend::lower::symbol_prefix(&q.path)));
            }
        }
    }
    let lopts = linker::LinkOptions {
        strip: opts.strip,
        init_deps,
        ..Default::default()
    };
    let (exe, report) = linker::link_with_report(&inputs, &lopts)
        .map_err(|e| BuildError::Other(format!("link: {e}")))?;
    if opts.dumps.link {
        eprint!("{}", report.describe());
    }
    if opts.timings {
        let t_link = t0.elapsed();
        eprintln!(
            "rgo: check {:.1?}, lower {:.1?}, codegen {:.1?}, link {:.1?}",
            t_check,
            t_lower - t_check,
            t_codegen - t_lower,
            t_link - t_codegen
        );
    }
    Ok(exe)
}
