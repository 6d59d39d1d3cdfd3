//! Range over functions (Go 1.23 iterators): `for k, v := range seq`, where `seq` is a
//! `func(yield func(K, V) bool)` (or has such a core type).
//!
//! # How it is compiled
//!
//! gc rewrites such a loop, after type checking, into a call of the iterator with the loop body
//! turned into a closure (cmd/compile/internal/rangefunc); rgo produces the same code directly
//! while lowering, without building new syntax. For
//!
//! ```text
//! for x := range seq { BODY }
//! ```
//!
//! the enclosing function emits
//!
//! ```text
//! #state1 := RF_READY                  // a heap cell per loop
//! seq(main.f-range1)                   // a closure over the body, allocated on the heap
//! if #state1 == RF_PANIC { runtime.panicrangestate(RF_MISSING_PANIC) }
//! #state1 = RF_EXHAUSTED
//! ... dispatch on #next ...
//! ```
//!
//! and the body becomes the function `main.f-range1(x K) bool` (gc's name; nested loops give
//! `main.f-range1-range1`, func literals inside a body `main.f-range1.1`):
//!
//! ```text
//! tmp := #state1; #state1 = RF_PANIC
//! if tmp != RF_READY { runtime.panicrangestate(tmp) }
//! BODY
//! #state1 = RF_READY; return true
//! ```
//!
//! The range variables are the closure's parameters, so every iteration has fresh ones (Go 1.22
//! semantics come for free). Variables of the enclosing function that the body uses are captured
//! by reference and live in heap cells (the closure escapes into an unknown iterator, as under
//! gc's `-l`).
//!
//! # Leaving the body
//!
//! Control flow that leaves the body sets the shared `#next` cell (one per outermost loop) and
//! returns false, after marking the loop `RF_DONE`:
//!
//! - `break` / `continue` of the loop itself: `return false` / `return true` (no `#next`);
//! - `break L` / `continue L` of an enclosing range-over-func loop at depth `d` (the outermost
//!   loop has depth 1): `#next = 2d` / `2d-1`; each body closure in between, after its inner
//!   loop's iterator returns, continues (`2d-1`), stops (`2d`) or passes the request outward;
//! - `return`: the results are stored to the enclosing function's results (its named results,
//!   or heap cells standing in for unnamed ones), `#next = -1`, and after the outermost loop the
//!   function returns them;
//! - `goto L`, or `break L` / `continue L` of a statement that is not a range-over-func loop:
//!   a fresh code `<= -2`; the function (enclosing function or body closure) that holds `L`
//!   tests for it after the loop it is directly in and performs the branch.
//!
//! # Misbehaving iterators
//!
//! Each loop's `#state` cell catches iterators that call the body after it returned false
//! (`RF_DONE`), after the loop exited (`RF_EXHAUSTED`), after or during a body panic
//! (`RF_PANIC`), or that swallowed a panic of the body (`RF_MISSING_PANIC` after the iterator
//! returns): `runtime.panicrangestate` panics with gc's run-time errors.
//!
//! # defer
//!
//! A `defer` in the body belongs to the enclosing function. Before the outermost loop, the
//! function obtains a token from `runtime.deferrangefunc(frame)`, a defer record in its own place
//! on the goroutine's defer list; the body registers calls with `runtime.deferprocat(fn, token)`
//! on that record, and the runtime runs them when the enclosing function returns or panics
//! (rt/src/defers.rs). The enclosing function is split like any function with `defer`.

use std::collections::HashSet;

use frontend::ast::{self, BranchKind, Expr, ExprKind, Pos, Stmt, StmtKind};
use frontend::types::{BasicKind, ObjId, ObjKind, Program, Type, TypeId};

use super::func::FnLower;
use super::value::{Place, Storage, Value};
use crate::ir::{Callee, Cmp, Inst, Ty, Var};

// gc's internal/abi.RF_State values.
const RF_DONE: i64 = 0;
const RF_READY: i64 = 1;
const RF_PANIC: i64 = 2;
const RF_EXHAUSTED: i64 = 3;
const RF_MISSING_PANIC: i64 = 4;

/// A labelled statement enclosing a loop body, outside it.
#[derive(Clone, Debug)]
pub(crate) enum OuterTarget {
    /// A range-over-func loop of this depth.
    Loop(u32),
    /// Any other statement, in the function of this level (0: the enclosing Go function,
    /// `d`: the body closure of the loop of depth `d`).
    Plain(u32),
}

/// A branch out of a body closure to a label that the function of level `level` holds.
#[derive(Clone, Debug)]
pub(crate) struct PendingBranch {
    code: i64,
    level: u32,
    kind: BranchKind,
    label: String,
}

/// What the body closure of a range-over-func loop knows about its loop.
pub(crate) struct RfBody {
    /// Depth of the loop (1 for an outermost loop).
    depth: u32,
    label: Option<String>,
    /// Addresses of `#next`, of this loop's `#state`, of the enclosing function's results.
    next: Var,
    state: Var,
    results: Vec<Var>,
    result_types: Vec<TypeId>,
    /// The token of `runtime.deferrangefunc`, when the loop nest contains `defer`.
    defers: Option<Var>,
    /// Labelled statements around the loop, outermost first.
    targets: Vec<(String, OuterTarget)>,
    /// Labels of enclosing body closures (levels >= 1); other outer labels are the enclosing
    /// function's.
    goto_labels: Vec<(String, u32)>,
    /// Labels declared in this body (outside nested loop bodies).
    own_labels: HashSet<String>,
}

/// Whether `x` is a function that a `range` iterates over.
pub(crate) fn is_range_func(prog: &Program, t: Option<TypeId>) -> bool {
    t.is_some_and(|t| matches!(prog.ty(prog.underlying(t)), Type::Func(_)))
}

fn is_local_var(prog: &Program, o: ObjId) -> bool {
    matches!(
        prog.obj(o).kind,
        ObjKind::Var {
            is_field: false,
            is_global: false,
            ..
        }
    )
}

/// Variables declared outside a loop body that the body (or the non-`:=` range targets) uses,
/// in order of first use.
pub(crate) fn outer_vars(
    prog: &Program,
    key: Option<&Expr>,
    value: Option<&Expr>,
    define: bool,
    body: &ast::Block,
) -> Vec<ObjId> {
    let mut own = HashSet::new();
    if define {
        for e in [key, value].into_iter().flatten() {
            if let ExprKind::Ident(id) = &e.kind
                && let Some(&o) = prog.info.defs.get(&id.id)
            {
                own.insert(o);
            }
        }
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |id: ast::NodeId| {
        if let Some(&o) = prog.info.uses.get(&id)
            && is_local_var(prog, o)
            && !own.contains(&o)
        {
            let p = prog.obj(o).pos;
            if (p < body.lbrace || p > body.rbrace) && seen.insert(o) {
                out.push(o);
            }
        }
    };
    if !define {
        for e in [key, value].into_iter().flatten() {
            crate::escape::visit_expr_idents(e, &mut add);
        }
    }
    crate::escape::visit_block_idents(body, &mut add);
    out
}

/// Calls `f` on every statement of `stmts`, nested ones included (not those of func literals).
fn each_stmt<'s>(stmts: &'s [Stmt], f: &mut dyn FnMut(&'s Stmt) -> bool) {
    for s in stmts {
        if !f(s) {
            continue;
        }
        match &s.kind {
            StmtKind::Labeled { stmt, .. } => each_stmt(std::slice::from_ref(&**stmt), f),
            StmtKind::Block(b) => each_stmt(&b.stmts, f),
            StmtKind::If { then, els, .. } => {
                each_stmt(&then.stmts, f);
                if let Some(e) = els {
                    each_stmt(std::slice::from_ref(&**e), f);
                }
            }
            StmtKind::Switch { body, .. } | StmtKind::TypeSwitch { body, .. } => {
                body.iter().for_each(|c| each_stmt(&c.body, f))
            }
            StmtKind::Select { body, .. } => body.iter().for_each(|c| each_stmt(&c.body, f)),
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => each_stmt(&body.stmts, f),
            _ => {}
        }
    }
}

/// Whether a loop body contains a `return` with results (nested loops included).
pub(crate) fn contains_return_values(body: &ast::Block) -> bool {
    let mut found = false;
    each_stmt(&body.stmts, &mut |s| {
        if matches!(&s.kind, StmtKind::Return(r) if !r.is_empty()) {
            found = true;
        }
        true
    });
    found
}

/// Whether a loop body contains a `return` (nested loops included).
pub(crate) fn contains_return(body: &ast::Block) -> bool {
    let mut found = false;
    each_stmt(&body.stmts, &mut |s| {
        if matches!(s.kind, StmtKind::Return(_)) {
            found = true;
        }
        true
    });
    found
}

/// Labels declared in `stmts`, not inside range-over-func bodies.
fn labels_in(stmts: &[Stmt], is_rf: &dyn Fn(&Expr) -> bool) -> HashSet<String> {
    let mut out = HashSet::new();
    each_stmt(stmts, &mut |s| match &s.kind {
        StmtKind::Labeled { label, .. } => {
            out.insert(label.name.clone());
            true
        }
        StmtKind::Range { x, .. } => !is_rf(x),
        _ => true,
    });
    out
}

/// Whether control leaves some range-over-func body of the nest of the loop labelled `label`
/// with `body` other than by its own `break`/`continue`: then gc declares `#next`.
pub(crate) fn uses_next(
    body: &ast::Block,
    label: Option<&str>,
    is_rf: &dyn Fn(&Expr) -> bool,
) -> bool {
    let own = labels_in(&body.stmts, is_rf);
    let mut found = false;
    each_stmt(&body.stmts, &mut |s| {
        let (inner_label, inner) = match &s.kind {
            StmtKind::Labeled { label, stmt } => (Some(label.name.as_str()), &**stmt),
            _ => (None, s),
        };
        match &inner.kind {
            StmtKind::Range { x, body, .. } if is_rf(x) => {
                if uses_next(body, inner_label, is_rf) {
                    found = true;
                }
                return false;
            }
            StmtKind::Return(_) => found = true,
            StmtKind::Branch {
                kind,
                label: Some(l),
            } if *kind != BranchKind::Fallthrough
                && Some(l.name.as_str()) != label
                && !own.contains(&l.name) =>
            {
                found = true;
            }
            _ => {}
        }
        true
    });
    found
}

/// Calls `f` on each outermost range-over-func loop of `stmts`, with its label.
pub(crate) fn each_outer_range_func<'s>(
    stmts: &'s [Stmt],
    is_rf: &dyn Fn(&Expr) -> bool,
    f: &mut dyn FnMut(&'s Stmt, Option<&'s str>),
) {
    let mut label: Option<&'s str> = None;
    each_stmt(stmts, &mut |s| match &s.kind {
        StmtKind::Labeled { label: l, .. } => {
            label = Some(l.name.as_str());
            true
        }
        StmtKind::Range { x, .. } if is_rf(x) => {
            f(s, label.take());
            false
        }
        _ => {
            label = None;
            true
        }
    });
}

/// Calls `f` on each range-over-func loop nested in `body`, outer ones first.
pub(crate) fn each_range_func(
    body: &ast::Block,
    is_rf: &dyn Fn(&Expr) -> bool,
    f: &mut dyn FnMut(&Stmt),
) {
    each_stmt(&body.stmts, &mut |s| {
        if let StmtKind::Range { x, .. } = &s.kind
            && is_rf(x)
        {
            f(s);
        }
        true
    });
}

impl<'a, 'p> FnLower<'a, 'p> {
    /// The nesting level of this function: 0 for a Go function, the loop's depth for a body.
    fn rf_level(&self) -> u32 {
        self.rf.as_ref().map_or(0, |r| r.depth)
    }

    /// Labels declared in `stmts`, not inside range-over-func bodies.
    fn labels_of(&self, stmts: &'p [Stmt]) -> HashSet<String> {
        let l = &*self.l;
        labels_in(stmts, &|x| {
            is_range_func(l.prog, l.tv(x.id).map(|tv| l.sub(tv.typ)))
        })
    }

    /// A zeroed heap cell of type `t`.
    fn rf_cell(&mut self, t: TypeId) -> Var {
        let typ = self.type_desc(t);
        self.b.ccall("runtime.newobject", vec![typ], &[Ty::I64])[0]
    }

    fn rf_store_int(&mut self, addr: Var, v: i64) {
        let c = self.b.iconst(Ty::I64, v);
        self.b.store(addr, 0, c);
    }

    /// `if cond { then }` where `then` may end the block.
    fn rf_if(&mut self, cond: Var, then: impl FnOnce(&mut Self)) {
        let tb = self.b.block();
        let cont = self.b.block();
        self.b.branch(cond, tb, cont);
        self.b.switch_to(tb);
        then(self);
        self.b.jump(cont);
        self.b.switch_to(cont);
    }

    fn rf_next_is(&mut self, next: Var, cmp: Cmp, v: i64) -> Var {
        let n = self.b.load(Ty::I64, next, 0);
        let c = self.b.iconst(Ty::I64, v);
        self.b.icmp(cmp, n, c)
    }

    fn rf_panic_state(&mut self, state: Var) {
        self.b
            .ccall_noreturn("runtime.panicrangestate", vec![state]);
    }

    /// Marks this body's loop `state` and returns `ret` from the body closure.
    fn rf_exit(&mut self, state: i64, ret: bool) {
        if let Some(s) = self.rf.as_ref().map(|r| r.state) {
            self.rf_store_int(s, state);
        }
        let bool_t = self.l.prog.basic(BasicKind::Bool);
        let ty = self.l.lay.of(bool_t).scalars[0].1;
        let v = self.b.iconst(ty, ret as i64);
        self.emit_return(vec![Value::Flat(vec![v])]);
    }

    /// Lowers a range-over-func loop.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn range_func(
        &mut self,
        pos: Pos,
        label: Option<String>,
        key: Option<&'p Expr>,
        value: Option<&'p Expr>,
        define: bool,
        x: &'p Expr,
        body: &'p ast::Block,
    ) {
        let prog = self.l.prog;
        let xt = self.type_of(x);
        let yield_t = match prog.ty(prog.underlying(xt)) {
            Type::Func(sig) if sig.params.len() == 1 && sig.results.is_empty() => sig.params[0],
            _ => {
                self.l.error(x.pos, "rgo: invalid range-over-func operand");
                return;
            }
        };
        let yparams = match prog.ty(prog.underlying(yield_t)) {
            Type::Func(sig) if sig.results.len() == 1 => sig.params.clone(),
            _ => {
                self.l
                    .error(x.pos, "rgo: invalid range-over-func yield type");
                return;
            }
        };
        let level = self.rf_level();
        let depth = level + 1;
        let int = prog.basic(BasicKind::Int);

        let fv = self.expr(x);
        let fv = fv.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));

        // The loop nest's shared cells.
        let (next, results, result_types, defers) = match &self.rf {
            Some(r) => (r.next, r.results.clone(), r.result_types.clone(), r.defers),
            None => {
                let next = self.rf_cell(int);
                let rtypes = self.result_types.clone();
                let mut cells = Vec::new();
                if contains_return(body) {
                    if self.result_objs.is_empty() {
                        for &t in &rtypes {
                            cells.push(self.rf_cell(t));
                        }
                    } else {
                        for o in self.result_objs.clone() {
                            match self.var_place(o) {
                                Place::Addr(a) => cells.push(a),
                                _ => self.l.error(
                                    pos,
                                    "rgo: internal error: result not in memory for range-over-func",
                                ),
                            }
                        }
                    }
                }
                let defers = if super::func::has_defer(&body.stmts) {
                    let fp = self.b.var(Ty::I64);
                    self.b.emit(Inst::FramePointer { dst: fp });
                    let outer = self.b.load(Ty::I64, fp, 0);
                    Some(
                        self.b
                            .ccall("runtime.deferrangefunc", vec![outer], &[Ty::I64])[0],
                    )
                } else {
                    None
                };
                (next, cells, rtypes, defers)
            }
        };
        let state = self.rf_cell(int);
        self.rf_store_int(state, RF_READY);

        // Captured variables, by reference.
        let caps: Vec<ObjId> = outer_vars(prog, key, value, define, body)
            .into_iter()
            .filter(|o| self.locals.contains_key(o))
            .collect();
        self.range_count += 1;
        let name = format!("{}-range{}", self.closure_base, self.range_count);
        let nwords = 1 + caps.len() + 2 + results.len() + 1;
        let size = 8 * nwords as u64;
        let mut tname = String::from("struct { F uintptr");
        for i in 1..nwords {
            tname.push_str(&format!("; X{} uintptr", i - 1));
        }
        tname.push_str(" }");
        let ptr_words: Vec<u64> = (1..nwords as u64).map(|i| 8 * i).collect();
        let typ_sym = self.l.types.synthetic(&tname, size, &ptr_words);
        let typ = self.b.sym_addr(&typ_sym, 0);
        let clo = self.b.ccall("runtime.newobject", vec![typ], &[Ty::I64])[0];
        let code = self.b.sym_addr(&name, 0);
        self.b.store(clo, 0, code);
        let mut off = 8;
        for &o in &caps {
            if self.l.esc.rf_by_value.contains(&o) {
                // Captured by value (never reassigned): a copy in a cell of its own.
                let t = self.l.obj_type(o);
                let p = self.var_place(o);
                let v = self.load_place(&p, t);
                let cell = self.rf_cell(t);
                self.store_value(cell, t, v);
                self.b.store(clo, off, cell);
                off += 8;
                continue;
            }
            match self.var_place(o) {
                Place::Addr(a) => self.b.store(clo, off, a),
                _ => self.l.error(
                    pos,
                    "rgo: internal error: captured variable not in memory for range-over-func",
                ),
            }
            off += 8;
        }
        self.b.store(clo, off, next);
        self.b.store(clo, off + 8, state);
        off += 16;
        for &r in &results {
            self.b.store(clo, off, r);
            off += 8;
        }
        if let Some(d) = defers {
            self.b.store(clo, off, d);
        }

        // What the body can branch to outside itself.
        let mut targets = self
            .rf
            .as_ref()
            .map(|r| r.targets.clone())
            .unwrap_or_default();
        for t in &self.targets {
            if let Some(l) = &t.label {
                targets.push((l.clone(), OuterTarget::Plain(level)));
            }
        }
        if let Some(l) = &label {
            targets.push((l.clone(), OuterTarget::Loop(depth)));
        }
        let mut goto_labels = Vec::new();
        if let Some(r) = &self.rf {
            goto_labels = r.goto_labels.clone();
            goto_labels.extend(r.own_labels.iter().map(|l| (l.clone(), level)));
        }
        let own_labels = self.labels_of(&body.stmts);
        let level0_cells = results.clone();
        let rf = RfBody {
            depth,
            label,
            next,
            state,
            results,
            result_types,
            defers,
            targets,
            goto_labels,
            own_labels,
        };
        let heap_everything = self.heap_everything || super::func::has_defer(&body.stmts);
        let codes = self.rf_codes;
        let (func, pending, codes) = {
            let mut f = FnLower::new(&mut *self.l, name.clone(), pos, name, true);
            f.rf_codes = codes;
            f.heap_everything = heap_everything;
            f.lower_rf_body(rf, &caps, key, value, define, &yparams, body);
            let FnLower {
                b,
                rf_pending,
                rf_codes,
                ..
            } = f;
            (b.finish(), rf_pending, rf_codes)
        };
        self.l.module.functions.push(func);
        self.rf_codes = codes;

        // iterator(body)
        let line = self.line_of(pos);
        self.b.line(line);
        let code = self.b.load(Ty::I64, fv, 0);
        self.emit_go_call(
            Callee::Indirect(code),
            fv,
            &[yield_t],
            vec![(Value::Flat(vec![clo]), yield_t)],
            &[],
        );

        // After the iterator returned.
        let line = self.line_of(body.rbrace);
        self.b.line(line);
        let st = self.b.load(Ty::I64, state, 0);
        let p = self.b.iconst(Ty::I64, RF_PANIC);
        let c = self.b.icmp(Cmp::Eq, st, p);
        self.rf_if(c, |f| {
            let m = f.b.iconst(Ty::I64, RF_MISSING_PANIC);
            f.rf_panic_state(m);
        });
        self.rf_store_int(state, RF_EXHAUSTED);
        for pb in pending {
            if pb.level != level {
                self.rf_pending.push(pb);
                continue;
            }
            let c = self.rf_next_is(next, Cmp::Eq, pb.code);
            self.rf_if(c, |f| {
                f.rf_store_int(next, 0);
                f.branch_to(pb.kind, Some(&pb.label));
            });
        }
        if level == 0 {
            if contains_return(body) {
                let c = self.rf_next_is(next, Cmp::Eq, -1);
                let cells = level0_cells;
                let types = self.result_types.clone();
                self.rf_if(c, |f| {
                    let vals: Vec<Value> = cells
                        .iter()
                        .zip(&types)
                        .map(|(&a, &t)| {
                            let v = f.load_value(a, t);
                            f.snapshot(v, t)
                        })
                        .collect();
                    f.emit_return(vals);
                });
            }
        } else {
            let d = level as i64;
            let nz = self.rf_next_is(next, Cmp::Ne, 0);
            self.rf_if(nz, |f| {
                let c = f.rf_next_is(next, Cmp::SLt, 0);
                f.rf_if(c, |f| f.rf_exit(RF_DONE, false));
                let c = f.rf_next_is(next, Cmp::SGt, 2 * d);
                f.rf_if(c, |f| {
                    let s = f.b.iconst(Ty::I64, RF_DONE);
                    f.rf_panic_state(s);
                });
                let c = f.rf_next_is(next, Cmp::Eq, 2 * d - 1);
                f.rf_if(c, |f| {
                    f.rf_store_int(next, 0);
                    f.rf_exit(RF_READY, true);
                });
                let c = f.rf_next_is(next, Cmp::Eq, 2 * d);
                f.rf_if(c, |f| {
                    f.rf_store_int(next, 0);
                    f.rf_exit(RF_DONE, false);
                });
                f.rf_exit(RF_DONE, false);
            });
        }
        self.b.reset_line();
    }

    /// The body closure of a range-over-func loop.
    #[allow(clippy::too_many_arguments)]
    fn lower_rf_body(
        &mut self,
        rf: RfBody,
        caps: &[ObjId],
        key: Option<&'p Expr>,
        value: Option<&'p Expr>,
        define: bool,
        yparams: &[TypeId],
        body: &'p ast::Block,
    ) {
        let prog = self.l.prog;
        self.b.func.global = false;
        let ctx = self.ctx;
        let mut off = 8;
        for &o in caps {
            let p = self.b.load(Ty::I64, ctx, off);
            self.locals.insert(o, Storage::Ptr(p));
            off += 8;
        }
        let next = self.b.load(Ty::I64, ctx, off);
        let state = self.b.load(Ty::I64, ctx, off + 8);
        off += 16;
        let mut results = Vec::new();
        for _ in &rf.results {
            results.push(self.b.load(Ty::I64, ctx, off));
            off += 8;
        }
        let defers = rf.defers.map(|_| self.b.load(Ty::I64, ctx, off));
        self.rf = Some(Box::new(RfBody {
            next,
            state,
            results,
            defers,
            ..rf
        }));
        self.scan_addr_taken_block(body);

        let lhs = [key, value];
        let mut params: Vec<(Option<ObjId>, TypeId)> = Vec::new();
        for (i, &t) in yparams.iter().enumerate() {
            let o = match lhs.get(i).copied().flatten() {
                Some(e) if define => match &e.kind {
                    ExprKind::Ident(id) if id.name != "_" => prog.info.defs.get(&id.id).copied(),
                    _ => None,
                },
                _ => None,
            };
            params.push((o, t));
        }
        let bool_t = prog.basic(BasicKind::Bool);
        let incoming = self.prologue(&params, &[(None, bool_t)]);
        if !define && (key.is_some() || value.is_some()) {
            let kt = yparams.first().copied().unwrap_or(bool_t);
            let vt = yparams.get(1).copied().unwrap_or(bool_t);
            let kv = incoming.first().cloned();
            let vv = incoming.get(1).cloned();
            // gc assigns the targets one after the other here (`for i, a[i] = range seq`
            // indexes with the new i), unlike in ranges over slices.
            if let Some(kv) = kv {
                self.range_assign(key, false, kt, kv);
            }
            if let Some(vv) = vv {
                self.range_assign(value, false, vt, vv);
            }
        }
        // tmp := #state; #state = RF_PANIC; if tmp != RF_READY { panicrangestate(tmp) }
        // (on the `for` line, as gc reports a misused yield)
        let for_line = self.b.func.start_line;
        self.b.line(for_line);
        let tmp = self.b.load(Ty::I64, state, 0);
        self.rf_store_int(state, RF_PANIC);
        let r = self.b.iconst(Ty::I64, RF_READY);
        let c = self.b.icmp(Cmp::Ne, tmp, r);
        self.rf_if(c, |f| f.rf_panic_state(tmp));
        self.b.reset_line();

        self.block(&body.stmts);
        if !self.b.terminated {
            let line = self.line_of(body.rbrace);
            self.b.line(line);
            self.rf_exit(RF_READY, true);
        }
    }

    /// `return` inside a loop body: store the results, then leave every loop of the nest.
    pub(crate) fn rf_return(&mut self, results: &'p [Expr]) {
        let Some(rf) = self.rf.as_ref() else { return };
        let cells = rf.results.clone();
        let types = rf.result_types.clone();
        let next = rf.next;
        let mut vals: Vec<Value> = Vec::new();
        if results.len() == 1 && types.len() > 1 {
            let ts = self.tuple_types(&results[0]);
            let vs = self.multi_value(&results[0]);
            for (i, (v, from)) in vs.into_iter().zip(ts).enumerate() {
                vals.push(self.convert_implicit(v, from, types[i]));
            }
        } else {
            for (i, e) in results.iter().enumerate() {
                let from = self.type_of(e);
                let v = self.expr(e);
                let to = types.get(i).copied().unwrap_or(from);
                let v = self.convert_implicit(v, from, to);
                vals.push(self.snapshot(v, to));
            }
        }
        for ((v, &a), &t) in vals.into_iter().zip(&cells).zip(&types) {
            self.store_value(a, t, v);
        }
        self.rf_store_int(next, -1);
        self.rf_exit(RF_DONE, false);
    }

    /// `defer` inside a loop body: registered for the enclosing function.
    pub(crate) fn rf_defer(&mut self, fv: Var) -> bool {
        match self.rf.as_ref().and_then(|r| r.defers) {
            Some(tok) => {
                self.b.ccall("runtime.deferprocat", vec![fv, tok], &[]);
                true
            }
            None => false,
        }
    }

    /// Whether a branch leaves this loop body (no target for it inside the body).
    pub(crate) fn rf_leaves(&self, kind: BranchKind, label: Option<&str>, found: bool) -> bool {
        let Some(rf) = self.rf.as_ref() else {
            return false;
        };
        match kind {
            BranchKind::Goto => label.is_some_and(|l| !rf.own_labels.contains(l)),
            BranchKind::Break | BranchKind::Continue => !found,
            BranchKind::Fallthrough => false,
        }
    }

    /// A branch out of this loop body.
    pub(crate) fn rf_branch(&mut self, kind: BranchKind, label: Option<&str>) {
        let Some(rf) = self.rf.as_ref() else { return };
        let next = rf.next;
        let own = label.is_none() || rf.label.as_deref() == label;
        if kind != BranchKind::Goto && own {
            if kind == BranchKind::Continue {
                self.rf_exit(RF_READY, true);
            } else {
                self.rf_exit(RF_DONE, false);
            }
            return;
        }
        let Some(label) = label else { return };
        let level = if kind == BranchKind::Goto {
            rf.goto_labels
                .iter()
                .rev()
                .find(|(l, _)| l == label)
                .map_or(0, |(_, lv)| *lv)
        } else {
            match rf.targets.iter().rev().find(|(l, _)| l == label) {
                Some((_, OuterTarget::Loop(d))) => {
                    let v = 2 * *d as i64 - (kind == BranchKind::Continue) as i64;
                    self.rf_store_int(next, v);
                    self.rf_exit(RF_DONE, false);
                    return;
                }
                Some((_, OuterTarget::Plain(lv))) => *lv,
                None => 0,
            }
        };
        let code = self.rf_codes;
        self.rf_codes -= 1;
        self.rf_pending.push(PendingBranch {
            code,
            level,
            kind,
            label: label.to_string(),
        });
        self.rf_store_int(next, code);
        self.rf_exit(RF_DONE, false);
    }
}
