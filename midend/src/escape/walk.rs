//! The AST walk that builds the location graph, following gc's `escape/{stmt,expr,call,assign}.go`
//! over rgo's syntax tree. gc runs on its IR, where the type checker has already made implicit
//! operations explicit; this walk re-creates them where escape analysis sees them: implicit
//! interface conversions (assignment, arguments, returns, literal elements, comparisons, switch
//! cases), implicit `&`/`*` of method receivers and embedded-field paths, the `...` slice of
//! variadic calls, the wrapper closures of `go`/`defer` calls, and Go 1.22's per-iteration loop
//! variables.

use std::collections::HashMap;

use frontend::ast::{
    self, AssignOp, BinaryOp, Block, BranchKind, CaseClause, Decl, Expr, ExprKind, Ident, Stmt,
    StmtKind, UnaryOp,
};
use frontend::types::{
    BasicKind, Builtin, Mode, ObjId, ObjKind, Program, Selection, SelectionKind, Type, TypeId,
};

use super::gcfmt::{const_str, expr_str, gpos, type_str};
use super::{
    Analyzer, BLANK, CALLEE, HEAP, Hole, LocId, LocKind, MUTATOR, ParamTag, Site, SiteKind,
    is_local_var,
};

// ---------------------------------------------------------------------------------------------
// Generic syntax visiting (used by the pre-passes).

/// Calls `f` on every expression of `stmts` in source order (pre-order), descending into func
/// literals when `into_lits`.
fn each_expr<'a>(stmts: &'a [Stmt], into_lits: bool, f: &mut dyn FnMut(&'a Expr)) {
    for s in stmts {
        each_expr_stmt(s, into_lits, f);
    }
}

fn each_expr_stmt<'a>(s: &'a Stmt, into_lits: bool, f: &mut dyn FnMut(&'a Expr)) {
    let ex = |e: &'a Expr, f: &mut dyn FnMut(&'a Expr)| each_expr_expr(e, into_lits, f);
    match &s.kind {
        StmtKind::Decl(Decl::Var(g)) => {
            for spec in &g.specs {
                for v in &spec.values {
                    ex(v, f);
                }
            }
        }
        StmtKind::Labeled { stmt, .. } => each_expr_stmt(stmt, into_lits, f),
        StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => ex(e, f),
        StmtKind::Send { chan, value } => {
            ex(chan, f);
            ex(value, f);
        }
        StmtKind::IncDec { x, .. } => ex(x, f),
        StmtKind::Assign { lhs, rhs, .. } => {
            for e in lhs.iter().chain(rhs) {
                ex(e, f);
            }
        }
        StmtKind::Return(rs) => {
            for e in rs {
                ex(e, f);
            }
        }
        StmtKind::Block(b) => each_expr(&b.stmts, into_lits, f),
        StmtKind::If {
            init,
            cond,
            then,
            els,
        } => {
            if let Some(i) = init {
                each_expr_stmt(i, into_lits, f);
            }
            ex(cond, f);
            each_expr(&then.stmts, into_lits, f);
            if let Some(e) = els {
                each_expr_stmt(e, into_lits, f);
            }
        }
        StmtKind::Switch {
            init, tag, body, ..
        } => {
            if let Some(i) = init {
                each_expr_stmt(i, into_lits, f);
            }
            if let Some(t) = tag {
                ex(t, f);
            }
            for c in body {
                for e in &c.exprs {
                    ex(e, f);
                }
                each_expr(&c.body, into_lits, f);
            }
        }
        StmtKind::TypeSwitch { init, x, body, .. } => {
            if let Some(i) = init {
                each_expr_stmt(i, into_lits, f);
            }
            ex(x, f);
            for c in body {
                each_expr(&c.body, into_lits, f);
            }
        }
        StmtKind::Select { body, .. } => {
            for c in body {
                if let Some(cm) = &c.comm {
                    each_expr_stmt(cm, into_lits, f);
                }
                each_expr(&c.body, into_lits, f);
            }
        }
        StmtKind::For {
            init,
            cond,
            post,
            body,
        } => {
            if let Some(i) = init {
                each_expr_stmt(i, into_lits, f);
            }
            if let Some(c) = cond {
                ex(c, f);
            }
            if let Some(p) = post {
                each_expr_stmt(p, into_lits, f);
            }
            each_expr(&body.stmts, into_lits, f);
        }
        StmtKind::Range {
            key,
            value,
            x,
            body,
            ..
        } => {
            for e in [key, value].into_iter().flatten() {
                ex(e, f);
            }
            ex(x, f);
            each_expr(&body.stmts, into_lits, f);
        }
        _ => {}
    }
}

fn each_expr_expr<'a>(e: &'a Expr, into_lits: bool, f: &mut dyn FnMut(&'a Expr)) {
    f(e);
    let ex = |x: &'a Expr, f: &mut dyn FnMut(&'a Expr)| each_expr_expr(x, into_lits, f);
    match &e.kind {
        ExprKind::CompositeLit { elts, .. } => {
            for x in elts {
                ex(x, f);
            }
        }
        ExprKind::KeyValue { key, value, .. } => {
            ex(key, f);
            ex(value, f);
        }
        ExprKind::FuncLit { body, .. } if into_lits => {
            each_expr(&body.stmts, into_lits, f);
        }
        ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary { x, .. } => ex(x, f),
        ExprKind::Selector { x, .. } => ex(x, f),
        ExprKind::Index { x, indices, .. } => {
            ex(x, f);
            for i in indices {
                ex(i, f);
            }
        }
        ExprKind::Slice { x, lo, hi, max, .. } => {
            ex(x, f);
            for i in [lo, hi, max].into_iter().flatten() {
                ex(i, f);
            }
        }
        ExprKind::TypeAssert { x, .. } => ex(x, f),
        ExprKind::Call { func, args, .. } => {
            ex(func, f);
            for a in args {
                ex(a, f);
            }
        }
        ExprKind::Binary { x, y, .. } => {
            ex(x, f);
            ex(y, f);
        }
        _ => {}
    }
}

/// Every identifier and selector name used in a body (closures included), for the reference
/// graph.
pub(crate) fn visit_block_idents(b: &Block, f: &mut dyn FnMut(ast::NodeId)) {
    each_expr(&b.stmts, true, &mut |e: &Expr| match &e.kind {
        ExprKind::Ident(id) => f(id.id),
        ExprKind::Selector { sel, .. } => {
            f(sel.id);
        }
        _ => {}
    });
}

/// Every identifier and selector name used in an expression (closures included).
pub(crate) fn visit_expr_idents(e: &Expr, f: &mut dyn FnMut(ast::NodeId)) {
    each_expr_expr(e, true, &mut |e: &Expr| match &e.kind {
        ExprKind::Ident(id) => f(id.id),
        ExprKind::Selector { sel, .. } => f(sel.id),
        _ => {}
    });
}

/// Func literals of a body in pre-order, each with the index (in the output) of its enclosing
/// literal, or `usize::MAX` at the top.
pub(super) fn collect_func_lits<'a>(b: &'a Block, out: &mut Vec<(&'a Expr, usize)>) {
    fn rec<'a>(stmts: &'a [Stmt], enclosing: usize, out: &mut Vec<(&'a Expr, usize)>) {
        let mut found = Vec::new();
        each_expr(stmts, false, &mut |e: &'a Expr| {
            if let ExprKind::FuncLit { .. } = e.kind {
                found.push(e);
            }
        });
        for e in found {
            out.push((e, enclosing));
            let me = out.len() - 1;
            if let ExprKind::FuncLit { body, .. } = &e.kind {
                rec(&body.stmts, me, out);
            }
        }
    }
    rec(&b.stmts, usize::MAX, out);
}

/// Local variables declared in a body (not in nested func literals), in declaration order.
pub(super) fn collect_local_defs(prog: &Program, b: &Block, out: &mut Vec<ObjId>) {
    fn def(prog: &Program, id: &Ident, out: &mut Vec<ObjId>) {
        if let Some(&o) = prog.info.defs.get(&id.id)
            && is_local_var(prog, o)
            && !id.is_blank()
        {
            out.push(o);
        }
    }
    fn def_expr(prog: &Program, e: &Expr, out: &mut Vec<ObjId>) {
        if let ExprKind::Ident(id) = &e.unparen().kind {
            def(prog, id, out);
        }
    }
    fn clauses(prog: &Program, cs: &[CaseClause], out: &mut Vec<ObjId>) {
        for c in cs {
            if let Some(&o) = prog.info.implicits.get(&c.implicit_id) {
                out.push(o);
            }
            stmts(prog, &c.body, out);
        }
    }
    fn stmts(prog: &Program, ss: &[Stmt], out: &mut Vec<ObjId>) {
        for s in ss {
            stmt(prog, s, out);
        }
    }
    fn stmt(prog: &Program, s: &Stmt, out: &mut Vec<ObjId>) {
        match &s.kind {
            StmtKind::Decl(Decl::Var(g)) => {
                for spec in &g.specs {
                    for n in &spec.names {
                        def(prog, n, out);
                    }
                }
            }
            StmtKind::Labeled { stmt: st, .. } => stmt(prog, st, out),
            StmtKind::Assign {
                lhs,
                op: AssignOp::Define,
                ..
            } => {
                for e in lhs {
                    def_expr(prog, e, out);
                }
            }
            StmtKind::Block(b) => stmts(prog, &b.stmts, out),
            StmtKind::If {
                init, then, els, ..
            } => {
                if let Some(i) = init {
                    stmt(prog, i, out);
                }
                stmts(prog, &then.stmts, out);
                if let Some(e) = els {
                    stmt(prog, e, out);
                }
            }
            StmtKind::Switch { init, body, .. } => {
                if let Some(i) = init {
                    stmt(prog, i, out);
                }
                clauses(prog, body, out);
            }
            StmtKind::TypeSwitch { init, body, .. } => {
                if let Some(i) = init {
                    stmt(prog, i, out);
                }
                clauses(prog, body, out);
            }
            StmtKind::Select { body, .. } => {
                for c in body {
                    if let Some(cm) = &c.comm {
                        stmt(prog, cm, out);
                    }
                    stmts(prog, &c.body, out);
                }
            }
            StmtKind::For {
                init, post, body, ..
            } => {
                if let Some(i) = init {
                    stmt(prog, i, out);
                }
                if let Some(p) = post {
                    stmt(prog, p, out);
                }
                stmts(prog, &body.stmts, out);
            }
            StmtKind::Range {
                key,
                value,
                define,
                body,
                ..
            } => {
                if *define {
                    for e in [key, value].into_iter().flatten() {
                        def_expr(prog, e, out);
                    }
                }
                stmts(prog, &body.stmts, out);
            }
            _ => {}
        }
    }
    stmts(prog, &b.stmts, out);
}

/// gc's label classification: a label is looping when a `goto` to it follows it.
fn looping_labels(stmts: &[Stmt]) -> HashMap<String, bool> {
    fn rec(ss: &[Stmt], m: &mut HashMap<String, bool>) {
        for s in ss {
            one(s, m);
        }
    }
    fn one(s: &Stmt, m: &mut HashMap<String, bool>) {
        match &s.kind {
            StmtKind::Labeled { label, stmt } => {
                if !label.is_blank() {
                    m.insert(label.name.clone(), false);
                }
                one(stmt, m);
            }
            StmtKind::Branch {
                kind: BranchKind::Goto,
                label: Some(l),
            } => {
                if let Some(v) = m.get_mut(&l.name) {
                    *v = true;
                }
            }
            StmtKind::Block(b) => rec(&b.stmts, m),
            StmtKind::If { then, els, .. } => {
                rec(&then.stmts, m);
                if let Some(e) = els {
                    one(e, m);
                }
            }
            StmtKind::Switch { body, .. } | StmtKind::TypeSwitch { body, .. } => {
                for c in body {
                    rec(&c.body, m);
                }
            }
            StmtKind::Select { body, .. } => {
                for c in body {
                    rec(&c.body, m);
                }
            }
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => rec(&body.stmts, m),
            _ => {}
        }
    }
    let mut m = HashMap::new();
    rec(stmts, &mut m);
    m
}

/// A called function as escape analysis knows it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Callee {
    /// A declared function or method.
    Decl(ObjId),
    /// A func literal (its function index).
    Lit(usize),
}

/// Where a call argument comes from.
enum ArgSrc<'p> {
    Expr(&'p Expr, Option<TypeId>),
    Loc(LocId),
}

impl<'p> Analyzer<'p> {
    fn hole(&self, l: LocId) -> Hole {
        Hole {
            dst: l,
            derefs: 0,
            addrtaken: false,
        }
    }

    fn type_of(&self, e: &Expr) -> Option<TypeId> {
        self.prog.info.types.get(&e.id).map(|tv| tv.typ)
    }

    fn is_pointer(&self, t: TypeId) -> bool {
        matches!(self.under(t), Type::Pointer(_))
    }

    fn elem_of(&self, t: TypeId) -> Option<TypeId> {
        match self.under(t) {
            Type::Pointer(e) | Type::Slice(e) | Type::Array(e, _) | Type::Chan(_, e) => Some(*e),
            Type::Map(_, v) => Some(*v),
            _ => None,
        }
    }

    // ---- the oracle pre-pass (gc's Addrtaken flags and ReassignOracle) ----

    pub(super) fn scan_oracles(&mut self, b: &'p Block) {
        let prog = self.prog;
        let mut addr = Vec::new();
        let mut reassigned = Vec::new();
        let mut defs: Vec<(ObjId, &'p Expr)> = Vec::new();
        let mut captured = Vec::new();
        each_expr(&b.stmts, true, &mut |e: &'p Expr| match &e.kind {
            ExprKind::Unary {
                op: UnaryOp::Addr,
                x,
            } => {
                if let Some(o) = self.root_var(x) {
                    addr.push(o);
                }
            }
            ExprKind::Slice { x, .. } => {
                if self
                    .type_of(x)
                    .is_some_and(|t| matches!(self.under(t), Type::Array(..)))
                    && let Some(o) = self.root_var(x)
                {
                    addr.push(o);
                }
            }
            ExprKind::Selector { x, .. } => {
                if let Some(s) = prog.info.selections.get(&e.id)
                    && s.kind == SelectionKind::MethodVal
                    && matches!(prog.obj(s.obj).kind, ObjKind::Func { ptr_recv: true, .. })
                    && !s.indirect
                    && let Some(o) = self.root_var(x)
                {
                    addr.push(o);
                }
            }
            ExprKind::FuncLit { .. } => {
                if let Some(c) = prog.info.captures.get(&e.id) {
                    captured.extend(c.iter().copied());
                }
            }
            _ => {}
        });
        // Assignments.
        fn scan<'p>(
            a: &Analyzer<'p>,
            ss: &'p [Stmt],
            re: &mut Vec<ObjId>,
            defs: &mut Vec<(ObjId, &'p Expr)>,
        ) {
            for s in ss {
                scan_stmt(a, s, re, defs);
            }
        }
        fn lhs_var(a: &Analyzer<'_>, e: &Expr) -> Option<ObjId> {
            if let ExprKind::Ident(id) = &e.unparen().kind {
                a.prog
                    .info
                    .uses
                    .get(&id.id)
                    .copied()
                    .filter(|o| is_local_var(a.prog, *o))
            } else {
                None
            }
        }
        fn scan_stmt<'p>(
            a: &Analyzer<'p>,
            s: &'p Stmt,
            re: &mut Vec<ObjId>,
            defs: &mut Vec<(ObjId, &'p Expr)>,
        ) {
            let prog = a.prog;
            match &s.kind {
                StmtKind::Decl(Decl::Var(g)) => {
                    for spec in &g.specs {
                        if spec.names.len() == spec.values.len() {
                            for (n, v) in spec.names.iter().zip(&spec.values) {
                                if let Some(&o) = prog.info.defs.get(&n.id) {
                                    defs.push((o, v));
                                }
                            }
                        }
                    }
                }
                StmtKind::Labeled { stmt, .. } => scan_stmt(a, stmt, re, defs),
                StmtKind::IncDec { x, .. } => re.extend(lhs_var(a, x)),
                StmtKind::Assign { lhs, op, rhs, .. } => {
                    for (i, l) in lhs.iter().enumerate() {
                        if *op == AssignOp::Define
                            && let ExprKind::Ident(id) = &l.unparen().kind
                            && let Some(&o) = prog.info.defs.get(&id.id)
                        {
                            if lhs.len() == rhs.len() {
                                defs.push((o, &rhs[i]));
                            }
                            continue;
                        }
                        re.extend(lhs_var(a, l));
                    }
                }
                StmtKind::Block(b) => scan(a, &b.stmts, re, defs),
                StmtKind::If {
                    init, then, els, ..
                } => {
                    if let Some(i) = init {
                        scan_stmt(a, i, re, defs);
                    }
                    scan(a, &then.stmts, re, defs);
                    if let Some(e) = els {
                        scan_stmt(a, e, re, defs);
                    }
                }
                StmtKind::Switch { init, body, .. } | StmtKind::TypeSwitch { init, body, .. } => {
                    if let Some(i) = init {
                        scan_stmt(a, i, re, defs);
                    }
                    for c in body {
                        scan(a, &c.body, re, defs);
                    }
                }
                StmtKind::Select { body, .. } => {
                    for c in body {
                        if let Some(cm) = &c.comm {
                            scan_stmt(a, cm, re, defs);
                        }
                        scan(a, &c.body, re, defs);
                    }
                }
                StmtKind::For {
                    init, post, body, ..
                } => {
                    if let Some(i) = init {
                        scan_stmt(a, i, re, defs);
                    }
                    if let Some(p) = post {
                        scan_stmt(a, p, re, defs);
                    }
                    scan(a, &body.stmts, re, defs);
                }
                StmtKind::Range {
                    key,
                    value,
                    define,
                    body,
                    ..
                } => {
                    for e in [key, value].into_iter().flatten() {
                        if *define {
                            if let ExprKind::Ident(id) = &e.unparen().kind
                                && let Some(&o) = prog.info.defs.get(&id.id)
                            {
                                // Range variables have no single static value.
                                re.push(o);
                            }
                        } else {
                            re.extend(lhs_var(a, e));
                        }
                    }
                    scan(a, &body.stmts, re, defs);
                }
                _ => {}
            }
        }
        let mut lits = Vec::new();
        each_expr(&b.stmts, true, &mut |e: &'p Expr| {
            if let ExprKind::FuncLit { body, .. } = &e.kind {
                lits.push(body);
            }
        });
        scan(self, &b.stmts, &mut reassigned, &mut defs);
        for body in lits {
            scan(self, &body.stmts, &mut reassigned, &mut defs);
        }
        self.addr_taken.extend(addr);
        self.reassigned_any.extend(reassigned);
        self.captured_any.extend(captured);
        // Range-over-func bodies are closures too.
        let is_rf = |e: &Expr| {
            crate::lower::rangefunc::is_range_func(
                prog,
                prog.info.types.get(&e.id).map(|tv| tv.typ),
            )
        };
        let mut rf_caps = Vec::new();
        crate::lower::rangefunc::each_range_func(b, &is_rf, &mut |s| {
            if let StmtKind::Range {
                key,
                value,
                define,
                body,
                ..
            } = &s.kind
            {
                rf_caps.extend(crate::lower::rangefunc::outer_vars(
                    prog,
                    key.as_ref(),
                    value.as_ref(),
                    *define,
                    body,
                ));
            }
        });
        self.captured_any.extend(rf_caps);
        for (o, e) in defs {
            self.def_value.insert(o, e);
        }
    }

    /// The variable at the root of an addressable expression (`x`, `x.f`, `x[i]` of an array).
    fn root_var(&self, e: &Expr) -> Option<ObjId> {
        let e = e.unparen();
        match &e.kind {
            ExprKind::Ident(id) => self
                .prog
                .info
                .uses
                .get(&id.id)
                .copied()
                .filter(|o| is_local_var(self.prog, *o)),
            ExprKind::Selector { x, .. } => {
                let s = self.prog.info.selections.get(&e.id)?;
                if s.kind == SelectionKind::FieldVal && !s.indirect {
                    self.root_var(x)
                } else {
                    None
                }
            }
            ExprKind::Index { x, .. } => {
                let t = self.type_of(x)?;
                if matches!(self.under(t), Type::Array(..)) {
                    self.root_var(x)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// gc's `ReassignOracle.StaticValue`: follows never-reassigned, never-address-taken local
    /// variables to their defining expression.
    fn static_value(&self, e: &'p Expr) -> &'p Expr {
        let mut e = e.unparen();
        for _ in 0..32 {
            let ExprKind::Ident(id) = &e.kind else { break };
            let Some(&o) = self.prog.info.uses.get(&id.id) else {
                break;
            };
            if !is_local_var(self.prog, o)
                || self.addr_taken.contains(&o)
                || self.reassigned_any.contains(&o)
            {
                break;
            }
            let Some(v) = self.def_value.get(&o) else {
                break;
            };
            e = v.unparen();
        }
        e
    }

    fn const_of(&self, e: &Expr) -> Option<&'p frontend::types::ConstValue> {
        self.prog
            .info
            .types
            .get(&e.id)
            .and_then(|tv| tv.value.as_ref())
    }

    // ---- locations and holes ----

    fn new_site(
        &mut self,
        node: ast::NodeId,
        pos: ast::Pos,
        text: String,
        kind: SiteKind,
        forced_heap: bool,
    ) -> LocId {
        self.sites.push(Site {
            node,
            pos,
            text,
            kind,
            forced_heap,
            implicit_conv: false,
        });
        let s = self.sites.len() - 1;
        self.new_loc(LocKind::Site(s), false)
    }

    fn spill(&mut self, k: Hole, site: LocId) -> Hole {
        self.flow(k.addr(), site);
        self.hole(site)
    }

    fn tee(&mut self, ks: &[Hole]) -> Hole {
        match ks.len() {
            0 => self.hole(BLANK),
            1 => ks[0],
            _ => {
                let l = self.new_loc(LocKind::Temp, false);
                for &k in ks {
                    self.flow(k, l);
                }
                self.hole(l)
            }
        }
    }

    fn later(&mut self, k: Hole) -> Hole {
        let l = self.new_loc(LocKind::Temp, true);
        self.flow(k, l);
        self.hole(l)
    }

    fn dcl(&mut self, o: ObjId) -> LocId {
        let l = self.var_loc(o);
        self.locs[l].loop_depth = self.loop_depth;
        l
    }

    // ---- functions and statements ----

    pub(super) fn walk_func(&mut self, fi: usize) {
        let Some(body) = self.fns[fi].body else {
            return;
        };
        self.cur_fn = fi;
        self.loop_depth = 1;
        self.labels = looping_labels(&body.stmts);
        self.block(&body.stmts);
    }

    fn block(&mut self, stmts: &'p [Stmt]) {
        let old = self.loop_depth;
        for s in stmts {
            self.stmt(s);
        }
        self.loop_depth = old;
    }

    fn stmt(&mut self, s: &'p Stmt) {
        match &s.kind {
            StmtKind::Decl(Decl::Var(g)) => {
                for spec in &g.specs {
                    self.var_spec(spec);
                }
            }
            StmtKind::Decl(_) | StmtKind::Empty | StmtKind::Bad | StmtKind::Branch { .. } => {}
            StmtKind::Labeled { label, stmt } => {
                if self.labels.get(&label.name) == Some(&true) {
                    self.loop_depth += 1;
                }
                if matches!(stmt.kind, StmtKind::Range { .. }) {
                    self.rf_label = Some(label.name.clone());
                }
                self.stmt(stmt);
                self.rf_label = None;
            }
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Send { chan, value } => {
                self.discard(chan);
                let et = self.type_of(chan).and_then(|t| self.elem_of(t));
                let heap = self.hole(HEAP);
                self.expr_conv(heap, value, et);
            }
            StmtKind::IncDec { x, .. } => {
                let k = self.addr(x);
                self.reassigned(&[k], &[]);
            }
            StmtKind::Assign { lhs, op, rhs, .. } => self.assign_stmt(lhs, *op, rhs),
            StmtKind::Go(e) => self.go_defer(true, e),
            StmtKind::Defer(e) => self.go_defer(false, e),
            StmtKind::Return(rs) => self.return_stmt(rs),
            StmtKind::Block(b) => self.block(&b.stmts),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                // gc's deadcode pass drops branches of constant conditions first.
                let c = match self.const_of(cond.unparen()) {
                    Some(frontend::types::ConstValue::Bool(b)) => Some(*b),
                    _ => None,
                };
                self.discard(cond);
                if c != Some(false) {
                    self.block(&then.stmts);
                }
                if let Some(e) = els.as_ref().filter(|_| c != Some(true)) {
                    let old = self.loop_depth;
                    self.stmt(e);
                    self.loop_depth = old;
                }
            }
            StmtKind::Switch {
                init, tag, body, ..
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                let tag_t = tag.as_ref().and_then(|t| self.type_of(t));
                if let Some(t) = tag {
                    self.discard(t);
                }
                for c in body {
                    for e in &c.exprs {
                        let blank = self.hole(BLANK);
                        self.expr_conv(blank, e, tag_t);
                    }
                    self.block(&c.body);
                }
            }
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                body,
                ..
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                let mut ks = Vec::new();
                if bind.is_some() {
                    for c in body {
                        if let Some(&o) = self.prog.info.implicits.get(&c.implicit_id) {
                            self.var_pos.insert(o, c.pos);
                            let l = self.dcl(o);
                            let t = self.prog.obj(o).typ;
                            if self.has_pointers(t) {
                                let mut k = self.hole(l);
                                if !self.is_interface(t) && !self.is_direct_iface(t) {
                                    k = k.shift(1);
                                }
                                ks.push(k);
                            }
                        }
                    }
                }
                let k = self.tee(&ks);
                self.expr(k, x);
                for c in body {
                    self.block(&c.body);
                }
            }
            StmtKind::Select { body, .. } => {
                for c in body {
                    if let Some(cm) = &c.comm {
                        self.stmt(cm);
                    }
                    self.block(&c.body);
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                let mut per_iter = Vec::new();
                if let Some(i) = init {
                    self.stmt(i);
                    if let StmtKind::Assign {
                        lhs,
                        op: AssignOp::Define,
                        ..
                    } = &i.kind
                    {
                        for l in lhs {
                            if let ExprKind::Ident(id) = &l.unparen().kind
                                && let Some(&o) = self.prog.info.defs.get(&id.id)
                            {
                                per_iter.push(o);
                            }
                        }
                    }
                }
                self.loop_depth += 1;
                // Go 1.22: a loop variable that is captured or address-taken gets a fresh copy
                // per iteration, declared inside the loop.
                for o in per_iter {
                    if self.addr_taken.contains(&o) || self.captured_any.contains(&o) {
                        let l = self.var_loc(o);
                        self.locs[l].loop_depth = self.loop_depth;
                    }
                }
                if let Some(c) = cond {
                    self.discard(c);
                }
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.block(&body.stmts);
                self.loop_depth -= 1;
            }
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => self.range_stmt(s.pos, key.as_ref(), value.as_ref(), *define, x, body),
        }
    }

    fn range_stmt(
        &mut self,
        pos: ast::Pos,
        key: Option<&'p Expr>,
        value: Option<&'p Expr>,
        define: bool,
        x: &'p Expr,
        body: &'p Block,
    ) {
        let mut defined = Vec::new();
        if define {
            for e in [key, value].into_iter().flatten() {
                if let ExprKind::Ident(id) = &e.unparen().kind
                    && let Some(&o) = self.prog.info.defs.get(&id.id)
                    && !id.is_blank()
                {
                    self.dcl(o);
                    defined.push(o);
                }
            }
        }
        let rf = crate::lower::rangefunc::is_range_func(self.prog, self.type_of(x));
        if rf {
            // gc declares the body closure before the iterator call evaluates x.
            self.range_func(pos, key, value, define, x, body);
            self.rf_nest += 1;
        }
        let tmp = self.new_loc(LocKind::Temp, true);
        let th = self.hole(tmp);
        match self.rf_method(x) {
            // gc calls the method directly (`l.All(#yield1)`): no method value is made.
            Some((recv, sel)) if rf => {
                let k = self.tag_hole(None, Callee::Decl(sel.obj), 0);
                self.recv_expr(k, recv, &sel, false);
            }
            _ => self.expr(th, x),
        }
        self.loop_depth += 1;
        let mut rewritten = false;
        for &o in &defined {
            if self.addr_taken.contains(&o) || self.captured_any.contains(&o) {
                rewritten = true;
                let l = self.var_loc(o);
                self.locs[l].loop_depth = self.loop_depth;
            }
        }
        let kk = match key {
            Some(k) => self.addr(k),
            None => self.hole(BLANK),
        };
        let kv = match value {
            Some(v) => self.addr(v),
            None => self.hole(BLANK),
        };
        let xt = self.type_of(x);
        let is_array = xt.is_some_and(|t| matches!(self.under(t), Type::Array(..)));
        if is_array {
            self.flow(kv, tmp);
        } else {
            self.flow(kv.deref(), tmp);
        }
        if !(define && (rewritten || rf)) {
            self.reassigned(&[kk, kv], &[]);
        }
        self.block(&body.stmts);
        self.loop_depth -= 1;
        if rf {
            self.rf_nest -= 1;
        }
    }

    /// A range-over-func loop: its body becomes a closure (lower/rangefunc.rs) that the iterator
    /// receives. rgo does not inline, so as under gc's `-l` the closure escapes to the heap with
    /// the loop's `#state` variable, the nest's `#next`, the results its `return`s assign, and the
    /// variables of the function that the body captures by reference (decided after the walk,
    /// like func literals' captures). The body's statements are analysed as part of the function.
    fn range_func(
        &mut self,
        pos: ast::Pos,
        key: Option<&'p Expr>,
        value: Option<&'p Expr>,
        define: bool,
        x: &'p Expr,
        body: &'p Block,
    ) {
        let mut shared = Vec::new();
        if self.rf_nest == 0 && crate::lower::rangefunc::contains_return_values(body) {
            // `return x, y` in a body assigns the results (gc names unnamed ones `#rvN`).
            let results = self.fns[self.cur_fn].results.clone();
            for (i, (o, _, name)) in results.into_iter().enumerate() {
                let Some(o) = o else { continue };
                if name.starts_with('~') {
                    self.rf_names.insert(o, format!("#rv{}", i + 1));
                }
                shared.push(self.var_loc(o));
            }
        }
        // The `#next` and `#stateN` sites declared for this loop (Analyzer::init_func).
        if let Some((next, state)) = self
            .rf_decls
            .get_mut(&self.cur_fn)
            .and_then(|q| q.pop_front())
        {
            shared.extend(next);
            shared.push(state);
        }
        let clo = self.new_site(x.id, pos, "func literal".into(), SiteKind::Alloc, false);
        let k = self.rf_iter_hole(x);
        self.flow(k.addr(), clo);
        let ck = self.hole(clo);
        for l in shared {
            self.flow(ck.addr(), l);
        }
        let vars = crate::lower::rangefunc::outer_vars(self.prog, key, value, define, body);
        for &o in &vars {
            let l = self.var_loc(o);
            if !self.locs[l].captured {
                self.locs[l].captured = true;
                if self.locs[l].loop_depth == self.loop_depth {
                    self.locs[l].reassigned = false;
                }
            }
        }
        self.rf_closures.push((clo, vars));
    }

    /// Creates the `#next` and `#stateN` locations of the range-over-func loops of a function
    /// body where gc declares them: interleaved with the function's variables in source order,
    /// `#next` at the outermost loop of a nest that needs it.
    pub(super) fn declare_range_funcs(&mut self, b: &'p Block, vars: &[ObjId]) {
        let prog = self.prog;
        let is_rf = |e: &Expr| {
            crate::lower::rangefunc::is_range_func(
                prog,
                prog.info.types.get(&e.id).map(|tv| tv.typ),
            )
        };
        // (position, needs #next) per loop, outer loops first.
        let mut loops: Vec<(ast::Pos, bool)> = Vec::new();
        let mut label: Option<&str> = None;
        crate::lower::rangefunc::each_outer_range_func(&b.stmts, &is_rf, &mut |s, l| {
            label = l;
            if let StmtKind::Range { body, .. } = &s.kind {
                let next = crate::lower::rangefunc::uses_next(body, label, &is_rf);
                loops.push((s.pos, next));
                crate::lower::rangefunc::each_range_func(body, &is_rf, &mut |s| {
                    loops.push((s.pos, false))
                });
            }
        });
        if loops.is_empty() {
            for &o in vars {
                if !self.var_loc.contains_key(&o) {
                    self.new_var_loc(o);
                }
            }
            return;
        }
        let mut queue = std::collections::VecDeque::new();
        let mut vi = 0;
        for (n, (pos, next)) in loops.into_iter().enumerate() {
            while vi < vars.len() && prog.obj(vars[vi]).pos < pos {
                if !self.var_loc.contains_key(&vars[vi]) {
                    self.new_var_loc(vars[vi]);
                }
                vi += 1;
            }
            let nx = next.then(|| {
                self.new_site(
                    ast::NodeId::default(),
                    ast::Pos::NONE,
                    "#next".into(),
                    SiteKind::MovedVar,
                    false,
                )
            });
            let name = format!("#state{}", n + 1);
            let st = self.new_site(ast::NodeId::default(), pos, name, SiteKind::MovedVar, false);
            queue.push_back((nx, st));
        }
        for &o in &vars[vi..] {
            if !self.var_loc.contains_key(&o) {
                self.new_var_loc(o);
            }
        }
        self.rf_decls.insert(self.cur_fn, queue);
    }

    /// A range-over-func operand that is a method value of a concrete type: its receiver and
    /// selection.
    fn rf_method(&self, x: &'p Expr) -> Option<(&'p Expr, Selection)> {
        let x = x.unparen();
        let ExprKind::Selector { x: recv, .. } = &x.kind else {
            return None;
        };
        let s = self.prog.info.selections.get(&x.id)?;
        (s.kind == SelectionKind::MethodVal && !self.is_interface(s.recv))
            .then(|| (&**recv, s.clone()))
    }

    /// Where the body closure flows: the iterator's `yield` parameter when the iterator is a
    /// declared function or a method value (gc's static call with tags), else the heap.
    fn rf_iter_hole(&mut self, x: &'p Expr) -> Hole {
        if let Some((_, s)) = self.rf_method(x) {
            return self.tag_hole(None, Callee::Decl(s.obj), 1);
        }
        if let ExprKind::Ident(id) = &x.unparen().kind
            && let Some(&o) = self.prog.info.uses.get(&id.id)
            && matches!(self.prog.obj(o).kind, ObjKind::Func { .. })
        {
            return self.tag_hole(None, Callee::Decl(o), 0);
        }
        self.hole(HEAP)
    }

    fn var_spec(&mut self, spec: &'p ast::ValueSpec) {
        let defs: Vec<Option<ObjId>> = spec
            .names
            .iter()
            .map(|n| {
                if n.is_blank() {
                    None
                } else {
                    self.prog.info.defs.get(&n.id).copied()
                }
            })
            .collect();
        for o in defs.iter().flatten() {
            self.dcl(*o);
        }
        if spec.values.is_empty() {
            return;
        }
        let ks: Vec<Hole> = defs
            .iter()
            .map(|o| match o {
                Some(o) => {
                    let l = self.var_loc(*o);
                    self.hole(l)
                }
                None => self.hole(BLANK),
            })
            .collect();
        let defined: Vec<ObjId> = defs.iter().flatten().copied().collect();
        if spec.values.len() == spec.names.len() {
            for (i, v) in spec.values.iter().enumerate() {
                let t = defs[i].map(|o| self.prog.obj(o).typ);
                self.expr_conv(ks[i], v, t);
            }
        } else if let Some(v) = spec.values.first() {
            self.call_or_expr(Some(ks.clone()), v);
        }
        self.reassigned(&ks, &defined);
    }

    /// Objects newly defined by a `:=` statement.
    fn defined_by(&self, lhs: &[Expr]) -> Vec<ObjId> {
        lhs.iter()
            .filter_map(|l| match &l.unparen().kind {
                ExprKind::Ident(id) => self.prog.info.defs.get(&id.id).copied(),
                _ => None,
            })
            .collect()
    }

    fn assign_stmt(&mut self, lhs: &'p [Expr], op: AssignOp, rhs: &'p [Expr]) {
        let defined = if op == AssignOp::Define {
            self.defined_by(lhs)
        } else {
            Vec::new()
        };
        for &o in &defined {
            self.dcl(o);
        }
        if let AssignOp::Op(_) = op {
            let k = match lhs.first() {
                Some(l) => self.addr(l),
                None => return,
            };
            if let Some(r) = rhs.first() {
                self.expr(k, r);
            }
            self.reassigned(&[k], &[]);
            return;
        }
        if lhs.len() == rhs.len() {
            let ks: Vec<Hole> = lhs.iter().map(|l| self.addr(l)).collect();
            for (i, r) in rhs.iter().enumerate() {
                let mut k = ks[i];
                if self.is_self_assign(&lhs[i], r) {
                    if self.report {
                        let msg = format!(
                            "{} ignoring self-assignment in {} = {}",
                            self.fns[self.cur_fn].name,
                            expr_str(self.prog, self.pkg, &lhs[i]),
                            expr_str(self.prog, self.pkg, r)
                        );
                        // gc reports at the assignment statement, i.e. at its left side.
                        let p = gpos(self.prog, &lhs[i]);
                        self.diags.push((p, msg));
                    }
                    k = self.hole(BLANK);
                }
                if self.is_reflect_header_data(&lhs[i]) {
                    let h = self.hole(HEAP);
                    self.unsafe_value(h, r);
                    continue;
                }
                let t = self.lhs_type(&lhs[i]);
                self.expr_conv(k, r, t);
            }
            self.reassigned(&ks, &defined);
        } else if let Some(r) = rhs.first() {
            let ks: Vec<Hole> = lhs.iter().map(|l| self.addr(l)).collect();
            self.call_or_expr(Some(ks.clone()), r);
            self.reassigned(&ks, &defined);
        }
    }

    fn lhs_type(&self, l: &Expr) -> Option<TypeId> {
        if let ExprKind::Ident(id) = &l.unparen().kind
            && id.is_blank()
        {
            return None;
        }
        self.type_of(l.unparen())
    }

    /// A multi-value source (`a, b = f()`, `v, ok = m[k]`, ...).
    fn call_or_expr(&mut self, ks: Option<Vec<Hole>>, r: &'p Expr) {
        let ru = r.unparen();
        if let ExprKind::Call { func, .. } = &ru.kind {
            let is_conv = self
                .prog
                .info
                .types
                .get(&func.unparen().id)
                .is_some_and(|tv| tv.mode == Mode::TypeExpr);
            if !is_conv {
                self.call(ks, ru, None);
                return;
            }
        }
        let k = ks
            .as_ref()
            .and_then(|k| k.first().copied())
            .unwrap_or(self.hole(BLANK));
        self.expr(k, r);
    }

    fn reassigned(&mut self, ks: &[Hole], defined: &[ObjId]) {
        for k in ks {
            if let LocKind::Var(o) = self.locs[k.dst].kind
                && defined.contains(&o)
            {
                continue;
            }
            self.locs[k.dst].reassigned = true;
        }
    }

    /// A call the lowering expands (`inline::expand`): the callee's body is walked in the
    /// caller, as gc analyses a function after inlining. Its parameters, results and locals get
    /// fresh locations of this copy (keyed by the call in the results), the arguments flow into
    /// the parameters and the returned values into the call's destinations.
    fn expanded_call(
        &mut self,
        ks: Option<Vec<Hole>>,
        e: &'p Expr,
        args: &'p [Expr],
        x: crate::inline::expand::Expansion<'p>,
    ) {
        let fd = x.decl;
        let Some(body) = &fd.body else {
            return;
        };
        let mut params = Vec::new();
        if let Some(r) = &fd.recv {
            params.extend(self.field_objs(std::slice::from_ref(r)));
        }
        params.extend(self.field_objs(&fd.sig.params));
        let results = self.field_objs(&fd.sig.results);
        // The callee's objects: mapped afresh for this copy, restored afterwards (the callee
        // may be in this batch, or expanded more than once).
        let mut objs: Vec<ObjId> = params.iter().chain(&results).filter_map(|p| p.0).collect();
        let mut defs = Vec::new();
        collect_local_defs(self.prog, body, &mut defs);
        objs.extend(defs);
        let mut lits = Vec::new();
        collect_func_lits(body, &mut lits);
        for (l, _) in &lits {
            if let ExprKind::FuncLit { body, sig } = &l.kind {
                collect_local_defs(self.prog, body, &mut objs);
                objs.extend(self.field_objs(&sig.params).into_iter().filter_map(|p| p.0));
                objs.extend(
                    self.field_objs(&sig.results)
                        .into_iter()
                        .filter_map(|p| p.0),
                );
            }
        }
        let saved_vars: Vec<(ObjId, Option<LocId>)> =
            objs.iter().map(|&o| (o, self.var_loc.remove(&o))).collect();
        let saved_lits: Vec<(ast::NodeId, Option<usize>)> = lits
            .iter()
            .map(|(l, _)| (l.id, self.fn_of_lit.remove(&l.id)))
            .collect();
        self.scan_oracles(body);
        let mut holes: Vec<Hole> = ks.unwrap_or_default();
        while holes.len() < results.len() {
            holes.push(self.hole(BLANK));
        }
        // An expansion inside an expanded body (mid-stack): the outer copy's frame is
        // restored for the arguments and at the end.
        let outer = self.inl.take();
        self.inl = Some(super::InlFrame {
            call: e.id,
            func: self.cur_fn,
            results: holes.clone(),
            result_types: results.iter().map(|r| r.1).collect(),
        });
        // The parameters, assigned from the arguments (evaluated in the caller's context).
        let param_locs: Vec<Option<LocId>> =
            params.iter().map(|p| p.0.map(|o| self.dcl(o))).collect();
        let result_locs: Vec<Option<LocId>> =
            results.iter().map(|r| r.0.map(|o| self.dcl(o))).collect();
        let frame = std::mem::replace(&mut self.inl, outer);
        // A method's receiver, reached as the call reaches it (implicit `&`, `*`, embedded
        // fields).
        let mut first = 0;
        if fd.recv.is_some() {
            first = 1;
            if let ExprKind::Call { func, .. } = &e.kind
                && let ExprKind::Selector { x, .. } = &func.unparen().kind
                && let Some(s) = self.prog.info.selections.get(&func.unparen().id).cloned()
            {
                let k = match param_locs.first().copied().flatten() {
                    Some(l) => self.hole(l),
                    None => self.hole(BLANK),
                };
                self.recv_expr(k, x, &s, false);
            }
        }
        let (params, param_locs) = (&params[first..], &param_locs[first..]);
        if args.len() == params.len() {
            for (i, a) in args.iter().enumerate() {
                let k = match param_locs[i] {
                    Some(l) => self.hole(l),
                    None => self.hole(BLANK),
                };
                self.expr_conv(k, a, Some(params[i].1));
            }
        } else if let Some(a) = args.first() {
            let ks = param_locs
                .iter()
                .map(|l| match l {
                    Some(l) => self.hole(*l),
                    None => self.hole(BLANK),
                })
                .collect();
            self.call_or_expr(Some(ks), a);
        }
        let outer = std::mem::replace(&mut self.inl, frame);
        // The callee's func literals are closures of this copy, analysed with the caller.
        let mut batch_fns = Vec::new();
        let cur = self.cur_fn;
        self.register_lits(cur, &lits, &mut batch_fns);
        for &fi in &batch_fns {
            self.init_func(fi);
        }
        self.block(&body.stmts);
        // Named results reach the destinations at the end (a bare `return`).
        for (i, l) in result_locs.iter().enumerate() {
            if let Some(l) = *l {
                self.flow(holes[i], l);
            }
        }
        self.inl = outer;
        for (o, l) in saved_vars {
            match l {
                Some(l) => {
                    self.var_loc.insert(o, l);
                }
                None => {
                    self.var_loc.remove(&o);
                }
            }
        }
        for (n, f) in saved_lits {
            match f {
                Some(f) => {
                    self.fn_of_lit.insert(n, f);
                }
                None => {
                    self.fn_of_lit.remove(&n);
                }
            }
        }
    }

    fn return_stmt(&mut self, rs: &'p [Expr]) {
        if let Some(fr) = &self.inl
            && fr.func == self.cur_fn
        {
            let (holes, types) = (fr.results.clone(), fr.result_types.clone());
            if rs.len() == holes.len() {
                for (i, r) in rs.iter().enumerate() {
                    self.expr_conv(holes[i], r, Some(types[i]));
                }
            } else if let Some(r) = rs.first() {
                self.call_or_expr(Some(holes), r);
            }
            return;
        }
        let results: Vec<(Option<ObjId>, TypeId)> = self.fns[self.cur_fn]
            .results
            .iter()
            .map(|r| (r.0, r.1))
            .collect();
        let ks: Vec<Hole> = results
            .iter()
            .map(|(o, _)| match o {
                Some(o) => {
                    let l = self.var_loc(*o);
                    self.hole(l)
                }
                None => self.hole(HEAP),
            })
            .collect();
        if rs.len() == results.len() {
            for (i, r) in rs.iter().enumerate() {
                self.expr_conv(ks[i], r, Some(results[i].1));
            }
            self.reassigned(&ks, &[]);
        } else if let Some(r) = rs.first() {
            self.call_or_expr(Some(ks.clone()), r);
            self.reassigned(&ks, &[]);
        }
    }

    fn expr_stmt(&mut self, e: &'p Expr) {
        let u = e.unparen();
        if let ExprKind::Call { func, .. } = &u.kind {
            let is_conv = self
                .prog
                .info
                .types
                .get(&func.unparen().id)
                .is_some_and(|tv| tv.mode == Mode::TypeExpr);
            if !is_conv {
                self.call(None, u, None);
                return;
            }
        }
        self.discard(e);
    }

    fn go_defer(&mut self, is_go: bool, e: &'p Expr) {
        let mut k = self.hole(HEAP);
        if !is_go && self.loop_depth == 1 {
            let b = self.hole(BLANK);
            k = self.later(b);
            self.defer_roots.push(k.dst);
        }
        let call = e.unparen();
        let ExprKind::Call { func, args, .. } = &call.kind else {
            self.discard(e);
            return;
        };
        if matches!(func.unparen().kind, ExprKind::FuncLit { .. }) && args.is_empty() {
            self.expr(k, func);
            return;
        }
        // gc wraps the call in a closure that captures the evaluated function and arguments.
        let w = self.new_site(call.id, call.pos, String::new(), SiteKind::Wrapper, false);
        let wk = self.spill(k, w);
        self.call(None, call, Some(wk));
    }

    // ---- assignments ----

    /// gc's `addr`: the hole for storing into `e`.
    fn addr(&mut self, e: &'p Expr) -> Hole {
        let e = e.unparen();
        match &e.kind {
            ExprKind::Ident(id) => {
                if id.is_blank() {
                    return self.hole(BLANK);
                }
                match self
                    .prog
                    .info
                    .uses
                    .get(&id.id)
                    .or(self.prog.info.defs.get(&id.id))
                {
                    Some(&o) if is_local_var(self.prog, o) => {
                        let l = self.var_loc(o);
                        self.hole(l)
                    }
                    _ => self.hole(HEAP),
                }
            }
            ExprKind::Selector { x, .. } => {
                let Some(s) = self.prog.info.selections.get(&e.id) else {
                    return self.hole(HEAP);
                };
                let steps = self.path_derefs(x, &s.index);
                let nd = steps.iter().filter(|d| **d).count() as i32;
                if nd == 0 {
                    self.addr(x)
                } else {
                    let mut k = self.hole(MUTATOR);
                    for _ in 1..nd {
                        k = k.deref();
                    }
                    self.expr(k, x);
                    self.hole(HEAP)
                }
            }
            ExprKind::Index { x, indices, .. } => {
                let xt = self.type_of(x);
                match xt.map(|t| self.under(t)) {
                    Some(Type::Map(kt, _)) => {
                        let kt = *kt;
                        self.discard(x);
                        if let Some(i) = indices.first() {
                            let h = self.hole(HEAP);
                            self.expr_conv(h, i, Some(kt));
                        }
                        self.hole(HEAP)
                    }
                    Some(Type::Array(..)) => {
                        for i in indices {
                            self.discard(i);
                        }
                        self.addr(x)
                    }
                    _ => {
                        for i in indices {
                            self.discard(i);
                        }
                        self.mutate(x);
                        self.hole(HEAP)
                    }
                }
            }
            ExprKind::Star(x) => {
                self.mutate(x);
                self.hole(HEAP)
            }
            _ => {
                self.discard(e);
                self.hole(HEAP)
            }
        }
    }

    fn mutate(&mut self, e: &'p Expr) {
        let m = self.hole(MUTATOR);
        self.expr(m, e);
    }

    fn discard(&mut self, e: &'p Expr) {
        let b = self.hole(BLANK);
        self.expr(b, e);
    }

    /// gc's `isSelfAssign` (the cases that matter in practice).
    fn is_self_assign(&self, dst: &Expr, src: &Expr) -> bool {
        let dst = dst.unparen();
        let src = src.unparen();
        // `b.buf = b.buf[1:]` through a pointer.
        if let ExprKind::Slice { x: sx, .. } = &src.kind {
            // Slicing an array takes its address: not a self-assignment.
            if self
                .type_of(sx)
                .is_some_and(|t| matches!(self.under(t), Type::Array(..)))
            {
                return false;
            }
            if let (ExprKind::Star(dx), ExprKind::Star(bx)) = (&dst.kind, &sx.unparen().kind) {
                if let (Some(a), Some(b)) = (self.ident_obj(dx), self.ident_obj(bx)) {
                    return a == b;
                }
                return false;
            }
            if let (ExprKind::Selector { x: dx, .. }, ExprKind::Selector { x: bx, .. }) =
                (&dst.kind, &sx.unparen().kind)
            {
                let d_ptr = self
                    .prog
                    .info
                    .selections
                    .get(&dst.id)
                    .is_some_and(|s| s.indirect);
                let b_ptr = self
                    .prog
                    .info
                    .selections
                    .get(&sx.unparen().id)
                    .is_some_and(|s| s.indirect);
                if d_ptr
                    && b_ptr
                    && let (Some(a), Some(b)) = (self.ident_obj(dx), self.ident_obj(bx))
                {
                    return a == b;
                }
            }
            return false;
        }
        match (&dst.kind, &src.kind) {
            (ExprKind::Selector { x: a, .. }, ExprKind::Selector { x: b, .. }) => {
                let (Some(sa), Some(sb)) = (
                    self.prog.info.selections.get(&dst.id),
                    self.prog.info.selections.get(&src.id),
                ) else {
                    return false;
                };
                sa.kind == SelectionKind::FieldVal
                    && sb.kind == SelectionKind::FieldVal
                    && sa.indirect == sb.indirect
                    && self.same_safe(a, b)
            }
            (
                ExprKind::Index {
                    x: a, indices: ia, ..
                },
                ExprKind::Index {
                    x: b, indices: ib, ..
                },
            ) => {
                let is_map = self
                    .type_of(a)
                    .is_some_and(|t| matches!(self.under(t), Type::Map(..)));
                !is_map
                    && ia.iter().chain(ib).all(|i| !self.may_affect_memory(i))
                    && self.same_safe(a, b)
            }
            _ => false,
        }
    }

    fn ident_obj(&self, e: &Expr) -> Option<ObjId> {
        match &e.unparen().kind {
            ExprKind::Ident(id) => self.prog.info.uses.get(&id.id).copied(),
            _ => None,
        }
    }

    /// gc's `ir.SameSafeExpr`.
    fn same_safe(&self, a: &Expr, b: &Expr) -> bool {
        let (a, b) = (a.unparen(), b.unparen());
        match (&a.kind, &b.kind) {
            (ExprKind::Ident(_), ExprKind::Ident(_)) => {
                self.ident_obj(a).is_some() && self.ident_obj(a) == self.ident_obj(b)
            }
            (ExprKind::Selector { x: xa, sel: sa }, ExprKind::Selector { x: xb, sel: sb }) => {
                sa.name == sb.name && self.same_safe(xa, xb)
            }
            (ExprKind::Star(xa), ExprKind::Star(xb)) => self.same_safe(xa, xb),
            (
                ExprKind::Index {
                    x: xa, indices: ia, ..
                },
                ExprKind::Index {
                    x: xb, indices: ib, ..
                },
            ) => {
                ia.len() == ib.len()
                    && self.same_safe(xa, xb)
                    && ia.iter().zip(ib).all(|(p, q)| self.same_safe(p, q))
            }
            _ => {
                let (ca, cb) = (self.const_of(a), self.const_of(b));
                ca.is_some() && ca == cb
            }
        }
    }

    fn may_affect_memory(&self, e: &Expr) -> bool {
        let e = e.unparen();
        if self.const_of(e).is_some() {
            return false;
        }
        match &e.kind {
            ExprKind::Ident(_) => false,
            ExprKind::Binary { x, y, .. } => self.may_affect_memory(x) || self.may_affect_memory(y),
            ExprKind::Index { x, indices, .. } => {
                self.may_affect_memory(x) || indices.iter().any(|i| self.may_affect_memory(i))
            }
            ExprKind::Unary { op, x } if *op != UnaryOp::Recv && *op != UnaryOp::Addr => {
                self.may_affect_memory(x)
            }
            ExprKind::Selector { x, .. } | ExprKind::Star(x) => self.may_affect_memory(x),
            ExprKind::Call { func, args, .. } => {
                let f = func.unparen();
                let conv = self
                    .prog
                    .info
                    .types
                    .get(&f.id)
                    .is_some_and(|tv| tv.mode == Mode::TypeExpr);
                let lencap = matches!(&f.kind, ExprKind::Ident(id)
                    if (id.name == "len" || id.name == "cap")
                        && self.prog.info.uses.get(&id.id).is_some_and(|o|
                            matches!(self.prog.obj(*o).kind, ObjKind::Builtin(_))));
                if conv || lencap {
                    args.iter().any(|a| self.may_affect_memory(a))
                } else {
                    true
                }
            }
            _ => true,
        }
    }

    // ---- expressions ----

    /// For each step of a selection path: whether it goes through a pointer (gc's ODOTPTR).
    fn path_derefs(&self, x: &Expr, path: &[u32]) -> Vec<bool> {
        let mut out = Vec::with_capacity(path.len());
        let Some(mut t) = self.type_of(x) else {
            return out;
        };
        for &i in path {
            let mut deref = false;
            if let Type::Pointer(p) = self.under(t) {
                deref = true;
                t = *p;
            }
            out.push(deref);
            match self.under(t) {
                Type::Struct(fs) => match fs.get(i as usize) {
                    Some(f) => t = f.typ,
                    None => break,
                },
                _ => break,
            }
        }
        out
    }

    /// The type reached at the end of a selection path (the holder of a promoted method).
    fn path_type(&self, x: &Expr, path: &[u32]) -> Option<TypeId> {
        let mut t = self.type_of(x)?;
        for &i in path {
            if let Type::Pointer(p) = self.under(t) {
                t = *p;
            }
            match self.under(t) {
                Type::Struct(fs) => t = fs.get(i as usize)?.typ,
                _ => return None,
            }
        }
        Some(t)
    }

    fn apply_path(&self, mut k: Hole, steps: &[bool]) -> Hole {
        for &d in steps.iter().rev() {
            if d {
                k = k.deref();
            }
        }
        k
    }

    fn expr(&mut self, k: Hole, e: &'p Expr) {
        let e = e.unparen();
        let Some(tv) = self.prog.info.types.get(&e.id) else {
            // Not an expression the checker typed (e.g. a type); nothing flows.
            return;
        };
        if tv.value.is_some() || matches!(tv.mode, Mode::TypeExpr | Mode::Builtin) {
            return;
        }
        let mut k = k;
        let untyped = matches!(self.prog.ty(tv.typ), Type::Basic(b) if b.is_untyped());
        if k.derefs >= 0 && !untyped && !self.has_pointers(tv.typ) {
            k.dst = BLANK;
        }
        match &e.kind {
            ExprKind::Ident(id) => {
                if let Some(&o) = self.prog.info.uses.get(&id.id)
                    && is_local_var(self.prog, o)
                {
                    let l = self.var_loc(o);
                    self.flow(k, l);
                }
            }
            ExprKind::FuncLit { .. } => self.closure(k, e),
            ExprKind::CompositeLit { .. } => self.composite(k, e, None),
            ExprKind::Selector { x, .. } => {
                let Some(s) = self.prog.info.selections.get(&e.id) else {
                    return;
                };
                match s.kind {
                    SelectionKind::FieldVal => {
                        let steps = self.path_derefs(x, &s.index);
                        let k = self.apply_path(k, &steps);
                        self.expr(k, x);
                    }
                    SelectionKind::MethodVal => self.method_value(k, e, x, s),
                    SelectionKind::MethodExpr => {}
                }
            }
            ExprKind::Index { x, indices, .. } => {
                if self.prog.info.instances.contains_key(&x.unparen().id)
                    || self.prog.info.instances.contains_key(&e.id)
                {
                    return;
                }
                let xt = self.type_of(x);
                match xt.map(|t| self.under(t)) {
                    Some(Type::Map(kt, _)) => {
                        let kt = *kt;
                        self.discard(x);
                        if let Some(i) = indices.first() {
                            let b = self.hole(BLANK);
                            self.expr_conv(b, i, Some(kt));
                        }
                    }
                    Some(Type::Array(..)) => {
                        self.expr(k, x);
                        for i in indices {
                            self.discard(i);
                        }
                    }
                    _ => {
                        self.expr(k.deref(), x);
                        for i in indices {
                            self.discard(i);
                        }
                    }
                }
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                let xt = self.type_of(x);
                if xt.is_some_and(|t| matches!(self.under(t), Type::Array(..))) {
                    self.expr(k.addr(), x);
                } else {
                    self.expr(k, x);
                }
                for i in [lo, hi, max].into_iter().flatten() {
                    self.discard(i);
                }
            }
            ExprKind::TypeAssert { x, .. } => {
                let t = tv.typ;
                let k = if !self.is_interface(t) && !self.is_direct_iface(t) {
                    k.shift(1)
                } else {
                    k
                };
                self.expr(k, x);
            }
            ExprKind::Star(x) => self.expr(k.deref(), x),
            ExprKind::Unary { op, x } => match op {
                UnaryOp::Addr => {
                    if let ExprKind::CompositeLit { .. } = &x.unparen().kind {
                        let lit = x.unparen();
                        let forced = self.too_large_implicit(self.type_of(lit));
                        let text = format!("&{}", expr_str(self.prog, self.pkg, lit));
                        let site = self.new_site(e.id, e.pos, text, SiteKind::Alloc, forced);
                        let k2 = self.spill(k, site);
                        self.composite(k2, lit, None);
                    } else {
                        self.expr(k.addr(), x);
                    }
                }
                _ => self.discard(x),
            },
            ExprKind::Binary { op, x, y, .. } => {
                let is_str = matches!(self.under(tv.typ), Type::Basic(BasicKind::String));
                if *op == BinaryOp::Add && is_str {
                    let text = expr_str(self.prog, self.pkg, e);
                    let site =
                        self.new_site(e.id, gpos(self.prog, e), text, SiteKind::Alloc, false);
                    self.spill(k, site);
                    // gc flattens left-nested concatenations into one node.
                    let mut ops = vec![y.as_ref()];
                    let mut l = x.unparen();
                    loop {
                        match &l.kind {
                            ExprKind::Binary {
                                op: BinaryOp::Add,
                                x: lx,
                                y: ly,
                                ..
                            } if self.const_of(l).is_none() => {
                                ops.push(ly);
                                l = lx.unparen();
                            }
                            _ => break,
                        }
                    }
                    ops.push(l);
                    for o in ops.into_iter().rev() {
                        self.discard(o);
                    }
                } else if matches!(op, BinaryOp::Eql | BinaryOp::Neq) {
                    let (xt, yt) = (self.type_of(x), self.type_of(y));
                    let xi = xt.is_some_and(|t| self.is_interface(t));
                    let yi = yt.is_some_and(|t| self.is_interface(t));
                    let b = self.hole(BLANK);
                    if xi && !yi {
                        self.discard(x);
                        self.expr_conv(b, y, xt);
                    } else if yi && !xi {
                        self.expr_conv(b, x, yt);
                        self.discard(y);
                    } else {
                        self.discard(x);
                        self.discard(y);
                    }
                } else {
                    self.discard(x);
                    self.discard(y);
                }
            }
            ExprKind::Call { func, .. } => {
                let is_conv = self
                    .prog
                    .info
                    .types
                    .get(&func.unparen().id)
                    .is_some_and(|tv| tv.mode == Mode::TypeExpr);
                if is_conv {
                    self.conversion(k, e);
                } else {
                    self.call(Some(vec![k]), e, None);
                }
            }
            ExprKind::KeyValue { value, .. } => self.expr(k, value),
            _ => {}
        }
    }

    /// gc's MaxImplicitStackVarSize/alignment rule for `new(T)` and `&T{}`.
    fn too_large_implicit(&self, t: Option<TypeId>) -> bool {
        t.is_some_and(|t| self.prog.size_of(t) > 64 * 1024 || self.prog.align_of(t) > 8)
    }

    /// An expression assigned to a destination of type `to`: inserts gc's implicit interface
    /// conversion.
    fn expr_conv(&mut self, k: Hole, e: &'p Expr, to: Option<TypeId>) {
        let Some(to) = to else {
            return self.expr(k, e);
        };
        let from = self.type_of(e);
        let is_nil = matches!(
            from.map(|t| self.prog.ty(t)),
            Some(Type::Basic(BasicKind::UntypedNil))
        );
        match from {
            Some(from) if self.is_interface(to) && !self.is_interface(from) && !is_nil => {
                if self.is_direct_iface(from) {
                    self.expr(k, e);
                    return;
                }
                // gc's rewriteWithLiterals shows a variable with a constant static value as
                // that constant.
                let sv = self.static_value(e);
                let text = match self.const_of(sv) {
                    Some(v) => const_str(self.prog, self.pkg, v, from),
                    None => expr_str(self.prog, self.pkg, e),
                };
                let site = self.new_site(e.id, gpos(self.prog, e), text, SiteKind::Alloc, false);
                if let LocKind::Site(si) = self.locs[site].kind {
                    self.sites[si].implicit_conv = true;
                }
                let k2 = self.spill(k, site);
                self.expr(k2, e);
            }
            _ => self.expr(k, e),
        }
    }

    fn conversion(&mut self, k: Hole, e: &'p Expr) {
        let ExprKind::Call { args, .. } = &e.kind else {
            return;
        };
        let Some(arg) = args.first() else { return };
        let (Some(to), Some(from)) = (self.type_of(e), self.type_of(arg)) else {
            return self.expr(k, arg);
        };
        let (tu, fu) = (self.under(to), self.under(from));
        let pos = gpos(self.prog, arg);
        let text = || expr_str(self.prog, self.pkg, e);
        let is_str =
            |t: &Type| matches!(t, Type::Basic(BasicKind::String | BasicKind::UntypedString));
        let byte_or_rune_slice = |t: &Type| {
            if let Type::Slice(el) = t {
                matches!(
                    self.under(*el),
                    Type::Basic(BasicKind::Uint8 | BasicKind::Int32)
                )
            } else {
                false
            }
        };
        if matches!(tu, Type::Interface(_)) && !matches!(fu, Type::Interface(_)) {
            let mut k = k;
            if !self.is_direct_iface(from) {
                let site = self.new_site(e.id, pos, text(), SiteKind::Alloc, false);
                k = self.spill(k, site);
            }
            self.expr(k, arg);
        } else if is_str(tu)
            && (byte_or_rune_slice(fu) || matches!(fu, Type::Basic(b) if b.is_integer()))
        {
            let site = self.new_site(e.id, pos, text(), SiteKind::Alloc, false);
            self.spill(k, site);
            self.discard(arg);
        } else if byte_or_rune_slice(tu) && is_str(fu) {
            let is_bytes = matches!(tu, Type::Slice(el) if matches!(self.under(*el), Type::Basic(BasicKind::Uint8)));
            let kind = if is_bytes {
                SiteKind::Str2Bytes
            } else {
                SiteKind::Alloc
            };
            let site = self.new_site(e.id, pos, text(), kind, false);
            self.spill(k, site);
            self.discard(arg);
        } else if matches!(tu, Type::Basic(BasicKind::UnsafePointer))
            && matches!(fu, Type::Basic(BasicKind::Uintptr))
        {
            self.unsafe_value(k, arg);
        } else if matches!(tu, Type::Array(..)) && matches!(fu, Type::Slice(_)) {
            self.expr(k.deref(), arg);
        } else {
            self.expr(k, arg);
        }
    }

    /// gc's `ir.IsReflectHeaderDataField`: `p.Data` of a `*reflect.SliceHeader` or
    /// `*reflect.StringHeader`.
    fn is_reflect_header_data(&self, e: &Expr) -> bool {
        let e = e.unparen();
        let ExprKind::Selector { x, sel } = &e.kind else {
            return false;
        };
        if sel.name != "Data" {
            return false;
        }
        let Some(s) = self.prog.info.selections.get(&e.id) else {
            return false;
        };
        if s.kind != SelectionKind::FieldVal || s.index.len() != 1 {
            return false;
        }
        let Some(mut t) = self.type_of(x) else {
            return false;
        };
        match self.prog.ty(t) {
            Type::Pointer(p) => t = *p,
            _ => return false,
        }
        let Type::Named(n) = self.prog.ty(t) else {
            return false;
        };
        let o = self.prog.obj(n.obj);
        (o.name == "SliceHeader" || o.name == "StringHeader")
            && o.pkg
                .is_some_and(|p| self.prog.package(p).path == "reflect")
    }

    fn unsafe_value(&mut self, k: Hole, e: &'p Expr) {
        let e = e.unparen();
        match &e.kind {
            ExprKind::Call { func, args, .. }
                if self
                    .prog
                    .info
                    .types
                    .get(&func.unparen().id)
                    .is_some_and(|tv| tv.mode == Mode::TypeExpr) =>
            {
                if let Some(a) = args.first() {
                    let from_ptr = self.type_of(a).is_some_and(|t| {
                        matches!(self.under(t), Type::Basic(BasicKind::UnsafePointer))
                    });
                    if from_ptr {
                        self.expr(k, a);
                    } else {
                        self.discard(a);
                    }
                }
            }
            ExprKind::Selector { x, .. } => {
                if self.is_reflect_header_data(e) {
                    self.expr(k.deref(), x);
                } else {
                    self.discard(x);
                }
            }
            ExprKind::Unary {
                op: UnaryOp::Pos | UnaryOp::Neg | UnaryOp::Xor,
                x,
            } => self.unsafe_value(k, x),
            ExprKind::Binary { op, x, y, .. } => match op {
                BinaryOp::Shl | BinaryOp::Shr => {
                    self.unsafe_value(k, x);
                    self.discard(y);
                }
                BinaryOp::Add
                | BinaryOp::Sub
                | BinaryOp::Or
                | BinaryOp::Xor
                | BinaryOp::Mul
                | BinaryOp::Quo
                | BinaryOp::Rem
                | BinaryOp::And
                | BinaryOp::AndNot => {
                    self.unsafe_value(k, x);
                    self.unsafe_value(k, y);
                }
                _ => self.discard(e),
            },
            _ => self.discard(e),
        }
    }

    fn composite(&mut self, k: Hole, e: &'p Expr, override_t: Option<TypeId>) {
        let ExprKind::CompositeLit { elts, lbrace, .. } = &e.kind else {
            return;
        };
        let Some(t) = override_t.or_else(|| self.type_of(e)) else {
            return;
        };
        let prog = self.prog;
        match self.under(t) {
            Type::Pointer(el) => {
                // An elided `&T` in an outer literal.
                let el = *el;
                let forced = self.too_large_implicit(Some(el));
                let text = format!(
                    "&{}{}",
                    type_str(prog, self.pkg, el),
                    if elts.is_empty() { "{}" } else { "{...}" }
                );
                let site = self.new_site(e.id, *lbrace, text, SiteKind::Alloc, forced);
                let k2 = self.spill(k, site);
                self.composite(k2, e, Some(el));
            }
            Type::Struct(fs) => {
                for (i, el) in elts.iter().enumerate() {
                    let (ft, v) = match &el.kind {
                        ExprKind::KeyValue { key, value, .. } => {
                            let name = match &key.kind {
                                ExprKind::Ident(id) => id.name.as_str(),
                                _ => "",
                            };
                            (fs.iter().find(|f| f.name == name).map(|f| f.typ), &**value)
                        }
                        _ => (fs.get(i).map(|f| f.typ), el),
                    };
                    self.elem(k, v, ft);
                }
            }
            Type::Array(et, _) => {
                let et = *et;
                for el in elts {
                    let v = match &el.kind {
                        ExprKind::KeyValue { value, .. } => &**value,
                        _ => el,
                    };
                    self.elem(k, v, Some(et));
                }
            }
            Type::Slice(et) => {
                let et = *et;
                let text = expr_str(prog, self.pkg, e);
                let site = self.new_site(e.id, *lbrace, text, SiteKind::Alloc, false);
                let k2 = self.spill(k, site);
                for el in elts {
                    let v = match &el.kind {
                        ExprKind::KeyValue { value, .. } => &**value,
                        _ => el,
                    };
                    self.elem(k2, v, Some(et));
                }
            }
            Type::Map(kt, vt) => {
                let (kt, vt) = (*kt, *vt);
                let text = expr_str(prog, self.pkg, e);
                let site = self.new_site(e.id, *lbrace, text, SiteKind::Alloc, false);
                self.spill(k, site);
                for el in elts {
                    if let ExprKind::KeyValue { key, value, .. } = &el.kind {
                        let h = self.hole(HEAP);
                        self.elem(h, key, Some(kt));
                        let h = self.hole(HEAP);
                        self.elem(h, value, Some(vt));
                    }
                }
            }
            _ => {
                for el in elts {
                    self.discard(el);
                }
            }
        }
    }

    /// A literal element: elided composite literals take the element type.
    fn elem(&mut self, k: Hole, v: &'p Expr, t: Option<TypeId>) {
        if let ExprKind::CompositeLit { typ: None, .. } = &v.kind {
            let vt = self.type_of(v).or(t);
            let mut k = k;
            if let Some(vt) = vt
                && k.derefs >= 0
                && !self.has_pointers(vt)
            {
                k.dst = BLANK;
            }
            self.composite(k, v, vt);
            return;
        }
        self.expr_conv(k, v, t);
    }

    fn closure(&mut self, k: Hole, e: &'p Expr) {
        let Some(&fi) = self.fn_of_lit.get(&e.id) else {
            return;
        };
        let site = self.new_site(
            e.id,
            e.pos,
            "func literal".into(),
            SiteKind::Closure(fi),
            false,
        );
        let k2 = self.spill(k, site);
        let caps = self
            .prog
            .info
            .captures
            .get(&e.id)
            .cloned()
            .unwrap_or_default();
        // The captured variables' locations now: an expanded body's variables are only
        // mapped while it is walked.
        let cap_locs: Vec<LocId> = caps.iter().map(|&o| self.var_loc(o)).collect();
        let inl = self.inl.is_some();
        self.closures.push((k2, fi, e.id, cap_locs.clone(), inl));
        for l in cap_locs {
            if !self.locs[l].captured {
                self.locs[l].captured = true;
                if self.locs[l].loop_depth == self.loop_depth {
                    self.locs[l].reassigned = false;
                }
            }
        }
        let saved = (
            self.cur_fn,
            self.loop_depth,
            std::mem::take(&mut self.labels),
        );
        self.walk_func(fi);
        (self.cur_fn, self.loop_depth, self.labels) = saved;
    }

    fn method_value(&mut self, k: Hole, e: &'p Expr, x: &'p Expr, s: &Selection) {
        let text = expr_str(self.prog, self.pkg, e);
        let site = self.new_site(e.id, gpos(self.prog, e), text, SiteKind::Alloc, false);
        let closure_k = self.spill(k, site);
        let m = s.obj;
        let nres = self
            .prog
            .info
            .types
            .get(&e.id)
            .and_then(|tv| self.prog.types.signature(self.prog.underlying(tv.typ)))
            .map(|sig| sig.results.len())
            .unwrap_or(0);
        let ks: Vec<Hole> = (0..nres).map(|_| self.hole(HEAP)).collect();
        let iface = self
            .path_type(x, &s.index)
            .is_some_and(|t| self.is_interface(t));
        let param_k = if iface {
            self.hole(HEAP)
        } else {
            self.tag_hole(Some(&ks), Callee::Decl(m), 0)
        };
        let k2 = self.tee(&[param_k, closure_k]);
        self.recv_expr(k2, x, s, iface);
    }

    /// Evaluates the receiver of a method selection into `k`, with the embedded-field path and
    /// the implicit `&` or `*`.
    fn recv_expr(&mut self, k: Hole, x: &'p Expr, s: &Selection, iface: bool) {
        let steps = self.path_derefs(x, &s.index);
        let mut k = k;
        if !iface {
            let holder_ptr = self
                .path_type(x, &s.index)
                .is_some_and(|t| self.is_pointer(t));
            let ptr_recv = matches!(
                self.prog.obj(s.obj).kind,
                ObjKind::Func { ptr_recv: true, .. }
            );
            if ptr_recv && !holder_ptr {
                k = k.addr();
            } else if !ptr_recv && holder_ptr {
                k = k.deref();
            }
        }
        let k = self.apply_path(k, &steps);
        self.expr(k, x);
    }

    // ---- calls ----

    fn argument(&mut self, k: Hole, src: ArgSrc<'p>, wrap: Option<Hole>) {
        let k = match wrap {
            Some(w) => self.tee(&[k, w]),
            None => k,
        };
        match src {
            ArgSrc::Expr(e, t) => self.expr_conv(k, e, t),
            ArgSrc::Loc(l) => self.flow(k, l),
        }
    }

    /// The static callee of a call's function expression, if any.
    fn static_callee(&self, f: &'p Expr) -> Option<Callee> {
        let f = f.unparen();
        let v = self.static_value(f);
        match &v.kind {
            ExprKind::Ident(id) => {
                let o = *self.prog.info.uses.get(&id.id)?;
                matches!(self.prog.obj(o).kind, ObjKind::Func { .. }).then_some(Callee::Decl(o))
            }
            ExprKind::Selector { sel, .. } => {
                if let Some(s) = self.prog.info.selections.get(&v.id) {
                    if s.kind == SelectionKind::MethodExpr
                        && !self.is_interface(s.recv)
                        && !matches!(self.prog.ty(s.recv), Type::Pointer(p) if self.is_interface(*p))
                    {
                        return Some(Callee::Decl(s.obj));
                    }
                    return None;
                }
                let o = *self.prog.info.uses.get(&sel.id)?;
                matches!(self.prog.obj(o).kind, ObjKind::Func { .. }).then_some(Callee::Decl(o))
            }
            ExprKind::FuncLit { .. } => self.fn_of_lit.get(&v.id).map(|&fi| Callee::Lit(fi)),
            ExprKind::Index { x, .. } => {
                if let ExprKind::Ident(id) = &x.unparen().kind {
                    let o = *self.prog.info.uses.get(&id.id)?;
                    return matches!(self.prog.obj(o).kind, ObjKind::Func { .. })
                        .then_some(Callee::Decl(o));
                }
                None
            }
            _ => None,
        }
    }

    /// The named results of in-batch function `fi` flow to the call's destinations `ks` (a result
    /// without pointers only matters when its address is taken).
    fn flow_batch_results(&mut self, fi: usize, ks: &[Hole]) {
        let results: Vec<(Option<ObjId>, TypeId)> =
            self.fns[fi].results.iter().map(|r| (r.0, r.1)).collect();
        for ((o, t), &k) in results.into_iter().zip(ks) {
            let Some(o) = o else { continue };
            let mut k = k;
            if k.derefs >= 0 && !self.has_pointers(t) {
                k.dst = BLANK;
            }
            let l = self.var_loc(o);
            self.flow(k, l);
        }
    }

    /// The function index of an in-batch callee.
    fn batch_fn(&self, c: Callee) -> Option<usize> {
        match c {
            Callee::Lit(fi) => Some(fi),
            Callee::Decl(o) => {
                if self.in_batch.contains(&o) {
                    self.fn_of_obj.get(&o).copied()
                } else {
                    None
                }
            }
        }
    }

    /// gc's `tagHole`: where argument `slot` (index into the callee's parameters, receiver
    /// first) flows.
    fn tag_hole(&mut self, ks: Option<&[Hole]>, c: Callee, slot: usize) -> Hole {
        if let Some(fi) = self.batch_fn(c) {
            return match self.fns[fi].params.get(slot).and_then(|p| p.0) {
                Some(o) => {
                    let l = self.var_loc(o);
                    self.hole(l)
                }
                None => self.hole(BLANK),
            };
        }
        let Callee::Decl(o) = c else {
            return self.hole(HEAP);
        };
        let tag = match self.tags.get(&o).and_then(|t| t.get(slot)) {
            Some(t) => *t,
            None => match self.decls.get(&o) {
                Some((fd, _)) if fd.body.is_none() => {
                    if fd.directives.iter().any(|d| d.name == "go:noescape") {
                        let mut t = ParamTag::default();
                        t.add(super::LEAK_MUTATOR, 0);
                        t.add(super::LEAK_CALLEE, 0);
                        t
                    } else {
                        ParamTag::heap()
                    }
                }
                _ => ParamTag::heap(),
            },
        };
        let mut holes = Vec::new();
        if let Some(x) = tag.heap_level() {
            holes.push(self.hole(HEAP).shift(x as i32));
        }
        if let Some(x) = tag.mutator_level() {
            holes.push(self.hole(MUTATOR).shift(x as i32));
        }
        if let Some(x) = tag.callee_level() {
            holes.push(self.hole(CALLEE).shift(x as i32));
        }
        if let Some(ks) = ks {
            for (i, k) in ks.iter().enumerate() {
                if let Some(x) = tag.result_level(i) {
                    holes.push(k.shift(x as i32));
                }
            }
        }
        self.tee(&holes)
    }

    fn call(&mut self, ks: Option<Vec<Hole>>, e: &'p Expr, wrap: Option<Hole>) {
        let ExprKind::Call {
            func,
            args,
            ellipsis,
            lparen,
            ..
        } = &e.kind
        else {
            return;
        };
        let f = func.unparen();
        let ftv = self.prog.info.types.get(&f.id);
        match ftv.map(|t| t.mode) {
            Some(Mode::Builtin) => {
                let o = match &f.kind {
                    ExprKind::Ident(id) => self.prog.info.uses.get(&id.id),
                    ExprKind::Selector { sel, .. } => self.prog.info.uses.get(&sel.id),
                    _ => None,
                };
                if let Some(ObjKind::Builtin(b)) = o.map(|o| &self.prog.obj(*o).kind) {
                    self.builtin(ks, *b, e, args, ellipsis.is_some(), *lparen, wrap);
                }
                return;
            }
            Some(Mode::TypeExpr) => {
                let k = ks
                    .as_ref()
                    .and_then(|k| k.first().copied())
                    .unwrap_or(self.hole(BLANK));
                self.conversion(k, e);
                return;
            }
            _ => {}
        }
        if self.report
            && wrap.is_none()
            && let Some(&x) = self.expand.get(&e.id)
        {
            self.expanded_call(ks, e, args, x);
            return;
        }
        let Some(fty) = ftv.map(|t| t.typ) else {
            return;
        };
        let Some(sig) = self
            .prog
            .types
            .signature(self.prog.underlying(fty))
            .cloned()
        else {
            return;
        };
        // Method calls: the receiver and how to reach it.
        let mut recv: Option<(&'p Expr, Selection, bool)> = None;
        let mut fns: Vec<Callee> = Vec::new();
        let mut method_expr_call = false;
        if let ExprKind::Selector { x, .. } = &f.kind
            && let Some(s) = self.prog.info.selections.get(&f.id)
        {
            match s.kind {
                SelectionKind::MethodVal => {
                    let iface = self
                        .path_type(x, &s.index)
                        .is_some_and(|t| self.is_interface(t));
                    if iface
                        && s.index.is_empty()
                        && let Some(true) = self.devirtualize(ks.clone(), e, x, wrap)
                    {
                        return;
                    }
                    if !iface {
                        fns.push(Callee::Decl(s.obj));
                    }
                    recv = Some((x, s.clone(), iface));
                }
                SelectionKind::MethodExpr => {
                    if let Some(c) = self.static_callee(f) {
                        fns.push(c);
                        method_expr_call = true;
                    }
                }
                SelectionKind::FieldVal => {}
            }
        }
        if recv.is_none()
            && fns.is_empty()
            && let Some(c) = self.static_callee(f)
        {
            fns.push(c);
        }
        // Results of in-batch callees flow to the destinations.
        if let Some(ks) = &ks {
            for &c in &fns {
                if let Some(fi) = self.batch_fn(c) {
                    self.flow_batch_results(fi, ks);
                }
            }
        }
        let is_iface_call = recv.as_ref().is_some_and(|r| r.2);
        if recv.is_none() || method_expr_call {
            // The function value itself.
            let mut callee_k = self.hole(BLANK);
            if fns.is_empty()
                && let Some(ks) = &ks
                && ks.iter().any(|k| k.dst != BLANK)
            {
                callee_k = self.hole(CALLEE);
            }
            let ck = match wrap {
                Some(w) if fns.is_empty() || matches!(fns[0], Callee::Lit(_)) => {
                    self.tee(&[callee_k, w])
                }
                _ => callee_k,
            };
            self.expr(ck, f);
        }
        let ks_ref: Option<Vec<Hole>> = ks.clone();
        // Receiver.
        let slot0 = if recv.is_some() { 1 } else { 0 };
        if let Some((x, s, iface)) = &recv {
            let k = if *iface {
                self.hole(HEAP)
            } else {
                self.merged_tag_hole(ks_ref.as_deref(), &fns, 0)
            };
            let k = match wrap {
                Some(w) => self.tee(&[k, w]),
                None => k,
            };
            self.recv_expr(k, x, s, *iface);
        }
        let _ = is_iface_call;
        // Arguments.
        let np = sig.params.len();
        let multi = args.len() == 1 && np > 1 && self.tuple_len(&args[0]) == Some(np);
        if multi {
            let tmps: Vec<LocId> = (0..np).map(|_| self.new_loc(LocKind::Temp, true)).collect();
            let holes: Vec<Hole> = tmps.iter().map(|&t| self.hole(t)).collect();
            self.call_or_expr(Some(holes), &args[0]);
            for (i, &t) in tmps.iter().enumerate() {
                let k = self.merged_tag_hole(ks_ref.as_deref(), &fns, slot0 + i);
                self.argument(k, ArgSrc::Loc(t), wrap);
            }
            return;
        }
        for i in 0..np {
            let k = self.merged_tag_hole(ks_ref.as_deref(), &fns, slot0 + i);
            let pt = sig.params[i];
            if sig.variadic && i == np - 1 && ellipsis.is_none() {
                let extra = args.get(i..).unwrap_or(&[]);
                if extra.is_empty() {
                    continue;
                }
                let et = self.elem_of(pt);
                let site =
                    self.new_site(e.id, *lparen, "... argument".into(), SiteKind::Alloc, false);
                // The `...` slice is built inside a go/defer wrapper; its elements are what
                // the wrapper captures.
                let k2 = self.spill(k, site);
                for a in extra {
                    let ka = match wrap {
                        Some(w) => self.tee(&[k2, w]),
                        None => k2,
                    };
                    self.expr_conv(ka, a, et);
                }
            } else if let Some(a) = args.get(i) {
                self.argument(k, ArgSrc::Expr(a, Some(pt)), wrap);
            }
        }
    }

    /// gc's static devirtualization (which runs before escape analysis, also under `-l`): a
    /// method call on an interface variable whose static value is a conversion from a concrete
    /// type `T` becomes a call on `x.(T)`. Returns `Some(true)` when the call was analysed here.
    fn devirtualize(
        &mut self,
        ks: Option<Vec<Hole>>,
        call: &'p Expr,
        x: &'p Expr,
        wrap: Option<Hole>,
    ) -> Option<bool> {
        let ExprKind::Call {
            func, args, lparen, ..
        } = &call.kind
        else {
            return None;
        };
        let f = func.unparen();
        let ExprKind::Selector { sel, .. } = &f.kind else {
            return None;
        };
        let x = x.unparen();
        if !matches!(x.kind, ExprKind::Ident(_)) {
            return None;
        }
        let v = self.static_value(x);
        if std::ptr::eq(v, x) {
            return None;
        }
        // The concrete operand of the conversion (implicit, or an explicit `I(v)`).
        let mut t = self.type_of(v)?;
        if let ExprKind::Call {
            func: cf, args: ca, ..
        } = &v.kind
        {
            let conv = self
                .prog
                .info
                .types
                .get(&cf.unparen().id)
                .is_some_and(|tv| tv.mode == Mode::TypeExpr);
            if conv && self.is_interface(t) {
                t = self.type_of(ca.first()?)?;
            }
        }
        if self.is_interface(t) || self.const_of(v).is_some() {
            return None;
        }
        let frontend::types::LookupResult::Method {
            obj,
            index,
            ptr_recv,
            ..
        } = self
            .prog
            .lookup_field_or_method(t, Some(self.pkg), &sel.name)
        else {
            return None;
        };
        let holder_iface = self.prog.iface_method_objs.values().any(|o| *o == obj);
        let sel_text = expr_str(self.prog, self.pkg, f);
        let tstr = type_str(self.prog, self.pkg, t);
        if holder_iface || !index.is_empty() {
            if self.report && holder_iface {
                self.diags.push((
                    *lparen,
                    format!("partially devirtualizing {sel_text} to {tstr}"),
                ));
            }
            return Some(false);
        }
        if self.report {
            self.diags
                .push((*lparen, format!("devirtualizing {sel_text} to {tstr}")));
        }
        let fns = vec![Callee::Decl(obj)];
        let sig = self.prog.types.signature(self.prog.obj(obj).typ).cloned()?;
        if let Some(ks) = &ks
            && let Some(fi) = self.batch_fn(fns[0])
        {
            self.flow_batch_results(fi, ks);
        }
        let mut k = self.merged_tag_hole(ks.as_deref(), &fns, 0);
        if let Some(w) = wrap {
            k = self.tee(&[k, w]);
        }
        if !ptr_recv && self.is_pointer(t) {
            k = k.deref();
        }
        if !self.is_direct_iface(t) {
            k = k.shift(1);
        }
        self.expr(k, x);
        for (i, pt) in sig.params.iter().enumerate() {
            let k = self.merged_tag_hole(ks.as_deref(), &fns, 1 + i);
            if sig.variadic && i + 1 == sig.params.len() {
                let extra = args.get(i..).unwrap_or(&[]);
                let et = self.elem_of(*pt);
                if !extra.is_empty() {
                    let site = self.new_site(
                        call.id,
                        *lparen,
                        "... argument".into(),
                        SiteKind::Alloc,
                        false,
                    );
                    let k2 = self.spill(k, site);
                    for a in extra {
                        self.expr_conv(k2, a, et);
                    }
                }
            } else if let Some(a) = args.get(i) {
                self.argument(k, ArgSrc::Expr(a, Some(*pt)), wrap);
            }
        }
        Some(true)
    }

    fn tuple_len(&self, e: &Expr) -> Option<usize> {
        match self.prog.ty(self.type_of(e)?) {
            Type::Tuple(ts) => Some(ts.len()),
            _ => None,
        }
    }

    fn merged_tag_hole(&mut self, ks: Option<&[Hole]>, fns: &[Callee], slot: usize) -> Hole {
        if fns.is_empty() {
            return self.hole(HEAP);
        }
        let holes: Vec<Hole> = fns.iter().map(|&c| self.tag_hole(ks, c, slot)).collect();
        self.tee(&holes)
    }

    #[allow(clippy::too_many_arguments)]
    fn builtin(
        &mut self,
        ks: Option<Vec<Hole>>,
        b: Builtin,
        e: &'p Expr,
        args: &'p [Expr],
        dots: bool,
        lparen: ast::Pos,
        wrap: Option<Hole>,
    ) {
        let k0 = ks
            .as_ref()
            .and_then(|k| k.first().copied())
            .unwrap_or(self.hole(BLANK));
        let blank = self.hole(BLANK);
        let heap = self.hole(HEAP);
        let mutator = self.hole(MUTATOR);
        let w = |a: &mut Self, k: Hole| match wrap {
            Some(w) => a.tee(&[k, w]),
            None => k,
        };
        match b {
            Builtin::Append => {
                let Some(first) = args.first() else { return };
                let st = self.type_of(first);
                let et = st.and_then(|t| self.elem_of(t));
                let mut ak = self.tee(&[k0, mutator]);
                if et.is_some_and(|t| self.has_pointers(t)) {
                    ak = self.tee(&[ak, heap.deref()]);
                }
                let ak = w(self, ak);
                self.expr(ak, first);
                if dots {
                    if let Some(a1) = args.get(1) {
                        let mut k = blank;
                        let is_slice = self
                            .type_of(a1)
                            .is_some_and(|t| matches!(self.under(t), Type::Slice(_)));
                        if is_slice && et.is_some_and(|t| self.has_pointers(t)) {
                            k = heap.deref();
                        }
                        let k = w(self, k);
                        self.expr(k, a1);
                    }
                } else {
                    for a in args.get(1..).unwrap_or(&[]) {
                        let k = w(self, heap);
                        self.expr_conv(k, a, et);
                    }
                }
                let site = self.new_site(e.id, lparen, "append".into(), SiteKind::Append, false);
                let bk = self.spill(k0, site);
                self.locs[bk.dst].loop_depth = 0;
            }
            Builtin::Copy => {
                if let Some(a) = args.first() {
                    let k = w(self, mutator);
                    self.expr(k, a);
                }
                if let Some(a1) = args.get(1) {
                    let mut k = blank;
                    if let Some(t) = self.type_of(a1)
                        && let Type::Slice(el) = self.under(t)
                        && self.has_pointers(*el)
                    {
                        k = heap.deref();
                    }
                    let k = w(self, k);
                    self.expr(k, a1);
                }
            }
            Builtin::Panic => {
                if let Some(a) = args.first() {
                    let k = w(self, heap);
                    let any = self.prog.any_type();
                    self.expr_conv(k, a, Some(any));
                }
            }
            Builtin::Delete => {
                let kt =
                    args.first()
                        .and_then(|m| self.type_of(m))
                        .and_then(|t| match self.under(t) {
                            Type::Map(k, _) => Some(*k),
                            _ => None,
                        });
                if let Some(m) = args.first() {
                    let k = w(self, blank);
                    self.expr(k, m);
                }
                if let Some(key) = args.get(1) {
                    let k = w(self, blank);
                    self.expr_conv(k, key, kt);
                }
            }
            Builtin::Print | Builtin::Println | Builtin::Recover => {
                for a in args {
                    let k = w(self, blank);
                    self.expr(k, a);
                }
            }
            Builtin::Min | Builtin::Max => {
                for a in args {
                    self.expr(k0, a);
                }
            }
            Builtin::Clear => {
                if let Some(a) = args.first() {
                    let k = w(self, mutator);
                    self.expr(k, a);
                }
            }
            Builtin::New => {
                let t = args.first().and_then(|a| self.type_of(a));
                let forced = self.too_large_implicit(t);
                let text = expr_str(self.prog, self.pkg, e);
                let site = self.new_site(e.id, lparen, text, SiteKind::Alloc, forced);
                self.spill(k0, site);
            }
            Builtin::Make => {
                let Some(t) = self.type_of(e) else { return };
                match self.under(t) {
                    Type::Slice(el) => {
                        let el = *el;
                        let esz = self.prog.size_of(el);
                        let sizes = args.get(1..).unwrap_or(&[]);
                        let r = sizes.get(1).or(sizes.first());
                        // gc's rewriteWithLiterals: a size whose static value is a constant is
                        // treated (and printed) as that constant.
                        let rv = r.map(|r| self.static_value(r));
                        let cval = rv.and_then(|r| self.const_of(r)).and_then(|v| match v {
                            frontend::types::ConstValue::Int(i) => i64::try_from(i.clone()).ok(),
                            _ => None,
                        });
                        let forced = esz == 0
                            || cval.is_some_and(|n| n < 0 || (n as u64) > (64 * 1024) / esz.max(1));
                        let mut text = format!("make({}", type_str(self.prog, self.pkg, t));
                        for (i, a) in sizes.iter().enumerate() {
                            text.push_str(", ");
                            let is_r = sizes.len() == i + 1;
                            match (is_r, cval) {
                                (true, Some(n)) if n >= 0 => text.push_str(&n.to_string()),
                                _ => text.push_str(&expr_str(self.prog, self.pkg, a)),
                            }
                        }
                        text.push(')');
                        let site = self.new_site(e.id, lparen, text, SiteKind::Alloc, forced);
                        self.spill(k0, site);
                        for a in sizes {
                            self.discard(a);
                        }
                    }
                    Type::Map(..) => {
                        let text = expr_str(self.prog, self.pkg, e);
                        let site = self.new_site(e.id, lparen, text, SiteKind::Alloc, false);
                        self.spill(k0, site);
                        for a in args.get(1..).unwrap_or(&[]) {
                            self.discard(a);
                        }
                    }
                    _ => {
                        for a in args.get(1..).unwrap_or(&[]) {
                            self.discard(a);
                        }
                    }
                }
            }
            Builtin::Add | Builtin::Slice | Builtin::String => {
                if let Some(a) = args.first() {
                    self.expr(k0, a);
                }
                for a in args.iter().skip(1) {
                    self.discard(a);
                }
            }
            Builtin::SliceData | Builtin::StringData => {
                if let Some(a) = args.first() {
                    self.expr(k0, a);
                }
            }
            _ => {
                for a in args {
                    let k = w(self, blank);
                    self.expr(k, a);
                }
            }
        }
    }
}

/// Calls `f` on every call expression of a body, func literals included.
pub(crate) fn each_call<'a>(b: &'a Block, f: &mut dyn FnMut(&'a Expr)) {
    each_expr(&b.stmts, true, &mut |e: &'a Expr| {
        if matches!(e.kind, ExprKind::Call { .. }) {
            f(e)
        }
    });
}

/// Calls `f` on every expression of a body, func literals included.
pub(crate) fn each_expr_in<'a>(b: &'a Block, f: &mut dyn FnMut(&'a Expr)) {
    each_expr(&b.stmts, true, f);
}
