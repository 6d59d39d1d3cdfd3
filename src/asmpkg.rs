//! Assembling GOROOT's amd64 `.s` files of the packages being built (docs/asm.md).
//!
//! For each package listed in [`ASM_PACKAGES`] the package directory's `.s` files that the
//! build constraints select are assembled by the `asm` crate. Every ABI0 function that the
//! package declares in Go without a body gets a wrapper under the Go function's symbol (the
//! symbol rgo's code calls, with the C convention) and the assembly itself becomes
//! `pkg.f.abi0`, as in gc's binaries. The declared argument size (`$frame-args`) is checked
//! against the Go signature as `go vet`'s asmdecl checks it. The result is one extra object
//! per package for the linker.

use crate::driver::BuildError;
use frontend::ast;
use frontend::load::{self, LoadConfig, constraint};
use frontend::types::{self, ObjKind, Type};
use midend::ir::Ty;
use midend::layout::{Layouts, round_up};
use std::collections::HashMap;
use std::path::Path;

/// Packages whose assembly rgo uses (the others keep the fallbacks of docs/asm.md).
pub const ASM_PACKAGES: &[&str] = &["math"];

/// The `.s` files of the package in `dir` that the build constraints select, sorted.
fn s_files(dir: &Path, tags: &constraint::Tags) -> Vec<(String, String)> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".s") && constraint::file_name_ok(n, tags))
        .collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|n| {
            let text = std::fs::read_to_string(dir.join(&n)).ok()?;
            let h = constraint::scan_header(&text);
            matches!(constraint::header_ok(&h, tags), Ok(true)).then_some((n, text))
        })
        .collect()
}

/// The ABI0 frame of a Go signature: parameters, then pointer-aligned results.
fn abi0_sig(lay: &Layouts, sig: &types::Signature) -> asm::wrapper::Sig {
    let slots = |ts: &[types::TypeId], off: &mut u64, out: &mut Vec<asm::wrapper::Slot>| {
        for &t in ts {
            let l = lay.of(t);
            *off = round_up(*off, l.align);
            for &(so, ty) in &l.scalars {
                out.push(asm::wrapper::Slot {
                    float: matches!(ty, Ty::F32 | Ty::F64),
                    size: ty.bytes() as u8,
                    off: (*off + so) as i64,
                });
            }
            *off += l.size;
        }
    };
    let mut s = asm::wrapper::Sig::default();
    let mut off = 0u64;
    slots(&sig.params, &mut off, &mut s.params);
    off = round_up(off, 8);
    s.results_start = off as i64;
    slots(&sig.results, &mut off, &mut s.results);
    s.arg_size = round_up(off, 8) as i64;
    // The C convention rgo's calls of body-less functions use (midend's emit_c_call).
    let floats = s.results.iter().filter(|r| r.float).count();
    let ints = s.results.len() - floats;
    let all_flat = sig.results.iter().all(|&t| lay.of(t).flat);
    s.out_ptr = ints > 2 || floats > 2 || !all_flat;
    s
}

/// Assembles the `.s` files of the packages in [`ASM_PACKAGES`]: (object name, ELF object).
pub fn assemble_packages(prog: &types::Program) -> Result<Vec<(String, Vec<u8>)>, BuildError> {
    let Some(goroot) = load::default_goroot() else {
        return Ok(Vec::new());
    };
    let tags = LoadConfig::for_build(goroot.clone()).build_tags();
    let lay = Layouts::new(prog);
    let mut objects = Vec::new();
    for p in prog.packages.iter() {
        if p.files.is_empty() || !ASM_PACKAGES.contains(&p.path.as_str()) {
            continue;
        }
        let dir = goroot.join("src").join(&p.path);
        // Body-less Go declarations: the functions the assembly implements.
        let mut decls: HashMap<String, asm::wrapper::Sig> = HashMap::new();
        let scope = prog.scope(p.scope);
        for f in &p.files {
            for d in &f.decls {
                if let ast::Decl::Func(fd) = d
                    && fd.body.is_none()
                    && fd.recv.is_none()
                    && let Some(&o) = scope.names.get(&fd.name.name)
                    && matches!(prog.obj(o).kind, ObjKind::Func { .. })
                    && let Type::Func(sig) = prog.ty(prog.obj(o).typ)
                {
                    decls.insert(format!("{}.{}", p.path, fd.name.name), abi0_sig(&lay, sig));
                }
            }
        }
        for (name, text) in s_files(&dir, &tags) {
            let path = dir.join(&name);
            let inc = goroot.join("pkg").join("include");
            let resolve = |h: &str| -> Option<String> {
                std::fs::read_to_string(dir.join(h))
                    .or_else(|_| std::fs::read_to_string(inc.join(h)))
                    .ok()
            };
            let opts = asm::Options {
                pkg: &p.path,
                resolve: &resolve,
                defines: vec![
                    ("GOOS_linux".into(), "1".into()),
                    ("GOARCH_amd64".into(), "1".into()),
                    ("GOAMD64_v1".into(), "1".into()),
                ],
            };
            let mut unit = asm::assemble(&path.display().to_string(), &text, &opts)
                .map_err(|e| BuildError::Diagnostics(format!("# {}\n{e}\n", p.path)))?;
            let mut rename = HashMap::new();
            let mut wrappers = Vec::new();
            for f in &unit.funcs {
                let Some(sig) = decls.get(&f.name) else {
                    continue;
                };
                if f.abi_internal {
                    return Err(BuildError::Diagnostics(format!(
                        "# {}\n{}: {}: ABIInternal assembly functions are not supported yet\n",
                        p.path, f.pos, f.name
                    )));
                }
                if let Some(a) = f.args
                    && a != sig.arg_size
                {
                    return Err(BuildError::Diagnostics(format!(
                        "# {}\n{}: wrong argument size {a}; expected $...-{}\n",
                        p.path, f.pos, sig.arg_size
                    )));
                }
                let abi0 = format!("{}.abi0", f.name);
                rename.insert(f.name.clone(), abi0.clone());
                wrappers.push((f.name.clone(), abi0, sig.clone(), f.pos.clone()));
            }
            unit.rename_funcs(&rename);
            for (name, abi0, sig, pos) in wrappers {
                unit.add_wrapper(&name, &abi0, &sig, pos)
                    .map_err(|e| BuildError::Other(format!("# {}\n{name}: {e}", p.path)))?;
            }
            let obj = asm::obj::write(&unit)
                .map_err(|e| BuildError::Other(format!("# {}\n{e}", p.path)))?;
            objects.push((format!("{}/{name}", p.path), obj));
        }
    }
    Ok(objects)
}
