//! The checker state, package-level declarations (collection, lazy resolution with cycle
//! detection), and type expressions.

use std::collections::{HashMap, HashSet};

use super::expr::{OpMode, Operand};
use super::*;
use crate::ast::{self, Expr, ExprKind, Field, Pos};

#[derive(Clone, Copy)]
pub(crate) enum DeclKind<'a> {
    Const {
        typ: Option<&'a Expr>,
        init: Option<&'a Expr>,
        iota: u32,
    },
    Var {
        typ: Option<&'a Expr>,
        init: Option<&'a Expr>,
        /// For `var a, b = f()`: all lhs objects share the single initialiser.
        multi: bool,
    },
    Type(&'a ast::TypeSpec),
    Func(&'a ast::FuncDecl),
}

/// A named interface checked while an interface it embeds was still being declared.
pub(crate) struct PartialIface {
    named: TypeId,
    /// The interface's own methods and its embedded types, in source order.
    own: Vec<IfaceMethod>,
    embeds: Vec<TypeId>,
    method_decl: Vec<(String, Pos)>,
}

pub(crate) struct DeclInfo<'a> {
    pub file_scope: ScopeId,
    pub kind: DeclKind<'a>,
    /// Lhs objects of an n:1 var declaration.
    pub lhs: Vec<ObjId>,
}

/// Per-function checking context.
pub(crate) struct FuncCtx {
    /// The FuncLit NodeId (None for a declared function or method).
    pub lit: Option<NodeId>,
    pub sig: TypeId,
    /// Named result objects (for bare returns).
    pub results: Vec<ObjId>,
    pub has_named_results: bool,
}

/// The environment of the expression or statement being checked.
#[derive(Clone)]
pub(crate) struct Env {
    pub scope: ScopeId,
    /// Value of `iota` inside a constant declaration.
    pub iota: Option<u32>,
    /// The package-level object whose declaration (or function body) is being checked; references
    /// to package-level objects become its dependencies (for the initialisation order).
    pub decl: Option<ObjId>,
}

pub(crate) struct Checker<'a> {
    pub p: &'a mut Program,
    pub pkg: PkgId,
    pub files: &'a [ast::File],
    pub errors: Vec<Diagnostic>,
    pub imports: Vec<PkgId>,
    pub decls: HashMap<ObjId, DeclInfo<'a>>,
    /// Package-level objects in source order.
    pub decl_order: Vec<ObjId>,
    /// 1 = grey (in progress), 2 = black (done); absent = white.
    pub color: HashMap<ObjId, u8>,
    pub obj_path: Vec<ObjId>,
    /// `type T U` where U's own declaration is still in progress (U's underlying type is not
    /// known yet, as for `type U struct{ next *T }`): T → U, resolved when U's is.
    pub pending_under: HashMap<TypeId, TypeId>,
    /// Methods declared for a base type name (TypeName object → method Func objects).
    pub methods: HashMap<ObjId, Vec<ObjId>>,
    /// Package-level dependency graph: object → objects referenced by its declaration, in order.
    pub deps: HashMap<ObjId, Vec<ObjId>>,
    pub used_pkgnames: HashSet<ObjId>,
    /// Dot imports (file scope, imported package, spec), and the (file scope, package) pairs
    /// through which a name was found: a dot import none of whose names is used is reported.
    dot_imports: Vec<(ScopeId, PkgId, &'a ast::ImportSpec)>,
    /// Function-local aliases whose right-hand side is being checked.
    pub(crate) local_aliases_in_progress: HashSet<ObjId>,
    used_dot_imports: std::cell::RefCell<HashSet<(ScopeId, PkgId)>>,
    pub env: Env,
    pub untyped: HashMap<NodeId, &'a Expr>,
    /// Local variables that were used (read).
    pub used: HashSet<ObjId>,
    pub fstack: Vec<FuncCtx>,
    /// Function-nesting depth at which each local variable was declared.
    pub var_depth: HashMap<ObjId, usize>,
    /// Local variables declared in the current function, for "declared and not used".
    pub local_vars: Vec<ObjId>,
    /// Parameter/result objects and function scope of each declared function or method.
    pub func_scopes: HashMap<ObjId, ScopeId>,
    pub local_type_counter: u32,
    /// Recursion depth of expression/type checking, bounded to stay clear of stack overflows.
    pub depth: u32,
    /// Signatures of package-level functions and methods whose bodies still need checking.
    pub bodies: Vec<ObjId>,
    /// Map key types to verify once all types are complete.
    pub pending_map_keys: Vec<(TypeId, Pos)>,
    /// Embedded field types to check once every type of the package is complete (types2
    /// checks them "later": `type T *struct{ T }` names T before T's underlying type is known):
    /// (position, field type, written as `*T`).
    pending_embedded: Vec<(Pos, TypeId, bool)>,
    /// Import declarations with their PkgName objects (for "imported and not used").
    pub import_specs: Vec<(ObjId, &'a ast::ImportSpec)>,
    /// Methods whose receiver base type name is resolved after collection.
    pub pending_methods: Vec<(String, ObjId)>,
    /// `obj_path` lengths at which the checking of interface method signatures began: an
    /// interface embedding a type still being declared further up the path, reached through a
    /// method signature, is no cycle (protobuf's `Descriptor`/`FileDescriptor`).
    iface_sig_marks: Vec<usize>,
    /// Named interfaces whose method sets lack those of embedded interfaces still being declared
    /// when they were checked; completed by `complete_partial_ifaces`.
    partial_ifaces: Vec<PartialIface>,
    /// Result objects of declared functions (for bare returns).
    pub func_results: HashMap<ObjId, Vec<ObjId>>,
    /// Parameter and result objects of the last signature checked.
    pub last_param_objs: Vec<ObjId>,
    pub last_result_objs: Vec<ObjId>,
    /// Receiver variable of each method.
    pub recv_objs: HashMap<ObjId, ObjId>,
    /// Instances of generic types whose underlying type is not computed yet.
    pub pending_instances: Vec<TypeId>,
    pub labels: Option<super::stmt::Labels>,
    /// Labels of enclosing labeled statements: (name, labels a loop).
    pub enclosing_labels: Vec<(String, bool)>,
    /// Import spelling → package path (see `ParsedPackage::import_map`).
    pub import_map: HashMap<String, String>,
    /// Nesting of type parameter lists whose constraints are being resolved; instantiations
    /// met meanwhile are verified afterwards (`pending_verify`).
    pub in_constraints: u32,
    pub pending_verify: Vec<(Vec<TypeId>, Vec<TypeId>, &'a [Expr])>,
    /// Set while `pending_verify` is drained: instantiations are verified immediately.
    pub(crate) verifying_now: bool,
    /// Aliases whose right-hand side is being resolved early (see `grey_cycle`).
    pub eager_aliases: HashSet<ObjId>,
}

/// Bound on expression/type nesting. The parser admits `+` chains of ~1500 operands (left-deep
/// trees), which generated std tables use; `check_program` runs on a stack sized for this.
pub(crate) const MAX_DEPTH: u32 = 4000;

impl<'a> Checker<'a> {
    pub fn new(p: &'a mut Program, pkg: PkgId, files: &'a [ast::File]) -> Checker<'a> {
        let scope = p.package(pkg).scope;
        Checker {
            p,
            pkg,
            files,
            errors: Vec::new(),
            imports: Vec::new(),
            decls: HashMap::new(),
            decl_order: Vec::new(),
            color: HashMap::new(),
            obj_path: Vec::new(),
            pending_under: HashMap::new(),
            methods: HashMap::new(),
            deps: HashMap::new(),
            used_pkgnames: HashSet::new(),
            dot_imports: Vec::new(),
            local_aliases_in_progress: HashSet::new(),
            used_dot_imports: std::cell::RefCell::new(HashSet::new()),
            env: Env {
                scope,
                iota: None,
                decl: None,
            },
            untyped: HashMap::new(),
            used: HashSet::new(),
            fstack: Vec::new(),
            var_depth: HashMap::new(),
            local_vars: Vec::new(),
            func_scopes: HashMap::new(),
            local_type_counter: 0,
            depth: 0,
            bodies: Vec::new(),
            pending_map_keys: Vec::new(),
            pending_embedded: Vec::new(),
            import_specs: Vec::new(),
            pending_methods: Vec::new(),
            iface_sig_marks: Vec::new(),
            partial_ifaces: Vec::new(),
            func_results: HashMap::new(),
            last_param_objs: Vec::new(),
            last_result_objs: Vec::new(),
            recv_objs: HashMap::new(),
            pending_instances: Vec::new(),
            labels: None,
            enclosing_labels: Vec::new(),
            import_map: HashMap::new(),
            in_constraints: 0,
            pending_verify: Vec::new(),
            verifying_now: false,
            eager_aliases: HashSet::new(),
        }
    }

    pub fn take_errors(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.errors)
    }

    pub fn error(&mut self, pos: Pos, msg: impl Into<String>) {
        self.errors.push(Diagnostic::new(pos, msg));
    }

    pub fn pkg_scope(&self) -> ScopeId {
        self.p.package(self.pkg).scope
    }

    /// Type spelling for messages of this package.
    pub fn ts(&self, t: TypeId) -> String {
        self.p.type_string_in(t, self.pkg)
    }

    pub fn invalid(&self) -> TypeId {
        self.p.invalid_type()
    }

    pub fn basic(&self, k: BasicKind) -> TypeId {
        self.p.basic(k)
    }

    pub fn under(&self, t: TypeId) -> TypeId {
        self.p.types.underlying(t)
    }

    pub fn is_invalid(&self, t: TypeId) -> bool {
        matches!(self.p.ty(t), Type::Basic(BasicKind::Invalid))
            || matches!(self.p.ty(self.under(t)), Type::Basic(BasicKind::Invalid))
    }

    // ---------------------------------------------------------------- scopes

    /// Declares `obj` in `scope`; reports a redeclaration (with the other declaration) otherwise.
    pub fn declare(&mut self, scope: ScopeId, ident: Option<&ast::Ident>, obj: ObjId) {
        let name = self.p.obj(obj).name.clone();
        if let Some(id) = ident {
            self.p.info.defs.insert(id.id, obj);
        }
        if name == "_" {
            return;
        }
        if let Some(&other) = self.p.scopes[scope.0 as usize].names.get(&name) {
            let pos = self.p.obj(obj).pos;
            let opos = self.p.obj(other).pos;
            let mut msg = format!("{name} redeclared in this block");
            if opos.is_known() {
                msg.push_str(&format!(
                    "\n\t{}: other declaration of {name}",
                    self.p.fset.format(opos)
                ));
            }
            self.error(pos, msg);
            // The rejected object is not a variable of the program: never report it unused.
            self.used.insert(obj);
            return;
        }
        self.p.scopes[scope.0 as usize].names.insert(name, obj);
        self.p.objects[obj.0 as usize].parent = Some(scope);
    }

    /// Looks a name up from `scope` outwards.
    pub fn lookup(&self, mut scope: ScopeId, name: &str) -> Option<ObjId> {
        loop {
            let s = &self.p.scopes[scope.0 as usize];
            if let Some(&o) = s.names.get(name) {
                // A name of another package found in a file scope came through a dot import.
                if s.kind == ScopeKind::File
                    && let Some(p) = self.p.obj(o).pkg
                    && p != self.pkg
                {
                    self.used_dot_imports.borrow_mut().insert((scope, p));
                }
                return Some(o);
            }
            scope = s.parent?;
        }
    }

    pub fn new_obj(&mut self, name: &str, pos: Pos, kind: ObjKind, typ: TypeId) -> ObjId {
        self.p.new_object(Object {
            name: name.to_string(),
            pos,
            pkg: Some(self.pkg),
            kind,
            typ,
            parent: None,
            decl_ident: None,
        })
    }

    pub fn new_var(&mut self, name: &str, pos: Pos, typ: TypeId, is_param: bool) -> ObjId {
        self.new_obj(
            name,
            pos,
            ObjKind::Var {
                is_field: false,
                is_global: false,
                is_param,
                embedded: false,
            },
            typ,
        )
    }

    pub fn open_scope(&mut self, kind: ScopeKind) -> ScopeId {
        let s = self.p.new_scope(Some(self.env.scope), kind);
        self.env.scope = s;
        s
    }

    pub fn close_scope(&mut self) {
        if let Some(p) = self.p.scopes[self.env.scope.0 as usize].parent {
            self.env.scope = p;
        }
    }

    // ---------------------------------------------------------------- package

    pub fn check_package(&mut self) {
        self.collect_objects();
        // Types first (as types2 does), then everything else, in source order.
        let order = self.decl_order.clone();
        for &o in &order {
            if matches!(self.p.obj(o).kind, ObjKind::TypeName { .. }) {
                self.obj_decl(o);
            }
        }
        for &o in &order {
            self.obj_decl(o);
        }
        self.check_pending_types();
        let bodies = std::mem::take(&mut self.bodies);
        for f in bodies {
            self.func_body_decl(f);
        }
        self.check_pending_types();
        self.flush_untyped();
        self.init_order();
        self.unused_imports();
    }

    fn collect_objects(&mut self) {
        let pkg_scope = self.pkg_scope();
        let files = self.files;
        for (fi, file) in files.iter().enumerate() {
            let fscope = self.p.new_scope(Some(pkg_scope), ScopeKind::File);
            if fi == 0 {
                // nothing: all files must agree on the package name
            } else if file.package_name.name != files[0].package_name.name {
                self.error(
                    file.package_name.pos,
                    format!(
                        "package {}; expected package {}",
                        file.package_name.name, files[0].package_name.name
                    ),
                );
            }
            for imp in &file.imports {
                self.collect_import(fscope, imp);
            }
            for decl in &file.decls {
                self.collect_decl(fscope, decl);
            }
        }
        for (base, m) in std::mem::take(&mut self.pending_methods) {
            let syn_ptr = matches!(self.p.obj(m).kind, ObjKind::Func { ptr_recv: true, .. });
            if let Some((t, ptr)) = self.resolve_base_type_name(pkg_scope, &base, syn_ptr) {
                if ptr
                    && let ObjKind::Func { ptr_recv, .. } = &mut self.p.objects[m.0 as usize].kind
                {
                    *ptr_recv = true;
                }
                self.methods.entry(t).or_default().push(m);
            }
        }
        // File-scope names (imports) must not clash with package-scope names.
        let fscopes = self.p.scope(pkg_scope).children.clone();
        for fs in fscopes {
            let names: Vec<(String, ObjId)> = self
                .p
                .scope(fs)
                .names
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            for (name, o) in names {
                if let Some(&other) = self.p.scope(pkg_scope).names.get(&name) {
                    let opos = self.p.obj(other).pos;
                    let pos = self.p.obj(o).pos;
                    self.error(
                        opos,
                        format!(
                            "{name} already declared through import of package {}\n\t{}: other declaration of {name}",
                            name,
                            self.p.fset.format(pos)
                        ),
                    );
                }
            }
        }
    }

    /// types2's resolveBaseTypeName: the defined type a method's receiver base name denotes,
    /// following non-generic alias declarations of the package (`type A = T; type B = *A`), and
    /// whether an alias on the way added the pointer.
    fn resolve_base_type_name(
        &self,
        pkg_scope: ScopeId,
        name: &str,
        mut ptr: bool,
    ) -> Option<(ObjId, bool)> {
        let mut name = name.to_string();
        let mut seen = HashSet::new();
        loop {
            let t = self.p.scope_lookup(pkg_scope, &name)?;
            if !matches!(self.p.obj(t).kind, ObjKind::TypeName { .. }) || !seen.insert(t) {
                return None;
            }
            let Some(DeclInfo {
                kind: DeclKind::Type(spec),
                ..
            }) = self.decls.get(&t)
            else {
                return Some((t, ptr));
            };
            if spec.assign.is_none() {
                return Some((t, ptr));
            }
            if !spec.type_params.is_empty() {
                return None;
            }
            let mut e = spec.typ.unparen();
            if let ExprKind::Star(inner) = &e.kind {
                if ptr {
                    return None;
                }
                ptr = true;
                e = inner.unparen();
            }
            match &e.kind {
                ExprKind::Ident(id) => name = id.name.clone(),
                _ => return None,
            }
        }
    }

    fn collect_import(&mut self, fscope: ScopeId, imp: &'a ast::ImportSpec) {
        let path = self.import_map.get(&imp.path).unwrap_or(&imp.path);
        let Some(&ipkg) = self.p.pkg_by_path.get(path) else {
            self.error(
                imp.path_pos,
                format!("could not import {} (package not found)", imp.path),
            );
            return;
        };
        if !self.imports.contains(&ipkg) {
            self.imports.push(ipkg);
        }
        let pkg_name = self.p.package(ipkg).name.clone();
        let (name, pos) = match &imp.name {
            Some(n) => (n.name.clone(), n.pos),
            None => (pkg_name.clone(), imp.path_pos),
        };
        if name == "_" {
            return;
        }
        if name == "." {
            // Dot import: every exported package-level name goes into the file scope.
            let pscope = self.p.package(ipkg).scope;
            let names: Vec<(String, ObjId)> = self
                .p
                .scope(pscope)
                .names
                .iter()
                .filter(|(k, _)| is_exported(k))
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            for (n, o) in names {
                self.p.scopes[fscope.0 as usize].names.insert(n, o);
            }
            self.dot_imports.push((fscope, ipkg, imp));
            return;
        }
        let o = self.new_obj(
            &name,
            pos,
            ObjKind::PkgName { imported: ipkg },
            self.invalid(),
        );
        if let Some(n) = &imp.name {
            self.p.info.defs.insert(n.id, o);
        }
        if let Some(&other) = self.p.scope(fscope).names.get(&name) {
            let opos = self.p.obj(other).pos;
            self.error(
                pos,
                format!(
                    "{name} redeclared in this block\n\t{}: other declaration of {name}",
                    self.p.fset.format(opos)
                ),
            );
            return;
        }
        self.p.scopes[fscope.0 as usize].names.insert(name, o);
        self.p.objects[o.0 as usize].parent = Some(fscope);
        self.import_specs.push((o, imp));
    }

    fn collect_decl(&mut self, fscope: ScopeId, decl: &'a ast::Decl) {
        let pkg_scope = self.pkg_scope();
        match decl {
            ast::Decl::Const(g) => {
                let mut last: Option<&'a ast::ValueSpec> = None;
                for spec in &g.specs {
                    if spec.typ.is_some() || !spec.values.is_empty() {
                        last = Some(spec);
                    }
                    let src = last.unwrap_or(spec);
                    for (i, name) in spec.names.iter().enumerate() {
                        let o = self.new_obj(
                            &name.name,
                            name.pos,
                            ObjKind::Const {
                                value: constant::int(0),
                            },
                            self.invalid(),
                        );
                        self.p.objects[o.0 as usize].decl_ident = Some(name.id);
                        if !self.declare_pkg_obj(pkg_scope, name, o) {
                            continue;
                        }
                        self.decls.insert(
                            o,
                            DeclInfo {
                                file_scope: fscope,
                                kind: DeclKind::Const {
                                    typ: src.typ.as_ref(),
                                    init: src.values.get(i),
                                    iota: spec.iota,
                                },
                                lhs: vec![],
                            },
                        );
                        self.decl_order.push(o);
                    }
                    self.const_spec_arity(spec, src);
                }
            }
            ast::Decl::Var(g) => {
                for spec in &g.specs {
                    let mut objs = Vec::new();
                    for name in &spec.names {
                        let o = self.new_obj(
                            &name.name,
                            name.pos,
                            ObjKind::Var {
                                is_field: false,
                                is_global: true,
                                is_param: false,
                                embedded: false,
                            },
                            self.invalid(),
                        );
                        self.p.objects[o.0 as usize].decl_ident = Some(name.id);
                        if self.declare_pkg_obj(pkg_scope, name, o) {
                            objs.push(o);
                        }
                    }
                    let multi = spec.values.len() == 1 && spec.names.len() > 1;
                    for (i, &o) in objs.iter().enumerate() {
                        let init = if multi {
                            spec.values.first()
                        } else {
                            spec.values.get(i)
                        };
                        self.decls.insert(
                            o,
                            DeclInfo {
                                file_scope: fscope,
                                kind: DeclKind::Var {
                                    typ: spec.typ.as_ref(),
                                    init,
                                    multi,
                                },
                                lhs: if multi { objs.clone() } else { vec![] },
                            },
                        );
                        self.decl_order.push(o);
                    }
                    self.var_spec_arity(spec);
                }
            }
            ast::Decl::Type(g) => {
                for spec in &g.specs {
                    let o = self.new_obj(
                        &spec.name.name,
                        spec.name.pos,
                        ObjKind::TypeName {
                            is_alias: spec.assign.is_some(),
                        },
                        self.invalid(),
                    );
                    self.p.objects[o.0 as usize].decl_ident = Some(spec.name.id);
                    if !self.declare_pkg_obj(pkg_scope, &spec.name, o) {
                        continue;
                    }
                    self.decls.insert(
                        o,
                        DeclInfo {
                            file_scope: fscope,
                            kind: DeclKind::Type(spec),
                            lhs: vec![],
                        },
                    );
                    self.decl_order.push(o);
                }
            }
            ast::Decl::Func(fd) => {
                let name = &fd.name;
                let o = self.new_obj(
                    &name.name,
                    name.pos,
                    ObjKind::Func {
                        recv_base: None,
                        ptr_recv: false,
                        has_body: fd.body.is_some(),
                    },
                    self.invalid(),
                );
                self.p.objects[o.0 as usize].decl_ident = Some(name.id);
                if let Some(recv) = &fd.recv {
                    self.p.info.defs.insert(name.id, o);
                    // Associate with the receiver base type name (resolved by name in the package
                    // scope; errors are reported when the signature is checked).
                    if let Some((base, ptr)) = recv_base_name(&recv.typ) {
                        if let ObjKind::Func { ptr_recv, .. } =
                            &mut self.p.objects[o.0 as usize].kind
                        {
                            *ptr_recv = ptr;
                        }
                        self.pending_methods.push((base.name.clone(), o));
                    }
                } else if name.name == "init"
                    || name.name == "main" && self.p.package(self.pkg).name == "main"
                {
                    self.p.info.defs.insert(name.id, o);
                    if name.name == "init" {
                        if !fd.type_params.is_empty() {
                            self.error(name.pos, "func init must have no type parameters");
                        }
                        if !fd.sig.params.is_empty() || !fd.sig.results.is_empty() {
                            self.error(
                                name.pos,
                                "func init must have no arguments and no return values",
                            );
                        }
                        if fd.body.is_none() {
                            self.error(name.pos, "missing function body");
                        }
                    } else {
                        if !fd.type_params.is_empty() {
                            self.error(name.pos, "func main must have no type parameters");
                        }
                        if !fd.sig.params.is_empty() || !fd.sig.results.is_empty() {
                            self.error(
                                name.pos,
                                "func main must have no arguments and no return values",
                            );
                        }
                        self.declare(pkg_scope, Some(name), o);
                    }
                } else {
                    self.declare(pkg_scope, Some(name), o);
                }
                self.decls.insert(
                    o,
                    DeclInfo {
                        file_scope: fscope,
                        kind: DeclKind::Func(fd),
                        lhs: vec![],
                    },
                );
                self.decl_order.push(o);
            }
            ast::Decl::Bad(_) => {}
        }
    }

    /// Declares a package-level constant, variable or type (types2's `declarePkgObj`). The
    /// names `init` (and `main` in package main) are reserved for functions: such a declaration
    /// is reported and dropped (neither declared nor checked), and `false` is returned.
    fn declare_pkg_obj(&mut self, pkg_scope: ScopeId, name: &'a ast::Ident, o: ObjId) -> bool {
        if name.name == "init" {
            self.error(name.pos, "cannot declare init - must be func");
            return false;
        }
        if name.name == "main" && self.p.packages[self.pkg.0 as usize].name == "main" {
            self.error(name.pos, "cannot declare main - must be func");
            return false;
        }
        self.declare(pkg_scope, Some(name), o);
        true
    }

    fn const_spec_arity(&mut self, spec: &'a ast::ValueSpec, src: &'a ast::ValueSpec) {
        let nn = spec.names.len();
        let nv = src.values.len();
        if nv == 0 && std::ptr::eq(spec, src) {
            self.error(spec.names[0].pos, "missing init expr for const declaration");
        } else if nn > nv {
            if let Some(n) = spec.names.get(nv) {
                self.error(n.pos, "missing init expr for const declaration");
            }
        } else if nn < nv && std::ptr::eq(spec, src) {
            self.error(src.values[nn].pos, "extra init expr");
        }
    }

    fn var_spec_arity(&mut self, spec: &'a ast::ValueSpec) {
        let nn = spec.names.len();
        let nv = spec.values.len();
        if nv == 0 || nv == nn || nv == 1 {
            return;
        }
        if nn < nv {
            self.error(
                spec.values[nn].pos,
                format!(
                    "assignment mismatch: {nn} variable{} but {nv} value{}",
                    plural(nn),
                    plural(nv)
                ),
            );
        } else {
            self.error(
                spec.names[nv].pos,
                format!(
                    "assignment mismatch: {nn} variable{} but {nv} value{}",
                    plural(nn),
                    plural(nv)
                ),
            );
        }
    }

    fn unused_imports(&mut self) {
        let used_dots = std::mem::take(&mut *self.used_dot_imports.borrow_mut());
        for (fscope, ipkg, imp) in std::mem::take(&mut self.dot_imports) {
            if !used_dots.contains(&(fscope, ipkg)) {
                // At the spec, i.e. its `.` (types2 reports the ImportDecl's position).
                let pos = imp.name.as_ref().map_or(imp.path_pos, |n| n.pos);
                self.error(pos, format!("\"{}\" imported and not used", imp.path));
            }
        }
        let specs = std::mem::take(&mut self.import_specs);
        for (o, imp) in specs {
            if self.used_pkgnames.contains(&o) {
                continue;
            }
            let pkg_name = match &self.p.obj(o).kind {
                ObjKind::PkgName { imported } => self.p.package(*imported).name.clone(),
                _ => continue,
            };
            let msg = match &imp.name {
                Some(n) if n.name != pkg_name => {
                    format!("\"{}\" imported as {} and not used", imp.path, n.name)
                }
                _ => format!("\"{}\" imported and not used", imp.path),
            };
            self.error(imp.path_pos, msg);
        }
    }

    // ---------------------------------------------------------------- object declarations

    /// Resolves the declaration of a package-level object (lazily, with cycle detection).
    pub fn obj_decl(&mut self, o: ObjId) {
        match self.color.get(&o) {
            Some(2) => return,
            Some(_) => {
                self.grey_cycle(o);
                return;
            }
            None => {}
        }
        let Some(d) = self.decls.get(&o) else {
            return;
        };
        let (fscope, kind) = (d.file_scope, d.kind);
        self.color.insert(o, 1);
        self.obj_path.push(o);
        let saved = std::mem::replace(
            &mut self.env,
            Env {
                scope: fscope,
                iota: None,
                decl: Some(o),
            },
        );
        match kind {
            DeclKind::Const { typ, init, iota } => {
                self.env.iota = Some(iota);
                self.const_decl(o, typ, init);
            }
            DeclKind::Var { typ, init, multi } => self.global_var_decl(o, typ, init, multi),
            DeclKind::Type(spec) => self.type_decl(o, spec),
            DeclKind::Func(fd) => self.func_decl(o, fd),
        }
        self.env = saved;
        self.obj_path.pop();
        self.color.insert(o, 2);
    }

    /// A reference to an object whose declaration is in progress.
    fn grey_cycle(&mut self, o: ObjId) {
        let Some(start) = self.obj_path.iter().position(|&x| x == o) else {
            return;
        };
        let cycle: Vec<ObjId> = self.obj_path[start..].to_vec();
        let mut nval = 0;
        let mut ndef = 0;
        for &c in &cycle {
            match &self.p.obj(c).kind {
                ObjKind::Const { .. } | ObjKind::Var { .. } => nval += 1,
                ObjKind::TypeName { is_alias } if !is_alias => ndef += 1,
                _ => {}
            }
        }
        let typ_unknown = self.is_invalid(self.p.obj(o).typ);
        match &self.p.obj(o).kind {
            ObjKind::Const { .. } | ObjKind::Var { .. } => {
                if nval == cycle.len() {
                    // A cycle of values only is reported by the initialisation order check
                    // (`initialization cycle for x`, as types2 does); a type not known yet
                    // stays invalid.
                    return;
                }
                if typ_unknown || !(nval == 0 && ndef > 0) {
                    self.cycle_error(&cycle);
                }
            }
            ObjKind::TypeName { .. } => {
                // Named types are created before their right-hand side is resolved, so a
                // reference to a grey defined type is fine here; invalid recursion through
                // values is caught by the validity check, alias cycles below.
                if nval == 0 && ndef > 0 {
                    self.resolve_alias_early(o);
                    return;
                }
                self.cycle_error(&cycle);
            }
            ObjKind::Func { .. } if nval > 0 && !(nval == 0 && ndef > 0) && typ_unknown => {
                self.cycle_error(&cycle);
            }
            _ => {}
        }
    }

    /// An alias referenced while its own declaration is in progress, through a defined type
    /// (`type A = T; type T struct{ f func(*A) }` with `A` declared first): types2 gives such a
    /// reference an Alias type resolved later; here the right-hand side is evaluated now (it
    /// can only name types that already exist). A second early attempt on the same alias is a
    /// real cycle and is left to the usual checks.
    fn resolve_alias_early(&mut self, o: ObjId) {
        if !matches!(self.p.obj(o).kind, ObjKind::TypeName { is_alias: true })
            || !self.is_invalid(self.p.obj(o).typ)
            || !self.eager_aliases.insert(o)
        {
            return;
        }
        let Some(d) = self.decls.get(&o) else {
            return;
        };
        let (fscope, kind) = (d.file_scope, d.kind);
        if let DeclKind::Type(spec) = kind {
            let saved = std::mem::replace(
                &mut self.env,
                Env {
                    scope: fscope,
                    iota: None,
                    decl: Some(o),
                },
            );
            let t = self.typ(&spec.typ);
            self.env = saved;
            if self.is_invalid(self.p.obj(o).typ) {
                self.p.objects[o.0 as usize].typ = t;
            }
        }
        self.eager_aliases.remove(&o);
    }

    /// Reports a declaration cycle at the object of `cycle` that appears first in the source.
    pub fn cycle_error(&mut self, cycle: &[ObjId]) {
        self.cycle_error_from(cycle, None);
    }

    /// Reports a declaration cycle at `cycle[start]`, or with no `start` at the object that
    /// appears first in the source.
    pub fn cycle_error_from(&mut self, cycle: &[ObjId], start: Option<usize>) {
        if cycle.is_empty() {
            return;
        }
        let start = start.filter(|&i| i < cycle.len()).unwrap_or_else(|| {
            (0..cycle.len())
                .min_by_key(|&i| {
                    let p = self.p.obj(cycle[i]).pos;
                    (p.file, p.offset)
                })
                .unwrap_or(0)
        });
        let obj = cycle[start];
        let is_type = matches!(self.p.obj(obj).kind, ObjKind::TypeName { .. });
        let name = self.p.obj(obj).name.clone();
        let pos = self.p.obj(obj).pos;
        if cycle.len() == 1 {
            if is_type {
                self.error(
                    pos,
                    format!("invalid recursive type: {name} refers to itself"),
                );
            } else {
                self.error(
                    pos,
                    format!("invalid cycle in declaration: {name} refers to itself"),
                );
            }
            return;
        }
        let mut msg = if is_type {
            format!("invalid recursive type {name}")
        } else {
            format!("invalid cycle in declaration of {name}")
        };
        let mut cur = obj;
        for i in 0..cycle.len() {
            let next = cycle[(start + i + 1) % cycle.len()];
            msg.push_str(&format!(
                "\n\t{}: {} refers to {}",
                self.p.fset.format(self.p.obj(cur).pos),
                self.p.obj(cur).name,
                self.p.obj(next).name
            ));
            cur = next;
        }
        self.error(pos, msg);
    }

    fn const_decl(&mut self, o: ObjId, typ: Option<&'a Expr>, init: Option<&'a Expr>) {
        let t = typ.map(|t| {
            let tt = self.typ(t);
            if !self.is_invalid(tt) && !self.is_const_type(tt) {
                self.error(t.pos, format!("invalid constant type {}", self.ts(tt)));
                return self.invalid();
            }
            tt
        });
        let mut x = match init {
            Some(e) => self.expr(e),
            None => Operand::invalid(),
        };
        self.const_init(o, t, &mut x);
    }

    /// Finishes a constant declaration: converts the value to the declared type and stores it.
    pub fn const_init(&mut self, o: ObjId, t: Option<TypeId>, x: &mut Operand<'a>) {
        if x.mode != OpMode::Invalid && x.mode != OpMode::Constant {
            if let Some(e) = x.expr {
                self.error(e.pos, format!("{} is not constant", self.operand_string(x)));
            }
            x.mode = OpMode::Invalid;
        }
        if x.mode == OpMode::Invalid {
            self.p.objects[o.0 as usize].typ = t.unwrap_or(self.invalid());
            return;
        }
        if let Some(t) = t {
            if self.is_invalid(t) {
                self.p.objects[o.0 as usize].typ = t;
                return;
            }
            self.assignment(x, t, "constant declaration");
        }
        let value = x.val.clone().unwrap_or(constant::int(0));
        let obj = &mut self.p.objects[o.0 as usize];
        obj.typ = if x.mode == OpMode::Invalid {
            self.p.types.underlying(TypeId::new(0))
        } else {
            x.typ
        };
        if x.mode == OpMode::Invalid {
            obj.typ = self.p.basics[0];
        }
        obj.kind = ObjKind::Const { value };
    }

    pub fn is_const_type(&self, t: TypeId) -> bool {
        matches!(self.p.ty(self.under(t)), Type::Basic(k) if *k != BasicKind::UnsafePointer && *k != BasicKind::UntypedNil)
    }

    fn global_var_decl(
        &mut self,
        o: ObjId,
        typ: Option<&'a Expr>,
        init: Option<&'a Expr>,
        multi: bool,
    ) {
        let lhs = self
            .decls
            .get(&o)
            .map(|d| d.lhs.clone())
            .unwrap_or_default();
        if let Some(t) = typ {
            let tt = self.typ(t);
            if multi {
                for &l in &lhs {
                    self.p.objects[l.0 as usize].typ = tt;
                }
            } else {
                self.p.objects[o.0 as usize].typ = tt;
            }
        }
        let Some(init) = init else {
            if typ.is_none() {
                self.p.objects[o.0 as usize].typ = self.invalid();
            }
            return;
        };
        if multi {
            // All lhs variables are declared by this one check; mark them done.
            for &l in &lhs {
                if l != o {
                    self.color.insert(l, 2);
                }
            }
            let declared = typ.map(|_| self.p.obj(o).typ);
            self.init_vars(&lhs, std::slice::from_ref(init), declared, init.pos, true);
            return;
        }
        let declared = typ.map(|_| self.p.obj(o).typ);
        let mut x = self.expr(init);
        self.init_var(o, declared, &mut x, "variable declaration");
    }

    // ---------------------------------------------------------------- type declarations

    pub(crate) fn type_decl(&mut self, o: ObjId, spec: &'a ast::TypeSpec) {
        if spec.assign.is_some() {
            if !spec.type_params.is_empty() {
                // A generic alias (Go 1.24): the RHS in terms of the alias's type parameters,
                // substituted at each instantiation (`instantiated_type`).
                self.open_scope(ScopeKind::Block);
                let tps = self.declare_type_params(&spec.type_params, None);
                let mut t = self.typ(&spec.typ);
                self.close_scope();
                if matches!(self.p.ty(t), Type::TypeParam(_)) {
                    self.error(
                        spec.typ.pos,
                        "cannot use type parameter declared in alias declaration as RHS",
                    );
                    t = self.invalid();
                }
                self.p.alias_type_params.insert(o, tps);
                self.p.objects[o.0 as usize].typ = t;
                return;
            }
            // An alias: the object's type is the RHS type itself.
            let t = self.typ(&spec.typ);
            self.p.objects[o.0 as usize].typ = t;
            return;
        }
        let named = self.p.types.push(Type::Named(NamedType {
            obj: o,
            underlying: None,
            methods: vec![],
            type_params: vec![],
            origin: None,
            type_args: vec![],
        }));
        self.p.objects[o.0 as usize].typ = named;
        // Every named type gets its `*T` interned up front: the midend needs `*T`'s method set
        // (wrappers, itab code) even when the program never spells `*T`.
        self.p.types.pointer(named);
        if self.env.decl.is_some() && !self.fstack.is_empty() {
            // (local types are numbered by the caller)
        }
        let mut tparam_scope = None;
        if !spec.type_params.is_empty() {
            let s = self.open_scope(ScopeKind::Block);
            tparam_scope = Some(s);
            self.declare_type_params(&spec.type_params, Some(named));
        }
        let rhs = self.typ_inner(&spec.typ, Some(named));
        if tparam_scope.is_some() {
            self.close_scope();
        }
        let mut u = self.under(rhs);
        let mut pending = false;
        if u == named {
            // `type T T`.
            self.cycle_error(&[o]);
            u = self.invalid();
        } else if matches!(self.p.ty(u), Type::Named(n) if n.underlying.is_none()) {
            // `type T U` where U's declaration is in progress. Following what U waits for
            // leads back to T in a cycle of type names (`type T U; type U T`), which is
            // invalid; otherwise U is being declared with a type literal that refers to T
            // (`type U struct{ next *T }`) and T takes U's underlying type once it is known.
            let mut chain = vec![o];
            let mut t = u;
            let mut cyclic = false;
            for _ in 0..10_000 {
                if t == named {
                    cyclic = true;
                    break;
                }
                if let Some(n) = self.p.types.named(t) {
                    chain.push(n.obj);
                }
                match self.pending_under.get(&t) {
                    Some(&next) => t = next,
                    None => break,
                }
            }
            if cyclic {
                self.cycle_error(&chain);
                u = self.invalid();
            } else {
                self.pending_under.insert(named, u);
                pending = true;
            }
        }
        if matches!(self.p.ty(u), Type::TypeParam(_)) {
            self.error(
                spec.typ.pos,
                "cannot use a type parameter as RHS in type declaration",
            );
            u = self.invalid();
        }
        if !pending {
            if let Type::Named(n) = &mut self.p.types.types[named.0 as usize] {
                n.underlying = Some(u);
            }
            self.resolve_pending_under();
        }
        // Like types2, at the end of the declaration: a type of a cycle declared further on has no
        // underlying type yet, so the type completing a cycle is the one that reports it.
        self.valid_type(named);
        // Methods.
        let ms = self.methods.get(&o).cloned().unwrap_or_default();
        if let Type::Named(n) = &mut self.p.types.types[named.0 as usize] {
            n.methods = ms.clone();
        }
        for m in ms {
            self.obj_decl(m);
        }
        self.check_method_field_clash(named, o);
        if !self.partial_ifaces.is_empty() {
            self.complete_partial_ifaces();
        }
        self.complete_instances();
    }

    /// Gives every type waiting in `pending_under` whose target now has an underlying type that
    /// underlying type (repeatedly: chains `type A B; type B C; type C struct{...}`).
    fn resolve_pending_under(&mut self) {
        loop {
            let mut ready: Vec<(TypeId, TypeId)> = self
                .pending_under
                .iter()
                .filter(|&(_, &t)| {
                    self.p
                        .types
                        .named(t)
                        .is_some_and(|n| n.underlying.is_some())
                })
                .map(|(&n, &t)| (n, t))
                .collect();
            if ready.is_empty() {
                return;
            }
            ready.sort();
            for (n, t) in ready {
                self.pending_under.remove(&n);
                let u = self.under(t);
                if let Type::Named(nt) = &mut self.p.types.types[n.0 as usize] {
                    nt.underlying = Some(u);
                }
            }
        }
    }

    /// A type declaration inside a function body.
    pub(crate) fn local_type_decl(&mut self, o: ObjId, spec: &'a ast::TypeSpec) {
        // A local alias is in scope in its own right-hand side, where naming it is a cycle
        // (`type T = T`, `type L = []L`); defined types exist before their right-hand side.
        let alias = spec.assign.is_some();
        if alias {
            self.local_aliases_in_progress.insert(o);
        }
        self.type_decl(o, spec);
        if alias {
            self.local_aliases_in_progress.remove(&o);
        }
    }

    fn check_method_field_clash(&mut self, named: TypeId, o: ObjId) {
        let ms = self.methods.get(&o).cloned().unwrap_or_default();
        let mut seen: HashMap<String, ObjId> = HashMap::new();
        for m in ms {
            let name = self.p.obj(m).name.clone();
            if name == "_" {
                continue;
            }
            if let Some(&prev) = seen.get(&name) {
                let tn = self.p.obj(o).name.clone();
                let ppos = self.p.obj(prev).pos;
                self.error(
                    self.p.obj(m).pos,
                    format!(
                        "method {tn}.{name} already declared at {}",
                        self.p.fset.format(ppos)
                    ),
                );
                continue;
            }
            seen.insert(name.clone(), m);
            if let Type::Struct(fields) = self.p.ty(self.under(named))
                && fields.iter().any(|f| f.name == name)
            {
                let u = self.under(named);
                let fpos = self.p.field_objs.get(&u).and_then(|fs| {
                    fs.iter()
                        .map(|f| self.p.obj(*f))
                        .find(|f| f.name == name)
                        .map(|f| f.pos)
                });
                let mut msg = format!("field and method with the same name {name}");
                if let Some(fp) = fpos.filter(|p| p.is_known()) {
                    msg.push_str(&format!(
                        "\n\t{}: other declaration of {name}",
                        self.p.fset.format(fp)
                    ));
                }
                self.error(self.p.obj(m).pos, msg);
            }
        }
    }

    /// Declares type parameters in the current scope and returns their types.
    /// Declares a type parameter list, then checks the constraints. `owner` is the generic
    /// named type being declared: it gets its type parameters before the constraints are
    /// checked, since they may instantiate it (`type T[U interface{ M() T[U] }] ...`).
    pub fn declare_type_params(
        &mut self,
        fields: &'a [Field],
        owner: Option<TypeId>,
    ) -> Vec<TypeId> {
        let mut tps = Vec::new();
        let mut objs = Vec::new();
        for f in fields {
            for n in &f.names {
                let o = self.new_obj(
                    &n.name,
                    n.pos,
                    ObjKind::TypeName { is_alias: false },
                    self.invalid(),
                );
                let t = self.p.types.push(Type::TypeParam(TypeParamType {
                    obj: o,
                    index: tps.len() as u32,
                    constraint: self.p.any_type,
                }));
                self.p.objects[o.0 as usize].typ = t;
                let scope = self.env.scope;
                self.declare(scope, Some(n), o);
                tps.push(t);
                objs.push(o);
            }
        }
        if let Some(named) = owner
            && let Type::Named(n) = &mut self.p.types.types[named.0 as usize]
        {
            n.type_params = tps.clone();
        }
        // Constraints may refer to any of the type parameters.
        self.in_constraints += 1;
        let mut i = 0;
        for f in fields {
            let c = self.constraint(&f.typ);
            for _ in &f.names {
                if let Type::TypeParam(tp) = &mut self.p.types.types[tps[i].0 as usize] {
                    tp.constraint = c;
                }
                i += 1;
            }
        }
        self.in_constraints -= 1;

        tps
    }

    /// A constraint: an interface type, or a union/tilde/type that is wrapped in an implicit
    /// interface.
    fn constraint(&mut self, e: &'a Expr) -> TypeId {
        let is_union = matches!(
            &e.unparen().kind,
            ExprKind::Binary {
                op: ast::BinaryOp::Or,
                ..
            } | ExprKind::Unary {
                op: ast::UnaryOp::Tilde,
                ..
            }
        );
        if is_union {
            let terms = self.union_terms(e);
            let it = InterfaceType {
                methods: vec![],
                embeddeds: vec![],
                terms: Some(terms),
                comparable: false,
                implicit: true,
            };
            return self.p.types.intern(Type::Interface(it));
        }
        let t = self.typ(e);
        if self.is_invalid(t) {
            return self.p.any_type;
        }
        if matches!(self.p.ty(self.under(t)), Type::Interface(_)) {
            return t;
        }
        if matches!(self.p.ty(t), Type::TypeParam(_)) {
            self.error(
                e.pos,
                "cannot use a type parameter as constraint".to_string(),
            );
            return self.p.any_type;
        }
        let it = InterfaceType {
            methods: vec![],
            embeddeds: vec![],
            terms: Some(vec![Term {
                tilde: false,
                typ: t,
            }]),
            comparable: false,
            implicit: true,
        };
        self.p.types.intern(Type::Interface(it))
    }

    pub fn union_terms(&mut self, e: &'a Expr) -> Vec<Term> {
        let mut out = Vec::new();
        self.collect_union(e, &mut out);
        out
    }

    fn collect_union(&mut self, e: &'a Expr, out: &mut Vec<Term>) {
        match &e.unparen().kind {
            ExprKind::Binary {
                op: ast::BinaryOp::Or,
                x,
                y,
                ..
            } => {
                self.collect_union(x, out);
                self.collect_union(y, out);
            }
            ExprKind::Unary {
                op: ast::UnaryOp::Tilde,
                x,
            } => {
                let mut t = self.typ(x);
                // Stand-alone type parameters cannot be terms (go.dev/issue/47127): their type
                // set would be defined in terms of itself.
                if self.is_type_param(t) {
                    self.error(
                        crate::types::expr::start_pos(x),
                        format!("type in term {} cannot be a type parameter", expr_string(e)),
                    );
                    t = self.invalid();
                }
                if !self.is_invalid(t) && self.under(t) != t {
                    self.error(
                        e.pos,
                        format!(
                            "invalid use of ~ ({} is not the type of {})",
                            self.ts(self.under(t)),
                            self.ts(t)
                        ),
                    );
                    // types2: "invalid use of ~ (underlying type of T is U)"
                }
                out.push(Term {
                    tilde: true,
                    typ: t,
                });
            }
            _ => {
                let mut t = self.typ(e);
                if self.is_type_param(t) {
                    self.error(
                        crate::types::expr::start_pos(e),
                        "term cannot be a type parameter",
                    );
                    t = self.invalid();
                }
                out.push(Term {
                    tilde: false,
                    typ: t,
                });
            }
        }
    }

    // ---------------------------------------------------------------- functions

    fn func_decl(&mut self, o: ObjId, fd: &'a ast::FuncDecl) {
        let scope = self.open_scope(ScopeKind::Func);
        self.func_scopes.insert(o, scope);
        let mut recv_obj_type = None;
        if !fd.type_params.is_empty() {
            // Go 1.27 allows methods to have their own type parameters (`func (r *Rand)
            // N[Int intType](n Int) Int`); like a generic function's, they are instantiated at
            // each use (`r.N(5)`, `r.N[int]`).
            let tps = self.declare_type_params(&fd.type_params, None);
            self.p.func_type_params.insert(o, tps);
        }
        if let Some(recv) = &fd.recv {
            recv_obj_type = Some(self.receiver(o, recv));
        }
        let sig = self.signature(&fd.sig, recv_obj_type);
        // A declared function's parameters and results belong to its body, at depth 1 like its
        // receiver, wherever the declaration happens to be checked: a use inside a function
        // literal elsewhere can check it first, with deeper function contexts on the stack,
        // and closures in the body would then miss them as captures.
        for &v in self.last_param_objs.iter().chain(&self.last_result_objs) {
            self.var_depth.insert(v, 1);
        }
        self.func_results.insert(o, self.last_result_objs.clone());
        self.close_scope();
        let sig = match recv_obj_type {
            Some(_) => sig,
            None => sig,
        };
        self.p.objects[o.0 as usize].typ = sig;
        if fd.body.is_some() {
            self.bodies.push(o);
        }
    }

    /// Checks a method receiver: declares the receiver variable and returns its type.
    fn receiver(&mut self, m: ObjId, recv: &'a Field) -> TypeId {
        let mut te = recv.typ.unparen();
        let mut ptr = false;
        if let ExprKind::Star(inner) = &te.kind {
            ptr = true;
            te = inner.unparen();
        }
        let (base_ident, targs): (Option<&'a ast::Ident>, Vec<&'a Expr>) = match &te.kind {
            ExprKind::Ident(id) => (Some(id), vec![]),
            ExprKind::Index { x, indices, .. } => match &x.unparen().kind {
                ExprKind::Ident(id) => (Some(id), indices.iter().collect()),
                _ => (None, vec![]),
            },
            _ => (None, vec![]),
        };
        let mut rtype = self.invalid();
        let mut alias_ptr = false;
        if let Some(id) = base_ident {
            let found = self.lookup(self.pkg_scope(), &id.name);
            match found {
                Some(tobj)
                    if matches!(self.p.obj(tobj).kind, ObjKind::TypeName { .. })
                        && self.p.obj(tobj).pkg == Some(self.pkg) =>
                {
                    self.obj_decl(tobj);
                    self.p.info.uses.insert(id.id, tobj);
                    let mut base = self.p.obj(tobj).typ;
                    // An alias of a pointer to a local defined type (`type P = *T`) declares a
                    // pointer receiver (types2's resolveBaseTypeName).
                    if !ptr
                        && let ObjKind::TypeName { is_alias: true } = self.p.obj(tobj).kind
                        && let Type::Pointer(elem) = self.p.ty(base)
                        && let Some(n) = self.p.types.named(*elem)
                        && self.p.obj(n.obj).pkg == Some(self.pkg)
                    {
                        alias_ptr = true;
                        base = *elem;
                    }
                    if let ObjKind::TypeName { is_alias: true } = self.p.obj(tobj).kind
                        && self.p.types.named(base).is_none()
                    {
                        self.error(
                            id.pos,
                            format!(
                                "cannot define new methods on non-local type {}",
                                self.ts(base)
                            ),
                        );
                    }
                    match self.p.ty(base) {
                        Type::Named(n) => {
                            let tps = n.type_params.clone();
                            let under = n.underlying;
                            if tps.len() != targs.len() {
                                if tps.is_empty() {
                                    self.error(
                                        te.pos,
                                        format!("{} is not a generic type", id.name),
                                    );
                                } else {
                                    self.error(
                                        id.pos,
                                        format!(
                                            "cannot use generic type {} without instantiation",
                                            id.name
                                        ),
                                    );
                                }
                            } else {
                                // Receiver type parameters are names for the type's own
                                // parameters (so method signatures are expressed in terms of the
                                // generic type's parameters).
                                for (i, a) in targs.iter().enumerate() {
                                    if let ExprKind::Ident(aid) = &a.unparen().kind {
                                        let tp = tps[i];
                                        let tpo = self.new_obj(
                                            &aid.name,
                                            aid.pos,
                                            ObjKind::TypeName { is_alias: true },
                                            tp,
                                        );
                                        let scope = self.env.scope;
                                        self.declare(scope, Some(aid), tpo);
                                    } else {
                                        self.error(
                                            a.pos,
                                            "receiver type parameter must be an identifier",
                                        );
                                    }
                                }
                            }
                            if self.p.obj(tobj).pkg != Some(self.pkg) {
                                self.error(id.pos, "cannot define new methods on non-local type");
                            }
                            match under.map(|u| self.p.ty(u).clone()) {
                                Some(Type::Pointer(_)) => {
                                    self.error(
                                        id.pos,
                                        format!(
                                            "invalid receiver type {} (pointer or interface type)",
                                            id.name
                                        ),
                                    );
                                }
                                Some(Type::Interface(_)) => {
                                    self.error(
                                        id.pos,
                                        format!(
                                            "invalid receiver type {} (pointer or interface type)",
                                            id.name
                                        ),
                                    );
                                }
                                _ => {}
                            }
                            rtype = base;
                            if let ObjKind::Func { recv_base, .. } =
                                &mut self.p.objects[m.0 as usize].kind
                            {
                                *recv_base = Some(base);
                            }
                        }
                        _ => {
                            if !self.is_invalid(base) {
                                self.error(
                                    id.pos,
                                    format!(
                                        "cannot define new methods on non-local type {}",
                                        self.ts(base)
                                    ),
                                );
                            }
                        }
                    }
                }
                Some(other) => {
                    let o = self.p.obj(other);
                    if matches!(o.kind, ObjKind::TypeName { .. }) {
                        let t = o.typ;
                        self.error(
                            id.pos,
                            format!("cannot define new methods on non-local type {}", self.ts(t)),
                        );
                    } else {
                        self.error(id.pos, format!("{} is not a type", id.name));
                    }
                }
                None => self.error(id.pos, format!("undefined: {}", id.name)),
            }
        } else {
            self.error(recv.typ.pos, "invalid receiver type");
        }
        let full = if (ptr || alias_ptr) && !self.is_invalid(rtype) {
            self.p.types.pointer(rtype)
        } else {
            rtype
        };
        self.record_type(recv.typ.id, OpMode::TypeExpr, full, None);
        if ptr {
            self.record_type(te.id, OpMode::TypeExpr, rtype, None);
        }
        let (name, pos, ident) = match recv.names.first() {
            Some(n) => (n.name.as_str(), n.pos, Some(n)),
            None => ("", recv.pos, None),
        };
        let v = self.new_var(name, pos, full, true);
        self.var_depth.insert(v, 1);
        let scope = self.env.scope;
        if let Some(id) = ident {
            self.declare(scope, Some(id), v);
        } else {
            self.p.info.implicits.insert(recv.typ.id, v);
        }
        self.recv_objs.insert(m, v);
        full
    }

    /// A signature; parameters and results are declared in the current scope.
    pub fn signature(&mut self, ft: &'a ast::FuncType, recv: Option<TypeId>) -> TypeId {
        // Parameter and result names are in scope only in the body, not in the signature's own
        // types (`func f(hash func() H) hash.Hash` refers to package hash): declare them after
        // all types are resolved.
        let mut pending = Vec::new();
        let (params, pobjs) = self.param_list(&ft.params, ft.variadic, true, &mut pending);
        let (results, robjs) = self.param_list(&ft.results, false, false, &mut pending);
        let scope = self.env.scope;
        for (name, v) in pending {
            self.declare(scope, Some(name), v);
        }
        let sig = Signature {
            recv,
            params,
            results,
            variadic: ft.variadic,
        };
        let t = if recv.is_some() {
            self.p.types.push(Type::Func(sig))
        } else {
            self.p.types.intern(Type::Func(sig))
        };
        self.last_param_objs = pobjs;
        self.last_result_objs = robjs;
        t
    }

    fn param_list(
        &mut self,
        fields: &'a [Field],
        variadic: bool,
        is_params: bool,
        pending: &mut Vec<(&'a ast::Ident, ObjId)>,
    ) -> (Vec<TypeId>, Vec<ObjId>) {
        let mut types = Vec::new();
        let mut objs = Vec::new();
        let n = fields.len();
        for (i, f) in fields.iter().enumerate() {
            let mut te = &f.typ;
            let is_variadic = variadic && is_params && i + 1 == n;
            let t = if let ExprKind::Ellipsis(Some(elem)) = &te.kind {
                let et = self.typ(elem);
                if !is_variadic {
                    self.error(te.pos, "can only use ... with final parameter in list");
                }
                let st = self.p.types.slice(et);
                self.record_type(te.id, OpMode::TypeExpr, st, None);
                te = elem;
                let _ = te;
                st
            } else {
                self.typ(te)
            };
            if f.names.is_empty() {
                let v = self.new_var("", f.typ.pos, t, true);
                self.var_depth.insert(v, self.fstack.len() + 1);
                self.p.info.implicits.insert(f.typ.id, v);
                types.push(t);
                objs.push(v);
            } else {
                for name in &f.names {
                    let v = self.new_var(&name.name, name.pos, t, true);
                    self.var_depth.insert(v, self.fstack.len() + 1);
                    pending.push((name, v));
                    types.push(t);
                    objs.push(v);
                }
            }
        }
        (types, objs)
    }

    // ---------------------------------------------------------------- type expressions

    pub fn typ(&mut self, e: &'a Expr) -> TypeId {
        self.typ_inner(e, None)
    }

    /// Evaluates a type expression. `def` is the named type being defined (for better cycle
    /// handling and `·N` numbering of nothing in particular).
    pub fn typ_inner(&mut self, e: &'a Expr, def: Option<TypeId>) -> TypeId {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            self.error(e.pos, "type expression too deeply nested");
            return self.invalid();
        }
        let t = self.typ_internal(e, def);
        self.depth -= 1;
        self.record_type(e.id, OpMode::TypeExpr, t, None);
        t
    }

    fn typ_internal(&mut self, e: &'a Expr, def: Option<TypeId>) -> TypeId {
        match &e.kind {
            ExprKind::Ident(_) | ExprKind::Selector { .. } => {
                let x = self.expr_or_type(e, true);
                match x.mode {
                    OpMode::TypeExpr => {
                        if let Some(n) = self.p.types.named(x.typ)
                            && !n.type_params.is_empty()
                            && n.origin.is_none()
                            && !self.in_own_type_decl(x.typ, def)
                        {
                            self.error(
                                e.pos,
                                format!(
                                    "cannot use generic type {} without instantiation",
                                    self.ts(x.typ)
                                ),
                            );
                            return self.invalid();
                        }
                        if let Some(tps) = self.generic_alias_params(e) {
                            // `K, V any`: consecutive parameters with one constraint share it.
                            let mut names: Vec<String> = Vec::new();
                            for (i, &t) in tps.iter().enumerate() {
                                let cons = |c: &Self, t: TypeId| match c.p.ty(t) {
                                    Type::TypeParam(tp) => c.ts(tp.constraint),
                                    _ => String::new(),
                                };
                                let c = cons(self, t);
                                let next_same = tps.get(i + 1).is_some_and(|&n| cons(self, n) == c);
                                if next_same {
                                    names.push(self.ts(t));
                                } else {
                                    names.push(format!("{} {c}", self.ts(t)));
                                }
                            }
                            self.error(
                                e.pos,
                                format!(
                                    "cannot use generic type {}[{}] without instantiation",
                                    crate::types::check::expr_string(e),
                                    names.join(", ")
                                ),
                            );
                            return self.invalid();
                        }
                        x.typ
                    }
                    OpMode::Invalid => {
                        // A function named in its own signature (`func f(x f)`) has no type
                        // yet, so its use reported nothing; it is not a type either way.
                        if let ExprKind::Ident(id) = &e.kind
                            && let Some(&o) = self.p.info.uses.get(&id.id)
                            && matches!(self.p.obj(o).kind, ObjKind::Func { .. })
                        {
                            self.error(e.pos, format!("{} is not a type", expr_string(e)));
                        }
                        self.invalid()
                    }
                    OpMode::NoValue => {
                        self.error(e.pos, format!("{} used as type", expr_string(e)));
                        self.invalid()
                    }
                    _ => {
                        // types2 describes a variable by where it is declared.
                        let what = match &e.kind {
                            ExprKind::Ident(id) => self
                                .p
                                .info
                                .uses
                                .get(&id.id)
                                .and_then(|o| match self.p.obj(*o).kind {
                                    ObjKind::Var {
                                        is_global: true, ..
                                    } => Some(" (package-level variable)"),
                                    ObjKind::Var { .. } => Some(" (local variable)"),
                                    _ => None,
                                })
                                .unwrap_or(""),
                            _ => "",
                        };
                        self.error(e.pos, format!("{}{what} is not a type", expr_string(e)));
                        self.invalid()
                    }
                }
            }
            ExprKind::Paren(inner) => self.typ_inner(inner, def),
            ExprKind::Star(inner) => {
                let t = self.typ(inner);
                if self.is_invalid(t) {
                    return t;
                }
                self.p.types.pointer(t)
            }
            ExprKind::ArrayType { len: None, elem } => {
                let t = self.typ(elem);
                self.p.types.slice(t)
            }
            ExprKind::ArrayType {
                len: Some(len),
                elem,
            } => {
                if let ExprKind::Ellipsis(None) = len.kind {
                    self.error(
                        len.pos,
                        "invalid use of [...] array (outside a composite literal)",
                    );
                    self.typ(elem);
                    return self.invalid();
                }
                let n = self.array_length(len);
                let t = self.typ(elem);
                match n {
                    Some(n) => self.p.types.array(t, n),
                    None => self.invalid(),
                }
            }
            ExprKind::Ellipsis(_) => {
                self.error(e.pos, "invalid use of ...");
                self.invalid()
            }
            ExprKind::MapType { key, value } => {
                let k = self.typ(key);
                let v = self.typ(value);
                if self.is_invalid(k) || self.is_invalid(v) {
                    return self.invalid();
                }
                self.pending_map_keys.push((k, key.pos));
                self.p.types.map(k, v)
            }
            ExprKind::ChanType { dir, elem } => {
                let t = self.typ(elem);
                self.p.types.chan(*dir, t)
            }
            ExprKind::FuncType(ft) => {
                let s = self.open_scope(ScopeKind::Func);
                let t = self.signature(ft, None);
                self.close_scope();
                let _ = s;
                t
            }
            ExprKind::StructType { fields } => self.struct_type(fields),
            ExprKind::InterfaceType { elems } => self.interface_type(elems, def),
            ExprKind::Index { x, indices, .. } => self.instantiated_type(e, x, indices),
            ExprKind::Bad => self.invalid(),
            _ => {
                // Not a type: evaluate it to give a good message.
                let x = self.expr_or_type(e, true);
                if x.mode == OpMode::TypeExpr {
                    return x.typ;
                }
                if x.mode != OpMode::Invalid {
                    self.error(e.pos, format!("{} is not a type", expr_string(e)));
                }
                self.invalid()
            }
        }
    }

    fn in_own_type_decl(&self, t: TypeId, def: Option<TypeId>) -> bool {
        // Inside `type T[P any] ...`, T may appear uninstantiated only as an error; types2
        // reports it too, so no exemption.
        let _ = (t, def);
        false
    }

    pub fn array_length(&mut self, len: &'a Expr) -> Option<u64> {
        let mut x = self.expr(len);
        if x.mode == OpMode::Invalid {
            return None;
        }
        if x.mode != OpMode::Constant {
            if let ExprKind::Ident(id) = &len.kind {
                let _ = id;
            }
            self.error(
                len.pos,
                format!(
                    "array length {} (value of type {}) must be constant",
                    expr_string(len),
                    self.ts(x.typ)
                ),
            );
            return None;
        }
        if (self.is_untyped(x.typ) || self.is_integer(x.typ))
            && let Some(v) = x.val.clone().and_then(|v| constant::to_int(&v))
        {
            let int_t = self.basic(BasicKind::Int);
            if self.is_untyped(x.typ) {
                self.convert_untyped(&mut x, int_t);
            }
            if x.mode == OpMode::Invalid {
                return None;
            }
            use num_traits::ToPrimitive;
            if let Some(n) = v.to_i64()
                && n >= 0
            {
                return Some(n as u64);
            }
            self.error(
                len.pos,
                format!("invalid array length {}", expr_string(len)),
            );
            return None;
        }
        self.error(
            len.pos,
            format!("array length {} must be integer", self.operand_string(&x)),
        );
        None
    }

    fn struct_type(&mut self, fields: &'a [Field]) -> TypeId {
        let mut out: Vec<StructField> = Vec::new();
        let mut seen: HashMap<String, Pos> = HashMap::new();
        let mut field_objs = Vec::new();
        for f in fields {
            let t = self.typ(&f.typ);
            let tag = f.tag.clone();
            if f.names.is_empty() {
                // Embedded field: the name is the type name.
                let mut te = f.typ.unparen();
                let mut is_ptr = false;
                if let ExprKind::Star(inner) = &te.kind {
                    te = inner.unparen();
                    is_ptr = true;
                }
                if let ExprKind::Index { x, .. } = &te.kind {
                    te = x.unparen();
                }
                let (name, pos) = match &te.kind {
                    ExprKind::Ident(id) => (id.name.clone(), id.pos),
                    ExprKind::Selector { sel, .. } => (sel.name.clone(), sel.pos),
                    _ => {
                        self.error(f.typ.pos, "invalid embedded field type");
                        ("_".to_string(), f.typ.pos)
                    }
                };
                self.pending_embedded.push((f.typ.pos, t, is_ptr));
                self.add_field(
                    &mut out,
                    &mut seen,
                    &mut field_objs,
                    name,
                    pos,
                    t,
                    true,
                    tag,
                    None,
                );
            } else {
                for n in &f.names {
                    self.add_field(
                        &mut out,
                        &mut seen,
                        &mut field_objs,
                        n.name.clone(),
                        n.pos,
                        t,
                        false,
                        tag.clone(),
                        Some(n),
                    );
                }
            }
        }
        let embeds = out.iter().any(|f| f.embedded);
        let st = self.p.types.intern(Type::Struct(out));
        if embeds {
            // A struct type with embedded fields may have methods: as for named types, `*S`
            // is interned so that the midend finds its method set (itabs of S use `(*S).M`).
            self.p.types.pointer(st);
        }
        // Field objects are recorded per struct type; the first declaration wins (identical
        // struct types share field objects).
        self.p.field_objs.entry(st).or_insert(field_objs);
        st
    }

    #[allow(clippy::too_many_arguments)]
    fn add_field(
        &mut self,
        out: &mut Vec<StructField>,
        seen: &mut HashMap<String, Pos>,
        objs: &mut Vec<ObjId>,
        name: String,
        pos: Pos,
        t: TypeId,
        embedded: bool,
        tag: Option<String>,
        ident: Option<&'a ast::Ident>,
    ) {
        let pkg = if is_exported(&name) {
            None
        } else {
            Some(self.pkg)
        };
        let o = self.new_obj(
            &name,
            pos,
            ObjKind::Var {
                is_field: true,
                is_global: false,
                is_param: false,
                embedded,
            },
            t,
        );
        if let Some(id) = ident {
            self.p.info.defs.insert(id.id, o);
        }
        if name != "_" {
            if let Some(prev) = seen.get(&name) {
                let prev = *prev;
                self.error(
                    pos,
                    format!(
                        "{name} redeclared\n\t{}: other declaration of {name}",
                        self.p.fset.format(prev)
                    ),
                );
            } else {
                seen.insert(name.clone(), pos);
            }
        }
        objs.push(o);
        out.push(StructField {
            name,
            pkg,
            typ: t,
            embedded,
            // An empty tag is no tag: `struct{ x int "" }` and `struct{ x int }` are one type.
            tag: tag.filter(|t| !t.is_empty()),
        });
    }

    fn interface_type(&mut self, elems: &'a [Field], def: Option<TypeId>) -> TypeId {
        let mut methods: Vec<IfaceMethod> = Vec::new();
        let mut method_pos: HashMap<String, Pos> = HashMap::new();
        let mut embeddeds = Vec::new();
        let mut terms: Option<Vec<Term>> = None;
        let mut comparable = false;
        let mut has_type_elems = false;
        let mut method_decl: Vec<(String, Pos)> = Vec::new();
        let mut own_methods: Vec<IfaceMethod> = Vec::new();
        let mut iface_embeds: Vec<TypeId> = Vec::new();
        let mut partial = false;
        for f in elems {
            if let Some(n) = f.names.first() {
                // Method.
                let ExprKind::FuncType(ft) = &f.typ.kind else {
                    continue;
                };
                let s = self.open_scope(ScopeKind::Func);
                self.iface_sig_marks.push(self.obj_path.len());
                let sig = self.signature(ft, None);
                self.iface_sig_marks.pop();
                self.close_scope();
                let _ = s;
                self.record_type(f.typ.id, OpMode::TypeExpr, sig, None);
                if n.name == "_" {
                    self.error(n.pos, "methods must have a unique non-blank name");
                    continue;
                }
                if let Some(prev) = method_pos.get(&n.name) {
                    let prev = *prev;
                    self.error(
                        n.pos,
                        format!(
                            "duplicate method {}\n\t{}: other declaration of method {}",
                            n.name,
                            self.p.fset.format(prev),
                            n.name
                        ),
                    );
                    continue;
                }
                method_pos.insert(n.name.clone(), n.pos);
                method_decl.push((n.name.clone(), n.pos));
                methods.push(IfaceMethod {
                    name: n.name.clone(),
                    pkg: if is_exported(&n.name) {
                        None
                    } else {
                        Some(self.pkg)
                    },
                    sig,
                });
                own_methods.push(methods[methods.len() - 1].clone());
                continue;
            }
            // Embedded element: interface, union, or type.
            let is_union = matches!(
                &f.typ.unparen().kind,
                ExprKind::Binary {
                    op: ast::BinaryOp::Or,
                    ..
                } | ExprKind::Unary {
                    op: ast::UnaryOp::Tilde,
                    ..
                }
            );
            if is_union {
                // Interface terms stand for their type sets: an interface without type terms
                // (`any`) makes the union all types, which restricts nothing.
                let mut ts = Vec::new();
                let mut all = false;
                for term in self.union_terms(&f.typ) {
                    match self.p.ty(self.under(term.typ)) {
                        Type::Interface(it) if !term.tilde && it.methods.is_empty() => {
                            match &it.terms {
                                None if !it.comparable => all = true,
                                Some(inner) => ts.extend(inner.iter().cloned()),
                                None => ts.push(term),
                            }
                        }
                        _ => ts.push(term),
                    }
                }
                if all {
                    continue;
                }
                has_type_elems = true;
                terms = Some(intersect_terms(self, terms, ts));
                continue;
            }
            let t = self.typ(&f.typ);
            if self.is_invalid(t) {
                continue;
            }
            if def.is_some() && Some(t) == def {
                // An interface embedding itself.
                if let Some(n) = self.p.types.named(t) {
                    let o = n.obj;
                    self.cycle_error(&[o]);
                }
                continue;
            }
            let u = self.under(t);
            if self.partial_ifaces.iter().any(|pi| pi.named == t) {
                // Its method set is still incomplete: so is this one's.
                partial = true;
            }
            match self.p.ty(u).clone() {
                Type::Interface(it) => {
                    iface_embeds.push(t);
                    embeddeds.push(t);
                    for m in &it.methods {
                        if let Some(existing) = methods.iter().find(|x| x.name == m.name) {
                            if !self.p.identical(existing.sig, m.sig) {
                                self.error(f.typ.pos, format!("duplicate method {}", m.name));
                            }
                            continue;
                        }
                        methods.push(m.clone());
                    }
                    if it.comparable {
                        comparable = true;
                    }
                    if let Some(ts) = it.terms.clone() {
                        has_type_elems = true;
                        terms = Some(intersect_terms(self, terms, ts));
                    }
                }
                Type::Named(n) if n.underlying.is_none() => {
                    // Embedding an interface that is still being declared: a cycle, unless
                    // the path from it to here goes through a method signature; then this
                    // interface's method set is completed once that one is declared.
                    let o = n.obj;
                    if let Some(i) = self.obj_path.iter().position(|&x| x == o) {
                        if def.is_some() && self.iface_sig_marks.iter().any(|&m| m > i) {
                            partial = true;
                            iface_embeds.push(t);
                            embeddeds.push(t);
                        } else {
                            let cycle = self.obj_path[i..].to_vec();
                            self.cycle_error(&cycle);
                        }
                    }
                }
                _ => {
                    has_type_elems = true;
                    embeddeds.push(t);
                    terms = Some(intersect_terms(
                        self,
                        terms,
                        vec![Term {
                            tilde: false,
                            typ: t,
                        }],
                    ));
                }
            }
        }
        methods.sort_by(|a, b| self.compare_method_names(&a.name, a.pkg, &b.name, b.pkg));
        let keep_embeddeds = has_type_elems || comparable;
        let it = InterfaceType {
            methods: methods.clone(),
            embeddeds: if keep_embeddeds { embeddeds } else { vec![] },
            terms,
            comparable,
            implicit: false,
        };
        let t = self.p.types.intern(Type::Interface(it));
        if partial && let Some(named) = def {
            self.partial_ifaces.push(PartialIface {
                named,
                own: own_methods,
                embeds: iface_embeds,
                method_decl: method_decl.clone(),
            });
        }
        self.iface_method_objects(t, &methods, &method_decl, def);
        // Record defs of method names.
        for f in elems {
            if let Some(n) = f.names.first()
                && let Some(&o) = self.p.iface_method_objs.get(&(t, n.name.clone()))
            {
                self.p.info.defs.insert(n.id, o);
            }
        }
        t
    }

    /// Completes the method sets of the partial interfaces whose embedded interfaces are all
    /// declared and complete (repeatedly: completing one can complete those embedding it).
    fn complete_partial_ifaces(&mut self) {
        loop {
            let ready = self.partial_ifaces.iter().position(|pi| {
                pi.embeds.iter().all(|&e| {
                    self.p.types.named(e).is_none_or(|n| n.underlying.is_some())
                        && !self
                            .partial_ifaces
                            .iter()
                            .any(|o| o.named == e && o.named != pi.named)
                })
            });
            let Some(i) = ready else { return };
            let pi = self.partial_ifaces.remove(i);
            let Some(old) = self.p.types.named(pi.named).and_then(|n| n.underlying) else {
                continue;
            };
            let Type::Interface(old_it) = self.p.ty(old).clone() else {
                continue;
            };
            let mut methods = pi.own.clone();
            for &e in &pi.embeds {
                let u = self.under(e);
                if let Type::Interface(it) = self.p.ty(u).clone() {
                    for m in it.methods {
                        if !methods.iter().any(|x| x.name == m.name) {
                            methods.push(m);
                        }
                    }
                }
            }
            methods.sort_by(|a, b| self.compare_method_names(&a.name, a.pkg, &b.name, b.pkg));
            let it = InterfaceType {
                methods: methods.clone(),
                ..old_it
            };
            let t = self.p.types.intern(Type::Interface(it));
            // The own methods keep their objects (their names' defs point at them).
            for m in &pi.own {
                if let Some(&o) = self.p.iface_method_objs.get(&(old, m.name.clone())) {
                    self.p.iface_method_objs.insert((t, m.name.clone()), o);
                }
            }
            self.iface_method_objects(t, &methods, &pi.method_decl, Some(pi.named));
            if let Type::Named(n) = &mut self.p.types.types[pi.named.0 as usize] {
                n.underlying = Some(t);
            }
        }
    }

    /// Func objects for the methods of interface `t` (shared by identical interfaces).
    fn iface_method_objects(
        &mut self,
        t: TypeId,
        methods: &[IfaceMethod],
        method_decl: &[(String, Pos)],
        def: Option<TypeId>,
    ) {
        for m in methods {
            let key = (t, m.name.clone());
            if self.p.iface_method_objs.contains_key(&key) {
                continue;
            }
            let pos = method_decl
                .iter()
                .find(|(n, _)| *n == m.name)
                .map(|(_, p)| *p)
                .unwrap_or(Pos::NONE);
            let o = self.p.new_object(Object {
                name: m.name.clone(),
                pos,
                pkg: Some(m.pkg.unwrap_or(self.pkg)),
                kind: ObjKind::Func {
                    recv_base: Some(def.unwrap_or(t)),
                    ptr_recv: false,
                    has_body: false,
                },
                typ: m.sig,
                parent: None,
                decl_ident: None,
            });
            self.p.iface_method_objs.insert(key, o);
        }
    }

    /// gc's method order: exported names first, then by name, then by package path.
    pub fn compare_method_names(
        &self,
        a: &str,
        ap: Option<PkgId>,
        b: &str,
        bp: Option<PkgId>,
    ) -> std::cmp::Ordering {
        lookup::compare_names(self.p, a, ap, b, bp)
    }

    /// Verifies the type arguments of the instantiations met so far.
    pub(crate) fn verify_pending_instances(&mut self) {
        self.verifying_now = true;
        while !self.pending_verify.is_empty() {
            for (tparams, args, at) in std::mem::take(&mut self.pending_verify) {
                self.verify_type_args(&tparams, &args, at);
            }
        }
        self.verifying_now = false;
    }

    fn check_pending_types(&mut self) {
        self.verify_pending_instances();
        for (pos, t, is_ptr) in std::mem::take(&mut self.pending_embedded) {
            self.check_embedded_field_type(pos, t, is_ptr);
        }
        let keys = std::mem::take(&mut self.pending_map_keys);
        for (k, pos) in keys {
            if matches!(self.p.ty(k), Type::TypeParam(_)) {
                let c = self.p.is_comparable(k);
                if !c {
                    self.error(pos, format!("invalid map key type {}", self.ts(k)));
                }
                continue;
            }
            if !self.is_invalid(k) && !self.p.is_comparable(k) {
                self.error(pos, format!("invalid map key type {}", self.ts(k)));
            }
        }
    }

    /// The rules for an embedded field's type (spec: an embedded field is a type name T or a
    /// pointer to a non-interface type name *T, and T itself may not be a pointer type).
    fn check_embedded_field_type(&mut self, pos: Pos, t: TypeId, is_ptr: bool) {
        if self.is_invalid(t) {
            return;
        }
        // The rules apply to the embedded type name T (of T or *T).
        let base = match (is_ptr, self.p.ty(t)) {
            (true, Type::Pointer(b)) => *b,
            _ => t,
        };
        let u = self.under(base);
        match self.p.ty(u) {
            Type::Pointer(_) => {
                self.error(pos, "embedded field type cannot be a pointer");
            }
            Type::Basic(BasicKind::UnsafePointer) => {
                self.error(pos, "embedded field type cannot be unsafe.Pointer");
            }
            Type::Interface(_) if is_ptr => {
                self.error(
                    pos,
                    "embedded field type cannot be a pointer to an interface",
                );
            }
            Type::TypeParam(_) => {
                self.error(
                    pos,
                    "embedded field type cannot be a (pointer to a) type parameter",
                );
            }
            _ => {}
        }
    }

    /// Reports a named type that contains itself without indirection (through arrays or struct
    /// fields), as types2's validType does: a depth-first walk from `t` that stops at the first
    /// named type met again on the current path; the cycle is reported from that type, whose
    /// underlying type becomes invalid so no type of infinite size remains.
    fn valid_type(&mut self, t: TypeId) {
        let mut path = Vec::new();
        if let Some(cycle) = self.find_embedding_cycle(t, &mut path)
            && let Some(&entered) = cycle.first()
        {
            let objs: Vec<ObjId> = cycle
                .iter()
                .filter_map(|&nt| self.p.types.named(nt).map(|n| n.obj))
                .collect();
            self.cycle_error_from(&objs, Some(0));
            if let Type::Named(n) = &mut self.p.types.types[entered.0 as usize] {
                n.underlying = Some(self.p.basics[0]);
            }
        }
    }

    /// The named types of the first cycle reachable from `t` by embedding (array elements and
    /// struct fields), starting at the type met twice; `path` holds the named types being walked.
    fn find_embedding_cycle(&self, t: TypeId, path: &mut Vec<TypeId>) -> Option<Vec<TypeId>> {
        // Deep enough for any real program; bounds the walk on pathological ones.
        if path.len() > 100 {
            return None;
        }
        match self.p.ty(t) {
            Type::Named(n) => {
                if let Some(i) = path.iter().position(|&p| p == t) {
                    return Some(path[i..].to_vec());
                }
                // A type whose declaration is still in progress cannot close a cycle yet.
                let u = n.underlying?;
                path.push(t);
                let r = self.find_embedding_cycle(u, path);
                path.pop();
                r
            }
            Type::Array(e, _) => self.find_embedding_cycle(*e, path),
            Type::Struct(fields) => fields
                .iter()
                .find_map(|f| self.find_embedding_cycle(f.typ, path)),
            _ => None,
        }
    }

    pub fn record_type(&mut self, id: NodeId, mode: OpMode, typ: TypeId, val: Option<ConstValue>) {
        let mode = match mode {
            OpMode::Invalid => return,
            OpMode::NoValue => Mode::NoValue,
            OpMode::Builtin => Mode::Builtin,
            OpMode::TypeExpr => Mode::TypeExpr,
            OpMode::Constant => Mode::Constant,
            OpMode::Variable => Mode::Variable,
            OpMode::MapIndex => Mode::MapIndex,
            OpMode::Value => Mode::Value,
            OpMode::CommaOk => Mode::CommaOk,
        };
        self.p.info.types.insert(
            id,
            TypeAndValue {
                mode,
                typ,
                value: val,
            },
        );
    }

    /// Records the final types of untyped expressions that no context converted (default types).
    fn flush_untyped(&mut self) {
        let rest: Vec<&'a Expr> = self.untyped.values().copied().collect();
        for e in rest {
            if let Some(tv) = self.p.info.types.get(&e.id) {
                let t = tv.typ;
                if let Type::Basic(k) = self.p.ty(t)
                    && k.is_untyped()
                    && *k != BasicKind::UntypedNil
                {
                    let d = self.default_type(t);
                    if let Some(tv) = self.p.info.types.get_mut(&e.id) {
                        tv.typ = d;
                        if let Some(v) = &tv.value
                            && let Type::Basic(dk) = self.p.types.get(d)
                            && let Some(nv) = constant::to_kind_repr(v, *dk)
                        {
                            tv.value = Some(nv);
                        }
                    }
                }
            }
        }
        self.untyped.clear();
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub(crate) fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The receiver's base type name and whether it is a pointer receiver.
fn recv_base_name(e: &Expr) -> Option<(&ast::Ident, bool)> {
    let mut e = e.unparen();
    let mut ptr = false;
    if let ExprKind::Star(inner) = &e.kind {
        ptr = true;
        e = inner.unparen();
    }
    if let ExprKind::Index { x, .. } = &e.kind {
        e = x.unparen();
    }
    match &e.kind {
        ExprKind::Ident(id) => Some((id, ptr)),
        _ => None,
    }
}

/// Intersection of two term lists (type sets): `None` is "all types".
fn intersect_terms(c: &Checker, a: Option<Vec<Term>>, b: Vec<Term>) -> Vec<Term> {
    let Some(a) = a else { return b };
    let mut out = Vec::new();
    for x in &a {
        for y in &b {
            let ux = c.under(x.typ);
            let uy = c.under(y.typ);
            match (x.tilde, y.tilde) {
                (true, true) if ux == uy => out.push(x.clone()),
                (true, false) if ux == uy => out.push(y.clone()),
                (false, true) if ux == uy => out.push(x.clone()),
                (false, false) if x.typ == y.typ => out.push(x.clone()),
                _ => {}
            }
        }
    }
    out
}

/// The source form of an expression, as types2 prints operands in messages.
pub(crate) fn expr_string(e: &Expr) -> String {
    let mut s = String::new();
    write_expr(&mut s, e, 0);
    s
}

fn write_expr(s: &mut String, e: &Expr, depth: u32) {
    if depth > MAX_DEPTH {
        s.push('…');
        return;
    }
    let d = depth + 1;
    match &e.kind {
        ExprKind::Bad => s.push('_'),
        ExprKind::Ident(id) => s.push_str(&id.name),
        ExprKind::BasicLit { raw, .. } => s.push_str(raw),
        ExprKind::CompositeLit { typ, elts, .. } => {
            if let Some(t) = typ {
                write_expr(s, t, d);
            }
            if elts.is_empty() {
                s.push_str("{}");
            } else {
                s.push_str("{…}");
            }
        }
        ExprKind::KeyValue { key, value, .. } => {
            write_expr(s, key, d);
            s.push_str(": ");
            write_expr(s, value, d);
        }
        ExprKind::FuncLit { sig, .. } => {
            s.push_str("(func");
            write_sig(s, sig, d);
            s.push_str(" literal)");
        }
        ExprKind::Paren(x) => {
            s.push('(');
            write_expr(s, x, d);
            s.push(')');
        }
        ExprKind::Selector { x, sel } => {
            write_expr(s, x, d);
            s.push('.');
            s.push_str(&sel.name);
        }
        ExprKind::Index { x, indices, .. } => {
            write_expr(s, x, d);
            s.push('[');
            for (i, ix) in indices.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(s, ix, d);
            }
            s.push(']');
        }
        ExprKind::Slice { x, lo, hi, max, .. } => {
            write_expr(s, x, d);
            s.push('[');
            if let Some(l) = lo {
                write_expr(s, l, d);
            }
            s.push(':');
            if let Some(h) = hi {
                write_expr(s, h, d);
            }
            if let Some(m) = max {
                s.push(':');
                write_expr(s, m, d);
            }
            s.push(']');
        }
        ExprKind::TypeAssert { x, typ, .. } => {
            write_expr(s, x, d);
            s.push_str(".(");
            match typ {
                Some(t) => write_expr(s, t, d),
                None => s.push_str("type"),
            }
            s.push(')');
        }
        ExprKind::Call {
            func,
            args,
            ellipsis,
            ..
        } => {
            write_expr(s, func, d);
            s.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(s, a, d);
            }
            if ellipsis.is_some() {
                s.push_str("...");
            }
            s.push(')');
        }
        ExprKind::Star(x) => {
            s.push('*');
            write_expr(s, x, d);
        }
        ExprKind::Unary { op, x } => {
            s.push_str(op.as_str());
            write_expr(s, x, d);
        }
        ExprKind::Binary { op, x, y, .. } => {
            write_expr(s, x, d);
            s.push(' ');
            s.push_str(op.as_str());
            s.push(' ');
            write_expr(s, y, d);
        }
        ExprKind::ArrayType { len, elem } => {
            s.push('[');
            if let Some(l) = len {
                write_expr(s, l, d);
            }
            s.push(']');
            write_expr(s, elem, d);
        }
        ExprKind::Ellipsis(x) => {
            s.push_str("...");
            if let Some(x) = x {
                write_expr(s, x, d);
            }
        }
        ExprKind::StructType { fields } => {
            s.push_str("struct{");
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    s.push_str("; ");
                }
                for (j, n) in f.names.iter().enumerate() {
                    if j > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&n.name);
                }
                if !f.names.is_empty() {
                    s.push(' ');
                }
                write_expr(s, &f.typ, d);
            }
            s.push('}');
        }
        ExprKind::FuncType(ft) => {
            s.push_str("func");
            write_sig(s, ft, d);
        }
        ExprKind::InterfaceType { elems } => {
            s.push_str("interface{");
            for (i, f) in elems.iter().enumerate() {
                if i > 0 {
                    s.push_str("; ");
                }
                if let Some(n) = f.names.first() {
                    s.push_str(&n.name);
                    if let ExprKind::FuncType(ft) = &f.typ.kind {
                        write_sig(s, ft, d);
                    }
                } else {
                    write_expr(s, &f.typ, d);
                }
            }
            s.push('}');
        }
        ExprKind::MapType { key, value } => {
            s.push_str("map[");
            write_expr(s, key, d);
            s.push(']');
            write_expr(s, value, d);
        }
        ExprKind::ChanType { dir, elem } => {
            s.push_str(match dir {
                ast::ChanDir::Both => "chan ",
                ast::ChanDir::Send => "chan<- ",
                ast::ChanDir::Recv => "<-chan ",
            });
            write_expr(s, elem, d);
        }
    }
}

fn write_sig(s: &mut String, ft: &ast::FuncType, d: u32) {
    s.push('(');
    write_fields(s, &ft.params, d);
    s.push(')');
    if !ft.results.is_empty() {
        s.push(' ');
        let paren = ft.results.len() > 1 || !ft.results[0].names.is_empty();
        if paren {
            s.push('(');
        }
        write_fields(s, &ft.results, d);
        if paren {
            s.push(')');
        }
    }
}

fn write_fields(s: &mut String, fields: &[Field], d: u32) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        for (j, n) in f.names.iter().enumerate() {
            if j > 0 {
                s.push_str(", ");
            }
            s.push_str(&n.name);
        }
        if !f.names.is_empty() {
            s.push(' ');
        }
        write_expr(s, &f.typ, d);
    }
}
