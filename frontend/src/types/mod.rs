//! The type checker: scopes, objects, types, constants, and the side tables of [`Info`].
//!
//! `model` is the data model shared with the midend; the checking passes live in the other modules:
//! `universe` (predeclared objects), `check` (package-level declarations), `expr`/`call`/`builtins`
//! (expressions), `stmt` (function bodies), `lookup` (fields, methods, method sets, interface
//! satisfaction), `generics` (substitution, instantiation, inference), `initorder`, `constant`
//! (exact constant arithmetic), `layout` (gc's sizes and alignments), `typestr` (printing).

mod builtins;
mod call;
mod check;
mod constant;
mod expr;
mod generics;
mod gotos;
mod infer;
mod initorder;
pub mod layout;
mod lookup;
pub mod model;
mod mono;
mod stmt;
mod table;
mod typestr;
mod universe;

use std::collections::HashMap;

pub use lookup::{LookupResult, MethodSetEntry};
pub use model::*;
pub use mono::instantiate_bodies;

use crate::ast::{self, NodeId};
use crate::diag::Diagnostic;
use crate::source::FileSet;

/// One package handed to the checker: its import path and parsed files.
pub struct ParsedPackage {
    /// Import path; `"main"` for the command package.
    pub path: String,
    pub files: Vec<ast::File>,
    /// Import path as written in an import spec → path of the package it denotes, for spellings
    /// that differ (GOROOT's vendored packages: `golang.org/x/net/...` →
    /// `vendor/golang.org/x/net/...`, like go list's `ImportMap`). Other imports are looked up
    /// by their spelling.
    pub import_map: HashMap<String, String>,
}

/// A checked package. `Program::packages[0]` is the universe pseudo-package (no files) and
/// `packages[1]` is `unsafe`; `PkgId(i)` indexes `Program::packages`.
pub struct Package {
    pub id: PkgId,
    pub path: String,
    pub name: String,
    pub files: Vec<ast::File>,
    /// The package scope (its children are the file scopes).
    pub scope: ScopeId,
    /// Directly imported packages, in first-import order.
    pub imports: Vec<PkgId>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    Universe,
    Package,
    File,
    /// The outermost scope of a function (parameters and results live here).
    Func,
    Block,
}

/// A lexical scope: names declared in it, its parent and children.
#[derive(Clone, Debug)]
pub struct Scope {
    pub parent: Option<ScopeId>,
    pub children: Vec<ScopeId>,
    pub names: HashMap<String, ObjId>,
    pub kind: ScopeKind,
}

/// The checked program: every package, type, object and scope of the build, plus the side tables.
pub struct Program {
    pub fset: FileSet,
    pub types: TypeTable,
    pub objects: Vec<Object>,
    pub scopes: Vec<Scope>,
    /// In dependency order, main last (after the universe and `unsafe` pseudo-packages).
    pub packages: Vec<Package>,
    pub info: Info,
    /// `TypeId`s of the predeclared basic types, indexed by `BasicKind as usize`.
    pub basics: Vec<TypeId>,
    pub universe: ScopeId,
    pub error_type: TypeId,
    /// The empty interface (`any`, `interface{}`).
    pub any_type: TypeId,
    /// The `comparable` constraint's interface type.
    pub comparable_type: TypeId,
    /// `byte` and `rune`: `uint8` and `int32` spelled with the predeclared alias (see `TypeId`).
    pub byte_type: TypeId,
    pub rune_type: TypeId,
    /// Func objects standing for interface methods, keyed by (interface type, method name), so
    /// that selections of interface methods have an object like concrete methods do.
    pub iface_method_objs: HashMap<(TypeId, String), ObjId>,
    /// Instances of generic named types: (generic type, type arguments) → instance.
    pub instance_cache: HashMap<(TypeId, Vec<TypeId>), TypeId>,
    /// gc's `·N` suffix of named types declared inside functions (N counts per package, in source
    /// order of the declarations as gc's noder numbers them).
    pub local_type_index: HashMap<ObjId, u32>,
    /// Package import path → PkgId.
    pub pkg_by_path: HashMap<String, PkgId>,
    /// Field objects (`Var` with `is_field`) of each struct type, by field index.
    pub field_objs: HashMap<TypeId, Vec<ObjId>>,
    /// Type parameters of generic functions and methods (Func object → TypeParam types).
    pub func_type_params: HashMap<ObjId, Vec<TypeId>>,
    /// Type parameters of generic aliases (`type A[T any] = []T`, Go 1.24): alias object → its
    /// TypeParam types; the object's type is the right-hand side in terms of them.
    pub alias_type_params: HashMap<ObjId, Vec<TypeId>>,
    /// Instances of generic functions and methods (filled by [`instantiate_bodies`]).
    pub func_instances: FuncInstances,
}

/// Checks packages given in dependency order (imports resolved among them by path; `unsafe` is
/// built in). Errors are returned unsorted and untruncated; the caller renders them.
pub fn check_program(fset: FileSet, pkgs: Vec<ParsedPackage>) -> Result<Program, Vec<Diagnostic>> {
    // Checking recurses along the syntax tree, and generated code nests deeply (a table built by
    // a `+` chain of 1000 string literals is a left-deep tree 1000 levels high), so it runs on a
    // thread with a stack large enough for `check::MAX_DEPTH` levels even in debug builds. The
    // stack is reserved address space; only the pages used are committed.
    let mut input = Some((fset, pkgs));
    let spawned = std::thread::scope(|s| {
        let job = &mut input;
        let handle = std::thread::Builder::new()
            .name("rgo-check".into())
            .stack_size(CHECK_STACK_BYTES)
            .spawn_scoped(s, move || {
                let (fset, pkgs) = job.take()?;
                Some(check_program_here(fset, pkgs))
            });
        match handle {
            Ok(h) => match h.join() {
                Ok(r) => r,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => None,
        }
    });
    match spawned {
        Some(r) => r,
        // No thread could be started: check on the caller's stack.
        None => match input.take() {
            Some((fset, pkgs)) => check_program_here(fset, pkgs),
            None => Err(Vec::new()),
        },
    }
}

/// Stack size of the checking thread (see [`check_program`]).
const CHECK_STACK_BYTES: usize = 1 << 30;

fn check_program_here(fset: FileSet, pkgs: Vec<ParsedPackage>) -> Result<Program, Vec<Diagnostic>> {
    let mut prog = universe::new_program(fset);
    let mut errors = Vec::new();
    for pp in pkgs {
        if pp.path == "unsafe" {
            // GOROOT's unsafe.go only documents the built-in package (its `Pointer` is declared
            // as `*ArbitraryType`); the predeclared `packages[1]` stands for it.
            continue;
        }
        let id = PkgId(prog.packages.len() as u32);
        let name = pp
            .files
            .first()
            .map(|f| f.package_name.name.clone())
            .unwrap_or_else(|| pp.path.rsplit('/').next().unwrap_or("").to_string());
        let scope = prog.new_scope(Some(prog.universe), ScopeKind::Package);
        prog.pkg_by_path.insert(pp.path.clone(), id);
        prog.packages.push(Package {
            id,
            path: pp.path.clone(),
            name,
            files: Vec::new(),
            scope,
            imports: Vec::new(),
        });
        let files = pp.files;
        let (errs, imports) = {
            let mut c = check::Checker::new(&mut prog, id, &files);
            c.import_map = pp.import_map;
            c.check_package();
            (c.take_errors(), c.imports.clone())
        };
        errors.extend(errs);
        let p = &mut prog.packages[id.0 as usize];
        p.files = files;
        p.imports = imports;
    }
    if errors.is_empty() {
        Ok(prog)
    } else {
        Err(errors)
    }
}

impl Program {
    pub fn obj(&self, o: ObjId) -> &Object {
        &self.objects[o.0 as usize]
    }
    pub fn ty(&self, t: TypeId) -> &Type {
        self.types.get(t)
    }
    /// Whether `e` contains a function call or channel receive. Without one, `len` of an array
    /// (or pointer to array) operand is constant and the operand is not evaluated (spec, "Length
    /// and capacity"; the same rule decides whether a range expression is evaluated).
    pub fn contains_call_or_recv(&self, e: &ast::Expr) -> bool {
        builtins::contains_call_or_recv(&self.info, Some(e))
    }
    /// Follows `Named` to the underlying type.
    pub fn underlying(&self, t: TypeId) -> TypeId {
        self.types.underlying(t)
    }
    /// A predeclared basic type (typed or untyped).
    pub fn basic(&self, k: BasicKind) -> TypeId {
        self.basics[k as usize]
    }
    pub fn error_type(&self) -> TypeId {
        self.error_type
    }
    pub fn any_type(&self) -> TypeId {
        self.any_type
    }
    pub fn invalid_type(&self) -> TypeId {
        self.basic(BasicKind::Invalid)
    }
    pub fn scope(&self, s: ScopeId) -> &Scope {
        &self.scopes[s.0 as usize]
    }
    pub fn package(&self, p: PkgId) -> &Package {
        &self.packages[p.0 as usize]
    }
    /// The package whose import path is `path`.
    pub fn package_by_path(&self, path: &str) -> Option<&Package> {
        self.pkg_by_path.get(path).map(|p| self.package(*p))
    }
    /// Looks a name up in a scope only (not its parents).
    pub fn scope_lookup(&self, s: ScopeId, name: &str) -> Option<ObjId> {
        self.scope(s).names.get(name).copied()
    }

    pub(crate) fn new_scope(&mut self, parent: Option<ScopeId>, kind: ScopeKind) -> ScopeId {
        let id = ScopeId(self.scopes.len() as u32);
        self.scopes.push(Scope {
            parent,
            children: Vec::new(),
            names: HashMap::new(),
            kind,
        });
        if let Some(p) = parent {
            self.scopes[p.0 as usize].children.push(id);
        }
        id
    }

    pub(crate) fn new_object(&mut self, o: Object) -> ObjId {
        self.objects.push(o);
        ObjId((self.objects.len() - 1) as u32)
    }

    /// Type identity (for named types and interned unnamed types this is id equality; interfaces
    /// and method signatures are compared structurally).
    pub fn identical(&self, a: TypeId, b: TypeId) -> bool {
        generics::identical(&self.types, a, b, 0)
    }

    /// Whether values of type `t` can be compared with `==` (spec "Comparison operators"; type
    /// parameters are comparable when their constraint's type set is).
    pub fn is_comparable(&self, t: TypeId) -> bool {
        lookup::comparable(self, t, &mut Vec::new())
    }

    /// Size in bytes on linux/amd64 (gc's rules).
    pub fn size_of(&self, t: TypeId) -> u64 {
        layout::size_of(&self.types, t)
    }
    pub fn align_of(&self, t: TypeId) -> u64 {
        layout::align_of(&self.types, t)
    }
    /// Byte offsets of the fields of a struct type (after `underlying`).
    pub fn field_offsets(&self, t: TypeId) -> Vec<u64> {
        layout::field_offsets(&self.types, t)
    }
}
