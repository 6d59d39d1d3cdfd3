//! `//go:linkname`, as gc implements it (docs/abi.md, "linkname").
//!
//! * `//go:linkname local target` on a function **with** a body (a push) emits the function under
//!   the symbol `target`; the declaring package's own calls use that symbol too.
//! * On a function **without** a body (a pull) it makes `local` refer to the symbol `target`.
//! * `//go:linkname local` (no target) only marks `local` as linkname'd; its symbol stays
//!   `pkg.local` (gc's form for symbols the runtime pushes into a package).
//!
//! A body-less function is called with the Go convention when the symbol it resolves to is
//! defined by a Go function with a body somewhere in the program (for instance the runtime
//! overlay pushing `//go:linkname time_now time.now`), otherwise with the C convention into the
//! Rust runtime, which exports the symbol.

use std::collections::{HashMap, HashSet};

use frontend::ast::{Decl, Directive};
use frontend::types::{ObjId, ObjKind, Program};

/// The program's linkname table.
#[derive(Default, Debug)]
pub struct LinkNames {
    /// Package-level functions (and variables) whose symbol is a linkname target.
    pub symbol: HashMap<ObjId, String>,
    /// Symbols defined by Go functions with a body, after linkname renaming.
    pub go_defined: HashSet<String>,
}

fn linkname_args(d: &Directive) -> Option<(&str, Option<&str>)> {
    if d.name != "go:linkname" && d.name != "go:linknamestd" {
        return None;
    }
    let mut it = d.args.split_whitespace();
    let local = it.next()?;
    Some((local, it.next()))
}

impl LinkNames {
    /// Collects every `//go:linkname` of every package of `prog` and the symbols of all Go
    /// function bodies.
    pub fn collect(prog: &Program) -> LinkNames {
        let mut ln = LinkNames::default();
        for p in &prog.packages {
            for f in &p.files {
                let func_dirs = f.decls.iter().filter_map(|d| match d {
                    Decl::Func(fd) => Some(fd.directives.iter()),
                    _ => None,
                });
                for d in f.directives.iter().chain(func_dirs.flatten()) {
                    let Some((local, Some(target))) = linkname_args(d) else {
                        continue;
                    };
                    let Some(o) = prog.scope_lookup(p.scope, local) else {
                        continue;
                    };
                    match &prog.obj(o).kind {
                        ObjKind::Func {
                            recv_base: None, ..
                        }
                        | ObjKind::Var { .. } => {
                            ln.symbol.insert(o, target.to_string());
                        }
                        _ => {}
                    }
                }
            }
        }
        for p in &prog.packages {
            let prefix = crate::lower::symbol_prefix(&p.path);
            for f in &p.files {
                for d in &f.decls {
                    let Decl::Func(fd) = d else { continue };
                    if fd.body.is_none() || fd.recv.is_some() || !fd.type_params.is_empty() {
                        continue;
                    }
                    let Some(&o) = prog.info.defs.get(&fd.name.id) else {
                        continue;
                    };
                    let sym = match ln.symbol.get(&o) {
                        Some(s) => s.clone(),
                        None => format!("{prefix}.{}", fd.name.name),
                    };
                    ln.go_defined.insert(sym);
                }
            }
        }
        ln
    }
}
