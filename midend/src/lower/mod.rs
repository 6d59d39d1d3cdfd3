//! Lowering of a checked package to rgo IR.
//!
//! [`lower_package`] walks the package's declarations and produces one [`ir::Module`]: a function
//! per Go function, method, closure and wrapper, the package initialiser `pkg.init`, the
//! `pkg..inittask` record, globals, string data and type descriptors. `func.rs` lowers statements,
//! `expr.rs` expressions, `call.rs` calls and builtins.

mod arginfo;
pub(crate) mod asm;
mod call;
mod chan;
mod defer;
mod expr;
mod func;
mod iface;
mod intrinsic;
pub(crate) mod rangefunc;
mod reflectcall;
mod staticinit;
mod value;

use std::collections::{BTreeMap, HashMap, HashSet};

use frontend::ast::{self, Decl, Pos};
use frontend::types::{
    FuncInstance, Instance, ObjId, ObjKind, PkgId, Program, Selection, Type, TypeAndValue, TypeId,
};

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
        /// The instance of generic code the literal belongs to.
        inst: Option<&'p FuncInstance>,
    },
    /// The Go-convention entry of a body-less function called with the C convention
    /// (its func value's code; [`FnLower::lower_c_entry`]).
    CEntry { name: String, obj: ObjId },
    /// A `deferwrapN`/`gowrapN` thunk.
    Thunk {
        name: String,
        spec: defer::ThunkSpec,
        inst: Option<&'p FuncInstance>,
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
    /// The instance of generic code being lowered: every type read from the checker's tables
    /// goes through its substitution ([`Lowering::sub`]).
    pub inst: Option<&'p FuncInstance>,
    /// The program's `//go:linkname` table (crate::linkname).
    pub linknames: crate::linkname::LinkNames,
    /// Every Go function lowered so far with its parameter types (receiver first) and result
    /// types, for the reflect call adapters (`reflectcall.rs`).
    pub go_sigs: Vec<(String, Vec<TypeId>, Vec<TypeId>)>,
    /// Static symbols made so far by static initialisation (`pkg..stmp_N`, staticinit.rs).
    static_temps: u32,
    /// The package's functions marked `//go:uintptrescapes`: the uintptr arguments of their
    /// calls may be pointers converted by the caller, which must keep the objects alive until
    /// the call returns (gc's walk keeps them in pointer-typed temporaries).
    pub uintptr_escapes: HashSet<ObjId>,
    /// String variables whose initial value `-ldflags=-X` sets ([`lower_package_with_strings`]).
    pub string_defs: HashMap<ObjId, String>,
    /// The calls expanded in place (`inline::expand`; escape analysis saw them expanded).
    pub expand: HashMap<frontend::ast::NodeId, crate::inline::expand::Expansion<'p>>,
    /// The expanded call being lowered: escape decisions for the callee's body are this copy's.
    pub inl_call: Option<frontend::ast::NodeId>,
    /// The symbol each func literal's closure function got.
    pub closure_syms: HashMap<frontend::ast::NodeId, String>,
    /// Closure symbols referenced by expanded bodies before their function was lowered, checked
    /// against `closure_syms` when the package is done.
    pub inl_closure_refs: Vec<(frontend::ast::NodeId, String, Pos)>,
}

/// Lowers the package `pkg` of `prog`.
pub fn lower_package(prog: &Program, pkg: PkgId) -> Result<ir::Module, Vec<LowerError>> {
    lower_package_opts(prog, pkg, false)
}

/// [`lower_package`]; with `plugin_exports` the package is the main package of a plugin
/// (`-buildmode=plugin`) and also gets gc's export table `go:plugin.tabs` (see
/// [`Lowering::emit_plugin_tabs`]).
pub fn lower_package_opts(
    prog: &Program,
    pkg: PkgId,
    plugin_exports: bool,
) -> Result<ir::Module, Vec<LowerError>> {
    lower_package_with_strings(prog, pkg, plugin_exports, &[])
}

/// [`lower_package_opts`] with the initial values `-ldflags=-X` gives some of the package's
/// string variables: `(variable name, value)`. gc's linker writes such a value over the
/// variable's static data (cmd/link `addstrdata`), so it is what an uninitialised variable or
/// one initialised statically holds; a variable initialised by code gets the value too and
/// the package's init function overwrites it, as under gc. Names that are not string
/// variables of the package are ignored here (the driver reports the ones gc's linker
/// rejects).
pub fn lower_package_with_strings(
    prog: &Program,
    pkg: PkgId,
    plugin_exports: bool,
    string_defs: &[(String, String)],
) -> Result<ir::Module, Vec<LowerError>> {
    let p = prog.package(pkg);
    let prefix = symbol_prefix(&p.path);
    let expand = crate::inline::expand::expansions(prog, pkg);
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
        esc: crate::escape::analyze_expanded(prog, pkg, expand.clone()),
        no_escape: std::env::var_os("RGO_NOESCAPE").is_some_and(|v| v == "1"),
        inst: None,
        linknames: crate::linkname::LinkNames::collect(prog),
        go_sigs: Vec::new(),
        static_temps: 0,
        uintptr_escapes: HashSet::new(),
        string_defs: HashMap::new(),
        expand,
        inl_call: None,
        closure_syms: HashMap::new(),
        inl_closure_refs: Vec::new(),
    };
    for (name, value) in string_defs {
        if let Some(o) = prog.scope_lookup(p.scope, name)
            && matches!(
                prog.obj(o).kind,
                ObjKind::Var {
                    is_global: true,
                    ..
                }
            )
            && matches!(
                prog.ty(prog.obj(o).typ),
                Type::Basic(frontend::types::BasicKind::String)
            )
        {
            l.string_defs.insert(o, value.clone());
        }
    }
    for file in &p.files {
        for d in &file.decls {
            if let Decl::Func(fd) = d
                && fd.directives.iter().any(|d| d.name == "go:uintptrescapes")
                && let Some(&o) = prog.info.defs.get(&fd.name.id)
            {
                l.uintptr_escapes.insert(o);
            }
        }
    }
    l.declare_globals();
    let mut init_fns = Vec::new();
    for file in &p.files {
        for d in &file.decls {
            if let Decl::Func(fd) = d {
                // gc compiles no code for blank functions and methods (nothing can refer
                // to them); their bodies are only type-checked.
                if fd.name.name == "_" {
                    continue;
                }
                if fd.body.is_none() {
                    l.lower_bodyless(fd);
                    continue;
                }
                // Blank functions and methods (`func _()`, `func (T) _()`) are checked but never
                // compiled, as in gc.
                if fd.name.name == "_" {
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
    l.lower_instances();
    let has_var_init = l.lower_package_init();
    l.drain_pending();
    let mut task_fns = Vec::new();
    if has_var_init {
        task_fns.push(format!("{}.init", l.prefix));
    }
    task_fns.extend(init_fns);
    // As gc, a package with nothing to run at init time has no init task at all.
    if !task_fns.is_empty() {
        l.emit_inittask(&task_fns);
    }
    if plugin_exports {
        l.emit_plugin_tabs();
    }
    for (lit, sym, pos) in std::mem::take(&mut l.inl_closure_refs) {
        if l.closure_syms.get(&lit) != Some(&sym) {
            l.error(
                pos,
                format!(
                    "rgo: internal error: expanded call refers to closure {sym}, \
                     which was not lowered under that name"
                ),
            );
        }
    }
    l.finish_type_data();
    l.emit_reflect_adapters();
    // Descriptors the adapters asked for (they make no wrappers).
    let objs = l.types.emit_pending(l.prog, &l.lay);
    l.module.data.extend(objs);
    l.module.functions.append(&mut l.types.functions);
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
        if let Some(c) = self.inl_call {
            return self.no_escape || self.esc.heap_vars_inl.contains(&(c, o));
        }
        self.no_escape || self.esc.heap_vars.contains(&o)
    }

    /// Whether the allocation at `site` (a `&T{}`, `new`, func literal, ...) must be on the heap.
    pub fn site_escapes(&self, site: frontend::ast::NodeId) -> bool {
        if let Some(c) = self.inl_call {
            return self.no_escape || self.esc.heap_sites_inl.contains(&(c, site));
        }
        self.no_escape || self.esc.heap_sites.contains(&site)
    }

    /// Whether escape analysis analysed `site` as an allocation site and found it not to
    /// escape (stricter than `!site_escapes`, which also holds for nodes never analysed).
    pub fn site_stays(&self, site: frontend::ast::NodeId) -> bool {
        if let Some(c) = self.inl_call {
            return !self.site_escapes(site) && self.esc.stack_sites_inl.contains(&(c, site));
        }
        !self.site_escapes(site) && self.esc.stack_sites.contains(&site)
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
        let types: Vec<TypeId> = captures.iter().map(|o| self.obj_type(*o)).collect();
        crate::layout::closure_layout(&self.lay, &types, &by_value)
    }

    /// Lowers the instances of this package's generic functions and methods (one body per
    /// instance, `frontend::types::mono`).
    fn lower_instances(&mut self) {
        let prog = self.prog;
        let mut decls: HashMap<ObjId, &'p ast::FuncDecl> = HashMap::new();
        for file in &prog.package(self.pkg).files {
            for d in &file.decls {
                if let Decl::Func(fd) = d
                    && let Some(&o) = prog.info.defs.get(&fd.name.id)
                {
                    decls.insert(o, fd);
                }
            }
        }
        for fi in &prog.func_instances.list {
            let Some(&fd) = decls.get(&fi.func) else {
                continue;
            };
            if let Some((pos, msg)) = &fi.unsupported {
                self.error(*pos, msg.clone());
                continue;
            }
            let name = self.instance_symbol(fi);
            self.inst = Some(fi);
            self.lower_decl(fd, Some(name));
            self.inst = None;
            self.drain_pending();
        }
    }

    /// gc's symbol of an instance: `pkg.F[int,string]`, `pkg.(*T[int]).M`, `pkg.T[int].M`
    /// (type arguments spelled as in type descriptors' names).
    pub fn instance_symbol(&self, fi: &FuncInstance) -> String {
        let obj = self.prog.obj(fi.func);
        let prefix = obj
            .pkg
            .map(|p| symbol_prefix(&self.prog.package(p).path))
            .unwrap_or_else(|| self.prefix.clone());
        let args = |ts: &[TypeId]| -> String {
            let v: Vec<String> = ts.iter().map(|t| self.prog.link_string(*t)).collect();
            format!("[{}]", v.join(","))
        };
        match (&obj.kind, fi.recv) {
            (
                ObjKind::Func {
                    recv_base: Some(_),
                    ptr_recv,
                    ..
                },
                Some(recv),
            ) => {
                let base = match self.prog.ty(recv) {
                    Type::Pointer(e) => *e,
                    _ => recv,
                };
                let tname = crate::typedata::named_symbol_part(self.prog, base);
                let own = self
                    .prog
                    .func_type_params
                    .get(&fi.func)
                    .map_or(0, |v| v.len());
                let own_args = if own > 0 && own <= fi.type_args.len() {
                    args(&fi.type_args[fi.type_args.len() - own..])
                } else {
                    String::new()
                };
                if *ptr_recv {
                    format!("{prefix}.(*{tname}).{}{own_args}", obj.name)
                } else {
                    format!("{prefix}.{tname}.{}{own_args}", obj.name)
                }
            }
            _ => format!("{prefix}.{}{}", obj.name, args(&fi.type_args)),
        }
    }

    /// `t` under the substitution of the instance being lowered.
    pub fn sub(&self, t: TypeId) -> TypeId {
        match self.inst {
            Some(fi) => fi.subst.get(&t).copied().unwrap_or(t),
            None => t,
        }
    }

    /// The checker's type and value of node `id`, the type substituted.
    pub fn tv(&self, id: frontend::ast::NodeId) -> Option<TypeAndValue> {
        let mut tv = self.prog.info.types.get(&id)?.clone();
        tv.typ = self.sub(tv.typ);
        Some(tv)
    }

    /// The type of object `o` (substituted).
    pub fn obj_type(&self, o: ObjId) -> TypeId {
        self.sub(self.prog.obj(o).typ)
    }

    /// The selection of selector node `id` (in an instance: looked up on the concrete receiver).
    pub fn selection(&self, id: frontend::ast::NodeId) -> Option<Selection> {
        if let Some(fi) = self.inst
            && let Some(s) = fi.selections.get(&id)
        {
            return Some(s.clone());
        }
        self.prog.info.selections.get(&id).cloned()
    }

    /// The instantiation recorded at node `id` (type arguments concrete).
    pub fn instance(&self, id: frontend::ast::NodeId) -> Option<Instance> {
        if let Some(fi) = self.inst
            && let Some(i) = fi.instances.get(&id)
        {
            return Some(i.clone());
        }
        self.prog.info.instances.get(&id).cloned()
    }

    /// Whether `o` is a generic function or a method of a generic type (its code exists only
    /// per instance).
    pub fn is_generic_func(&self, o: ObjId) -> bool {
        if self
            .prog
            .func_type_params
            .get(&o)
            .is_some_and(|v| !v.is_empty())
        {
            return true;
        }
        matches!(self.prog.obj(o).kind, ObjKind::Func { recv_base: Some(b), .. }
            if self.prog.types.named(b).is_some_and(|n| !n.type_params.is_empty()))
    }

    /// The symbol of the code of generic function `o` instantiated at node `id`.
    pub fn generic_func_symbol(&mut self, o: ObjId, id: frontend::ast::NodeId, pos: Pos) -> String {
        let Some(inst) = self.instance(id) else {
            self.error(pos, "rgo: generic function used without instantiation");
            return self.func_symbol(o);
        };
        match self.prog.func_instances.get(o, &inst.type_args) {
            Some(fi) => self.instance_symbol(fi),
            None => {
                self.error(pos, "rgo: missing instance of generic function");
                self.func_symbol(o)
            }
        }
    }

    /// For method `m` reached at holder type `holder` (the named type, or pointer to it, whose
    /// method set has it): the symbol of its code, its receiver parameter type and its signature
    /// without receiver. Methods of generic types resolve to the holder instance's code.
    pub fn method_target(&self, m: ObjId, holder: TypeId) -> (String, TypeId, TypeId) {
        let prog = self.prog;
        let obj = prog.obj(m);
        let base = match prog.ty(holder) {
            Type::Pointer(e) => *e,
            _ => holder,
        };
        if self.is_generic_func(m)
            && let Some(n) = prog.types.named(base)
            && n.origin.is_some()
            && let Some(fi) = prog.func_instances.get(m, &n.type_args)
        {
            let sym = self.instance_symbol(fi);
            return (sym, fi.recv.unwrap_or(holder), fi.sig);
        }
        let sym = self.func_symbol(m);
        let recv = match prog.ty(obj.typ) {
            Type::Func(s) => s.recv.unwrap_or(obj.typ),
            _ => obj.typ,
        };
        let sig = obj.typ;
        (sym, recv, sig)
    }

    /// [`Lowering::method_target`] for a method named at selector identifier `sel_id`: a method
    /// with its own type parameters (Go 1.27) resolves to the instance recorded there.
    pub fn method_target_at(
        &mut self,
        m: ObjId,
        holder: TypeId,
        sel_id: frontend::ast::NodeId,
        pos: Pos,
    ) -> (String, TypeId, TypeId) {
        if self
            .prog
            .func_type_params
            .get(&m)
            .is_none_or(|v| v.is_empty())
        {
            return self.method_target(m, holder);
        }
        let own = self
            .instance(sel_id)
            .map(|i| i.type_args)
            .unwrap_or_default();
        let base = match self.prog.ty(holder) {
            Type::Pointer(e) => *e,
            _ => holder,
        };
        if self
            .prog
            .types
            .named(base)
            .is_some_and(|n| n.origin.is_some())
        {
            self.error(
                pos,
                "rgo: methods with type parameters of generic types are not supported yet",
            );
            return self.method_target(m, holder);
        }
        match self.prog.func_instances.get(m, &own) {
            Some(fi) => (self.instance_symbol(fi), fi.recv.unwrap_or(holder), fi.sig),
            None => {
                self.error(pos, "rgo: missing instance of generic method");
                self.method_target(m, holder)
            }
        }
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
                    inst,
                } => {
                    self.inst = inst;
                    let f = FnLower::lower_closure(self, name, lit, captures);
                    self.inst = None;
                    if let Some(f) = f {
                        self.module.functions.push(f);
                    }
                }
                PendingBody::CEntry { name, obj } => {
                    let f = FnLower::lower_c_entry(self, name, obj);
                    self.module.functions.push(f);
                }
                PendingBody::Thunk { name, spec, inst } => {
                    self.inst = inst;
                    let f = FnLower::lower_thunk(self, name, spec);
                    self.inst = None;
                    if let Some(f) = f {
                        self.module.functions.push(f);
                    }
                }
            }
        }
    }

    /// A function declared without a body: when the compiler provides its calls (an atomic
    /// or a Go fallback, see asm.rs), it also gets a Go body under its own symbol; the others
    /// are Rust functions of the runtime.
    fn lower_bodyless(&mut self, fd: &'p ast::FuncDecl) {
        if fd.recv.is_some() || !fd.type_params.is_empty() {
            return;
        }
        let Some(&o) = self.prog.info.defs.get(&fd.name.id) else {
            return;
        };
        let Some(how) = asm::provision(self.prog, o) else {
            return;
        };
        if !matches!(how, asm::Provided::Atomic(_) | asm::Provided::Fallback(_)) {
            return;
        }
        let name = self.func_symbol(o);
        let f = FnLower::lower_provided_decl(self, name, fd, o, how);
        self.module.functions.push(f);
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

    /// The symbol of a package-level variable declared by another package (its linkname target,
    /// `runtime.zerobase` when it has size 0, else `pkg.name`).
    pub fn foreign_global_symbol(&self, o: ObjId) -> Option<String> {
        let obj = self.prog.obj(o);
        let ObjKind::Var {
            is_global: true, ..
        } = obj.kind
        else {
            return None;
        };
        let pkg = obj.pkg.filter(|p| *p != self.pkg)?;
        if let Some(target) = self.linknames.symbol.get(&o) {
            return Some(target.clone());
        }
        if self.lay.of(obj.typ).size == 0 {
            return Some("runtime.zerobase".to_string());
        }
        Some(format!(
            "{}.{}",
            symbol_prefix(&self.prog.package(pkg).path),
            obj.name
        ))
    }

    /// gc's symbol name of a function or method object.
    pub fn func_symbol(&self, o: ObjId) -> String {
        if let Some(target) = self.linknames.symbol.get(&o) {
            return target.clone();
        }
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
            let sym = match self.linknames.symbol.get(&o) {
                // A linkname'd variable naming another package's symbol refers to that
                // package's storage (a pull).
                Some(target) if !target.starts_with(&format!("{}.", self.prefix)) => {
                    self.globals.insert(o, target.clone());
                    continue;
                }
                Some(target) => target.clone(),
                None => format!("{}.{}", self.prefix, obj.name),
            };
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
            let mut var = DataObject {
                name: sym.clone(),
                section,
                align: l.align.max(1) as u32,
                bytes: Vec::new(),
                size: l.size,
                relocs: Vec::new(),
                global: true,
            };
            if let Some(value) = self.string_defs.get(&o)
                && !value.is_empty()
            {
                // As gc's linker: the bytes in a read-only `<var>.str`, the variable in
                // `.data` pointing at them.
                let data = format!("{sym}.str");
                self.module.data.push(DataObject {
                    name: data.clone(),
                    section: DataSection::Rodata,
                    align: 1,
                    bytes: value.as_bytes().to_vec(),
                    size: value.len() as u64,
                    relocs: Vec::new(),
                    global: false,
                });
                var.section = DataSection::Data;
                var.bytes = [0u64, value.len() as u64]
                    .iter()
                    .flat_map(|w| w.to_le_bytes())
                    .collect();
                var.relocs.push(DataReloc {
                    offset: 0,
                    kind: RelocKind::Abs64,
                    target: data,
                    addend: 0,
                });
            }
            self.module.data.push(var);
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

    /// gc's `go:plugin.tabs` (reflectdata.WritePluginTable): one `{name nameOff, typ typeOff}`
    /// entry per exported package-level function or variable of a plugin's main package, in
    /// declaration order (as gc's noder collects them). A function's type is its signature; a variable's is the pointer to it, since
    /// `Lookup` returns the variable's address. The table lives in `.go.type`, where the
    /// linker resolves offsets against the module's `runtime.types`, and the linker points
    /// moduledata.ptab at it.
    fn emit_plugin_tabs(&mut self) {
        let p = self.prog.package(self.pkg);
        let mut entries: Vec<(String, TypeId, bool)> = Vec::new();
        for file in &p.files {
            for d in &file.decls {
                let idents: Vec<&ast::Ident> = match d {
                    Decl::Func(fd) if fd.recv.is_none() && fd.type_params.is_empty() => {
                        vec![&fd.name]
                    }
                    Decl::Var(g) => g.specs.iter().flat_map(|s| s.names.iter()).collect(),
                    _ => continue,
                };
                for id in idents {
                    if !id.name.starts_with(|c: char| c.is_uppercase()) {
                        continue;
                    }
                    let Some(&o) = self.prog.info.defs.get(&id.id) else {
                        continue;
                    };
                    let obj = self.prog.obj(o);
                    let is_func = matches!(obj.kind, ObjKind::Func { .. });
                    entries.push((obj.name.clone(), obj.typ, is_func));
                }
            }
        }
        let mut bytes = Vec::with_capacity(8 * entries.len());
        let mut relocs = Vec::new();
        for (i, (name, t, is_func)) in entries.iter().enumerate() {
            let tsym = if *is_func {
                self.types.type_sym(self.prog, *t)
            } else {
                self.types.ptr_to(self.prog, *t)
            };
            let name_sym = format!("go:plugin.tabs.name.{name}");
            let data = crate::typedata::encode_name(name, true);
            let size = data.len() as u64;
            self.module.data.push(DataObject {
                name: name_sym.clone(),
                section: DataSection::GoType,
                align: 1,
                bytes: data,
                size,
                relocs: Vec::new(),
                global: false,
            });
            for (k, target) in [name_sym, tsym].into_iter().enumerate() {
                relocs.push(DataReloc {
                    offset: (8 * i + 4 * k) as u32,
                    kind: RelocKind::Off32,
                    target,
                    addend: 0,
                });
            }
            bytes.extend_from_slice(&[0; 8]);
        }
        let size = bytes.len() as u64;
        self.module.data.push(DataObject {
            name: "go:plugin.tabs".into(),
            section: DataSection::GoType,
            align: 4,
            bytes,
            size,
            relocs,
            global: true,
        });
    }

    /// A fresh name for a static symbol of the package (gc's `StaticName`: `pkg..stmp_N`).
    pub(crate) fn static_temp_name(&mut self) -> String {
        let n = self.static_temps;
        self.static_temps += 1;
        format!("{}..stmp_{n}", self.prefix)
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

    /// The static funcval of a body-less function called with the C convention (a Rust
    /// function of the runtime, or assembly behind its wrapper): its code is a local
    /// Go-convention entry `pkg.f·goentry` that this package generates on first use, since
    /// calls through func values use the Go convention.
    pub(crate) fn c_funcval_sym(&mut self, func_sym: &str, o: ObjId) -> String {
        let entry = format!("{func_sym}·goentry");
        let sym = format!("{entry}·f");
        if !self.funcvals.contains_key(&sym) {
            self.pending.push(PendingBody::CEntry {
                name: entry.clone(),
                obj: o,
            });
        }
        self.funcval_sym(&entry)
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
