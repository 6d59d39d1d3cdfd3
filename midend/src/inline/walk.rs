//! Traversals of function bodies the inliner needs: every expression in pre- and post-order
//! (func literals optionally skipped), with the statements around them.

use frontend::ast::{Block, Decl, Expr, ExprKind, Stmt, StmtKind};
use frontend::types::Program;

use super::{live_stmts, static_bool, static_switch};

/// A visitor of the expressions of a body. `pre` returns whether to visit the children;
/// `post` runs after them; `stmt` sees every statement before its parts.
pub(super) trait Visit<'p> {
    fn pre(&mut self, _e: &'p Expr) -> bool {
        true
    }
    fn post(&mut self, _e: &'p Expr) {}
    fn stmt(&mut self, _s: &'p Stmt) {}
}

pub(super) fn block<'p>(prog: &Program, b: &'p Block, v: &mut dyn Visit<'p>) {
    stmts(prog, &b.stmts, v);
}

/// The statements gc's IR keeps: none after a terminating one (up to a label).
pub(super) fn stmts<'p>(prog: &Program, ss: &'p [Stmt], v: &mut dyn Visit<'p>) {
    for s in live_stmts(prog, ss) {
        stmt(prog, s, v);
    }
}

fn opt_stmt<'p>(prog: &Program, s: &'p Option<Box<Stmt>>, v: &mut dyn Visit<'p>) {
    if let Some(s) = s {
        stmt(prog, s, v);
    }
}

pub(super) fn stmt<'p>(prog: &Program, s: &'p Stmt, v: &mut dyn Visit<'p>) {
    v.stmt(s);
    match &s.kind {
        StmtKind::Empty | StmtKind::Bad | StmtKind::Branch { .. } => {}
        StmtKind::Decl(Decl::Var(g)) => {
            for spec in &g.specs {
                for e in &spec.values {
                    expr(prog, e, v);
                }
            }
        }
        StmtKind::Decl(_) => {}
        StmtKind::Labeled { stmt: s, .. } => stmt(prog, s, v),
        StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => expr(prog, e, v),
        StmtKind::Send { chan, value } => {
            expr(prog, chan, v);
            expr(prog, value, v);
        }
        StmtKind::IncDec { x, .. } => expr(prog, x, v),
        StmtKind::Assign { lhs, rhs, .. } => {
            for e in lhs.iter().chain(rhs) {
                expr(prog, e, v);
            }
        }
        StmtKind::Return(es) => {
            for e in es {
                expr(prog, e, v);
            }
        }
        StmtKind::Block(b) => block(prog, b, v),
        StmtKind::If {
            init,
            cond,
            then,
            els,
        } => {
            opt_stmt(prog, init, v);
            expr(prog, cond, v);
            // gc's reader drops the dead branch of a statically known condition.
            let known = static_bool(prog, cond);
            if known >= 0 {
                block(prog, then, v);
            }
            if known <= 0 {
                opt_stmt(prog, els, v);
            }
        }
        StmtKind::Switch {
            init, tag, body, ..
        } => {
            opt_stmt(prog, init, v);
            if let Some(only) = static_switch(prog, tag.as_ref(), body) {
                // gc keeps only the clause a constant switch always takes.
                if let Some(i) = only {
                    stmts(prog, &body[i].body, v);
                }
                return;
            }
            if let Some(t) = tag {
                expr(prog, t, v);
            }
            for c in body {
                for e in &c.exprs {
                    expr(prog, e, v);
                }
                stmts(prog, &c.body, v);
            }
        }
        StmtKind::TypeSwitch { init, x, body, .. } => {
            opt_stmt(prog, init, v);
            expr(prog, x, v);
            for c in body {
                stmts(prog, &c.body, v);
            }
        }
        StmtKind::Select { body, .. } => {
            for c in body {
                opt_stmt(prog, &c.comm, v);
                stmts(prog, &c.body, v);
            }
        }
        StmtKind::For {
            init,
            cond,
            post,
            body,
        } => {
            opt_stmt(prog, init, v);
            // `for init; false; post {}` is just its init for gc.
            if cond.as_ref().is_some_and(|c| static_bool(prog, c) < 0) {
                return;
            }
            if let Some(c) = cond {
                expr(prog, c, v);
            }
            opt_stmt(prog, post, v);
            block(prog, body, v);
        }
        StmtKind::Range {
            key,
            value,
            x,
            body,
            ..
        } => {
            for e in [key, value].into_iter().flatten() {
                expr(prog, e, v);
            }
            expr(prog, x, v);
            block(prog, body, v);
        }
    }
}

pub(super) fn expr<'p>(prog: &Program, e: &'p Expr, v: &mut dyn Visit<'p>) {
    if !v.pre(e) {
        return;
    }
    match &e.kind {
        ExprKind::Bad | ExprKind::Ident(_) | ExprKind::BasicLit { .. } => {}
        ExprKind::CompositeLit { elts, .. } => {
            for x in elts {
                expr(prog, x, v);
            }
        }
        ExprKind::KeyValue { key, value, .. } => {
            expr(prog, key, v);
            expr(prog, value, v);
        }
        ExprKind::FuncLit { body, .. } => block(prog, body, v),
        ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary { x, .. } => expr(prog, x, v),
        ExprKind::Selector { x, .. } | ExprKind::TypeAssert { x, .. } => expr(prog, x, v),
        ExprKind::Index { x, indices, .. } => {
            expr(prog, x, v);
            for i in indices {
                expr(prog, i, v);
            }
        }
        ExprKind::Slice { x, lo, hi, max, .. } => {
            expr(prog, x, v);
            for p in [lo, hi, max].into_iter().flatten() {
                expr(prog, p, v);
            }
        }
        ExprKind::Call { func, args, .. } => {
            expr(prog, func, v);
            for a in args {
                expr(prog, a, v);
            }
        }
        ExprKind::Binary { x, y, .. } => {
            expr(prog, x, v);
            expr(prog, y, v);
        }
        // Type expressions hold no calls.
        ExprKind::ArrayType { .. }
        | ExprKind::Ellipsis(_)
        | ExprKind::StructType { .. }
        | ExprKind::FuncType(_)
        | ExprKind::InterfaceType { .. }
        | ExprKind::MapType { .. }
        | ExprKind::ChanType { .. } => {}
    }
    v.post(e);
}

/// Calls `f` once per statement and expression of `b`, func literals included.
pub(super) fn each_node(prog: &Program, b: &Block, f: &mut dyn FnMut(())) {
    struct Count<'f>(&'f mut dyn FnMut(()));
    impl<'p> Visit<'p> for Count<'_> {
        fn pre(&mut self, _e: &'p Expr) -> bool {
            (self.0)(());
            true
        }
        fn stmt(&mut self, _s: &'p Stmt) {
            (self.0)(());
        }
    }
    block(prog, b, &mut Count(f));
}
