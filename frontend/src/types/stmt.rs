//! Function bodies and statements.

use std::collections::HashMap;

use super::check::{Checker, DeclKind, Env, FuncCtx, expr_string, plural};
use super::constant;
use super::expr::{OpMode, Operand, start_pos};
use super::*;
use crate::ast::{self, AssignOp, Block, BranchKind, Expr, ExprKind, Pos, Stmt, StmtKind};

/// Statement context flags.
#[derive(Clone, Copy, Default)]
pub(crate) struct StmtCtx {
    in_loop: bool,
    in_switch: bool,
    in_select: bool,
    /// fallthrough is allowed (last statement of a non-final switch clause).
    fallthrough_ok: bool,
    final_case: bool,
}

pub(crate) struct Labels {
    /// name → (pos, used)
    decl: HashMap<String, (Pos, bool)>,
}

impl<'a> Checker<'a> {
    pub(crate) fn func_body_decl(&mut self, f: ObjId) {
        let Some(d) = self.decls.get(&f) else { return };
        let DeclKind::Func(fd) = d.kind else { return };
        let Some(body) = &fd.body else { return };
        let Some(&scope) = self.func_scopes.get(&f) else {
            return;
        };
        let sig = self.p.obj(f).typ;
        let results = self.func_results.get(&f).cloned().unwrap_or_default();
        let saved = std::mem::replace(
            &mut self.env,
            Env {
                scope,
                iota: None,
                decl: Some(f),
            },
        );
        self.fstack.push(FuncCtx {
            lit: None,
            sig,
            results,
            has_named_results: fd.sig.results.iter().any(|r| !r.names.is_empty()),
        });
        self.func_body(scope, body, sig);
        self.fstack.pop();
        self.env = saved;
    }

    /// Checks a function body whose parameters are declared in `scope`.
    pub(crate) fn func_body(&mut self, scope: ScopeId, body: &'a Block, sig: TypeId) {
        let saved_scope = self.env.scope;
        self.env.scope = scope;
        let saved_locals = std::mem::take(&mut self.local_vars);
        let saved_labels = self.labels.take();
        self.labels = Some(Labels {
            decl: HashMap::new(),
        });
        self.collect_labels(&body.stmts);
        let fset = &self.p.fset;
        let goto_errors = super::gotos::goto_errors(body, &|pos| fset.format(pos));
        for (pos, msg) in goto_errors {
            self.error(pos, msg);
        }
        self.stmt_list(&body.stmts, StmtCtx::default());
        let has_results = self
            .p
            .types
            .signature(sig)
            .is_some_and(|s| !s.results.is_empty());
        if has_results && !self.is_terminating_list(&body.stmts, "") {
            self.error(body.rbrace, "missing return");
        }
        if let Some(l) = self.labels.take() {
            let mut unused: Vec<(Pos, String)> = l
                .decl
                .iter()
                .filter(|(_, v)| !v.1)
                .map(|(k, v)| (v.0, k.clone()))
                .collect();
            unused.sort();
            for (p, n) in unused {
                self.error(p, format!("label {n} defined and not used"));
            }
        }
        self.labels = saved_labels;
        let locals = std::mem::replace(&mut self.local_vars, saved_locals);
        for v in locals {
            if !self.used.contains(&v) {
                let o = self.p.obj(v);
                if o.name != "_" && !o.name.is_empty() {
                    let (pos, name) = (o.pos, o.name.clone());
                    self.error(pos, format!("declared and not used: {name}"));
                }
            }
        }
        self.env.scope = saved_scope;
    }

    fn collect_labels(&mut self, stmts: &'a [Stmt]) {
        for s in stmts {
            self.collect_labels_stmt(s);
        }
    }

    fn collect_labels_stmt(&mut self, s: &'a Stmt) {
        match &s.kind {
            StmtKind::Labeled { label, stmt } => {
                if label.name != "_" {
                    let dup = self
                        .labels
                        .as_ref()
                        .and_then(|l| l.decl.get(&label.name).map(|v| v.0));
                    if let Some(prev) = dup {
                        self.error(
                            label.pos,
                            format!(
                                "label {} already defined\n\t{}: previous definition",
                                label.name,
                                self.p.fset.format(prev)
                            ),
                        );
                    } else if let Some(l) = self.labels.as_mut() {
                        l.decl.insert(label.name.clone(), (label.pos, false));
                    }
                    let o = self.new_obj(&label.name, label.pos, ObjKind::Label, self.invalid());
                    self.p.info.defs.insert(label.id, o);
                }
                self.collect_labels_stmt(stmt);
            }
            StmtKind::Block(b) => self.collect_labels(&b.stmts),
            StmtKind::If { then, els, .. } => {
                self.collect_labels(&then.stmts);
                if let Some(e) = els {
                    self.collect_labels_stmt(e);
                }
            }
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
                self.collect_labels(&body.stmts)
            }
            StmtKind::Switch { body, .. } | StmtKind::TypeSwitch { body, .. } => {
                for c in body {
                    self.collect_labels(&c.body);
                }
            }
            StmtKind::Select { body, .. } => {
                for c in body {
                    self.collect_labels(&c.body);
                }
            }
            _ => {}
        }
    }

    fn use_label(&mut self, name: &str) -> bool {
        if let Some(l) = self.labels.as_mut()
            && let Some(v) = l.decl.get_mut(name)
        {
            v.1 = true;
            return true;
        }
        false
    }

    fn stmt_list(&mut self, stmts: &'a [Stmt], ctx: StmtCtx) {
        let n = stmts.len();
        // Trailing empty statements do not count for fallthrough placement.
        let mut last = n;
        while last > 0 && matches!(stmts[last - 1].kind, StmtKind::Empty) {
            last -= 1;
        }
        for (i, s) in stmts.iter().enumerate() {
            let mut c = ctx;
            c.fallthrough_ok = ctx.fallthrough_ok && i + 1 == last;
            self.stmt(s, c);
        }
    }

    fn open_block(&mut self) -> ScopeId {
        self.open_scope(ScopeKind::Block)
    }

    fn stmt(&mut self, s: &'a Stmt, ctx: StmtCtx) {
        self.depth += 1;
        if self.depth > super::check::MAX_DEPTH {
            self.depth -= 1;
            self.error(s.pos, "statement too deeply nested");
            return;
        }
        self.stmt_inner(s, ctx);
        // types2 processes the actions a statement delayed (such as verifying the type arguments
        // of instantiations) when the statement is done, so their errors come in that order.
        if !self.pending_verify.is_empty() && !self.verifying_now {
            self.verify_pending_instances();
        }
        self.depth -= 1;
    }

    fn stmt_inner(&mut self, s: &'a Stmt, ctx: StmtCtx) {
        let inner = StmtCtx {
            fallthrough_ok: false,
            ..ctx
        };
        match &s.kind {
            StmtKind::Empty | StmtKind::Bad => {}
            StmtKind::Decl(d) => self.local_decl(d),
            StmtKind::Labeled { label, stmt } => {
                let is_loop = matches!(stmt.kind, StmtKind::For { .. } | StmtKind::Range { .. });
                let is_target = is_loop
                    || matches!(
                        stmt.kind,
                        StmtKind::Switch { .. }
                            | StmtKind::TypeSwitch { .. }
                            | StmtKind::Select { .. }
                    );
                if is_target {
                    self.enclosing_labels.push((label.name.clone(), is_loop));
                }
                self.stmt(stmt, ctx);
                if is_target {
                    self.enclosing_labels.pop();
                }
            }
            StmtKind::Expr(e) => {
                let x = self.raw_expr(e, None, false);
                if x.mode == OpMode::Invalid {
                    return;
                }
                let call_or_recv = matches!(
                    &e.unparen().kind,
                    ExprKind::Call { .. }
                        | ExprKind::Unary {
                            op: ast::UnaryOp::Recv,
                            ..
                        }
                );
                let msg = match x.mode {
                    OpMode::NoValue => None,
                    OpMode::Builtin => {
                        Some(format!("{} (built-in) must be called", expr_string(e)))
                    }
                    OpMode::TypeExpr => {
                        Some(format!("{} (type) is not an expression", expr_string(e)))
                    }
                    _ if call_or_recv => {
                        // Calls of value-returning builtins other than copy/recover are unused.
                        if let ExprKind::Call { func, .. } = &e.unparen().kind
                            && let Some(tv) = self.p.info.types.get(&func.id)
                            && tv.mode == Mode::Builtin
                        {
                            let name = expr_string(func);
                            if !matches!(name.as_str(), "copy" | "recover" | "unsafe.Add")
                                || name.is_empty()
                            {
                                Some(format!("{} is not used", self.operand_string(&x)))
                            } else {
                                None
                            }
                        } else {
                            None
                        }
                    }
                    _ => Some(format!("{} is not used", self.operand_string(&x))),
                };
                if let Some(m) = msg {
                    self.error(start_pos(e), m);
                }
            }
            StmtKind::Send { chan, value } => {
                let ch = self.expr(chan);
                let mut v = self.expr(value);
                if ch.mode == OpMode::Invalid || v.mode == OpMode::Invalid {
                    return;
                }
                match self.core_type(ch.typ).map(|c| self.p.ty(c).clone()) {
                    Some(Type::Chan(dir, elem)) => {
                        if dir == ast::ChanDir::Recv {
                            self.error(
                                s.pos,
                                format!(
                                    "invalid operation: cannot send to receive-only channel {}",
                                    self.operand_string(&ch)
                                ),
                            );
                            return;
                        }
                        self.assignment(&mut v, elem, "send");
                    }
                    _ => {
                        self.error(
                            s.pos,
                            format!(
                                "invalid operation: cannot send to non-channel {}",
                                self.operand_string(&ch)
                            ),
                        );
                    }
                }
            }
            StmtKind::IncDec { x, inc } => {
                let op = if *inc { "++" } else { "--" };
                let y = self.expr(x);
                if y.mode == OpMode::Invalid {
                    return;
                }
                if !self.is_numeric(y.typ) {
                    self.error(
                        start_pos(x),
                        format!(
                            "invalid operation: {}{op} (non-numeric type {})",
                            expr_string(x),
                            self.ts(y.typ)
                        ),
                    );
                    return;
                }
                self.check_lhs_assignable(x, &y);
            }
            StmtKind::Assign {
                lhs,
                op,
                op_pos,
                rhs,
            } => match op {
                AssignOp::Define => self.short_var_decl(s.pos, *op_pos, lhs, rhs),
                AssignOp::Assign => self.assign_stmt(lhs, rhs, *op_pos),
                AssignOp::Op(bop) => {
                    if lhs.len() != 1 || rhs.len() != 1 {
                        self.error(
                            *op_pos,
                            format!(
                                "assignment operation {}= requires single-valued expressions",
                                bop.as_str()
                            ),
                        );
                        return;
                    }
                    let mut a = self.expr(&lhs[0]);
                    let mut b = self.expr(&rhs[0]);
                    if a.mode == OpMode::Invalid || b.mode == OpMode::Invalid {
                        return;
                    }
                    if bop.is_shift() {
                        if !self.is_integer(a.typ) {
                            self.error(
                                a.pos(),
                                format!(
                                    "invalid operation: shifted operand {} must be integer",
                                    self.operand_string(&a)
                                ),
                            );
                            return;
                        }
                        if self.is_untyped(b.typ) {
                            let u = self.basic(BasicKind::Uint);
                            self.convert_untyped(&mut b, u);
                        } else if !self.is_integer(b.typ) {
                            self.error(
                                b.pos(),
                                format!(
                                    "invalid operation: shift count {} must be integer",
                                    self.operand_string(&b)
                                ),
                            );
                            return;
                        }
                    } else {
                        self.match_types(&mut a, &mut b);
                        if a.mode == OpMode::Invalid || b.mode == OpMode::Invalid {
                            return;
                        }
                        if !self.p.identical(a.typ, b.typ) {
                            self.error(
                                a.pos(),
                                format!(
                                    "invalid operation: {} {}= {} (mismatched types {} and {})",
                                    expr_string(&lhs[0]),
                                    bop.as_str(),
                                    expr_string(&rhs[0]),
                                    self.ts(a.typ),
                                    self.ts(b.typ)
                                ),
                            );
                            return;
                        }
                        let ok = match bop {
                            ast::BinaryOp::Add => self.is_numeric(a.typ) || self.is_string(a.typ),
                            ast::BinaryOp::Sub | ast::BinaryOp::Mul | ast::BinaryOp::Quo => {
                                self.is_numeric(a.typ)
                            }
                            _ => self.is_integer(a.typ),
                        };
                        if !ok {
                            self.error(
                                a.pos(),
                                format!(
                                    "invalid operation: operator {} not defined on {}",
                                    bop.as_str(),
                                    self.operand_string(&a)
                                ),
                            );
                            return;
                        }
                        if matches!(bop, ast::BinaryOp::Quo | ast::BinaryOp::Rem)
                            && b.mode == OpMode::Constant
                            && self.is_integer(a.typ)
                            && b.val
                                .as_ref()
                                .and_then(constant::to_int)
                                .is_some_and(|v| v == 0.into())
                        {
                            self.error(b.pos(), "invalid operation: division by zero");
                            return;
                        }
                    }
                    self.check_lhs_assignable(&lhs[0], &a);
                }
            },
            StmtKind::Go(e) | StmtKind::Defer(e) => {
                let what = if matches!(s.kind, StmtKind::Go(_)) {
                    "go"
                } else {
                    "defer"
                };
                let call = e.unparen();
                if !matches!(call.kind, ExprKind::Call { .. }) {
                    self.error(
                        start_pos(e),
                        format!("expression in {what} must be function call"),
                    );
                    self.raw_expr(e, None, true);
                    return;
                }
                let x = self.raw_expr(call, None, false);
                if x.mode == OpMode::Invalid {
                    return;
                }
                if let ExprKind::Call { func, .. } = &call.kind
                    && let Some(tv) = self.p.info.types.get(&func.id)
                {
                    if tv.mode == Mode::TypeExpr {
                        self.error(
                            start_pos(e),
                            format!(
                                "{what} requires function call, not conversion {}",
                                self.operand_string(&x)
                            ),
                        );
                    } else if tv.mode == Mode::Builtin {
                        let name = expr_string(func);
                        if !matches!(
                            name.as_str(),
                            "close"
                                | "copy"
                                | "delete"
                                | "panic"
                                | "print"
                                | "println"
                                | "recover"
                                | "clear"
                        ) {
                            self.error(
                                start_pos(e),
                                format!("{what} discards result of {}", expr_string(call)),
                            );
                        }
                    }
                }
            }
            StmtKind::Return(results) => self.return_stmt(s.pos, results),
            StmtKind::Branch { kind, label } => self.branch(s.pos, *kind, label.as_ref(), ctx),
            StmtKind::Block(b) => {
                self.open_block();
                self.stmt_list(&b.stmts, inner);
                self.close_scope();
            }
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                self.open_block();
                if let Some(i) = init {
                    self.stmt(i, inner);
                }
                let x = self.expr(cond);
                if x.mode != OpMode::Invalid && !self.is_boolean(x.typ) {
                    self.error(start_pos(cond), "non-boolean condition in if statement");
                }
                self.open_block();
                self.stmt_list(&then.stmts, inner);
                self.close_scope();
                if let Some(e) = els {
                    match &e.kind {
                        StmtKind::Block(b) => {
                            self.open_block();
                            self.stmt_list(&b.stmts, inner);
                            self.close_scope();
                        }
                        _ => self.stmt(e, inner),
                    }
                }
                self.close_scope();
            }
            StmtKind::Switch {
                init, tag, body, ..
            } => self.switch_stmt(init.as_deref(), tag.as_ref(), body, inner),
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                body,
                ..
            } => self.type_switch(s, init.as_deref(), bind.as_ref(), x, body, inner),
            StmtKind::Select { body, .. } => {
                let c = StmtCtx {
                    in_select: true,
                    ..inner
                };
                for cc in body {
                    self.open_block();
                    if let Some(comm) = &cc.comm {
                        let valid = match &comm.kind {
                            StmtKind::Send { .. } => true,
                            StmtKind::Expr(e) => matches!(
                                e.unparen().kind,
                                ExprKind::Unary {
                                    op: ast::UnaryOp::Recv,
                                    ..
                                }
                            ),
                            StmtKind::Assign { rhs, .. } => {
                                rhs.len() == 1
                                    && matches!(
                                        rhs[0].unparen().kind,
                                        ExprKind::Unary {
                                            op: ast::UnaryOp::Recv,
                                            ..
                                        }
                                    )
                            }
                            _ => false,
                        };
                        if !valid {
                            self.error(
                                comm.pos,
                                "select case must be receive, send or assign recv",
                            );
                        }
                        self.stmt(comm, c);
                    }
                    self.stmt_list(&cc.body, c);
                    self.close_scope();
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                self.open_block();
                if let Some(i) = init {
                    self.stmt(i, inner);
                }
                if let Some(c) = cond {
                    let x = self.expr(c);
                    if x.mode != OpMode::Invalid && !self.is_boolean(x.typ) {
                        self.error(start_pos(c), "non-boolean condition in for statement");
                    }
                }
                if let Some(p) = post {
                    if let StmtKind::Assign {
                        op: AssignOp::Define,
                        ..
                    } = p.kind
                    {
                        self.error(p.pos, "cannot declare in post statement of for loop");
                    }
                    self.stmt(p, inner);
                }
                let c = StmtCtx {
                    in_loop: true,
                    ..inner
                };
                self.open_block();
                self.stmt_list(&body.stmts, c);
                self.close_scope();
                self.close_scope();
            }
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => self.range_stmt(s, key.as_ref(), value.as_ref(), *define, x, body, inner),
        }
    }

    fn check_lhs_assignable(&mut self, e: &'a Expr, x: &Operand<'a>) {
        match x.mode {
            OpMode::Variable | OpMode::MapIndex => {}
            OpMode::Invalid => {}
            _ => {
                if let ExprKind::Selector { x: base, .. } = &e.unparen().kind
                    && let Some(tv) = self.p.info.types.get(&base.unparen().id)
                    && tv.mode == Mode::MapIndex
                {
                    self.error(
                        start_pos(e),
                        format!("cannot assign to struct field {} in map", expr_string(e)),
                    );
                    return;
                }
                self.error(
                    start_pos(e),
                    format!(
                        "cannot assign to {} (neither addressable nor a map index expression)",
                        expr_string(e)
                    ),
                );
            }
        }
    }

    /// Evaluates an assignment's left-hand side (an identifier use does not count as a use).
    fn lhs_var(&mut self, e: &'a Expr) -> Operand<'a> {
        if let ExprKind::Ident(id) = &e.unparen().kind {
            if id.name == "_" {
                self.p.info.defs.remove(&id.id);
                return Operand {
                    mode: OpMode::Variable,
                    typ: self.invalid(),
                    val: None,
                    expr: Some(e),
                    builtin: None,
                };
            }
            if let Some(o) = self.lookup(self.env.scope, &id.name)
                && let ObjKind::Var {
                    is_global: false,
                    is_field: false,
                    ..
                } = self.p.obj(o).kind
            {
                let was_used = self.used.contains(&o);
                let x = self.raw_expr(e, None, false);
                if !was_used {
                    self.used.remove(&o);
                }
                return x;
            }
        }
        self.raw_expr(e, None, false)
    }

    fn is_blank(e: &Expr) -> bool {
        matches!(&e.unparen().kind, ExprKind::Ident(id) if id.name == "_")
    }

    fn assign_stmt(&mut self, lhs: &'a [Expr], rhs: &'a [Expr], op_pos: Pos) {
        let _ = op_pos;
        let nl = lhs.len();
        let nr = rhs.len();
        let mut lops = Vec::new();
        for l in lhs {
            let mut x = self.lhs_var(l);
            if Self::is_blank(l) {
                x.mode = OpMode::Variable;
                lops.push((x, true));
                continue;
            }
            if x.mode != OpMode::Invalid {
                let before = self.errors.len();
                self.check_lhs_assignable(l, &x);
                if self.errors.len() > before {
                    x.mode = OpMode::Invalid;
                }
            }
            lops.push((x, false));
        }
        let rops = self.rhs_values(rhs, nl, true);
        let Some(rops) = rops else {
            return;
        };
        if rops.len() != nl {
            self.assign_mismatch(lhs, rhs, nl, nr, &rops);
            return;
        }
        for (i, (l, blank)) in lops.iter().enumerate() {
            let mut r = rops[i].clone();
            if *blank {
                self.assign_blank(&mut r, "assignment");
                continue;
            }
            if l.mode == OpMode::Invalid {
                continue;
            }
            self.assignment(&mut r, l.typ, "assignment");
        }
    }

    fn assign_blank(&mut self, r: &mut Operand<'a>, ctx: &str) {
        if r.mode == OpMode::Invalid {
            return;
        }
        if r.typ == self.basic(BasicKind::UntypedNil) {
            self.error(r.pos(), format!("use of untyped nil in {ctx}"));
            return;
        }
        if self.is_untyped(r.typ) {
            let d = self.default_type(r.typ);
            self.convert_untyped(r, d);
        }
    }

    fn assign_mismatch(
        &mut self,
        lhs: &'a [Expr],
        rhs: &'a [Expr],
        nl: usize,
        nr: usize,
        rops: &[Operand<'a>],
    ) {
        let _ = lhs;
        if nr == 1
            && let ExprKind::Call { func, .. } = &rhs[0].unparen().kind
        {
            let n = rops.len();
            self.error(
                start_pos(&rhs[0]),
                format!(
                    "assignment mismatch: {nl} variable{} but {} returns {n} value{}",
                    plural(nl),
                    expr_string(func),
                    plural(n)
                ),
            );
            return;
        }
        let at = if nr > 0 {
            start_pos(&rhs[0])
        } else {
            start_pos(&lhs[0])
        };
        self.error(
            at,
            format!(
                "assignment mismatch: {nl} variable{} but {nr} value{}",
                plural(nl),
                plural(nr)
            ),
        );
    }

    /// Evaluates right-hand sides for `nl` left-hand sides: n:n, or n:1 with a multi-value call or
    /// a comma-ok expression. `None` when an operand is invalid.
    fn rhs_values(
        &mut self,
        rhs: &'a [Expr],
        nl: usize,
        lone_call_multi: bool,
    ) -> Option<Vec<Operand<'a>>> {
        // In assignments and short variable declarations a lone call on the right is taken as
        // multi-valued even for one variable, so `x := f2()` is an assignment mismatch ("1
        // variable but f2 returns 2 values"), as types2's assignVars/initVars report it;
        // variable declarations check it as a single value ("multiple-value f2() ...").
        let lone_call = lone_call_multi
            && rhs.len() == 1
            && matches!(rhs[0].unparen().kind, ExprKind::Call { .. });
        if rhs.len() == 1 && nl == 2 {
            let x = self.raw_expr(&rhs[0], None, false);
            if x.mode == OpMode::Invalid {
                return None;
            }
            let is_commaok = x.mode == OpMode::CommaOk || x.mode == OpMode::MapIndex;
            if is_commaok {
                if let Some(tv) = self.p.info.types.get_mut(&rhs[0].id) {
                    tv.mode = Mode::CommaOk;
                }
                // Parenthesised comma-ok expressions: record on the inner node too.
                let inner = rhs[0].unparen();
                if let Some(tv) = self.p.info.types.get_mut(&inner.id) {
                    tv.mode = Mode::CommaOk;
                }
                let ub = self.basic(BasicKind::UntypedBool);
                let mut v = x.clone();
                v.mode = OpMode::Value;
                let ok = Operand {
                    mode: OpMode::Value,
                    typ: ub,
                    val: None,
                    expr: None,
                    builtin: None,
                };
                return Some(vec![v, ok]);
            }
            if let Type::Tuple(ts) = self.p.ty(x.typ).clone() {
                return Some(
                    ts.iter()
                        .map(|t| Operand {
                            mode: OpMode::Value,
                            typ: *t,
                            val: None,
                            expr: x.expr,
                            builtin: None,
                        })
                        .collect(),
                );
            }
            let mut x = x;
            self.exclude_value(&mut x);
            return Some(vec![x]);
        }
        if rhs.len() == 1 && (nl != 1 || lone_call) {
            let v = self.multi_expr(&rhs[0]);
            if v.iter().any(|o| o.mode == OpMode::Invalid) {
                return None;
            }
            return Some(v);
        }
        let mut out = Vec::new();
        let mut bad = false;
        for r in rhs {
            let x = self.expr(r);
            if x.mode == OpMode::Invalid {
                bad = true;
            }
            out.push(x);
        }
        if bad && out.len() == nl {
            return None;
        }
        Some(out)
    }

    fn exclude_value(&mut self, x: &mut Operand<'a>) {
        if matches!(x.mode, OpMode::NoValue | OpMode::TypeExpr | OpMode::Builtin) {
            let s = x.expr.map(expr_string).unwrap_or_default();
            let what = match x.mode {
                OpMode::NoValue => "(no value) used as value",
                OpMode::TypeExpr => "(type) is not an expression",
                _ => "(built-in) must be called",
            };
            self.error(x.pos(), format!("{s} {what}"));
            x.mode = OpMode::Invalid;
        }
    }

    fn short_var_decl(&mut self, pos: Pos, op_pos: Pos, lhs: &'a [Expr], rhs: &'a [Expr]) {
        let _ = pos;
        let scope = self.env.scope;
        let mut idents: Vec<Option<&'a ast::Ident>> = Vec::new();
        let mut any_new = false;
        let mut bad = false;
        let mut seen: Vec<&str> = Vec::new();
        for l in lhs {
            match &l.kind {
                ExprKind::Ident(id) => {
                    if id.name != "_" {
                        if seen.contains(&id.name.as_str()) {
                            self.error(id.pos, format!("{} repeated on left side of :=", id.name));
                            bad = true;
                        }
                        seen.push(&id.name);
                        if self.p.scope_lookup(scope, &id.name).is_none() {
                            any_new = true;
                        }
                    }
                    idents.push(Some(id));
                }
                _ => {
                    self.error(
                        start_pos(l),
                        format!("non-name {} on left side of :=", expr_string(l)),
                    );
                    self.raw_expr(l, None, true);
                    idents.push(None);
                    bad = true;
                }
            }
        }
        if !any_new && !bad {
            self.error(op_pos, "no new variables on left side of :=");
        }
        let nl = lhs.len();
        let rops = self.rhs_values(rhs, nl, true);
        // Declare (after evaluating the right-hand side).
        let mut objs: Vec<Option<ObjId>> = Vec::new();
        let mut new_objs = Vec::new();
        for (id, l) in idents.iter().zip(lhs) {
            let Some(id) = id else {
                objs.push(None);
                continue;
            };
            if id.name != "_"
                && let Some(o) = self.p.scope_lookup(scope, &id.name)
            {
                // A redeclared variable is assigned: its operand is the variable itself.
                self.p.info.uses.insert(id.id, o);
                let t = self.p.obj(o).typ;
                self.record_type(l.id, OpMode::Variable, t, None);
                objs.push(Some(o));
                continue;
            }
            let v = self.new_var(&id.name, id.pos, self.invalid(), false);
            self.var_depth.insert(v, self.fstack.len());
            self.p.info.defs.insert(id.id, v);
            objs.push(Some(v));
            new_objs.push((v, *id));
        }
        match rops {
            Some(rops) if rops.len() == nl => {
                for (i, o) in objs.iter().enumerate() {
                    let Some(o) = o else { continue };
                    let mut r = rops[i].clone();
                    if new_objs.iter().any(|(v, _)| v == o) {
                        self.init_var(*o, None, &mut r, "assignment");
                    } else {
                        let t = self.p.obj(*o).typ;
                        self.assignment(&mut r, t, "assignment");
                    }
                }
            }
            Some(rops) => {
                self.assign_mismatch(lhs, rhs, nl, rhs.len(), &rops);
            }
            None => {}
        }
        for (v, id) in new_objs {
            self.declare(scope, Some(id), v);
            if id.name != "_" {
                self.local_vars.push(v);
            }
        }
    }

    /// Initialises a variable from an operand (`None` type: inferred).
    pub(crate) fn init_var(
        &mut self,
        v: ObjId,
        declared: Option<TypeId>,
        x: &mut Operand<'a>,
        context: &str,
    ) {
        if x.mode == OpMode::Invalid {
            if declared.is_none() {
                self.p.objects[v.0 as usize].typ = self.invalid();
            }
            return;
        }
        self.exclude_value(x);
        if x.mode == OpMode::Invalid {
            return;
        }
        let t = match declared {
            Some(t) => t,
            None => {
                if x.typ == self.basic(BasicKind::UntypedNil) {
                    self.error(x.pos(), format!("use of untyped nil in {context}"));
                    self.p.objects[v.0 as usize].typ = self.invalid();
                    return;
                }
                let t = self.default_type(x.typ);
                self.p.objects[v.0 as usize].typ = t;
                t
            }
        };
        self.assignment(x, t, context);
    }

    /// `var a, b T = x, y` / `var a, b = f()` (package level and local).
    pub(crate) fn init_vars(
        &mut self,
        lhs: &[ObjId],
        rhs: &'a [Expr],
        declared: Option<TypeId>,
        pos: Pos,
        _global: bool,
    ) {
        let _ = pos;
        let nl = lhs.len();
        let rops = self.rhs_values(rhs, nl, false);
        let Some(rops) = rops else {
            if declared.is_none() {
                for &v in lhs {
                    self.p.objects[v.0 as usize].typ = self.invalid();
                }
            }
            return;
        };
        if rops.len() != nl {
            if declared.is_none() {
                for &v in lhs {
                    self.p.objects[v.0 as usize].typ = self.invalid();
                }
            }
            if rhs.len() == 1
                && let ExprKind::Call { func, .. } = &rhs[0].unparen().kind
            {
                let n = rops.len();
                self.error(
                    start_pos(&rhs[0]),
                    format!(
                        "assignment mismatch: {nl} variable{} but {} returns {n} value{}",
                        plural(nl),
                        expr_string(func),
                        plural(n)
                    ),
                );
            } else if rhs.len() == 1 {
                self.error(
                    start_pos(&rhs[0]),
                    format!(
                        "assignment mismatch: {nl} variable{} but {} value{}",
                        plural(nl),
                        rhs.len(),
                        plural(rhs.len())
                    ),
                );
            }
            return;
        }
        for (i, &v) in lhs.iter().enumerate() {
            let mut r = rops[i].clone();
            self.init_var(v, declared, &mut r, "variable declaration");
        }
    }

    /// Spec: at a bare return every named result must be in scope; a local declaration of the same
    /// name in between hides it.
    fn check_results_in_scope(&mut self, pos: Pos) {
        let Some(f) = self.fstack.last() else { return };
        for result in f.results.clone() {
            let name = self.p.obj(result).name.clone();
            if name.is_empty() || name == "_" {
                continue;
            }
            let Some(inner) = self.lookup(self.env.scope, &name) else {
                continue;
            };
            if inner == result {
                continue;
            }
            // gc describes the result parameter, at the position of the declaration hiding it.
            let what = format!("var {name} {}", self.ts(self.p.obj(result).typ));
            let at = self.p.fset.format(self.p.obj(inner).pos);
            self.error(
                pos,
                format!(
                    "result parameter {name} not in scope at return\n\t{at}: inner declaration of {what}"
                ),
            );
        }
    }

    fn return_stmt(&mut self, pos: Pos, results: &'a [Expr]) {
        let Some(f) = self.fstack.last() else { return };
        let sig = f.sig;
        let named = f.has_named_results;
        let Some(s) = self.p.types.signature(sig).cloned() else {
            return;
        };
        if results.is_empty() {
            if !s.results.is_empty() && !named {
                self.error(
                    pos,
                    "not enough return values\n\thave ()\n\twant ".to_string()
                        + &self.types_summary(&s.results, false),
                );
            }
            if named {
                self.check_results_in_scope(pos);
            }
            return;
        }
        if s.results.is_empty() {
            let mut ts = Vec::new();
            for r in results {
                let x = self.expr(r);
                ts.push(x.typ);
            }
            let have = self.types_summary(&ts, false);
            self.error(
                start_pos(&results[0]),
                format!("too many return values\n\thave {have}\n\twant ()"),
            );
            return;
        }
        let nl = s.results.len();
        let rops = if results.len() == 1 && nl > 1 {
            self.multi_expr(&results[0])
        } else {
            results.iter().map(|r| self.expr(r)).collect()
        };
        if rops.iter().any(|o| o.mode == OpMode::Invalid) {
            return;
        }
        if rops.len() != nl {
            let have: Vec<TypeId> = rops.iter().map(|o| o.typ).collect();
            let (q, at) = if rops.len() < nl {
                ("not enough", rops.last().map(|o| o.pos()).unwrap_or(pos))
            } else {
                ("too many", rops[nl].pos())
            };
            let at = if results.len() == 1 {
                start_pos(&results[0])
            } else {
                at
            };
            let at = if q == "not enough" && results.len() > 1 {
                start_pos(&results[results.len() - 1])
            } else {
                at
            };
            self.error(
                at,
                format!(
                    "{q} return values\n\thave {}\n\twant {}",
                    self.types_summary(&have, false),
                    self.types_summary(&s.results, false)
                ),
            );
            return;
        }
        for (i, mut r) in rops.into_iter().enumerate() {
            self.assignment(&mut r, s.results[i], "return statement");
        }
    }

    fn branch(&mut self, pos: Pos, kind: BranchKind, label: Option<&'a ast::Ident>, ctx: StmtCtx) {
        if let Some(l) = label {
            if !self.use_label(&l.name) {
                // gc's syntax.checkBranches words break/continue differently from goto.
                let msg = match kind {
                    BranchKind::Break => format!("break label not defined: {}", l.name),
                    BranchKind::Continue => format!("continue label not defined: {}", l.name),
                    _ => format!("label {} not defined", l.name),
                };
                self.error(l.pos, msg);
                return;
            }
            // Enclosing-label validity is checked structurally by the label stack.
            if kind != BranchKind::Goto
                && !self
                    .enclosing_labels
                    .iter()
                    .any(|(n, loop_)| n == &l.name && (kind == BranchKind::Break || *loop_))
            {
                let what = if kind == BranchKind::Break {
                    "break"
                } else {
                    "continue"
                };
                self.error(l.pos, format!("invalid {what} label {}", l.name));
            }
            return;
        }
        match kind {
            BranchKind::Break => {
                if !(ctx.in_loop || ctx.in_switch || ctx.in_select) {
                    self.error(pos, "break is not in a loop, switch, or select");
                }
            }
            BranchKind::Continue => {
                if !ctx.in_loop {
                    self.error(pos, "continue is not in a loop");
                }
            }
            BranchKind::Fallthrough => {
                if !ctx.fallthrough_ok {
                    if ctx.final_case {
                        self.error(pos, "cannot fallthrough final case in switch");
                    } else {
                        self.error(pos, "fallthrough statement out of place");
                    }
                }
            }
            BranchKind::Goto => {}
        }
    }

    fn switch_stmt(
        &mut self,
        init: Option<&'a Stmt>,
        tag: Option<&'a Expr>,
        body: &'a [ast::CaseClause],
        ctx: StmtCtx,
    ) {
        self.open_block();
        if let Some(i) = init {
            self.stmt(i, ctx);
        }
        let mut x = match tag {
            Some(t) => {
                let mut x = self.expr(t);
                if x.mode != OpMode::Invalid && self.is_untyped(x.typ) {
                    let d = self.default_type(x.typ);
                    if x.typ == self.basic(BasicKind::UntypedNil) {
                        self.error(x.pos(), "use of untyped nil in switch expression");
                        x.mode = OpMode::Invalid;
                    } else {
                        self.convert_untyped(&mut x, d);
                    }
                }
                if x.mode != OpMode::Invalid && !self.p.is_comparable(x.typ) && !self.has_nil(x.typ)
                {
                    self.error(
                        x.pos(),
                        format!("cannot switch on {}", self.operand_string(&x)),
                    );
                    x.mode = OpMode::Invalid;
                }
                x
            }
            None => Operand {
                mode: OpMode::Constant,
                typ: self.basic(BasicKind::Bool),
                val: Some(ConstValue::Bool(true)),
                expr: None,
                builtin: None,
            },
        };
        let mut seen: Vec<(ConstValue, TypeId, Pos)> = Vec::new();
        let mut default_seen: Option<Pos> = None;
        let n = body.len();
        for (ci, cc) in body.iter().enumerate() {
            if cc.is_default {
                if let Some(p) = default_seen {
                    self.error(
                        cc.pos,
                        format!(
                            "multiple defaults in switch\n\t{}: other declaration of default",
                            self.p.fset.format(p)
                        ),
                    );
                }
                default_seen = Some(cc.pos);
            }
            for e in &cc.exprs {
                let mut y = self.expr(e);
                if y.mode == OpMode::Invalid || x.mode == OpMode::Invalid {
                    continue;
                }
                let mut xx = x.clone();
                if tag.is_none() {
                    // `switch { case cond: }`: cond must be boolean.
                    xx.expr = None;
                }
                self.match_types(&mut y, &mut xx);
                if y.mode == OpMode::Invalid {
                    continue;
                }
                let mut res = Operand::invalid();
                let before = self.errors.len();
                self.comparison(&mut res, e, ast::BinaryOp::Eql, y.clone(), xx.clone(), true);
                if self.errors.len() > before {
                    continue;
                }
                // Like types2 (goVal), only numeric and string constants are checked for
                // duplicates: `switch { case GOOS == "a": case GOOS == "b": }` is fine.
                if y.mode == OpMode::Constant
                    && let Some(v) = &y.val
                    && !matches!(v, ConstValue::Bool(_))
                {
                    if let Some((_, _, p)) = seen
                        .iter()
                        .find(|(sv, st, _)| sv == v && self.p.identical(*st, y.typ))
                    {
                        let p = *p;
                        self.error(
                            start_pos(e),
                            format!(
                                "duplicate case {} in expression switch\n\t{}: previous case",
                                self.operand_string(&y),
                                self.p.fset.format(p)
                            ),
                        );
                    } else {
                        seen.push((v.clone(), y.typ, start_pos(e)));
                    }
                }
            }
            self.open_block();
            let c = StmtCtx {
                in_switch: true,
                fallthrough_ok: ci + 1 < n,
                final_case: ci + 1 == n,
                ..ctx
            };
            self.stmt_list(&cc.body, c);
            self.close_scope();
        }
        let _ = &mut x;
        self.close_scope();
    }

    fn type_switch(
        &mut self,
        s: &'a Stmt,
        init: Option<&'a Stmt>,
        bind: Option<&'a ast::Ident>,
        xe: &'a Expr,
        body: &'a [ast::CaseClause],
        ctx: StmtCtx,
    ) {
        let _ = s;
        self.open_block();
        if let Some(i) = init {
            self.stmt(i, ctx);
        }
        let x = self.expr(xe);
        let mut ok = x.mode != OpMode::Invalid;
        if ok && !self.is_interface(x.typ) {
            self.error(
                x.pos(),
                format!("{} is not an interface", self.operand_string(&x)),
            );
            ok = false;
        }
        if let Some(b) = bind
            && b.name == "_"
        {
            self.error(b.pos, "no new variable on left side of :=");
        }
        let mut any_used = false;
        let mut clause_objs = Vec::new();
        let mut seen: Vec<(TypeId, Pos)> = Vec::new();
        let nil = self.basic(BasicKind::UntypedNil);
        let mut default_seen: Option<Pos> = None;
        for cc in body {
            if cc.is_default {
                if let Some(p) = default_seen {
                    self.error(
                        cc.pos,
                        format!(
                            "multiple defaults in switch\n\t{}: other declaration of default",
                            self.p.fset.format(p)
                        ),
                    );
                }
                default_seen = Some(cc.pos);
            }
            let mut case_types = Vec::new();
            for e in &cc.exprs {
                let y = self.expr_or_type(e, true);
                let t = match y.mode {
                    OpMode::Invalid => continue,
                    OpMode::TypeExpr => y.typ,
                    _ if y.typ == nil => nil,
                    _ => {
                        self.error(start_pos(e), format!("{} is not a type", expr_string(e)));
                        continue;
                    }
                };
                if let Some((_, p)) = seen.iter().find(|(st, _)| self.p.identical(*st, t)) {
                    let p = *p;
                    let what = if t == nil {
                        "nil".to_string()
                    } else {
                        self.ts(t)
                    };
                    self.error(
                        start_pos(e),
                        format!(
                            "duplicate case {what} in type switch\n\t{}: previous case",
                            self.p.fset.format(p)
                        ),
                    );
                } else {
                    seen.push((t, start_pos(e)));
                }
                if ok && t != nil {
                    self.type_assertion(e, &x, t, true);
                }
                case_types.push(t);
            }
            self.open_block();
            if let Some(b) = bind
                && b.name != "_"
            {
                let t = if case_types.len() == 1 && case_types[0] != nil {
                    case_types[0]
                } else {
                    x.typ
                };
                let v = self.new_var(&b.name, b.pos, t, false);
                self.var_depth.insert(v, self.fstack.len());
                let scope = self.env.scope;
                self.p.scopes[scope.0 as usize]
                    .names
                    .insert(b.name.clone(), v);
                self.p.objects[v.0 as usize].parent = Some(scope);
                self.p.info.implicits.insert(cc.implicit_id, v);
                clause_objs.push(v);
            }
            let c = StmtCtx {
                in_switch: true,
                fallthrough_ok: false,
                ..ctx
            };
            self.stmt_list(&cc.body, c);
            self.close_scope();
        }
        for v in &clause_objs {
            if self.used.contains(v) {
                any_used = true;
            }
        }
        if let Some(b) = bind
            && b.name != "_"
        {
            // The bind identifier itself defines no object (types2 records nil in Defs).
            if !any_used {
                self.error(b.pos, format!("declared and not used: {}", b.name));
            }
        }
        self.close_scope();
    }

    #[allow(clippy::too_many_arguments)]
    fn range_stmt(
        &mut self,
        s: &'a Stmt,
        key: Option<&'a Expr>,
        value: Option<&'a Expr>,
        define: bool,
        xe: &'a Expr,
        body: &'a Block,
        ctx: StmtCtx,
    ) {
        let _ = s;
        self.open_block();
        let mut x = self.expr(xe);
        let mut kt = None;
        let mut vt = None;
        let mut ok = x.mode != OpMode::Invalid;
        if ok {
            // An untyped integer (or string) constant ranges as its default type; any other
            // untyped constant cannot be ranged over and is reported as it is (types2).
            if self.is_untyped(x.typ) && x.mode == OpMode::Constant {
                let d = self.default_type(x.typ);
                if self.is_integer(d) || self.is_string(d) {
                    self.convert_untyped(&mut x, d);
                }
            }
            let core = self.core_type(x.typ);
            let cause: Option<String>;
            match core.map(|c| self.p.ty(c).clone()) {
                Some(Type::Basic(k)) if k.is_string() => {
                    kt = Some(self.basic(BasicKind::Int));
                    vt = Some(self.p.rune_type);
                    cause = None;
                }
                Some(Type::Basic(k)) if k.is_integer() => {
                    kt = Some(x.typ);
                    cause = if value.is_some() {
                        Some(format!(
                            "range over {} permits only one iteration variable",
                            self.operand_string(&x)
                        ))
                    } else {
                        None
                    };
                }
                Some(Type::Array(e, _)) | Some(Type::Slice(e)) => {
                    kt = Some(self.basic(BasicKind::Int));
                    vt = Some(e);
                    cause = None;
                }
                Some(Type::Pointer(p)) => match self.p.ty(self.under(p)).clone() {
                    Type::Array(e, _) => {
                        kt = Some(self.basic(BasicKind::Int));
                        vt = Some(e);
                        cause = None;
                    }
                    _ => cause = Some(String::new()),
                },
                Some(Type::Map(k, v)) => {
                    kt = Some(k);
                    vt = Some(v);
                    cause = None;
                }
                Some(Type::Chan(dir, e)) => {
                    kt = Some(e);
                    cause = if dir == ast::ChanDir::Send {
                        Some(format!(
                            "receive from send-only channel {}",
                            self.operand_string(&x)
                        ))
                    } else if value.is_some() {
                        Some(format!(
                            "range over {} permits only one iteration variable",
                            self.operand_string(&x)
                        ))
                    } else {
                        None
                    };
                }
                Some(Type::Func(sig)) => {
                    // func(yield func(K, V) bool), with types2's causes (rangeKeyVal).
                    let must = ": func must be func(yield func(...) bool): ";
                    let yield_sig = sig
                        .params
                        .first()
                        .and_then(|&p| self.core_type(p))
                        .and_then(|c| self.p.types.signature(c).cloned());
                    let bool_t = self.basic(BasicKind::Bool);
                    cause = if sig.params.len() != 1 {
                        Some(format!("{must}wrong argument count"))
                    } else if !sig.results.is_empty() {
                        Some(format!("{must}unexpected results"))
                    } else {
                        match yield_sig {
                            None => Some(format!("{must}argument is not func")),
                            Some(ys) if ys.params.len() > 2 => {
                                Some(format!("{must}yield func has too many parameters"))
                            }
                            Some(ys) if ys.results.len() != 1 || ys.results[0] != bool_t => {
                                let boolean = ys.results.len() == 1
                                    && matches!(
                                        self.p.types.basic_kind(ys.results[0]),
                                        Some(BasicKind::Bool | BasicKind::UntypedBool)
                                    );
                                if boolean {
                                    Some(format!(
                                        "{must}yield func returns user-defined boolean, not bool"
                                    ))
                                } else {
                                    Some(format!("{must}yield func does not return bool"))
                                }
                            }
                            Some(ys) if ys.variadic => {
                                let yt = sig.params[0];
                                let yt = self.core_type(yt).unwrap_or(yt);
                                Some(format!(
                                    ": yield func of type {} cannot be variadic",
                                    self.p.type_string(yt)
                                ))
                            }
                            Some(ys) => {
                                kt = ys.params.first().copied();
                                vt = ys.params.get(1).copied();
                                if ys.params.is_empty() && key.is_some() {
                                    Some(format!(
                                        "range over {} permits no iteration variables",
                                        self.operand_string(&x)
                                    ))
                                } else if ys.params.len() == 1 && value.is_some() {
                                    Some(format!(
                                        "range over {} permits only one iteration variable",
                                        self.operand_string(&x)
                                    ))
                                } else {
                                    None
                                }
                            }
                        }
                    };
                }
                _ => cause = Some(String::new()),
            }
            if let Some(c) = cause {
                if c.is_empty() {
                    self.error(
                        x.pos(),
                        format!("cannot range over {}", self.operand_string(&x)),
                    );
                } else if let Some(c) = c.strip_prefix(": ") {
                    self.error(
                        x.pos(),
                        format!("cannot range over {}: {c}", self.operand_string(&x)),
                    );
                } else if c.starts_with("range over") {
                    let at = if c.ends_with("permits no iteration variables") {
                        key.map(start_pos).unwrap_or(x.pos())
                    } else {
                        value.map(start_pos).unwrap_or(x.pos())
                    };
                    self.error(at, c);
                } else {
                    self.error(
                        x.pos(),
                        format!("cannot range over {} ({c})", self.operand_string(&x)),
                    );
                }
                ok = false;
            }
        }
        let lhs = [key, value];
        let types = [kt, vt];
        if define {
            let mut new_vars = Vec::new();
            for (i, l) in lhs.iter().enumerate() {
                let Some(l) = l else { continue };
                let ExprKind::Ident(id) = &l.kind else {
                    self.error(
                        start_pos(l),
                        format!("non-name {} on left side of :=", expr_string(l)),
                    );
                    continue;
                };
                let t = if ok {
                    types[i].unwrap_or(self.invalid())
                } else {
                    self.invalid()
                };
                let v = self.new_var(&id.name, id.pos, t, false);
                self.var_depth.insert(v, self.fstack.len());
                self.p.info.defs.insert(id.id, v);
                // Record the identifier's type like go/types does for range variables.
                self.record_type(l.id, OpMode::Variable, t, None);
                new_vars.push((v, id));
            }
            let scope = self.env.scope;
            for (v, id) in new_vars {
                self.declare(scope, Some(id), v);
                if id.name != "_" {
                    self.local_vars.push(v);
                }
            }
        } else {
            for (i, l) in lhs.iter().enumerate() {
                let Some(l) = l else { continue };
                if Self::is_blank(l) {
                    continue;
                }
                let y = self.lhs_var(l);
                if y.mode == OpMode::Invalid || !ok {
                    continue;
                }
                self.check_lhs_assignable(l, &y);
                if let Some(t) = types[i] {
                    let mut src = Operand {
                        mode: OpMode::Value,
                        typ: t,
                        val: None,
                        expr: None,
                        builtin: None,
                    };
                    if let Err(c) = self.assignable_to(&src, y.typ) {
                        let _ = c;
                        self.error(
                            start_pos(l),
                            format!(
                                "cannot use {} (value of type {}) as {} value in range clause",
                                expr_string(l),
                                self.ts(t),
                                self.ts(y.typ)
                            ),
                        );
                    }
                    src.mode = OpMode::Value;
                }
            }
        }
        let c = StmtCtx {
            in_loop: true,
            ..ctx
        };
        self.open_block();
        self.stmt_list(&body.stmts, c);
        self.close_scope();
        self.close_scope();
    }

    // ---------------------------------------------------------------- local declarations

    fn local_decl(&mut self, d: &'a ast::Decl) {
        match d {
            ast::Decl::Const(g) => {
                let mut last: Option<&'a ast::ValueSpec> = None;
                for spec in &g.specs {
                    if spec.typ.is_some() || !spec.values.is_empty() {
                        last = Some(spec);
                    }
                    let src = last.unwrap_or(spec);
                    let saved_iota = self.env.iota;
                    self.env.iota = Some(spec.iota);
                    let t = src.typ.as_ref().map(|t| self.typ(t));
                    let mut objs = Vec::new();
                    for (i, name) in spec.names.iter().enumerate() {
                        let o = self.new_obj(
                            &name.name,
                            name.pos,
                            ObjKind::Const {
                                value: constant::int(0),
                            },
                            self.invalid(),
                        );
                        let mut x = match src.values.get(i) {
                            Some(e) => {
                                if std::ptr::eq(src, spec) {
                                    self.expr(e)
                                } else {
                                    // Implicit repetition: re-evaluate with the new iota, without
                                    // re-recording (types are recorded for the original).
                                    self.expr(e)
                                }
                            }
                            None => {
                                if i == src.values.len() {
                                    self.error(name.pos, "missing init expr for const declaration");
                                }
                                Operand::invalid()
                            }
                        };
                        self.const_init(o, t, &mut x);
                        objs.push((o, name));
                    }
                    if src.values.len() > spec.names.len() && std::ptr::eq(src, spec) {
                        self.error(start_pos(&src.values[spec.names.len()]), "extra init expr");
                    }
                    self.env.iota = saved_iota;
                    let scope = self.env.scope;
                    for (o, name) in objs {
                        self.declare(scope, Some(name), o);
                    }
                }
            }
            ast::Decl::Var(g) => {
                for spec in &g.specs {
                    let t = spec.typ.as_ref().map(|t| self.typ(t));
                    let mut objs = Vec::new();
                    for name in &spec.names {
                        let v =
                            self.new_var(&name.name, name.pos, t.unwrap_or(self.invalid()), false);
                        self.var_depth.insert(v, self.fstack.len());
                        objs.push(v);
                    }
                    if !spec.values.is_empty() {
                        let nl = objs.len();
                        let nv = spec.values.len();
                        if nv == nl || nv == 1 {
                            self.init_vars(&objs, &spec.values, t, spec.pos, false);
                        } else {
                            for e in &spec.values {
                                self.expr(e);
                            }
                            let at = if nv > nl {
                                start_pos(&spec.values[nl])
                            } else {
                                spec.names[nv].pos
                            };
                            self.error(
                                at,
                                format!(
                                    "assignment mismatch: {nl} variable{} but {nv} value{}",
                                    plural(nl),
                                    plural(nv)
                                ),
                            );
                            if t.is_none() {
                                for &v in &objs {
                                    self.p.objects[v.0 as usize].typ = self.invalid();
                                }
                            }
                        }
                    } else if t.is_none() {
                        for &v in &objs {
                            self.p.objects[v.0 as usize].typ = self.invalid();
                        }
                    }
                    let scope = self.env.scope;
                    for (i, name) in spec.names.iter().enumerate() {
                        self.declare(scope, Some(name), objs[i]);
                        if name.name != "_" {
                            self.local_vars.push(objs[i]);
                        }
                    }
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
                    // gc numbers function-local defined types per package in declaration order.
                    if spec.assign.is_none() {
                        self.local_type_counter += 1;
                        self.p.local_type_index.insert(o, self.local_type_counter);
                    }
                    let scope = self.env.scope;
                    self.declare(scope, Some(&spec.name), o);
                    self.local_type_decl(o, spec);
                }
            }
            ast::Decl::Func(f) => {
                self.error(f.pos, "function declaration not allowed in function body");
            }
            ast::Decl::Bad(_) => {}
        }
    }
}

impl<'a> Checker<'a> {
    /// Terminating statements (spec).
    pub(crate) fn is_terminating_list(&self, stmts: &[Stmt], label: &str) -> bool {
        let mut i = stmts.len();
        while i > 0 && matches!(stmts[i - 1].kind, StmtKind::Empty) {
            i -= 1;
        }
        if i == 0 {
            return false;
        }
        self.is_terminating(&stmts[i - 1], label)
    }

    fn is_terminating(&self, s: &Stmt, label: &str) -> bool {
        match &s.kind {
            StmtKind::Return(_) => true,
            StmtKind::Branch {
                kind: BranchKind::Goto,
                ..
            }
            | StmtKind::Branch {
                kind: BranchKind::Fallthrough,
                ..
            } => true,
            StmtKind::Expr(e) => {
                if let ExprKind::Call { func, .. } = &e.unparen().kind
                    && let ExprKind::Ident(id) = &func.unparen().kind
                    && id.name == "panic"
                    && self
                        .p
                        .info
                        .uses
                        .get(&id.id)
                        .is_some_and(|o| self.p.obj(*o).parent == Some(self.p.universe))
                {
                    return true;
                }
                false
            }
            StmtKind::Block(b) => self.is_terminating_list(&b.stmts, ""),
            StmtKind::Labeled { label, stmt } => self.is_terminating(stmt, &label.name),
            StmtKind::If { then, els, .. } => {
                let Some(e) = els else { return false };
                self.is_terminating_list(&then.stmts, "") && self.is_terminating(e, "")
            }
            StmtKind::For { cond, body, .. } => {
                cond.is_none() && !has_break(&body.stmts, label, true)
            }
            StmtKind::Range { .. } => false,
            StmtKind::Switch { body, .. } | StmtKind::TypeSwitch { body, .. } => {
                body.iter().any(|c| c.is_default)
                    && body.iter().all(|c| {
                        !has_break(&c.body, label, true) && {
                            let mut i = c.body.len();
                            while i > 0 && matches!(c.body[i - 1].kind, StmtKind::Empty) {
                                i -= 1;
                            }
                            i > 0
                                && (self.is_terminating(&c.body[i - 1], "")
                                    || matches!(
                                        c.body[i - 1].kind,
                                        StmtKind::Branch {
                                            kind: BranchKind::Fallthrough,
                                            ..
                                        }
                                    ))
                        }
                    })
            }
            StmtKind::Select { body, .. } => body
                .iter()
                .all(|c| !has_break(&c.body, label, true) && self.is_terminating_list(&c.body, "")),
            _ => false,
        }
    }
}

/// Whether the statements contain a `break` that targets the enclosing statement (unlabeled at
/// top level, or labeled with `label`).
fn has_break(stmts: &[Stmt], label: &str, top: bool) -> bool {
    stmts.iter().any(|s| has_break_stmt(s, label, top))
}

fn has_break_stmt(s: &Stmt, label: &str, top: bool) -> bool {
    match &s.kind {
        StmtKind::Branch {
            kind: BranchKind::Break,
            label: l,
        } => match l {
            None => top,
            Some(l) => l.name == label && !label.is_empty(),
        },
        StmtKind::Block(b) => has_break(&b.stmts, label, top),
        StmtKind::Labeled { stmt, .. } => has_break_stmt(stmt, label, top),
        StmtKind::If { then, els, .. } => {
            has_break(&then.stmts, label, top)
                || els.as_ref().is_some_and(|e| has_break_stmt(e, label, top))
        }
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
            has_break(&body.stmts, label, false)
        }
        StmtKind::Switch { body, .. } | StmtKind::TypeSwitch { body, .. } => {
            body.iter().any(|c| has_break(&c.body, label, false))
        }
        StmtKind::Select { body, .. } => body.iter().any(|c| has_break(&c.body, label, false)),
        _ => false,
    }
}
