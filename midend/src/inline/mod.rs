//! gc's inlining decisions: which functions can be inlined, and which calls gc's inliner
//! expands, with gc's `-m` diagnostics (`can inline f`, `inlining call to f`, and under `-m=2`
//! the costs and the reasons a function cannot be inlined).
//!
//! # How gc decides
//!
//! gc (cmd/compile/internal/inline/inl.go) works in two passes over the functions of a package,
//! before escape analysis:
//!
//! 1. `CanInline`, per function in bottom-up order of the call graph (callees first; a closure
//!    that captures variables belongs to the component of its enclosing function and comes after
//!    it, one that captures nothing is a function of its own): a function is never inlinable when
//!    it is marked `//go:noinline` (or `cgo_unsafe_args`, `uintptrkeepalive`, `uintptrescapes`,
//!    `yeswritebarrierrec`), has no body, or contains `recover()`, `go`, `defer`, or a call of
//!    `GetCallerPC`/`GetCallerSP`. Otherwise its *cost* is the number of nodes of its IR body,
//!    with adjustments (the "hairy visitor"): a call costs 57 more (17 for a call of a parameter
//!    or captured variable), unless the callee is itself inlinable cheaply enough to be inlined
//!    there, in which case the call costs the callee's cost; `panic` costs one more,
//!    `runtime.throw` 80; a func literal costs 15 more and is not looked into; no-op conversions,
//!    `&s.f` at offset 0, `s[0:len(s)]`, constant `if` conditions and type expressions cost
//!    less or nothing; intrinsics are plain nodes. The function is inlinable when the cost is at
//!    most 80 (800 for a func literal, which may be inlined where it is called once).
//! 2. The inlining pass, per function in the same order: every call (in post-order, not in `go`
//!    or `defer` statements) whose static callee is inlinable is expanded when the callee's
//!    cost is at most 80 (20 in a "big" function of 5000 nodes or more; twice that for a
//!    closure, 800 for a closure called from one place) and the callee is not already being
//!    inlined at that point (recursion is expanded at most once). The calls of an expanded body
//!    are then candidates too (mid-stack inlining); their diagnostics carry the position of the
//!    outermost call. The static callee of a call of a local variable is the function it was
//!    initialised with if it is never reassigned, and a parameter of an inlined function is the
//!    argument passed, so function values become direct calls after inlining.
//!
//! # rgo's model
//!
//! gc costs its own IR as the unified IR reader builds it; rgo costs the checked AST, charging
//! each construct what gc's IR shape for it costs (`cost.rs`): `x := e` is an OAS with an
//! ODCL of `x` (five nodes with `e` a name), `x++` an OASOP with a literal, a method call an
//! OCALLFUNC of a free OMETHEXPR with the receiver as argument (plus the implicit `&`, `*` and
//! embedded-field steps), a variadic call packs its extra arguments in a slice literal (which
//! costs two) or passes ONIL, an implicit conversion to an interface is an OCONVIFACE node, a
//! constant expression is one OLITERAL, a string concatenation one OADDSTR. Imported functions
//! are costed from their bodies, which rgo has for every package it compiles.
//!
//! The result is used for the `-m` diagnostics, and `expand.rs` picks from the inlined calls
//! those the code generator expands in place (leaf callees that cannot panic; its module
//! comment says why only those).

mod cost;
pub mod expand;
mod walk;

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use frontend::ast::{
    AssignOp, Block, Decl, Expr, ExprKind, FuncDecl, FuncType, NodeId, Pos, Stmt, StmtKind, UnaryOp,
};
use frontend::types::{ObjId, ObjKind, PkgId, Program, SelectionKind, Type, TypeId};

/// gc's `inlineMaxBudget`.
pub const MAX_BUDGET: i32 = 80;
/// gc's `inlineExtraCallCost`: a call that is not inlined.
const EXTRA_CALL_COST: i32 = 57;
/// gc's `inlineParamCallCost`: a call of a parameter or captured variable.
const PARAM_CALL_COST: i32 = 17;
/// gc's `inlineExtraPanicCost`.
const EXTRA_PANIC_COST: i32 = 1;
/// gc's `inlineExtraThrowCost`.
const EXTRA_THROW_COST: i32 = MAX_BUDGET;
/// gc's `inlineBigFunctionMaxCost`.
const BIG_FUNCTION_MAX_COST: i32 = 20;
/// gc's `inlineClosureCalledOnceCost`.
const CLOSURE_CALLED_ONCE_COST: i32 = 10 * MAX_BUDGET;
/// gc doubles the maximum cost of a closure at a call site.
const CLOSURE_BUDGET_FACTOR: i32 = 2;

/// A function body: a declared function or method, or a func literal.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum FnKey {
    Decl(ObjId),
    Lit(NodeId),
}

/// What the inliner decided for one package.
#[derive(Debug, Default)]
pub struct InlineResult {
    /// Functions of the package (and of its imports that it calls) that gc can inline, with
    /// their cost.
    pub inlinable: HashMap<FnKey, i32>,
    /// The calls of the package's own bodies that gc's inliner expands.
    pub inlined_calls: HashSet<NodeId>,
    /// gc's `-m` lines, in gc's order.
    pub diagnostics: Vec<(Pos, String)>,
}

/// Decides inlining for package `pkg` as gc does by default; `m` is the `-m` level (0: no
/// diagnostics).
pub fn analyze(prog: &Program, pkg: PkgId, m: u32) -> InlineResult {
    let mut inl = Inliner::new(prog, pkg, m);
    inl.run();
    InlineResult {
        inlinable: inl
            .state
            .iter()
            .filter_map(|(k, s)| match s {
                State::Done(Some(c)) => Some((*k, *c)),
                _ => None,
            })
            .collect(),
        inlined_calls: inl.inlined_calls,
        diagnostics: inl.diags,
    }
}

/// Renders diagnostics as gc prints them: `file:line:col: message`.
pub fn format_diagnostics(prog: &Program, res: &InlineResult) -> String {
    let mut out = String::new();
    for (pos, msg) in &res.diagnostics {
        out.push_str(&prog.fset.format(*pos));
        out.push_str(": ");
        out.push_str(msg);
        out.push('\n');
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    InProgress,
    Done(Option<i32>),
}

struct LitInfo<'p> {
    sig: &'p FuncType,
    body: &'p Block,
    parent: FnKey,
    /// The declaration the literal is written in.
    top: ObjId,
    name: String,
    pos: Pos,
}

pub(crate) struct Inliner<'p> {
    prog: &'p Program,
    pkg: PkgId,
    m: u32,
    decls: HashMap<ObjId, (&'p FuncDecl, PkgId)>,
    lits: HashMap<NodeId, LitInfo<'p>>,
    /// Declarations whose literals and local variables have been scanned.
    scanned: HashSet<ObjId>,
    /// Local variables initialised once and never reassigned or address-taken: their value.
    static_values: HashMap<ObjId, &'p Expr>,
    state: HashMap<FnKey, State>,
    /// Functions of the package whose turn in the bottom-up order has come.
    reached: HashSet<FnKey>,
    inlined_calls: HashSet<NodeId>,
    /// Inlined calls whose body returns one known function: the call's static value.
    inlined_results: HashMap<NodeId, FnKey>,
    /// Literals reached through an inlined call's result (copies in gc).
    cloned_lits: HashSet<NodeId>,
    /// What the variables a copied literal captures are known to hold.
    clone_env: HashMap<NodeId, Rc<HashMap<ObjId, FnKey>>>,
    diags: Vec<(Pos, String)>,
}

impl<'p> Inliner<'p> {
    fn new(prog: &'p Program, pkg: PkgId, m: u32) -> Inliner<'p> {
        let decls = crate::escape::func_decls(prog);
        Inliner {
            prog,
            pkg,
            m,
            decls,
            lits: HashMap::new(),
            scanned: HashSet::new(),
            static_values: HashMap::new(),
            state: HashMap::new(),
            reached: HashSet::new(),
            inlined_calls: HashSet::new(),
            inlined_results: HashMap::new(),
            cloned_lits: HashSet::new(),
            clone_env: HashMap::new(),
            diags: Vec::new(),
        }
    }

    pub(crate) fn is_generic_decl(fd: &FuncDecl) -> bool {
        if !fd.type_params.is_empty() {
            return true;
        }
        if let Some(r) = &fd.recv {
            let mut t = r.typ.unparen();
            if let ExprKind::Star(x) = &t.kind {
                t = x.unparen();
            }
            return matches!(t.kind, ExprKind::Index { .. });
        }
        false
    }

    /// The package's functions in gc's bottom-up order, in components.
    fn bottom_up(&mut self) -> Vec<Vec<FnKey>> {
        let prog = self.prog;
        let mut roots = Vec::new();
        for f in &prog.package(self.pkg).files {
            for d in &f.decls {
                if let Decl::Func(fd) = d
                    && fd.body.is_some()
                    && !Self::is_generic_decl(fd)
                    && let Some(&o) = prog.info.defs.get(&fd.name.id)
                {
                    self.scan_decl(o);
                    roots.push(FnKey::Decl(o));
                }
            }
        }
        let mut v = BottomUp {
            ids: HashMap::new(),
            visit_gen: 0,
            stack: Vec::new(),
            out: Vec::new(),
        };
        for r in roots {
            self.visit_scc(&mut v, r);
        }
        v.out
    }

    fn visit_scc(&self, v: &mut BottomUp, n: FnKey) -> u32 {
        if let Some(&id) = v.ids.get(&n) {
            return id;
        }
        v.visit_gen += 1;
        let id = v.visit_gen;
        v.ids.insert(n, id);
        v.visit_gen += 1;
        let mut min = v.visit_gen;
        v.stack.push(n);
        for r in self.references(n) {
            let m = self.visit_scc(v, r);
            if m < min {
                min = m;
            }
        }
        if (min == id || min == id + 1) && !self.is_closure(n) {
            let mut i = v.stack.len();
            while i > 0 {
                i -= 1;
                v.ids.insert(v.stack[i], u32::MAX);
                if v.stack[i] == n {
                    break;
                }
            }
            v.out.push(v.stack.split_off(i));
        }
        min
    }

    /// Functions of the package a body refers to (named functions, methods, literals), in
    /// walk order, without looking into literals.
    fn references(&self, n: FnKey) -> Vec<FnKey> {
        let Some(body) = self.body(n) else {
            return Vec::new();
        };
        struct Refs<'a, 'p> {
            inl: &'a Inliner<'p>,
            out: Vec<FnKey>,
        }
        impl<'p> walk::Visit<'p> for Refs<'_, 'p> {
            fn pre(&mut self, e: &'p Expr) -> bool {
                let prog = self.inl.prog;
                let obj = match &e.kind {
                    ExprKind::FuncLit { .. } => {
                        self.out.push(FnKey::Lit(e.id));
                        return false;
                    }
                    ExprKind::Ident(id) => prog.info.uses.get(&id.id).copied(),
                    ExprKind::Selector { sel, .. } => prog
                        .info
                        .selections
                        .get(&e.id)
                        .filter(|s| s.kind != SelectionKind::FieldVal)
                        .map(|s| s.obj)
                        .or_else(|| prog.info.uses.get(&sel.id).copied()),
                    _ => None,
                };
                if let Some(o) = obj
                    && let Some((fd, p)) = self.inl.decls.get(&o)
                    && *p == self.inl.pkg
                    && fd.body.is_some()
                    && !Inliner::is_generic_decl(fd)
                {
                    self.out.push(FnKey::Decl(o));
                }
                true
            }
        }
        let mut r = Refs {
            inl: self,
            out: Vec::new(),
        };
        walk::block(self.prog, body, &mut r);
        r.out
    }

    /// gc's `IsClosure`: a literal that captures variables.
    fn is_closure(&self, n: FnKey) -> bool {
        match n {
            FnKey::Lit(id) => self
                .prog
                .info
                .captures
                .get(&id)
                .is_some_and(|c| !c.is_empty()),
            FnKey::Decl(_) => false,
        }
    }

    fn body(&self, n: FnKey) -> Option<&'p Block> {
        match n {
            FnKey::Decl(o) => self.decls.get(&o).and_then(|(fd, _)| fd.body.as_ref()),
            FnKey::Lit(id) => self.lits.get(&id).map(|l| l.body),
        }
    }

    fn sig(&self, n: FnKey) -> Option<&'p FuncType> {
        match n {
            FnKey::Decl(o) => self.decls.get(&o).map(|(fd, _)| &fd.sig),
            FnKey::Lit(id) => self.lits.get(&id).map(|l| l.sig),
        }
    }

    fn pkg_of(&self, n: FnKey) -> Option<PkgId> {
        match n {
            FnKey::Decl(o) => self.decls.get(&o).map(|d| d.1),
            FnKey::Lit(id) => self
                .lits
                .get(&id)
                .and_then(|l| self.decls.get(&l.top))
                .map(|d| d.1),
        }
    }

    /// The result types of a function (for implicit conversions in its returns).
    fn result_types(&self, n: FnKey) -> Vec<Option<TypeId>> {
        let prog = self.prog;
        let Some(sig) = self.sig(n) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for f in &sig.results {
            let t = prog.info.types.get(&f.typ.id).map(|tv| tv.typ);
            for _ in 0..f.names.len().max(1) {
                out.push(t);
            }
        }
        out
    }

    /// Parameter objects of a function, receiver first (None when unnamed or blank).
    fn params(&self, n: FnKey) -> Vec<Option<ObjId>> {
        let prog = self.prog;
        let mut fields = Vec::new();
        if let FnKey::Decl(o) = n
            && let Some((fd, _)) = self.decls.get(&o)
            && let Some(r) = &fd.recv
        {
            fields.push(r);
        }
        if let Some(sig) = self.sig(n) {
            fields.extend(sig.params.iter());
        }
        let mut out = Vec::new();
        for f in fields {
            if f.names.is_empty() {
                out.push(None);
            }
            for id in &f.names {
                out.push(
                    prog.info
                        .defs
                        .get(&id.id)
                        .copied()
                        .filter(|_| !id.is_blank()),
                );
            }
        }
        out
    }

    /// gc's diagnostic name: `f`, `T.M`, `(*T).M`, `f.func1`, qualified by the package name
    /// outside the analysed package.
    fn diag_name(&self, n: FnKey) -> String {
        let base = match n {
            FnKey::Decl(o) => match self.decls.get(&o) {
                Some((fd, _)) => decl_name(fd),
                None => self.prog.obj(o).name.clone(),
            },
            FnKey::Lit(id) => self
                .lits
                .get(&id)
                .map(|l| l.name.clone())
                .unwrap_or_default(),
        };
        match self.pkg_of(n) {
            Some(p) if p != self.pkg => format!("{}.{base}", self.prog.package(p).name),
            _ => base,
        }
    }

    fn fn_pos(&self, n: FnKey) -> Pos {
        match n {
            FnKey::Decl(o) => match self.decls.get(&o) {
                // gc reports a function at the column after `func `: its name, or the
                // receiver's parenthesis.
                Some((fd, _)) if fd.recv.is_some() => Pos {
                    file: fd.pos.file,
                    offset: fd.pos.offset + 5,
                },
                Some((fd, _)) => fd.name.pos,
                None => Pos::NONE,
            },
            FnKey::Lit(id) => self.lits.get(&id).map_or(Pos::NONE, |l| l.pos),
        }
    }

    /// Registers the literals of a declaration (with gc's names) and finds its local
    /// variables' static values.
    fn scan_decl(&mut self, top: ObjId) {
        if !self.scanned.insert(top) {
            return;
        }
        let Some(&(fd, _)) = self.decls.get(&top) else {
            return;
        };
        let Some(body) = &fd.body else {
            return;
        };
        let outer = decl_name(fd);
        // Literals, numbered per enclosing function in source order: `f.func1`, and `.1`
        // inside a literal (gc's closureName).
        struct Lits<'p> {
            stack: Vec<(FnKey, String, u32)>,
            found: Vec<(NodeId, LitInfo<'p>)>,
            top: ObjId,
        }
        impl<'p> walk::Visit<'p> for Lits<'p> {
            fn pre(&mut self, e: &'p Expr) -> bool {
                if let ExprKind::FuncLit { sig, body } = &e.kind {
                    let nested = self.stack.len() > 1;
                    let Some(top) = self.stack.last_mut() else {
                        return false;
                    };
                    top.2 += 1;
                    let name = if nested {
                        format!("{}.{}", top.1, top.2)
                    } else {
                        format!("{}.func{}", top.1, top.2)
                    };
                    let parent = top.0;
                    self.found.push((
                        e.id,
                        LitInfo {
                            sig,
                            body,
                            parent,
                            top: self.top,
                            name: name.clone(),
                            pos: e.pos,
                        },
                    ));
                    self.stack.push((FnKey::Lit(e.id), name, 0));
                }
                true
            }
            fn post(&mut self, e: &'p Expr) {
                if matches!(e.kind, ExprKind::FuncLit { .. }) {
                    self.stack.pop();
                }
            }
        }
        let mut l = Lits {
            stack: vec![(FnKey::Decl(top), outer, 0)],
            found: Vec::new(),
            top,
        };
        walk::block(self.prog, body, &mut l);
        for (id, info) in l.found {
            self.lits.insert(id, info);
        }
        // Static values: locals defined once with one value, never assigned again nor
        // address-taken (gc's ir.StaticValue and ir.Reassigned).
        struct Assigns<'p> {
            prog: &'p Program,
            defs: HashMap<ObjId, &'p Expr>,
            reassigned: HashSet<ObjId>,
        }
        impl<'p> Assigns<'p> {
            fn target(&mut self, e: &Expr) {
                if let ExprKind::Ident(id) = &e.unparen().kind
                    && let Some(&o) = self.prog.info.uses.get(&id.id)
                {
                    self.reassigned.insert(o);
                }
            }
        }
        impl<'p> walk::Visit<'p> for Assigns<'p> {
            fn pre(&mut self, e: &'p Expr) -> bool {
                if let ExprKind::Unary {
                    op: UnaryOp::Addr,
                    x,
                } = &e.kind
                {
                    self.target(x);
                }
                true
            }
            fn stmt(&mut self, s: &'p Stmt) {
                let prog = self.prog;
                match &s.kind {
                    StmtKind::Assign { lhs, op, rhs, .. } => {
                        for (i, l) in lhs.iter().enumerate() {
                            let def = match &l.kind {
                                ExprKind::Ident(id) if *op == AssignOp::Define => {
                                    prog.info.defs.get(&id.id).copied()
                                }
                                _ => None,
                            };
                            match def {
                                Some(o) if lhs.len() == rhs.len() => {
                                    self.defs.insert(o, &rhs[i]);
                                }
                                Some(_) => {}
                                None => self.target(l),
                            }
                        }
                    }
                    StmtKind::IncDec { x, .. } => self.target(x),
                    StmtKind::Range {
                        key,
                        value,
                        define: false,
                        ..
                    } => {
                        for e in [key, value].into_iter().flatten() {
                            self.target(e);
                        }
                    }
                    StmtKind::Decl(Decl::Var(g)) => {
                        for spec in &g.specs {
                            if spec.names.len() == spec.values.len() {
                                for (n, v) in spec.names.iter().zip(&spec.values) {
                                    if let Some(&o) = prog.info.defs.get(&n.id) {
                                        self.defs.insert(o, v);
                                    }
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut a = Assigns {
            prog: self.prog,
            defs: HashMap::new(),
            reassigned: HashSet::new(),
        };
        walk::block(self.prog, body, &mut a);
        for (o, e) in a.defs {
            if !a.reassigned.contains(&o) {
                self.static_values.insert(o, e);
            }
        }
    }

    /// gc's `inlCallee`: the function a call expression statically calls, if known. `env`
    /// maps parameters of inlined functions to the functions passed for them.
    pub(crate) fn static_callee(
        &mut self,
        func: &'p Expr,
        env: Option<&HashMap<ObjId, FnKey>>,
    ) -> Option<FnKey> {
        self.static_callee_depth(func, env, 0)
    }

    /// The function a function-valued expression statically holds (a method value is a
    /// `-fm` wrapper, not the method).
    fn static_value(&mut self, e: &'p Expr, env: Option<&HashMap<ObjId, FnKey>>) -> Option<FnKey> {
        self.static_callee_depth(e, env, 1)
    }

    fn static_callee_depth(
        &mut self,
        func: &'p Expr,
        env: Option<&HashMap<ObjId, FnKey>>,
        depth: u32,
    ) -> Option<FnKey> {
        let prog = self.prog;
        if depth > 8 {
            return None;
        }
        let f = func.unparen();
        match &f.kind {
            ExprKind::FuncLit { .. } => Some(FnKey::Lit(f.id)),
            ExprKind::Ident(id) => {
                if prog.info.instances.contains_key(&id.id) {
                    return None;
                }
                let o = *prog.info.uses.get(&id.id)?;
                match prog.obj(o).kind {
                    ObjKind::Func { .. } => self.decl_key(o),
                    ObjKind::Var {
                        is_global: false,
                        is_field: false,
                        ..
                    } => {
                        if let Some(k) = env.and_then(|e| e.get(&o)) {
                            return Some(*k);
                        }
                        let v = *self.static_values.get(&o)?;
                        if let Some(&k) = self.inlined_results.get(&v.unparen().id) {
                            return Some(k);
                        }
                        self.static_callee_depth(v, env, depth + 1)
                    }
                    _ => None,
                }
            }
            ExprKind::Selector { x, sel } => {
                if let Some(s) = prog.info.selections.get(&f.id) {
                    match s.kind {
                        SelectionKind::FieldVal => None,
                        SelectionKind::MethodVal if depth == 0 => {
                            let rt = prog.info.types.get(&x.id)?.typ;
                            if matches!(prog.ty(prog.underlying(rt)), Type::Interface(_)) {
                                return None;
                            }
                            self.decl_key(s.obj)
                        }
                        SelectionKind::MethodVal => None,
                        SelectionKind::MethodExpr => {
                            // gc inlines `T.M` only when the receiver types agree.
                            let ptr_expr = matches!(prog.ty(s.recv), Type::Pointer(_));
                            match prog.obj(s.obj).kind {
                                ObjKind::Func { ptr_recv, .. } if ptr_recv == ptr_expr => {
                                    self.decl_key(s.obj)
                                }
                                _ => None,
                            }
                        }
                    }
                } else {
                    if prog.info.instances.contains_key(&sel.id) {
                        return None;
                    }
                    let o = *prog.info.uses.get(&sel.id)?;
                    match prog.obj(o).kind {
                        ObjKind::Func { .. } => self.decl_key(o),
                        _ => None,
                    }
                }
            }
            _ => None,
        }
    }

    fn decl_key(&mut self, o: ObjId) -> Option<FnKey> {
        let (fd, _) = self.decls.get(&o)?;
        if Self::is_generic_decl(fd) {
            return None;
        }
        Some(FnKey::Decl(o))
    }

    /// gc's `CanInline`, memoised: the cost of `n` if it can be inlined. Functions of the
    /// analysed package are costed in bottom-up order (a callee whose turn has not come, in a
    /// recursive component, counts as not inlinable, as in gc); other functions on demand.
    pub(crate) fn can_inline(&mut self, n: FnKey) -> Option<i32> {
        match self.state.get(&n) {
            Some(State::Done(c)) => return *c,
            Some(State::InProgress) => return None,
            None => {}
        }
        if let FnKey::Decl(_) = n
            && self.pkg_of(n) == Some(self.pkg)
            && !self.reached.contains(&n)
        {
            return None;
        }
        self.compute(n)
    }

    fn compute(&mut self, n: FnKey) -> Option<i32> {
        self.state.insert(n, State::InProgress);
        if let FnKey::Decl(o) = n {
            self.scan_decl(o);
        }
        let report = self.m > 0 && self.pkg_of(n) == Some(self.pkg);
        let (res, reason) = self.cost_of(n, None);
        self.state.insert(n, State::Done(res));
        if report {
            let pos = self.fn_pos(n);
            let name = self.diag_name(n);
            match (res, reason) {
                (Some(c), _) if self.m > 1 => self.diags.push((
                    pos,
                    format!("can inline {name} with cost {c} as: {}", self.describe(n)),
                )),
                (Some(_), _) => self.diags.push((pos, format!("can inline {name}"))),
                (None, Some(r)) if self.m > 1 => {
                    self.diags.push((pos, format!("cannot inline {name}: {r}")))
                }
                _ => {}
            }
        }
        res
    }

    /// The cost of `n` if it can be inlined, else why not. `env` binds variables to the
    /// functions they are known to hold (for a literal copied by inlining).
    fn cost_of(
        &mut self,
        n: FnKey,
        env: Option<Rc<HashMap<ObjId, FnKey>>>,
    ) -> (Option<i32>, Option<String>) {
        if let Some(r) = self.impossible(n) {
            return (None, Some(r));
        }
        let Some(body) = self.body(n) else {
            return (None, Some("no function body".to_string()));
        };
        let budget = if matches!(n, FnKey::Lit(_)) {
            CLOSURE_CALLED_ONCE_COST
        } else {
            MAX_BUDGET
        };
        let mut cheap = HashSet::new();
        for p in self.params(n).into_iter().flatten() {
            cheap.insert(p);
        }
        if let FnKey::Lit(id) = n
            && let Some(c) = self.prog.info.captures.get(&id)
        {
            cheap.extend(c.iter().copied());
        }
        let big = cost::is_big(self.prog, body);
        let mut v = cost::Visitor {
            inl: self,
            cur: n,
            big,
            budget,
            reason: None,
            cheap_callees: cheap,
            env,
        };
        v.block(body);
        let h = cost::Hairy {
            budget: v.budget,
            reason: v.reason,
        };
        match h.reason {
            Some(r) => (None, Some(r)),
            None if h.budget < 0 => (
                None,
                Some(format!(
                    "function too complex: cost {} exceeds budget {budget}",
                    h.cost(budget)
                )),
            ),
            None => (Some(h.cost(budget)), None),
        }
    }

    /// gc wraps the call of a `go` or `defer` statement that has arguments or results in a
    /// closure `F.gowrapN`/`F.deferwrapN` (one counter per function) that calls it with the
    /// evaluated arguments; such a wrapper is always cheap enough to be inlinable unless it
    /// calls `recover`.
    fn report_wrappers(&mut self, n: FnKey) {
        let prog = self.prog;
        let Some(body) = self.body(n) else {
            return;
        };
        struct GoDefer<'p> {
            found: Vec<(&'p Stmt, bool)>,
        }
        impl<'p> walk::Visit<'p> for GoDefer<'p> {
            fn pre(&mut self, e: &'p Expr) -> bool {
                !matches!(e.kind, ExprKind::FuncLit { .. })
            }
            fn stmt(&mut self, s: &'p Stmt) {
                match &s.kind {
                    StmtKind::Go(_) => self.found.push((s, true)),
                    StmtKind::Defer(_) => self.found.push((s, false)),
                    _ => {}
                }
            }
        }
        let mut g = GoDefer { found: Vec::new() };
        walk::block(prog, body, &mut g);
        let name = self.diag_name(n);
        let mut counter = 0;
        for (s, is_go) in g.found {
            let (StmtKind::Go(call) | StmtKind::Defer(call)) = &s.kind else {
                continue;
            };
            let ExprKind::Call { func, args, .. } = &call.unparen().kind else {
                continue;
            };
            let f = func.unparen();
            let builtin = match &f.kind {
                ExprKind::Ident(id) => prog
                    .info
                    .uses
                    .get(&id.id)
                    .map(|&o| &prog.obj(o).kind)
                    .and_then(|k| match k {
                        ObjKind::Builtin(b) => Some(*b),
                        _ => None,
                    }),
                _ => None,
            };
            let method = prog
                .info
                .selections
                .get(&f.id)
                .is_some_and(|s| s.kind == SelectionKind::MethodVal);
            let plain = builtin.is_none()
                && !method
                && prog.info.types.get(&f.id).is_some_and(|tv| {
                    matches!(prog.ty(prog.underlying(tv.typ)),
                        Type::Func(sig) if sig.params.is_empty() && sig.results.is_empty())
                });
            if plain {
                continue;
            }
            counter += 1;
            let wrapper = format!(
                "{name}.{}{counter}",
                if is_go { "gowrap" } else { "deferwrap" }
            );
            if builtin == Some(frontend::types::Builtin::Recover) {
                if self.m > 1 {
                    self.diags
                        .push((s.pos, format!("cannot inline {wrapper}: call to recover")));
                }
                continue;
            }
            if self.m > 1 {
                // The call, its callee (a temporary or name) and one temporary per argument.
                let callee = self.static_callee(func, None);
                let callee_cost = callee
                    .and_then(|c| self.can_inline(c))
                    .filter(|&c| c <= MAX_BUDGET)
                    .unwrap_or(if builtin.is_some() {
                        0
                    } else {
                        EXTRA_CALL_COST
                    });
                let cost = 1
                    + i32::from(builtin.is_none())
                    + i32::from(method)
                    + args.len() as i32
                    + callee_cost;
                self.diags.push((
                    s.pos,
                    format!("can inline {wrapper} with cost {cost} as: func()"),
                ));
            } else {
                self.diags.push((s.pos, format!("can inline {wrapper}")));
            }
        }
    }

    /// gc's `InlineImpossible`.
    fn impossible(&self, n: FnKey) -> Option<String> {
        if let FnKey::Decl(o) = n {
            let (fd, _) = self.decls.get(&o)?;
            for d in &fd.directives {
                let why = match d.name.as_str() {
                    "go:noinline" => "marked go:noinline",
                    "go:cgo_unsafe_args" => "marked go:cgo_unsafe_args",
                    "go:uintptrkeepalive" => "marked as having a keep-alive uintptr argument",
                    "go:uintptrescapes" => "marked as having an escaping uintptr argument",
                    "go:yeswritebarrierrec" => "marked go:yeswritebarrierrec",
                    _ => continue,
                };
                return Some(why.to_string());
            }
        }
        if self.body(n).is_none_or(|b| b.stmts.is_empty() && matches!(n, FnKey::Decl(o) if self.decls.get(&o).is_some_and(|d| d.0.body.is_none()))) {
            return Some("no function body".to_string());
        }
        None
    }

    /// The `as:` part of `-m=2`'s `can inline`: the function's signature.
    fn describe(&self, n: FnKey) -> String {
        let prog = self.prog;
        let t = match n {
            FnKey::Decl(o) => Some(prog.obj(o).typ),
            FnKey::Lit(id) => prog.info.types.get(&id).map(|tv| tv.typ),
        };
        t.map(|t| prog.type_string_in(t, self.pkg))
            .unwrap_or_default()
    }

    fn run(&mut self) {
        if self.m == u32::MAX {
            return;
        }
        let blocks = self.bottom_up();
        // Pass 1: CanInline per component, closures included.
        for b in &blocks {
            for &n in b {
                self.reached.insert(n);
            }
            for &n in b {
                if !self.state.contains_key(&n) {
                    self.compute(n);
                }
            }
            // The `go`/`defer` wrappers are closures gc creates while reading the bodies: they
            // come after the component's literals.
            if self.m > 0 {
                for &n in b {
                    self.report_wrappers(n);
                }
            }
        }
        // Pass 2: the inlining walk. Calls are counted per callee first (a closure called
        // from one place may be inlined whatever its cost up to 800).
        let mut uses: HashMap<FnKey, u32> = HashMap::new();
        let mut sites_of: HashMap<FnKey, Vec<Site<'p>>> = HashMap::new();
        let empty = Rc::new(HashMap::new());
        for b in &blocks {
            for &f in b {
                let mut calls = Vec::new();
                if let Some(body) = self.body(f) {
                    collect_sites(self.prog, body, &mut calls);
                }
                let sites: Vec<Site<'p>> = calls
                    .into_iter()
                    .map(|call| Site {
                        call,
                        env: empty.clone(),
                        chain: Rc::new(Vec::new()),
                        outer: Rc::new(Vec::new()),
                        pos: call_pos(call),
                        owner: f,
                        done: false,
                    })
                    .collect();
                for s in &sites {
                    if let Some(k) = self.site_callee(s) {
                        *uses.entry(k).or_default() += 1;
                    }
                }
                sites_of.insert(f, sites);
            }
        }
        for b in &blocks {
            let mut bigs = Vec::new();
            for &f in b {
                let big = self.body(f).is_some_and(|b| cost::is_big(self.prog, b));
                if big && self.m > 1 {
                    let name = self.diag_name(f);
                    self.diags.push((
                        self.fn_pos(f),
                        format!("function {name} considered 'big'; reducing max cost of inlinees"),
                    ));
                }
                bigs.push(big);
            }
            // gc retries every call of the component until a pass inlines nothing.
            let mut done = false;
            while !done {
                done = true;
                for (&f, &big) in b.iter().zip(&bigs) {
                    let mut sites = sites_of.remove(&f).unwrap_or_default();
                    let mut i = 0;
                    while i < sites.len() {
                        i += 1;
                        if sites[i - 1].done {
                            continue;
                        }
                        let s = sites[i - 1].clone();
                        let Some(new) = self.try_inline(&s, f, big, &uses) else {
                            continue;
                        };
                        sites[i - 1].done = true;
                        done = false;
                        for n in &new {
                            if let Some(k) = self.site_callee(n) {
                                *uses.entry(k).or_default() += 1;
                            }
                        }
                        sites.extend(new);
                    }
                    sites_of.insert(f, sites);
                }
            }
        }
    }

    /// gc's `mkinlcall` for one call: whether it is inlined (with its diagnostics), and then
    /// the calls of the inlined body, which become candidates.
    fn try_inline(
        &mut self,
        s: &Site<'p>,
        f: FnKey,
        big: bool,
        uses: &HashMap<FnKey, u32>,
    ) -> Option<Vec<Site<'p>>> {
        let callee = self.site_callee(s)?;
        let clone_env = match callee {
            FnKey::Lit(id) => self.clone_env.get(&id).cloned(),
            FnKey::Decl(_) => None,
        };
        let cost = match &clone_env {
            // A copy made by inlining is costed with what its captured variables hold.
            Some(env) => {
                self.can_inline(callee)?;
                self.cost_of(callee, Some(env.clone())).0?
            }
            None => self.can_inline(callee)?,
        };
        let mut max = if big {
            BIG_FUNCTION_MAX_COST
        } else {
            MAX_BUDGET
        };
        if let FnKey::Lit(_) = callee {
            max *= CLOSURE_BUDGET_FACTOR;
            if uses.get(&callee) == Some(&1) {
                max = max.max(CLOSURE_CALLED_ONCE_COST);
            }
        }
        if cost > max {
            return None;
        }
        // A call at the very position of an enclosing inlined call is recursion: refused
        // silently (gc's parsePos check).
        if s.outer.contains(&call_pos(s.call)) && !s.outer.is_empty() {
            return None;
        }
        if s.chain.contains(&callee) {
            if self.m > 1 {
                let (cn, fnm) = (self.diag_name(callee), self.diag_name(f));
                self.diags.push((
                    s.pos,
                    format!("cannot inline {cn} into {fnm}: repeated recursive cycle"),
                ));
            }
            return None;
        }
        if let FnKey::Lit(id) = callee
            && self.cloned_lits.contains(&id)
            && self.m > 0
        {
            // The literal reached through an inlined function is a copy gc checks anew.
            let pos = self.fn_pos(callee);
            let name = self.diag_name(callee);
            let msg = match self.m {
                1 => format!("can inline {name}"),
                _ => format!(
                    "can inline {name} with cost {cost} as: {}",
                    self.describe(callee)
                ),
            };
            self.diags.push((pos, msg));
        }
        if self.m > 0 {
            let name = self.diag_name(callee);
            self.diags.push((s.pos, format!("inlining call to {name}")));
        }
        if s.chain.is_empty() {
            self.inlined_calls.insert(s.call.id);
        }
        // The callee's parameters are bound to the functions passed for them.
        let mut env: HashMap<ObjId, FnKey> = (*s.env).clone();
        if let Some(ce) = &clone_env {
            env.extend(ce.iter().map(|(k, v)| (*k, *v)));
        }
        if let ExprKind::Call { func, args, .. } = &s.call.kind {
            let mut actuals: Vec<&'p Expr> = Vec::new();
            if let ExprKind::Selector { x, .. } = &func.unparen().kind
                && self
                    .prog
                    .info
                    .selections
                    .get(&func.unparen().id)
                    .is_some_and(|sel| sel.kind == SelectionKind::MethodVal)
            {
                actuals.push(x);
            }
            actuals.extend(args.iter());
            for (p, a) in self.params(callee).into_iter().zip(actuals) {
                if let Some(p) = p
                    && let Some(k) = self.static_value(a, Some(&s.env))
                {
                    env.insert(p, k);
                }
            }
        }
        // A single returned function value is the call's static value afterwards.
        if let Some(body) = self.body(callee)
            && let Some(r) = single_return(self.prog, body)
            && let Some(k) = self.static_value(r, Some(&env))
        {
            if let FnKey::Lit(id) = k {
                self.cloned_lits.insert(id);
                self.clone_env.insert(id, Rc::new(env.clone()));
            }
            self.inlined_results.insert(s.call.id, k);
        }
        let env = Rc::new(env);
        let mut chain = (*s.chain).clone();
        chain.push(callee);
        let chain = Rc::new(chain);
        let mut outer = (*s.outer).clone();
        outer.push(call_pos(s.call));
        let outer = Rc::new(outer);
        let mut new = Vec::new();
        if let Some(body) = self.body(callee) {
            let mut inner = Vec::new();
            collect_sites(self.prog, body, &mut inner);
            for call in inner {
                new.push(Site {
                    call,
                    env: env.clone(),
                    chain: chain.clone(),
                    outer: outer.clone(),
                    pos: s.pos,
                    owner: f,
                    done: false,
                });
            }
        }
        Some(new)
    }

    /// The static callee of a call site, if gc's inliner may consider it (not an intrinsic,
    /// and a literal that captures variables only in its own function).
    fn site_callee(&mut self, s: &Site<'p>) -> Option<FnKey> {
        let ExprKind::Call { func, .. } = &s.call.kind else {
            return None;
        };
        let k = self.static_callee(func, Some(&s.env))?;
        match k {
            FnKey::Decl(o) if is_intrinsic(self.prog, o) => None,
            // gc cannot inline a closure across closure frames (a copy made by inlining
            // belongs to the function it was inlined into).
            FnKey::Lit(id)
                if self.is_closure(k)
                    && !self.cloned_lits.contains(&id)
                    && self.lits.get(&id).is_none_or(|l| l.parent != s.owner) =>
            {
                None
            }
            FnKey::Decl(o) => {
                self.scan_decl(o);
                Some(k)
            }
            FnKey::Lit(_) => Some(k),
        }
    }
}

#[derive(Clone)]
struct Site<'p> {
    call: &'p Expr,
    env: Rc<HashMap<ObjId, FnKey>>,
    /// The functions inlined around this call, outermost first.
    chain: Rc<Vec<FnKey>>,
    /// The position of the outermost call (where gc reports).
    pos: Pos,
    /// The positions of the inlined calls around this one, outermost first.
    outer: Rc<Vec<Pos>>,
    /// The function whose body is being edited.
    owner: FnKey,
    /// Inlined already.
    done: bool,
}

struct BottomUp {
    ids: HashMap<FnKey, u32>,
    visit_gen: u32,
    stack: Vec<FnKey>,
    out: Vec<Vec<FnKey>>,
}

/// The one value of a body's only return statement, if it has exactly one (gc's return
/// variable is then assigned once, so it keeps a static value).
fn single_return<'p>(prog: &Program, body: &'p Block) -> Option<&'p Expr> {
    struct Returns<'p> {
        found: Vec<&'p Stmt>,
    }
    impl<'p> walk::Visit<'p> for Returns<'p> {
        fn pre(&mut self, e: &'p Expr) -> bool {
            !matches!(e.kind, ExprKind::FuncLit { .. })
        }
        fn stmt(&mut self, s: &'p Stmt) {
            if let StmtKind::Return(_) = s.kind {
                self.found.push(s);
            }
        }
    }
    let mut r = Returns { found: Vec::new() };
    walk::block(prog, body, &mut r);
    match r.found.as_slice() {
        [s] => match &s.kind {
            StmtKind::Return(vals) if vals.len() == 1 => Some(&vals[0]),
            _ => None,
        },
        _ => None,
    }
}

/// A call's position as gc reports it: its opening parenthesis.
fn call_pos(e: &Expr) -> Pos {
    match &e.kind {
        ExprKind::Call { lparen, .. } => *lparen,
        _ => e.pos,
    }
}

/// The calls of a body in gc's order (post-order: arguments before the call), without
/// the bodies of literals and without the calls `go` and `defer` statements make.
fn collect_sites<'p>(prog: &Program, body: &'p Block, out: &mut Vec<&'p Expr>) {
    struct Sites<'o, 'p> {
        out: &'o mut Vec<&'p Expr>,
        deferred: HashSet<NodeId>,
    }
    impl<'p> walk::Visit<'p> for Sites<'_, 'p> {
        fn pre(&mut self, e: &'p Expr) -> bool {
            !matches!(e.kind, ExprKind::FuncLit { .. })
        }
        fn post(&mut self, e: &'p Expr) {
            if matches!(e.kind, ExprKind::Call { .. }) && !self.deferred.contains(&e.id) {
                self.out.push(e);
            }
        }
        fn stmt(&mut self, s: &'p Stmt) {
            if let StmtKind::Go(e) | StmtKind::Defer(e) = &s.kind {
                self.deferred.insert(e.unparen().id);
            }
        }
    }
    walk::block(
        prog,
        body,
        &mut Sites {
            out,
            deferred: HashSet::new(),
        },
    );
}

/// gc's `staticBool`: +1 or -1 when a condition is known to be true or false (constants, and
/// `&&`/`||` with a known operand), else 0. (`!x` is taken as `x`, as gc does.)
pub(crate) fn static_bool(prog: &Program, e: &Expr) -> i32 {
    use frontend::ast::BinaryOp;
    let e = e.unparen();
    if let Some(tv) = prog.info.types.get(&e.id)
        && let Some(frontend::types::ConstValue::Bool(b)) = &tv.value
    {
        return if *b { 1 } else { -1 };
    }
    match &e.kind {
        ExprKind::Unary {
            op: UnaryOp::Not,
            x,
        } => static_bool(prog, x),
        ExprKind::Binary {
            op: BinaryOp::LAnd,
            x,
            y,
            ..
        } => {
            let a = static_bool(prog, x);
            if a < 0 {
                return a;
            }
            let b = static_bool(prog, y);
            if a > 0 || b < 0 { b } else { 0 }
        }
        ExprKind::Binary {
            op: BinaryOp::LOr,
            x,
            y,
            ..
        } => {
            let a = static_bool(prog, x);
            if a > 0 {
                return a;
            }
            let b = static_bool(prog, y);
            if a < 0 || b > 0 { b } else { 0 }
        }
        _ => 0,
    }
}

/// gc's writer's `terminates`: statements after which the rest of a list is dropped.
fn terminates(prog: &Program, s: &Stmt) -> bool {
    use frontend::ast::BranchKind;
    match &s.kind {
        StmtKind::Branch {
            kind: BranchKind::Goto,
            ..
        }
        | StmtKind::Return(_) => true,
        StmtKind::Expr(e) => match &e.unparen().kind {
            ExprKind::Call { func, .. } => matches!(&func.unparen().kind, ExprKind::Ident(id)
            if prog.info.uses.get(&id.id).is_some_and(|&o| matches!(
                prog.obj(o).kind,
                ObjKind::Builtin(frontend::types::Builtin::Panic)
            ))),
            _ => false,
        },
        StmtKind::If {
            cond, then, els, ..
        } => {
            let c = static_bool(prog, cond);
            let then_t = last_non_empty(&then.stmts).is_some_and(|s| terminates(prog, s));
            let els_t = els.as_ref().is_some_and(|e| terminates(prog, e));
            (c < 0 || then_t) && (c > 0 || els_t)
        }
        StmtKind::Block(b) => last_non_empty(&b.stmts).is_some_and(|s| terminates(prog, s)),
        _ => false,
    }
}

/// gc's writer's rewrite of a switch whose tag (or implicit `true`) and case values are all
/// constant: only the clause always taken is kept, as the single clause. `None`: no rewrite;
/// `Some(None)`: no clause is kept; `Some(Some(i))`: clause `i` alone.
pub(crate) fn static_switch(
    prog: &Program,
    tag: Option<&Expr>,
    clauses: &[frontend::ast::CaseClause],
) -> Option<Option<usize>> {
    use frontend::types::ConstValue;
    let tag_value = match tag {
        Some(t) => prog.info.types.get(&t.unparen().id)?.value.clone()?,
        None => ConstValue::Bool(true),
    };
    let mut target = None;
    'outer: for (i, c) in clauses.iter().enumerate() {
        if c.is_default {
            target = Some(i);
        }
        for e in &c.exprs {
            let v = prog.info.types.get(&e.unparen().id)?.value.as_ref()?;
            if *v == tag_value {
                target = Some(i);
                break 'outer;
            }
        }
    }
    if let Some(i) = target
        && last_non_empty(&clauses[i].body).is_some_and(|s| {
            matches!(
                s.kind,
                StmtKind::Branch {
                    kind: frontend::ast::BranchKind::Fallthrough,
                    ..
                }
            )
        })
    {
        return None;
    }
    Some(target)
}

fn last_non_empty(ss: &[Stmt]) -> Option<&Stmt> {
    ss.iter().rev().find(|s| !matches!(s.kind, StmtKind::Empty))
}

/// The statements of a list that gc's IR keeps: after a terminating statement, only labeled
/// statements from the last label on.
pub(crate) fn live_stmts<'s>(prog: &Program, ss: &'s [Stmt]) -> Vec<&'s Stmt> {
    let last_label = ss
        .iter()
        .rposition(|s| matches!(s.kind, StmtKind::Labeled { .. }));
    let mut out = Vec::with_capacity(ss.len());
    let mut dead = false;
    for (i, s) in ss.iter().enumerate() {
        if dead && last_label.is_none_or(|l| i > l) && !matches!(s.kind, StmtKind::Labeled { .. }) {
            continue;
        }
        out.push(s);
        dead = terminates(prog, s);
    }
    out
}

/// gc's name of a declared function: `f`, `T.M`, `(*T).M`.
fn decl_name(fd: &FuncDecl) -> String {
    let Some(r) = &fd.recv else {
        return fd.name.name.clone();
    };
    let mut t = r.typ.unparen();
    let mut ptr = false;
    if let ExprKind::Star(x) = &t.kind {
        ptr = true;
        t = x.unparen();
    }
    if let ExprKind::Index { x, .. } = &t.kind {
        t = x.unparen();
    }
    let base = match &t.kind {
        ExprKind::Ident(id) => id.name.as_str(),
        _ => "?",
    };
    if ptr {
        format!("(*{base}).{}", fd.name.name)
    } else {
        format!("{base}.{}", fd.name.name)
    }
}

/// Functions gc compiles as intrinsics on amd64 (cmd/compile/internal/ssagen/intrinsics.go):
/// their calls are plain nodes, never inlined.
pub(crate) fn is_intrinsic(prog: &Program, o: ObjId) -> bool {
    let obj = prog.obj(o);
    let Some(p) = obj.pkg else {
        return false;
    };
    if !matches!(
        obj.kind,
        ObjKind::Func {
            recv_base: None,
            ..
        }
    ) {
        return false;
    }
    let name = obj.name.as_str();
    match prog.package(p).path.as_str() {
        "math/bits" => matches!(
            name,
            "Add"
                | "Add64"
                | "Sub"
                | "Sub64"
                | "Mul"
                | "Mul64"
                | "Div"
                | "Div64"
                | "Len"
                | "Len8"
                | "Len16"
                | "Len32"
                | "Len64"
                | "OnesCount"
                | "OnesCount8"
                | "OnesCount16"
                | "OnesCount32"
                | "OnesCount64"
                | "Reverse"
                | "Reverse8"
                | "Reverse16"
                | "Reverse32"
                | "Reverse64"
                | "ReverseBytes16"
                | "ReverseBytes32"
                | "ReverseBytes64"
                | "RotateLeft"
                | "RotateLeft8"
                | "RotateLeft16"
                | "RotateLeft32"
                | "RotateLeft64"
                | "TrailingZeros8"
                | "TrailingZeros16"
                | "TrailingZeros32"
                | "TrailingZeros64"
        ),
        "math" => matches!(
            name,
            "Abs"
                | "Ceil"
                | "Copysign"
                | "FMA"
                | "Floor"
                | "Round"
                | "RoundToEven"
                | "Trunc"
                | "sqrt"
        ),
        "sync/atomic" => {
            [
                "Add",
                "And",
                "Or",
                "Swap",
                "CompareAndSwap",
                "Load",
                "Store",
            ]
            .iter()
            .any(|p| name.starts_with(p))
                && !name.ends_with("Pointer")
                || name == "LoadPointer"
        }
        "internal/runtime/atomic" => matches!(
            name,
            "And"
                | "And8"
                | "And32"
                | "And64"
                | "Anduintptr"
                | "Or"
                | "Or8"
                | "Or32"
                | "Or64"
                | "Oruintptr"
                | "Cas"
                | "Cas64"
                | "CasRel"
                | "Casint32"
                | "Casint64"
                | "Casp1"
                | "Casuintptr"
                | "Load"
                | "Load8"
                | "Load64"
                | "LoadAcq"
                | "LoadAcq64"
                | "LoadAcquintptr"
                | "Loadint32"
                | "Loadint64"
                | "Loaduint"
                | "Loaduintptr"
                | "Loadp"
                | "Store"
                | "Store8"
                | "Store64"
                | "StoreRel"
                | "StoreRel64"
                | "StoreReluintptr"
                | "Storeint32"
                | "Storeint64"
                | "Storeuintptr"
                | "StorepNoWB"
                | "Xadd"
                | "Xadd64"
                | "Xaddint32"
                | "Xaddint64"
                | "Xadduintptr"
                | "Xchg"
                | "Xchg8"
                | "Xchg64"
                | "Xchgint32"
                | "Xchgint64"
                | "Xchguintptr"
        ),
        "internal/runtime/sys" => matches!(
            name,
            "Bswap32"
                | "Bswap64"
                | "GetCallerPC"
                | "GetCallerSP"
                | "GetClosurePtr"
                | "Prefetch"
                | "PrefetchStreamed"
                | "Len64"
                | "Len8"
                | "OnesCount64"
                | "TrailingZeros32"
                | "TrailingZeros64"
                | "TrailingZeros8"
        ),
        "internal/runtime/math" => matches!(name, "MulUintptr" | "Add64"),
        "runtime" => matches!(
            name,
            "KeepAlive" | "memequal" | "publicationBarrier" | "slicebytetostringtmp"
        ),
        "crypto/internal/constanttime" => matches!(name, "Select" | "boolToUint8"),
        _ => false,
    }
}

/// Calls gc's hairy visitor treats as cheap on amd64 (loads and stores it merges).
pub(crate) fn is_cheap_call(prog: &Program, o: ObjId) -> bool {
    let obj = prog.obj(o);
    let Some(p) = obj.pkg else {
        return false;
    };
    let name = obj.name.as_str();
    match prog.package(p).path.as_str() {
        "internal/byteorder" => {
            let n = name
                .strip_prefix("LE")
                .or_else(|| name.strip_prefix("BE"))
                .unwrap_or("");
            matches!(
                n,
                "Uint64"
                    | "Uint32"
                    | "Uint16"
                    | "PutUint64"
                    | "PutUint32"
                    | "PutUint16"
                    | "AppendUint64"
                    | "AppendUint32"
                    | "AppendUint16"
            )
        }
        "encoding/binary" => {
            let ObjKind::Func {
                recv_base: Some(t), ..
            } = obj.kind
            else {
                return false;
            };
            let recv = match prog.ty(t) {
                Type::Named(n) => prog.obj(n.obj).name.as_str(),
                _ => "",
            };
            matches!(recv, "littleEndian" | "bigEndian")
                && matches!(
                    name,
                    "Uint64"
                        | "Uint32"
                        | "Uint16"
                        | "PutUint64"
                        | "PutUint32"
                        | "PutUint16"
                        | "AppendUint64"
                        | "AppendUint32"
                        | "AppendUint16"
                )
        }
        _ => false,
    }
}
