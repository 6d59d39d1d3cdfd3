//! Which of gc's inlined calls rgo's code generator expands, and the facts both escape analysis
//! and the lowering need about them.
//!
//! # Why a subset
//!
//! An expanded call changes three things: the code (the callee's body runs in the caller's
//! frame), escape analysis (the callee's allocations are judged in the caller's context, as gc
//! does after inlining), and the program's observable frames. gc keeps the last one intact with
//! pclntab's inline tree: a panic, `runtime.Callers` or a goroutine dump inside inlined code
//! still shows the inlined function's frame. rgo does not write an inline tree yet, so it only
//! expands callees in which no frame can ever be observed: *leaf* functions that call nothing
//! (only builtins that cannot fail and conversions), and that cannot panic (no indexing,
//! slicing, pointer dereference, division, shift by a variable signed count, type assertion,
//! map or channel operation, comparison of interfaces). A panic, traceback or stack walk can
//! then never start inside the expanded body, so the missing inline tree is invisible.
//!
//! Func literals are allowed (they are allocations; their bodies are separate functions that
//! keep their own frames, named after the callee as gc names inlined closures), which is what
//! lets escape analysis keep a closure returned by an inlined constructor on the stack.
//!
//! The decision is a pure function of the call, the callee and gc's inlining decisions
//! ([`super::InlineResult::inlined_calls`]), so escape analysis and the lowering, which both
//! call [`expansions`], always agree: a call escape analysis walked as expanded is lowered as
//! expanded.

use std::collections::HashMap;

use frontend::ast::{
    AssignOp, BinaryOp, Block, BranchKind, Decl, Expr, ExprKind, FuncDecl, NodeId, Stmt, StmtKind,
    UnaryOp,
};
use frontend::types::{ConstValue, Mode, ObjId, PkgId, Program, SelectionKind, Type, TypeId};
use num_bigint::Sign;

/// A call rgo expands: the callee's declaration.
#[derive(Clone, Copy)]
pub struct Expansion<'p> {
    pub callee: ObjId,
    pub decl: &'p FuncDecl,
}

/// Whether expansion is enabled (`RGO_INLINE=0` turns it off).
pub fn enabled() -> bool {
    std::env::var_os("RGO_INLINE").is_none_or(|v| v != "0")
}

/// The calls of package `pkg` that rgo expands, by call node.
pub fn expansions<'p>(prog: &'p Program, pkg: PkgId) -> HashMap<NodeId, Expansion<'p>> {
    let out = HashMap::new();
    if !enabled() {
        return out;
    }
    let inl = super::analyze(prog, pkg, 0);
    let decls = crate::escape::func_decls(prog);
    // The calls of the package's bodies, by node.
    let mut calls: HashMap<NodeId, &'p Expr> = HashMap::new();
    for f in &prog.package(pkg).files {
        for d in &f.decls {
            if let Decl::Func(fd) = d
                && let Some(b) = &fd.body
                && !super::Inliner::is_generic_decl(fd)
            {
                crate::escape::each_call(b, &mut |e| {
                    calls.insert(e.id, e);
                });
            }
        }
    }
    // Calls in the bodies of range-over-func loops stay calls: those bodies are separate
    // closures in the code but part of their function for escape analysis.
    struct RangeFuncBodies<'a, 'p> {
        prog: &'p Program,
        calls: &'a mut HashMap<NodeId, &'p Expr>,
    }
    impl<'p> super::walk::Visit<'p> for RangeFuncBodies<'_, 'p> {
        fn stmt(&mut self, s: &'p Stmt) {
            if let StmtKind::Range { x, body, .. } = &s.kind
                && let Some(tv) = self.prog.info.types.get(&x.id)
                && matches!(self.prog.ty(self.prog.underlying(tv.typ)), Type::Func(_))
            {
                crate::escape::each_call(body, &mut |e| {
                    self.calls.remove(&e.id);
                });
            }
        }
    }
    for f in &prog.package(pkg).files {
        for d in &f.decls {
            if let Decl::Func(fd) = d
                && let Some(b) = &fd.body
            {
                let mut v = RangeFuncBodies {
                    prog,
                    calls: &mut calls,
                };
                super::walk::block(prog, b, &mut v);
            }
        }
    }
    let mut pl = Planner {
        prog,
        pkg,
        decls,
        inlined: inl.inlined_calls,
        safe: HashMap::new(),
        out: HashMap::new(),
    };
    let mut ids: Vec<NodeId> = calls.keys().copied().collect();
    ids.sort();
    for id in ids {
        pl.call_expansion(calls[&id]);
    }
    pl.out
}

/// Chooses the expansions: a call is expanded when gc inlines it and its callee is a leaf that
/// cannot panic, where a call the callee makes counts as a leaf's operation when it is itself
/// expanded (mid-stack expansion of leaves).
struct Planner<'p> {
    prog: &'p Program,
    pkg: PkgId,
    decls: HashMap<ObjId, (&'p FuncDecl, PkgId)>,
    inlined: std::collections::HashSet<NodeId>,
    /// Callees judged: expandable or not (`None` while being judged: a cycle is not a leaf).
    safe: HashMap<ObjId, Option<bool>>,
    out: HashMap<NodeId, Expansion<'p>>,
}

impl<'p> Planner<'p> {
    fn call_expansion(&mut self, call: &'p Expr) -> Option<Expansion<'p>> {
        let prog = self.prog;
        if let Some(x) = self.out.get(&call.id) {
            return Some(*x);
        }
        if !self.inlined.contains(&call.id) {
            return None;
        }
        let ExprKind::Call {
            func,
            ellipsis: None,
            ..
        } = &call.kind
        else {
            return None;
        };
        let f = func.unparen();
        let obj = match &f.kind {
            ExprKind::Ident(id) => prog.info.uses.get(&id.id).copied(),
            ExprKind::Selector { sel, .. } => match prog.info.selections.get(&f.id) {
                None => prog.info.uses.get(&sel.id).copied(),
                // A method called on a value of a concrete type (not through an interface,
                // not a method expression).
                Some(s) if s.kind == SelectionKind::MethodVal => Some(s.obj),
                Some(_) => None,
            },
            _ => None,
        };
        let o = obj?;
        let &(fd, p) = self.decls.get(&o)?;
        if super::Inliner::is_generic_decl(fd)
            || fd.recv.as_ref().is_some_and(|r| recv_is_interface(prog, r))
            || crate::lower::asm::provision(prog, o).is_some()
            || compiled_specially(prog, p, &fd.name.name)
        {
            return None;
        }
        let ok = match self.safe.get(&o) {
            Some(Some(ok)) => *ok,
            Some(None) => false,
            None => {
                self.safe.insert(o, None);
                let ok = fd.body.as_ref().is_some_and(|b| {
                    // The closures of a callee of another package are compiled in that
                    // package's module, under names this one does not know.
                    self.leaf_body(fd, b) && (p == self.pkg || !has_func_lit(b))
                });
                self.safe.insert(o, Some(ok));
                ok
            }
        };
        if !ok {
            return None;
        }
        let x = Expansion {
            callee: o,
            decl: fd,
        };
        self.out.insert(call.id, x);
        Some(x)
    }
}

/// Functions whose calls the lowering compiles itself although they have a Go body
/// (`lower/intrinsic.rs`, `intrinsic_with_body`).
fn compiled_specially(prog: &Program, p: PkgId, name: &str) -> bool {
    matches!(
        (prog.package(p).path.as_str(), name),
        ("crypto/internal/constanttime", "boolToUint8") | ("internal/abi", _)
    )
}

/// A method declared by an interface has no body; this guards against embedded interfaces.
fn recv_is_interface(prog: &Program, r: &frontend::ast::Field) -> bool {
    prog.info
        .types
        .get(&r.typ.id)
        .is_some_and(|tv| matches!(prog.ty(prog.underlying(tv.typ)), Type::Interface(_)))
}

fn has_func_lit(b: &Block) -> bool {
    let mut found = false;
    crate::escape::each_expr_in(b, &mut |e| {
        found |= matches!(e.kind, ExprKind::FuncLit { .. });
    });
    found
}

impl<'p> Planner<'p> {
    /// Whether a callee's body is a leaf that cannot panic (see the module comment).
    fn leaf_body(&mut self, fd: &'p FuncDecl, b: &'p Block) -> bool {
        if fd
            .sig
            .params
            .iter()
            .any(|p| matches!(p.typ.kind, ExprKind::Ellipsis(_)))
        {
            return false;
        }
        b.stmts.iter().all(|s| self.stmt(s))
    }

    fn typ(&self, e: &Expr) -> Option<TypeId> {
        self.prog.info.types.get(&e.id).map(|tv| tv.typ)
    }

    fn under(&self, e: &Expr) -> Option<&Type> {
        self.typ(e).map(|t| self.prog.ty(self.prog.underlying(t)))
    }

    fn is_const(&self, e: &Expr) -> bool {
        self.prog
            .info
            .types
            .get(&e.id)
            .is_some_and(|tv| tv.value.is_some())
    }

    fn block(&mut self, b: &'p Block) -> bool {
        b.stmts.iter().all(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &'p Stmt) -> bool {
        match &s.kind {
            StmtKind::Empty => true,
            StmtKind::Decl(Decl::Var(g)) => g
                .specs
                .iter()
                .all(|sp| sp.values.iter().all(|v| self.expr(v))),
            StmtKind::Decl(Decl::Const(_)) => true,
            StmtKind::IncDec { x, .. } => self.lvalue(x),
            StmtKind::Assign { lhs, op, rhs, .. } => {
                if lhs.len() != rhs.len() {
                    return false;
                }
                if let AssignOp::Op(bop) = op
                    && !self.binary_ok(*bop, &lhs[0], &rhs[0])
                {
                    return false;
                }
                lhs.iter().all(|l| self.lvalue(l)) && rhs.iter().all(|r| self.expr(r))
            }
            StmtKind::Return(rs) => rs.iter().all(|r| self.expr(r)),
            StmtKind::Block(b) => self.block(b),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                init.as_ref().is_none_or(|s| self.stmt(s))
                    && self.expr(cond)
                    && self.block(then)
                    && els.as_ref().is_none_or(|s| self.stmt(s))
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                init.as_ref().is_none_or(|s| self.stmt(s))
                    && cond.as_ref().is_none_or(|c| self.expr(c))
                    && post.as_ref().is_none_or(|s| self.stmt(s))
                    && self.block(body)
            }
            StmtKind::Switch {
                init, tag, body, ..
            } => {
                let tag_ok = tag.as_ref().is_none_or(|t| {
                    self.expr(t) && matches!(self.under(t), Some(Type::Basic(_) | Type::Pointer(_)))
                });
                init.as_ref().is_none_or(|s| self.stmt(s))
                    && tag_ok
                    && body.iter().all(|c| {
                        c.exprs.iter().all(|e| {
                            self.expr(e)
                                && matches!(self.under(e), Some(Type::Basic(_) | Type::Pointer(_)))
                        }) && c.body.iter().all(|s| self.stmt(s))
                    })
            }
            StmtKind::Branch { kind, label: None } => {
                matches!(kind, BranchKind::Break | BranchKind::Continue)
            }
            _ => false,
        }
    }

    /// An assignment target: a variable, `_`, or a field of a struct variable.
    fn lvalue(&self, e: &Expr) -> bool {
        match &e.unparen().kind {
            ExprKind::Ident(_) => true,
            ExprKind::Selector { x, .. } => self.field(e.unparen(), x),
            _ => false,
        }
    }

    /// `x.f` of a struct value (no pointer on the way: a nil pointer would panic), or a
    /// qualified identifier.
    fn field(&self, e: &Expr, x: &Expr) -> bool {
        match self.prog.info.selections.get(&e.id) {
            None => true,
            Some(s) => {
                s.kind == frontend::types::SelectionKind::FieldVal && !s.indirect && self.lvalue(x)
            }
        }
    }

    fn binary_ok(&self, op: BinaryOp, x: &Expr, y: &Expr) -> bool {
        match op {
            BinaryOp::Quo | BinaryOp::Rem => {
                // Only floating-point division (no panic) or by a nonzero constant.
                let float = matches!(
                    self.under(x),
                    Some(Type::Basic(k)) if k.is_float() || k.is_complex()
                );
                float
                    || self
                        .prog
                        .info
                        .types
                        .get(&y.id)
                        .and_then(|tv| tv.value.as_ref())
                        .is_some_and(
                            |v| matches!(v, ConstValue::Int(i) if i.sign() != Sign::NoSign),
                        )
            }
            BinaryOp::Shl | BinaryOp::Shr => {
                self.is_const(y) || matches!(self.under(y), Some(Type::Basic(k)) if k.is_unsigned())
            }
            BinaryOp::Eql
            | BinaryOp::Neq
            | BinaryOp::Lss
            | BinaryOp::Leq
            | BinaryOp::Gtr
            | BinaryOp::Geq => [x, y].iter().all(|e| {
                matches!(
                    self.under(e),
                    Some(Type::Basic(_) | Type::Pointer(_) | Type::Chan(..))
                )
            }),
            _ => true,
        }
    }

    fn expr(&mut self, e: &'p Expr) -> bool {
        if self.is_const(e) {
            return true;
        }
        match &e.kind {
            ExprKind::Ident(_) | ExprKind::BasicLit { .. } | ExprKind::FuncLit { .. } => true,
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::Selector { x, .. } => match self.prog.info.selections.get(&e.id) {
                None => true,
                Some(s) => {
                    s.kind == frontend::types::SelectionKind::FieldVal
                        && !s.indirect
                        && self.expr(x)
                }
            },
            ExprKind::Unary { op, x } => match op {
                UnaryOp::Pos | UnaryOp::Neg | UnaryOp::Not | UnaryOp::Xor => self.expr(x),
                UnaryOp::Addr => match &x.unparen().kind {
                    ExprKind::CompositeLit { .. } => self.expr(x),
                    _ => self.lvalue(x) && self.expr(x),
                },
                _ => false,
            },
            ExprKind::Binary { op, x, y, .. } => {
                self.binary_ok(*op, x, y) && self.expr(x) && self.expr(y)
            }
            ExprKind::CompositeLit { elts, .. } => {
                !matches!(self.under(e), Some(Type::Map(..)) | None)
                    && elts.iter().all(|el| match &el.kind {
                        ExprKind::KeyValue { key, value, .. } => {
                            // Struct field names are not expressions; array keys are constants.
                            (matches!(self.under(e), Some(Type::Struct(_))) || self.is_const(key))
                                && self.expr(value)
                        }
                        _ => self.expr(el),
                    })
            }
            ExprKind::Call {
                func,
                args,
                ellipsis: None,
                ..
            } => {
                let f = func.unparen();
                let mode = self.prog.info.types.get(&f.id).map(|tv| tv.mode);
                match mode {
                    Some(Mode::TypeExpr) => {
                        // Conversions between basic types, or to an interface.
                        let to = self.under(e);
                        let from = args.first().and_then(|a| self.under(a));
                        let ok = match to {
                            Some(Type::Interface(_)) => from.is_some(),
                            Some(Type::Basic(_)) => matches!(from, Some(Type::Basic(_))),
                            _ => false,
                        };
                        ok && args.iter().all(|a| self.expr(a))
                    }
                    Some(Mode::Builtin) => {
                        let name = match &f.kind {
                            ExprKind::Ident(id) => id.name.as_str(),
                            _ => return false,
                        };
                        matches!(name, "len" | "cap" | "min" | "max" | "new")
                            && args.iter().all(|a| {
                                self.expr(a)
                                    || self
                                        .prog
                                        .info
                                        .types
                                        .get(&a.id)
                                        .is_some_and(|tv| tv.mode == Mode::TypeExpr)
                            })
                    }
                    // A call expanded itself: its operations count as this body's.
                    _ => {
                        self.inner_call_ok(f)
                            && self.call_expansion(e).is_some()
                            && args.iter().all(|a| self.expr(a))
                    }
                }
            }
            _ => false,
        }
    }

    /// How an inner call reaches its callee cannot panic: a function, or a method whose
    /// receiver is taken without dereferencing a pointer.
    fn inner_call_ok(&mut self, f: &'p Expr) -> bool {
        let ExprKind::Selector { x, .. } = &f.kind else {
            return true;
        };
        let Some(s) = self.prog.info.selections.get(&f.id) else {
            return true;
        };
        let ptr_recv = matches!(
            self.prog.obj(s.obj).kind,
            frontend::types::ObjKind::Func { ptr_recv: true, .. }
        );
        let x_ptr = matches!(self.under(x), Some(Type::Pointer(_)));
        let reach_ok = if x_ptr {
            ptr_recv && s.index.len() == 1
        } else {
            !s.indirect
        };
        reach_ok && self.expr(x)
    }
}
