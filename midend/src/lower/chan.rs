//! Goroutines and channels: `go` statements, `make(chan T, n)`, send, receive (with comma-ok),
//! `close`, `len`/`cap` of channels, `for range ch`, and `select`.
//!
//! Each entry point below is called by the statement/expression lowering; they lower to calls of
//! the runtime's scheduler and channel functions (docs/abi.md, "Goroutines and channels"), in the
//! shapes gc's walk produces:
//!
//! - `go f(x, y)` evaluates the callee and the arguments in the current goroutine, stores them in
//!   a closure object `{F: pkg.outer.gowrapN, X0, X1, …}` and calls `runtime.newproc(closure)`;
//!   the generated wrapper `pkg.outer.gowrapN` (funcID wrapper, hidden in tracebacks) loads them
//!   back and makes the call. A call of a `func()` value or function needs no wrapper: its
//!   funcval goes to `newproc` directly (gc's normalizeGoDeferCall).
//! - Channel values are `*hchan`; elements are passed to the runtime by address (`chansend1`,
//!   `chanrecv1`/`chanrecv2` write into a temporary). `len`/`cap` are inline loads of
//!   `hchan.qcount`/`hchan.dataqsiz` behind a nil check, as gc does.
//! - `select`: no cases → `runtime.block`; one case → the plain operation; one case and default
//!   → `selectnbsend`/`selectnbrecv`; otherwise `selectgo` over a stack array of
//!   `scase {c, elem}` (sends first, receives from the end backwards, as gc orders them).

use frontend::ast::{self, AssignOp, Expr, ExprKind, StmtKind, UnaryOp};
use frontend::types::{BasicKind, ObjId, Type, TypeId};

use super::defer::WrapKind;
use super::func::{FnLower, LoopTarget};
use super::value::Value;
use crate::ir::{BlockId, Cmp, Conv, Terminator, Ty, Var};

/// One communication clause of a `select`, with its operands evaluated.
enum Comm<'p> {
    Send {
        c: Var,
        elem: Var,
    },
    Recv {
        c: Var,
        elem_t: TypeId,
        /// Temporary receiving the value (None when no assignment uses it).
        tmp: Option<Var>,
        lhs: &'p [Expr],
        define: bool,
    },
    Default,
}

impl<'a, 'p> FnLower<'a, 'p> {
    /// The element type of a channel type.
    fn chan_elem(&self, t: TypeId) -> TypeId {
        match self.l.prog.ty(self.l.prog.underlying(t)) {
            Type::Chan(_, e) => *e,
            _ => t,
        }
    }

    /// Evaluates a one-word expression (a channel's `*hchan`, a func value) to its register.
    fn word_operand(&mut self, e: &'p Expr) -> Var {
        let v = self.expr(e);
        v.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0))
    }

    /// Address of a private copy of `v` (of element type `t`) for the runtime to read, or
    /// null for a zero-size element (the runtime never copies those).
    fn elem_arg(&mut self, v: Value, t: TypeId) -> Var {
        if self.l.lay.size(t) == 0 {
            return self.b.iconst(Ty::I64, 0);
        }
        let v = self.snapshot(v, t);
        self.value_addr(v, t)
    }

    /// A stack temporary the runtime writes a received element into (null for size 0).
    fn recv_temp(&mut self, t: TypeId) -> Var {
        let lay = self.l.lay.of(t);
        if lay.size == 0 {
            return self.b.iconst(Ty::I64, 0);
        }
        let s = self.b.slot(lay.size, lay.align);
        self.b.slot_addr(s)
    }

    /// The value received into `tmp` (see [`Self::recv_temp`]).
    fn recv_value(&mut self, tmp: Var, t: TypeId) -> Value {
        if self.l.lay.size(t) == 0 {
            return self.zero_value(t);
        }
        let v = self.load_value(tmp, t);
        let v = self.snapshot(v, t);
        // The temporary is reused by the next receive (a `for range ch` loop): cleared, it
        // keeps no dead element alive for the collector's precise scan of this frame, which
        // treats it as live while its address is (rt/src/mgcstack.rs).
        let lay = self.l.lay.of(t);
        if !lay.ptr_words.is_empty() {
            self.b.memzero(tmp, lay.ptr_bytes());
        }
        v
    }

    // ------------------------------------------------------------------------------------------
    // go statements.

    /// `go f(args)`: the callee and arguments are evaluated here (into a `gowrapN` closure
    /// unless the call is already a plain `func()`), and the goroutine starts on that funcval.
    pub fn go_stmt(&mut self, call: &'p Expr) {
        if let Some(fv) = self.bind_call(call, WrapKind::Go) {
            self.b.ccall("runtime.newproc", vec![fv], &[]);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Channel operations.

    /// `make(chan T[, size])`; `t` is the channel type.
    pub fn make_chan(&mut self, e: &'p Expr, t: TypeId, size: Option<&'p Expr>) -> Value {
        let _ = e;
        let n = match size {
            Some(s) => {
                let st = self.type_of(s);
                let signed = self.is_signed(st);
                let v = self.expr(s);
                let v = v.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                // An unsigned size above MaxInt64 becomes negative: makechan rejects it.
                self.b.int_resize(v, Ty::I64, signed)
            }
            None => self.b.iconst(Ty::I64, 0),
        };
        let typ = self.type_desc(t);
        let c = self.b.ccall("runtime.makechan", vec![typ, n], &[Ty::I64])[0];
        Value::Flat(vec![c])
    }

    /// `ch <- v`.
    pub fn chan_send(&mut self, s: &'p ast::Stmt, ch: &'p Expr, v: &'p Expr) {
        let _ = s;
        let et = self.chan_elem(self.type_of(ch));
        let c = self.word_operand(ch);
        let vt = self.type_of(v);
        let val = self.expr(v);
        let val = self.convert_implicit(val, vt, et);
        let ep = self.elem_arg(val, et);
        self.b.ccall("runtime.chansend1", vec![c, ep], &[]);
    }

    /// `<-ch` (the `Unary{Recv}` expression `e`); with `comma_ok` also the ok flag.
    pub fn chan_recv(&mut self, e: &'p Expr, comma_ok: bool) -> Vec<Value> {
        let ExprKind::Unary { x, .. } = &e.unparen().kind else {
            self.l.error(e.pos, "rgo: malformed receive expression");
            return vec![];
        };
        let et = self.chan_elem(self.type_of(x));
        let c = self.word_operand(x);
        let tmp = self.recv_temp(et);
        if comma_ok {
            let ok = self.b.ccall("runtime.chanrecv2", vec![c, tmp], &[Ty::I8])[0];
            let v = self.recv_value(tmp, et);
            vec![v, Value::Flat(vec![ok])]
        } else {
            self.b.ccall("runtime.chanrecv1", vec![c, tmp], &[]);
            vec![self.recv_value(tmp, et)]
        }
    }

    /// `close(ch)`.
    pub fn chan_close(&mut self, e: &'p Expr, ch: &'p Expr) {
        let _ = e;
        let c = self.word_operand(ch);
        self.b.ccall("runtime.closechan", vec![c], &[]);
    }

    /// `len(ch)` / `cap(ch)` of a channel value: 0 for nil, else the hchan field.
    pub fn chan_len_cap(&mut self, e: &'p Expr, ch: Value, cap: bool) -> Value {
        let _ = e;
        let c = ch.scalar().unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
        // A call, not a load of qcount/dataqsiz: a timer's channel reports 0 for both (gc
        // 1.23 calls runtime.chanlen/chancap for the same reason).
        let f = if cap {
            "runtime.chancap"
        } else {
            "runtime.chanlen"
        };
        let n = self.b.ccall(f, vec![c], &[Ty::I64])[0];
        Value::Flat(vec![n])
    }

    /// Assigns a received value (or ok flag) to a `range`/`select` target, declaring it when
    /// `define` (a fresh variable per iteration, as Go 1.22 requires).
    fn bind_received(&mut self, target: &'p Expr, define: bool, t: TypeId, v: Value) {
        if let ExprKind::Ident(id) = &target.kind {
            if id.name == "_" {
                return;
            }
            if define && let Some(&o) = self.l.prog.info.defs.get(&id.id) {
                let o: ObjId = o;
                let ot = self.l.obj_type(o);
                let v = self.convert_implicit(v, t, ot);
                self.declare_local(o, ot, Some(v));
                return;
            }
        }
        let pt = self.type_of(target);
        let v = self.convert_implicit(v, t, pt);
        let p = self.place(target);
        self.store_place(&p, pt, v);
    }

    /// `for [k =|:=] range ch { body }`: receive until the channel is closed and drained.
    pub fn range_chan(
        &mut self,
        s_pos: ast::Pos,
        key: Option<&'p Expr>,
        define: bool,
        x: &'p Expr,
        body: &'p ast::Block,
    ) {
        let label = self.pending_label.take();
        let et = self.chan_elem(self.type_of(x));
        let c = self.word_operand(x);
        let tmp = self.recv_temp(et);
        let head = self.b.block();
        let bodyb = self.b.block();
        let done = self.b.block();
        self.b.jump(head);
        self.b.switch_to(head);
        self.b.reset_line();
        let line = self.line_of(s_pos);
        self.b.line(line);
        let ok = self.b.ccall("runtime.chanrecv2", vec![c, tmp], &[Ty::I8])[0];
        self.b.branch(ok, bodyb, done);
        self.b.switch_to(bodyb);
        self.b.reset_line();
        if let Some(k) = key {
            let v = self.recv_value(tmp, et);
            self.bind_received(k, define, et, v);
        }
        self.targets.push(LoopTarget {
            label,
            brk: done,
            cont: Some(head),
        });
        self.block(&body.stmts);
        self.targets.pop();
        self.b.jump(head);
        self.b.switch_to(done);
        self.b.reset_line();
    }

    // ------------------------------------------------------------------------------------------
    // select.

    /// Splits a communication clause into its operation and evaluates its operands.
    fn select_comm(&mut self, cc: &'p ast::CommClause) -> Option<Comm<'p>> {
        let Some(comm) = &cc.comm else {
            return Some(Comm::Default);
        };
        let recv = |e: &'p Expr| match &e.unparen().kind {
            ExprKind::Unary {
                op: UnaryOp::Recv,
                x,
            } => Some(&**x),
            _ => None,
        };
        let (x, lhs, define): (&'p Expr, &'p [Expr], bool) = match &comm.kind {
            StmtKind::Send { chan, value } => {
                let et = self.chan_elem(self.type_of(chan));
                let c = self.word_operand(chan);
                let vt = self.type_of(value);
                let v = self.expr(value);
                let v = self.convert_implicit(v, vt, et);
                let elem = self.elem_arg(v, et);
                return Some(Comm::Send { c, elem });
            }
            StmtKind::Expr(e) => (recv(e)?, &[], false),
            StmtKind::Assign { lhs, op, rhs, .. } if rhs.len() == 1 => {
                (recv(&rhs[0])?, &lhs[..], *op == AssignOp::Define)
            }
            _ => return None,
        };
        let elem_t = self.chan_elem(self.type_of(x));
        let c = self.word_operand(x);
        let used = lhs
            .first()
            .is_some_and(|e| !matches!(&e.kind, ExprKind::Ident(id) if id.name == "_"));
        let tmp = used.then(|| self.recv_temp(elem_t));
        Some(Comm::Recv {
            c,
            elem_t,
            tmp,
            lhs,
            define,
        })
    }

    /// The assignments of a chosen receive clause, then its body.
    fn select_body(&mut self, comm: &Comm<'p>, ok: Option<Var>, body: &'p [ast::Stmt]) {
        if let Comm::Recv {
            elem_t,
            tmp,
            lhs,
            define,
            ..
        } = comm
        {
            if let (Some(target), Some(tmp)) = (lhs.first(), tmp) {
                let v = self.recv_value(*tmp, *elem_t);
                self.bind_received(target, *define, *elem_t, v);
            }
            if let (Some(target), Some(ok)) = (lhs.get(1), ok) {
                let bt = self.l.prog.basic(BasicKind::Bool);
                self.bind_received(target, *define, bt, Value::Flat(vec![ok]));
            }
        }
        self.block(body);
    }

    /// `select { ... }`.
    pub fn select_stmt(&mut self, s: &'p ast::Stmt, clauses: &'p [ast::CommClause]) {
        let label = self.pending_label.take();
        let done = self.b.block();
        self.targets.push(LoopTarget {
            label,
            brk: done,
            cont: None,
        });
        let ncomm = clauses.iter().filter(|c| c.comm.is_some()).count();
        let has_default = ncomm < clauses.len();
        match (ncomm, has_default) {
            (0, false) => {
                self.b.ccall_noreturn("runtime.block", vec![]);
            }
            (0, true) => self.block(&clauses[0].body),
            (1, false) => {
                // A plain channel operation (the clause's statement lowered as written).
                let cc = &clauses[0];
                if let Some(comm) = &cc.comm {
                    self.stmt(comm);
                }
                self.block(&cc.body);
            }
            _ => self.select_general(s, clauses, ncomm, has_default, done),
        }
        self.targets.pop();
        self.b.jump(done);
        self.b.switch_to(done);
        self.b.reset_line();
    }

    fn select_general(
        &mut self,
        s: &'p ast::Stmt,
        clauses: &'p [ast::CommClause],
        ncomm: usize,
        has_default: bool,
        done: BlockId,
    ) {
        // Operands in source order.
        let mut comms = Vec::new();
        for cc in clauses {
            match self.select_comm(cc) {
                Some(c) => comms.push(c),
                None => {
                    self.l.error(cc.pos, "rgo: malformed select case");
                    return;
                }
            }
        }
        let bodies: Vec<BlockId> = clauses.iter().map(|_| self.b.block()).collect();
        let default_idx = comms.iter().position(|c| matches!(c, Comm::Default));

        if ncomm == 1 && has_default {
            let (ci, comm) = comms
                .iter()
                .enumerate()
                .find(|(_, c)| !matches!(c, Comm::Default))
                .unwrap_or((0, &Comm::Default));
            let dflt = bodies[default_idx.unwrap_or(0)];
            let ok = match comm {
                Comm::Send { c, elem } => {
                    let sel = self
                        .b
                        .ccall("runtime.selectnbsend", vec![*c, *elem], &[Ty::I8])[0];
                    self.b.branch(sel, bodies[ci], dflt);
                    None
                }
                Comm::Recv { c, tmp, .. } => {
                    let ep = tmp.unwrap_or_else(|| self.b.iconst(Ty::I64, 0));
                    let r = self
                        .b
                        .ccall("runtime.selectnbrecv", vec![ep, *c], &[Ty::I64, Ty::I64]);
                    let sel = self.b.convert(Conv::Trunc, r[0], Ty::I8);
                    let ok = self.b.convert(Conv::Trunc, r[1], Ty::I8);
                    self.b.branch(sel, bodies[ci], dflt);
                    Some(ok)
                }
                Comm::Default => None,
            };
            for (i, cc) in clauses.iter().enumerate() {
                self.b.switch_to(bodies[i]);
                self.b.reset_line();
                self.select_body(&comms[i], if i == ci { ok } else { None }, &cc.body);
                self.b.jump(done);
            }
            return;
        }

        // gc's case order: sends in source order from the front, receives from the back.
        let nsends = comms
            .iter()
            .filter(|c| matches!(c, Comm::Send { .. }))
            .count();
        let nrecvs = ncomm - nsends;
        let mut index = vec![usize::MAX; comms.len()];
        let (mut si, mut ri) = (0, 0);
        for (k, c) in comms.iter().enumerate() {
            match c {
                Comm::Send { .. } => {
                    index[k] = si;
                    si += 1;
                }
                Comm::Recv { .. } => {
                    ri += 1;
                    index[k] = ncomm - ri;
                }
                Comm::Default => {}
            }
        }
        let cas_slot = self.b.slot(16 * ncomm as u64, 8);
        let cas = self.b.slot_addr(cas_slot);
        for (k, c) in comms.iter().enumerate() {
            let (ch, elem) = match c {
                Comm::Send { c, elem } => (*c, *elem),
                Comm::Recv { c, tmp, .. } => (*c, tmp.unwrap_or_else(|| self.b.iconst(Ty::I64, 0))),
                Comm::Default => continue,
            };
            self.b.store(cas, 16 * index[k] as i64, ch);
            self.b.store(cas, 16 * index[k] as i64 + 8, elem);
        }
        let order_slot = self.b.slot(4 * ncomm as u64, 2);
        let order = self.b.slot_addr(order_slot);
        let line = self.line_of(s.pos);
        self.b.line(line);
        let pc0 = self.b.iconst(Ty::I64, 0);
        let ns = self.b.iconst(Ty::I64, nsends as i64);
        let nr = self.b.iconst(Ty::I64, nrecvs as i64);
        let blk = self.b.iconst(Ty::I8, (!has_default) as i64);
        let r = self.b.ccall(
            "runtime.selectgo",
            vec![cas, order, pc0, ns, nr, blk],
            &[Ty::I64, Ty::I64],
        );
        let chosen = r[0];
        let recv_ok = self.b.convert(Conv::Trunc, r[1], Ty::I8);
        // Dispatch on the chosen index (-1: default).
        for (k, c) in comms.iter().enumerate() {
            let want = match c {
                Comm::Default => -1,
                _ => index[k] as i64,
            };
            let kv = self.b.iconst(Ty::I64, want);
            let hit = self.b.icmp(Cmp::Eq, chosen, kv);
            let next = self.b.block();
            self.b.branch(hit, bodies[k], next);
            self.b.switch_to(next);
        }
        self.b.terminate(Terminator::Unreachable);
        for (k, cc) in clauses.iter().enumerate() {
            self.b.switch_to(bodies[k]);
            self.b.reset_line();
            self.select_body(&comms[k], Some(recv_ok), &cc.body);
            self.b.jump(done);
        }
    }
}
