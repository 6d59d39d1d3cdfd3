//! Lowering of a checked package to rgo IR.
//!
//! [`lower_package`] walks the package's declarations and produces one [`ir::Module`]: a function
//! per Go function, method, closure and wrapper, the package initialiser `pkg.init`, the
//! `pkg..inittask` record, globals, string data and type descriptors. `func.rs` lowers statements,
//! `expr.rs` expressions, `call.rs` calls and builtins.

mod call;
mod chan;
mod defer;
mod expr;
mod func;
mod iface;
mod value;

use std::collections::{BTreeMap, HashMap};

use frontend::ast::{self, Decl, Pos};
use frontend::types::{ObjId, ObjKind, PkgId, Program, Type, TypeId};

use crate::ir::{self, DataObject, DataReloc, DataSection, RelocKind};
use crate::layout::Layouts;
use crate::typedata::TypeData;

pub use func::FnLower;
pub use value::{Place, Value};

/// A construct the midend cannot lower yet, reported as a compile error at its position.
#[derive(Clone, Debug)]
pub struct LowerError {
    pub pos: Pos,
    pub message: String,
}

/// A function body waiting to be lowered (closures are discovered while lowering their parents).
pub(crate) enum PendingBody<'p> {
    Closure {
        name: String,
        lit: &'p ast::Expr,
        /// Captured objects, in closure-field order.
        captures: Vec<ObjId>,
    },
    /// A `deferwrapN`/`gowrapN` thunk.
    Thunk {
        name: String,
        spec: defer::ThunkSpec,
    },
}

/// Package-wide lowering state.
pub struct Lowering<'p> {
    pub prog: &'p Program,
    pub lay: Layouts<'p>,
    pub pkg: PkgId,
    /// Symbol prefix of the package (`main`, or the escaped import path).
    pub prefix: String,
    pub module: ir::Module,
    /// String literal contents → symbol name.
    strings: HashMap<Vec<u8>, String>,
    pub types: TypeData,
    pub errors: Vec<LowerError>,
    pub(crate) pending: Vec<PendingBody<'p>>,
    /// Static funcvals (`pkg.f·f`) already emitted.
    funcvals: BTreeMap<String, ()>,
    /// Symbol names of package-level variables.
    pub globals: HashMap<ObjId, String>,
    /// Number of `init` functions seen so far (`main.init.0`, `main.init.1`, ...).
    init_count: u32,
    /// Counter for closures created by package-level variable initialisers (`main.init.func1`).
    pub init_closures: u32,
    /// `-fm` wrappers of method values.
    pub fm_wrappers: BTreeMap<String, iface::FmWrapper>,
    /// gc-style escape analysis of the package: which variables and allocations need the heap,
    /// and how closures capture.
    pub esc: crate::escape::EscapeResult,
    /// `RGO_NOESCAPE=1`: put every address-taken variable and allocation on the heap (a switch
    /// for diagnosing suspected escape-analysis bugs).
    pub no_escape: bool,
}

/// Lowers the package `pkg` of `prog`.
pub fn lower_package(prog: &Program, pkg: PkgId) -> Result<ir::Module, Vec<LowerError>> {
    let p = prog.package(pkg);
    let prefix = symbol_prefix(&p.path);
    let mut l = Lowering {
        prog,
        lay: Layouts::new(prog),
        pkg,
        prefix: prefix.clone(),
        module: ir::Module {
            package: p.path.clone(),
            ..Default::default()
        },
        strings: HashMap::new(),
        types: TypeData::default(),
        errors: Vec::new(),
        pending: Vec::new(),
        funcvals: BTreeMap::new(),
        globals: HashMap::new(),
        init_count: 0,
        init_closures: 0,
        fm_wrappers: BTreeMap::new(),
        esc: crate::escape::analyze(prog, pkg),
        no_escape: std::env::var_os("RGO_NOESCAPE").is_some_and(|v| v == "1"),
    };
    l.declare_globals();
    let mut init_fns = Vec::new();
    for file in &p.files {
        for d in &file.decls {
            if let Decl::Func(fd) = d {
                if fd.body.is_none() {
                    continue;
                }
                if fd.recv.is_none() && fd.name.name == "init" {
                    let name = format!("{}.init.{}", l.prefix, l.init_count);
                    l.init_count += 1;
                    init_fns.push(name.clone());
                    l.lower_decl(fd, Some(name));
                } else if fd.type_params.is_empty() && !l.is_generic_method(fd) {
                    l.lower_decl(fd, None);
                }
            }
        }
        l.drain_pending();
    }
    let has_var_init = l.lower_package_init();
    l.drain_pending();
    let mut task_fns = Vec::new();
    if has_var_init {
        task_fns.push(format!("{}.init", l.prefix));
    }
    task_fns.extend(init_fns);
    l.emit_inittask(&task_fns);
    l.finish_type_data();
    if l.errors.is_empty() {
        Ok(l.module)
    } else {
        Err(l.errors)
    }
}

/// gc's symbol prefix for a package path (objabi.PathToPrefix): control bytes, `%`, `"`, bytes
/// >= 0x7F and dots after the last slash are %-escaped.
pub fn symbol_prefix(path: &str) -> String {
    let last_slash = path.rfind('/').map(|i| i as isize).unwrap_or(-1);
    let mut out = String::new();
    for (i, b) in path.bytes().enumerate() {
        if b <= b' '
            || b == b'%'
            || b == b'"'
            || b >= 0x7f
            || (b == b'.' && i as isize > last_slash)
        {
            out.push_str(&format!("%{b:02x}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

impl<'p> Lowering<'p> {
    /// Whether variable `o` (whose address is taken or that a closure captures by reference)
    /// must live on the heap.
    pub fn var_escapes(&self, o: ObjId) -> bool {
        self.no_escape || self.esc.heap_vars.contains(&o)
    }

    /// Whether the allocation at `site` (a `&T{}`, `new`, func literal, ...) must be on the heap.
    pub fn site_escapes(&self, site: frontend::ast::NodeId) -> bool {
        self.no_escape || self.esc.heap_sites.contains(&site)
    }

    /// Per captured variable of a func literal: captured by value?
    pub fn capture_by_value(&self, lit: frontend::ast::NodeId, n: usize) -> Vec<bool> {
        match self.esc.capture_by_value.get(&lit) {
            Some(v) if v.len() == n && !self.no_escape => v.clone(),
            _ => vec![false; n],
        }
    }

    /// The layout of a closure object: `(offset, by value)` per captured variable, and the
    /// object's size and pointer words. gc's layout: F first, then the captured variables in
    /// order of first reference, values inline and by-reference variables as pointers, with
    /// ordinary struct alignment.
    pub fn closure_layout(
        &self,
        lit: frontend::ast::NodeId,
        captures: &[ObjId],
    ) -> (Vec<(u64, bool)>, u64, Vec<u64>) {
        let by_value = self.capture_by_value(lit, captures.len());
        let mut off = 8u64;
        let mut align = 8u64;
        let mut fields = Vec::new();
        let mut ptr_words = Vec::new();
        for (o, bv) in captures.iter().zip(by_value) {
            if bv {
                let l = self.lay.of(self.prog.obj(*o).typ);
                off = crate::layout::round_up(off, l.align);
                align = align.max(l.align);
                fields.push((off, true));
                ptr_words.extend(l.ptr_words.iter().map(|w| off + w));
                off += l.size;
            } else {
                off = crate::layout::round_up(off, 8);
                fields.push((off, false));
                ptr_words.push(off);
                off += 8;
            }
        }
        (fields, crate::layout::round_up(off, align), ptr_words)
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.errors.push(LowerError {
            pos,
            message: message.into(),
        });
    }

    fn is_generic_method(&self, fd: &ast::FuncDecl) -> bool {
        let Some(recv) = &fd.recv else { return false };
        let mut t = &recv.typ;
        if let ast::ExprKind::Star(inner) = &t.kind {
            t = inner;
        }
        matches!(t.unparen().kind, ast::ExprKind::Index { .. })
    }

    /// Emits type data and generates the wrappers it refers to, until nothing new is needed.
    fn finish_type_data(&mut self) {
        let mut generated = std::collections::HashSet::new();
        loop {
            let objs = self.types.emit_pending(self.prog, &self.lay);
            self.module.data.extend(objs);
            self.module.functions.append(&mut self.types.functions);
            let wrappers: Vec<(String, (TypeId, frontend::types::MethodSetEntry))> = self
                .types
                .wrappers
                .iter()
                .filter(|(k, _)| !generated.contains(*k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let fms: Vec<(String, iface::FmWrapper)> = self
                .fm_wrappers
                .iter()
                .filter(|(k, _)| !generated.contains(*k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if wrappers.is_empty() && fms.is_empty() && self.pending.is_empty() {
                break;
            }
            for (sym, (recv, m)) in wrappers {
                generated.insert(sym.clone());
                if let Some(f) = FnLower::lower_method_wrapper(self, sym, recv, m) {
                    self.module.functions.push(f);
                }
            }
            for (sym, w) in fms {
                generated.insert(sym.clone());
                if let Some(f) = FnLower::lower_fm_wrapper(self, sym, w) {
                    self.module.functions.push(f);
                }
            }
            self.drain_pending();
        }
    }

    fn drain_pending(&mut self) {
        while let Some(p) = self.pending.pop() {
            match p {
                PendingBody::Closure {
                    name,
                    lit,
                    captures,
                } => {
                    let f = FnLower::lower_closure(self, name, lit, captures);
                    if let Some(f) = f {
                        self.module.functions.push(f);
                    }
                }
                PendingBody::Thunk { name, spec } => {
                    if let Some(f) = FnLower::lower_thunk(self, name, spec) {
                        self.module.functions.push(f);
                    }
                }
            }
        }
    }

    fn lower_decl(&mut self, fd: &'p ast::FuncDecl, name: Option<String>) {
        let name = match name {
            Some(n) => n,
            None => match self.prog.info.defs.get(&fd.name.id) {
                Some(&o) => self.func_symbol(o),
                None => return,
            },
        };
        if let Some(f) = FnLower::lower_func_decl(self, name, fd) {
            self.module.functions.push(f);
        }
    }

    /// gc's symbol name of a function or method object.
    pub fn func_symbol(&self, o: ObjId) -> String {
        let obj = self.prog.obj(o);
        let prefix = obj
            .pkg
            .map(|p| symbol_prefix(&self.prog.package(p).path))
            .unwrap_or_else(|| self.prefix.clone());
        match &obj.kind {
            ObjKind::Func {
                recv_base: Some(base),
                ptr_recv,
                ..
            } => {
                let tname = self.type_name_for_symbol(*base);
                if *ptr_recv {
                    format!("{prefix}.(*{tname}).{}", obj.name)
                } else {
                    format!("{prefix}.{tname}.{}", obj.name)
                }
            }
            _ => format!("{prefix}.{}", obj.name),
        }
    }

    fn type_name_for_symbol(&self, t: TypeId) -> String {
        match self.prog.ty(t) {
            Type::Named(n) => self.prog.obj(n.obj).name.clone(),
            _ => self.prog.type_string(t),
        }
    }

    fn declare_globals(&mut self) {
        let p = self.prog.package(self.pkg);
        let mut objs: Vec<ObjId> = Vec::new();
        for file in &p.files {
            for d in &file.decls {
                if let Decl::Var(g) = d {
                    for spec in &g.specs {
                        for n in &spec.names {
                            if let Some(&o) = self.prog.info.defs.get(&n.id) {
                                objs.push(o);
                            }
                        }
                    }
                }
            }
        }
        for o in objs {
            let obj = self.prog.obj(o);
            if obj.name == "_" {
                continue;
            }
            let sym = format!("{}.{}", self.prefix, obj.name);
            let l = self.lay.of(obj.typ);
            if l.size == 0 {
                // gc gives every zero-size variable the address of runtime.zerobase.
                self.globals.insert(o, "runtime.zerobase".to_string());
                continue;
            }
            let section = if l.has_pointers() {
                DataSection::Bss
            } else {
                DataSection::NoptrBss
            };
            self.module.data.push(DataObject {
                name: sym.clone(),
                section,
                align: l.align.max(1) as u32,
                bytes: Vec::new(),
                size: l.size,
                relocs: Vec::new(),
                global: true,
            });
            self.globals.insert(o, sym);
        }
    }

    /// Lowers `pkg.init` (package-variable initialisation in the checker's order). Returns whether
    /// there was anything to initialise.
    fn lower_package_init(&mut self) -> bool {
        if self.prog.info.init_order.is_empty() {
            return false;
        }
        let name = format!("{}.init", self.prefix);
        if let Some(f) = FnLower::lower_var_init(self, name) {
            self.module.functions.push(f);
            true
        } else {
            false
        }
    }

    fn emit_inittask(&mut self, fns: &[String]) {
        // {state uint32, nfns uint32, fns [nfns]uintptr}
        let mut bytes = vec![0u8; 8 + 8 * fns.len()];
        bytes[4..8].copy_from_slice(&(fns.len() as u32).to_le_bytes());
        let relocs = fns
            .iter()
            .enumerate()
            .map(|(i, f)| DataReloc {
                offset: 8 + 8 * i as u32,
                kind: RelocKind::Abs64,
                target: f.clone(),
                addend: 0,
            })
            .collect();
        let size = bytes.len() as u64;
        self.module.data.push(DataObject {
            name: format!("{}..inittask", self.prefix),
            section: DataSection::NoptrData,
            align: 8,
            bytes,
            size,
            relocs,
            global: true,
        });
    }

    /// The symbol of a string literal's bytes (`go:string."..."`), created on first use.
    pub fn string_sym(&mut self, s: &[u8]) -> String {
        if let Some(sym) = self.strings.get(s) {
            return sym.clone();
        }
        let sym = format!("go:string.{}", go_quote(s));
        self.module.data.push(DataObject {
            name: sym.clone(),
            section: DataSection::Rodata,
            align: 1,
            bytes: s.to_vec(),
            size: s.len() as u64,
            relocs: Vec::new(),
            global: false,
        });
        self.strings.insert(s.to_vec(), sym.clone());
        sym
    }

    /// The static funcval `f·f` of a top-level function, created on first use.
    pub fn funcval_sym(&mut self, func_sym: &str) -> String {
        let sym = format!("{func_sym}·f");
        if self.funcvals.insert(sym.clone(), ()).is_none() {
            self.module.data.push(DataObject {
                name: sym.clone(),
                section: DataSection::GoFunc,
                align: 8,
                bytes: vec![0; 8],
                size: 8,
                relocs: vec![DataReloc {
                    offset: 0,
                    kind: RelocKind::Abs64,
                    target: func_sym.to_string(),
                    addend: 0,
                }],
                global: false,
            });
        }
        sym
    }
}

/// Go's `strconv.Quote` spelling, used in `go:string."..."` symbol names: invalid UTF-8 bytes
/// are written as `\xNN`, so distinct byte strings never share a name.
pub fn go_quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    let mut rest = s;
    while !rest.is_empty() {
        let (valid, bad) = match std::str::from_utf8(rest) {
            Ok(v) => (v, None),
            Err(e) => {
                let (v, tail) = rest.split_at(e.valid_up_to());
                (std::str::from_utf8(v).unwrap_or(""), tail.first().copied())
            }
        };
        for c in valid.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                    out.push_str(&format!("\\x{:02x}", c as u32))
                }
                c => out.push(c),
            }
        }
        rest = &rest[valid.len()..];
        if let Some(b) = bad {
            out.push_str(&format!("\\x{b:02x}"));
            rest = &rest[1..];
        }
    }
    out.push('"');
    out
}
