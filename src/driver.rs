//! The compile pipeline behind `rgo build`: source files → frontend (parse, type-check) → midend
//! (lowering to rgo IR) → backend (Cranelift, ELF object) → linker (with the embedded runtime
//! archive) → executable bytes.

use std::time::Instant;

use frontend::ast::NodeIdGen;
use frontend::diag::{self, Diagnostic};
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
}

/// Why a build failed: compile errors (already rendered in gc's form, exit status 1) or an internal
/// failure of a later stage.
pub enum BuildError {
    Diagnostics(String),
    Other(String),
}

fn display_path(p: &str) -> String {
    let path = std::path::Path::new(p);
    if path.is_absolute() || p.starts_with("./") || p.starts_with("../") {
        p.to_string()
    } else {
        format!("./{p}")
    }
}

/// Parses and type-checks the given files of package main.
pub fn check_files(files: &[String]) -> Result<types::Program, BuildError> {
    let mut fset = FileSet::new();
    for f in files {
        let text = std::fs::read(f).map_err(|e| BuildError::Other(format!("open {f}: {e}")))?;
        // Invalid UTF-8 is reported by the lexer; keep the bytes lossless where possible.
        let text = match String::from_utf8(text) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        fset.add(display_path(f), text);
    }
    let mut ids = NodeIdGen::new();
    let mut parsed = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for i in 0..fset.files.len() {
        match frontend::parser::parse_file(&fset, i as u32, &mut ids) {
            Ok(f) => parsed.push(f),
            Err(d) => errors.extend(d),
        }
    }
    if !errors.is_empty() {
        return Err(BuildError::Diagnostics(diag::render(&fset, &errors)));
    }
    if let Some(f) = parsed.iter().find(|f| f.package_name.name != "main") {
        let msg = format!(
            "package {} is not a main package",
            f.package_name.name
        );
        return Err(BuildError::Other(msg));
    }
    let render_fset = fset.clone();
    types::check_program(
        fset,
        vec![ParsedPackage {
            path: "main".to_string(),
            files: parsed,
        }],
    )
    .map_err(|errs| BuildError::Diagnostics(diag::render(&render_fset, &errs)))
}

/// Builds an executable from the files of package main; returns its bytes.
pub fn build(files: &[String], opts: &BuildOptions) -> Result<Vec<u8>, BuildError> {
    let t0 = Instant::now();
    let prog = check_files(files)?;
    let t_check = t0.elapsed();
    let main_pkg = prog
        .packages
        .iter()
        .find(|p| p.path == "main")
        .map(|p| p.id)
        .ok_or_else(|| BuildError::Other("no main package".into()))?;
    let module = midend::lower_package(&prog, main_pkg).map_err(|errs| {
        let diags: Vec<Diagnostic> = errs
            .into_iter()
            .map(|e| Diagnostic::new(e.pos, e.message))
            .collect();
        BuildError::Diagnostics(diag::render(&prog.fset, &diags))
    })?;
    let t_lower = t0.elapsed();
    if opts.dumps.ir {
        eprint!("{module}");
    }
    let bopts = backend::Options::default();
    if opts.dumps.clif {
        match backend::clif_dump(&module, &bopts) {
            Ok(s) => eprint!("{s}"),
            Err(e) => return Err(BuildError::Other(e.to_string())),
        }
    }
    if opts.dumps.asm {
        match backend::asm_dump(&module, &bopts) {
            Ok(s) => eprint!("{s}"),
            Err(e) => return Err(BuildError::Other(e.to_string())),
        }
    }
    let object = backend::compile_module(&module, &bopts)
        .map_err(|e| BuildError::Other(e.to_string()))?;
    let t_codegen = t0.elapsed();
    let inputs = [
        linker::Input {
            name: "runtime.a".into(),
            data: RUNTIME_ARCHIVE,
            kind: linker::InputKind::Archive,
        },
        linker::Input {
            name: "main.o".into(),
            data: &object,
            kind: linker::InputKind::Object,
        },
    ];
    let lopts = linker::LinkOptions {
        strip: opts.strip,
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
