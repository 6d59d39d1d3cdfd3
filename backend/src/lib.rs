//! rgo's backend: the midend's low-level IR ([`midend::ir`]) → Cranelift IR → machine code →
//! one relocatable x86-64 ELF object per package.
//!
//! The pipeline per module:
//! 1. [`translate`] turns every IR function into a Cranelift function (validating the IR on the
//!    way: a malformed function is an error, never a panic);
//! 2. worker threads run `Context::compile` on the translated functions (ISA shared via `Arc`);
//! 3. [`emit`] writes the object with the `object` crate directly: `.text` (all functions,
//!    32-byte aligned), one section per [`midend::ir::DataSection`], the `.rgo.lines` line table
//!    for the linker, and every relocation — in IR order, so the same module always gives the
//!    same bytes whatever the thread count.
//!
//! See README.md for the invariants and the settings.

mod debuglocs;
mod emit;
mod isa;
mod lines;
mod prove;
mod stackmaps;
mod translate;

use cranelift_codegen::Context;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::isa::TargetIsa;
use cranelift_frontend::FunctionBuilderContext;
use midend::ir;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use lines::{LINES_SECTION, LINES_VERSION};

/// Cranelift optimisation level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OptLevel {
    /// No optimisation (`opt_level=none`): ~1.5× faster compilation.
    None,
    /// `opt_level=speed` (egraph optimisations; the default).
    #[default]
    Speed,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub opt_level: OptLevel,
    /// Worker threads for per-function compilation (0 is treated as 1).
    pub threads: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            opt_level: OptLevel::Speed,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// A backend failure: malformed IR, a Cranelift error (verifier messages are rendered with the
/// offending CLIF), or an object-writing error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackendError {
    /// The IR function being compiled, if the error belongs to one.
    pub function: Option<String>,
    pub message: String,
}

impl BackendError {
    pub(crate) fn module(message: impl Into<String>) -> Self {
        BackendError {
            function: None,
            message: message.into(),
        }
    }
    pub(crate) fn func(name: &str, message: impl Into<String>) -> Self {
        BackendError {
            function: Some(name.to_string()),
            message: message.into(),
        }
    }
}

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.function {
            Some(name) => write!(f, "backend: function {name}: {}", self.message),
            None => write!(f, "backend: {}", self.message),
        }
    }
}

impl std::error::Error for BackendError {}

/// Figures about one [`compile_module_with_stats`] run (used by the README's measurements and
/// by callers that want to report libcalls).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub functions: usize,
    /// CLIF instructions handed to Cranelift (before its optimisations).
    pub clif_insts: usize,
    /// Machine-code bytes (without inter-function padding).
    pub code_bytes: usize,
    /// Names of the symbols Cranelift itself made the code reference (libcalls such as
    /// `memcpy` or `ceil`), sorted. rgo's own lowering emits none; a non-empty list means a
    /// Cranelift lowering needed a helper the runtime must provide.
    pub libcalls: Vec<String>,
}

/// Compile a module into the bytes of a relocatable ELF object.
pub fn compile_module(m: &ir::Module, opts: &Options) -> Result<Vec<u8>, BackendError> {
    compile_module_with_stats(m, opts).map(|(bytes, _)| bytes)
}

/// [`compile_module`], also returning [`Stats`].
pub fn compile_module_with_stats(
    m: &ir::Module,
    opts: &Options,
) -> Result<(Vec<u8>, Stats), BackendError> {
    let isa = isa::build(opts.opt_level)?;
    let info = translate::ModuleInfo::new(m)?;
    let compiled = compile_functions(m, &info, &*isa, opts.threads)?;
    let mut stats = Stats {
        functions: compiled.len(),
        ..Stats::default()
    };
    for c in &compiled {
        stats.clif_insts += c.clif_insts;
        stats.code_bytes += c.code.len();
        for l in &c.libcalls {
            if !stats.libcalls.contains(l) {
                stats.libcalls.push(l.clone());
            }
        }
    }
    stats.libcalls.sort();
    let bytes = emit::write_object(m, &compiled)?;
    Ok((bytes, stats))
}

/// The backend's debug dump (`rgo build -gcflags=-d=clif`): the Cranelift IR of every function
/// as rgo hands it to Cranelift (before Cranelift's own optimisations), each preceded by a
/// comment naming the Go function and the symbols behind its `u0:N` external names.
pub fn clif_dump(m: &ir::Module, opts: &Options) -> Result<String, BackendError> {
    let isa = isa::build(opts.opt_level)?;
    let info = translate::ModuleInfo::new(m)?;
    let mut fctx = FunctionBuilderContext::new();
    let mut out = String::new();
    for f in &m.functions {
        let t = translate::translate(f, &info, &*isa, &mut fctx)?;
        out.push_str(&translate::describe(f, &t));
        out.push_str(&t.func.display().to_string());
        out.push('\n');
    }
    Ok(out)
}

/// Like [`clif_dump`] but after compilation: Cranelift's machine-instruction listing (VCode
/// disassembly with register allocation applied) of every function.
pub fn asm_dump(m: &ir::Module, opts: &Options) -> Result<String, BackendError> {
    let isa = isa::build(opts.opt_level)?;
    let info = translate::ModuleInfo::new(m)?;
    let mut fctx = FunctionBuilderContext::new();
    let mut ctx = Context::new();
    let mut out = String::new();
    for f in &m.functions {
        let t = translate::translate(f, &info, &*isa, &mut fctx)?;
        out.push_str(&translate::describe(f, &t));
        ctx.clear();
        ctx.set_disasm(true);
        ctx.func = t.func;
        let code = ctx
            .compile(&*isa, &mut ControlPlane::default())
            .map_err(|e| {
                BackendError::func(
                    &f.name,
                    cranelift_codegen::print_errors::pretty_error(e.func, e.inner),
                )
            })?;
        out.push_str(code.vcode.as_deref().unwrap_or(""));
        out.push('\n');
    }
    Ok(out)
}

/// Translate and compile every function of `m`, on `threads` workers, results in IR order.
fn compile_functions(
    m: &ir::Module,
    info: &translate::ModuleInfo,
    isa: &dyn TargetIsa,
    threads: usize,
) -> Result<Vec<emit::CompiledFunc>, BackendError> {
    let n = m.functions.len();
    let threads = threads.clamp(1, n.max(1));
    let work = |fctx: &mut FunctionBuilderContext, ctx: &mut Context, i: usize| {
        let f = &m.functions[i];
        // A Cranelift panic on some input is a bug in Cranelift or in our validation; turn it
        // into an error for this function rather than taking the whole compiler down.
        let r = catch_unwind(AssertUnwindSafe(|| compile_one(f, info, isa, fctx, ctx)));
        if !matches!(r, Ok(Ok(_))) {
            // A failure may leave the builder state it interrupted inconsistent: the next
            // function must start from fresh contexts, or it fails too.
            *fctx = FunctionBuilderContext::new();
            *ctx = Context::new();
        }
        r.unwrap_or_else(|p| {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Err(BackendError::func(
                &f.name,
                format!("internal error (panic in code generation): {msg}"),
            ))
        })
    };
    let mut results: Vec<Option<Result<emit::CompiledFunc, BackendError>>> =
        (0..n).map(|_| None).collect();
    if threads == 1 {
        let mut fctx = FunctionBuilderContext::new();
        let mut ctx = Context::new();
        for (i, r) in results.iter_mut().enumerate() {
            *r = Some(work(&mut fctx, &mut ctx, i));
        }
    } else {
        // Functions are handed out one at a time (sizes vary wildly); every result goes into
        // its IR slot, so the output order never depends on scheduling.
        let next = AtomicUsize::new(0);
        let slots: Vec<Mutex<Option<Result<emit::CompiledFunc, BackendError>>>> =
            (0..n).map(|_| Mutex::new(None)).collect();
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    let mut fctx = FunctionBuilderContext::new();
                    let mut ctx = Context::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            break;
                        }
                        let r = work(&mut fctx, &mut ctx, i);
                        if let Ok(mut slot) = slots[i].lock() {
                            *slot = Some(r);
                        }
                    }
                });
            }
        });
        for (r, slot) in results.iter_mut().zip(slots) {
            *r = slot.into_inner().unwrap_or(None);
        }
    }
    let mut out = Vec::with_capacity(n);
    for (i, r) in results.into_iter().enumerate() {
        match r {
            Some(r) => out.push(r?),
            None => {
                return Err(BackendError::func(
                    &m.functions[i].name,
                    "internal error: function was not compiled",
                ));
            }
        }
    }
    Ok(out)
}

fn compile_one(
    f: &ir::Function,
    info: &translate::ModuleInfo,
    isa: &dyn TargetIsa,
    fctx: &mut FunctionBuilderContext,
    ctx: &mut Context,
) -> Result<emit::CompiledFunc, BackendError> {
    let t = translate::translate(f, info, isa, fctx)?;
    let clif_insts = t.func.dfg.num_insts();
    ctx.clear();
    ctx.func = t.func;
    ctx.compile(isa, &mut ControlPlane::default())
        .map_err(|e| {
            BackendError::func(
                &f.name,
                cranelift_codegen::print_errors::pretty_error(e.func, e.inner),
            )
        })?;
    let code = ctx
        .compiled_code()
        .ok_or_else(|| BackendError::func(&f.name, "internal error: Cranelift returned no code"))?;
    let mut c = emit::CompiledFunc::from_code(f, code, &ctx.func, &t.names, &t.lines, &t.homes)?;
    c.clif_insts = clif_insts;
    Ok(c)
}

/// The bounds checks that remain after the backend's prove pass (`-gcflags=-d=ssa/check_bce`,
/// gc's report of the same name): one `file:line: Found IsInBounds` (an index) or
/// `Found IsSliceInBounds` (a slice bound) line per check, in function order.
pub fn bce_report(m: &ir::Module, opts: &Options) -> Result<String, BackendError> {
    let isa = isa::build(opts.opt_level)?;
    let info = translate::ModuleInfo::new(m)?;
    let mut fctx = FunctionBuilderContext::new();
    let mut out = String::new();
    for f in &m.functions {
        let t = translate::translate(f, &info, &*isa, &mut fctx)?;
        for (line, kind) in prove::remaining_checks(&t.func, &t.names, &t.lines) {
            out.push_str(&format!("{}:{line}: Found {kind}\n", f.file));
        }
    }
    Ok(out)
}
