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
use frontend::types::{BasicKind, Builtin, Mode, ObjId, ObjKind, SelectionKind, Type, TypeId};

use super::func::{FnLower, LoopTarget};
use super::value::Value;
use crate::ir::{BlockId, Callee, Cmp, Conv, Terminator, Ty, Var};
use crate::layout::round_up;

/// gc's funcID for compiler-generated wrappers (hidden in tracebacks).
const FUNC_ID_WRAPPER: u8 = 23;

/// Offsets of `hchan.qcount` and `hchan.dataqsiz` (runtime/chan.go).
const HCHAN_QCOUNT: i64 = 0;
const HCHAN_DATAQSIZ: i64 = 8;

/// What a `go` statement calls.
enum GoTarget {
    /// A declared function or a method with a static receiver type.
    Direct(String),
    /// A func value: field 0 of the closure object holds it.
    FuncValue,
    /// A method of an interface value held in field 0.
    Iface {
        name: String,
        pkg: Option<frontend::types::PkgId>,
        sig: TypeId,
    },
    /// `print`/`println` of all fields.
    Print { newline: bool },
    /// `close(field 0)`.
    Close,
    /// `panic(field 0)`, an `any`.
    Panic,
}

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
        self.snapshot(v, t)
    }

    // ------------------------------------------------------------------------------------------
    // go statements.

    /// `go f(args)`.
    pub fn go_stmt(&mut self, call: &'p Expr) {
        let prog = self.l.prog;
        let call_u = call.unparen();
        let ExprKind::Call {
            func,
            args,
            ellipsis,
            ..
        } = &call_u.kind
        else {
            self.l
                .error(call.pos, "rgo: expression in go must be function call");
            return;
        };
        let func_u = func.unparen();
        let ftv = prog.info.types.get(&func_u.id).cloned();
        if let Some(Mode::Builtin) = ftv.as_ref().map(|t| t.mode) {
            self.go_builtin(call, func_u, args);
            return;
        }
        let fty = ftv.map(|t| t.typ).unwrap_or_else(|| self.type_of(func_u));
        let Type::Func(sig) = prog.ty(prog.underlying(fty)).clone() else {
            self.l.error(call.pos, "rgo: go of a non-function");
            return;
        };
        let spread = ellipsis.is_some();

        // The callee, and the values the wrapper needs, evaluated here in gc's order (callee
        // or receiver first, then the arguments).
        let mut fields: Vec<(Value, TypeId)> = Vec::new();
        let mut ptypes: Vec<TypeId> = Vec::new();
        let direct_obj = match &func_u.kind {
            ExprKind::Ident(id) => prog.info.uses.get(&id.id).copied(),
            ExprKind::Selector { sel, .. } if !prog.info.selections.contains_key(&func_u.id) => {
                prog.info.uses.get(&sel.id).copied()
            }
            _ => None,
        }
        .filter(|o| self.is_func_obj(*o));
        let method = match &func_u.kind {
            ExprKind::Selector { x, .. } => prog
                .info
                .selections
                .get(&func_u.id)
                .filter(|s| s.kind == SelectionKind::MethodVal)
                .cloned()
                .map(|s| (x, s)),
            _ => None,
        };
        let no_wrapper = sig.params.is_empty() && sig.results.is_empty() && method.is_none();
        if no_wrapper {
            // Already a `func()`: hand its funcval to newproc.
            let fv = match direct_obj {
                Some(o) => {
                    let sym = self.l.func_symbol(o);
                    let fv = self.l.funcval_sym(&sym);
                    self.b.sym_addr(&fv, 0)
                }
                None => self.word_operand(func_u),
            };
            self.b.ccall("runtime.newproc", vec![fv], &[]);
            return;
        }
        let target = if let Some((x, s)) = method {
            if self.is_interface(self.type_of(x)) || self.holder_is_interface(x, &s.index) {
                let (iv, it) = if s.index.is_empty() {
                    let xt = self.type_of(x);
                    let v = self.expr(x);
                    (self.snapshot(v, xt), xt)
                } else {
                    self.embedded_value(x, &s.index)
                };
                // gc checks the interface for nil in the `go` statement itself, with a load
                // that faults (so the panic carries gc's `[signal SIGSEGV …]` line).
                let tab = self.to_flat(iv.clone(), it)[0];
                self.b.load(Ty::I64, tab, 0);
                fields.push((iv, it));
                let obj = prog.obj(s.obj);
                GoTarget::Iface {
                    name: obj.name.clone(),
                    pkg: obj.pkg,
                    sig: self.method_sig(s.obj),
                }
            } else {
                let recv = self.method_receiver(x, &s.index, s.obj);
                let (recv_t, _) = self.method_recv_type(s.obj);
                fields.push((recv, recv_t));
                ptypes.push(recv_t);
                GoTarget::Direct(self.l.func_symbol(s.obj))
            }
        } else if let Some(o) = direct_obj {
            GoTarget::Direct(self.l.func_symbol(o))
        } else {
            let fv = self.expr(func_u);
            fields.push((fv, fty));
            GoTarget::FuncValue
        };
        let nhead = fields.len();
        fields.extend(self.call_args(args, &sig, spread));
        ptypes.extend(sig.params.iter().copied());
        self.go_spawn(call, target, fields, nhead, &ptypes, &sig.results);
    }

    /// `go` of a builtin (gc wraps those too): print/println, close and panic.
    fn go_builtin(&mut self, call: &'p Expr, func_u: &'p Expr, args: &'p [Expr]) {
        let prog = self.l.prog;
        let b = match &func_u.kind {
            ExprKind::Ident(id) => prog.info.uses.get(&id.id).copied(),
            _ => None,
        }
        .and_then(|o| match prog.obj(o).kind {
            ObjKind::Builtin(b) => Some(b),
            _ => None,
        });
        let mut fields: Vec<(Value, TypeId)> = Vec::new();
        let target = match b {
            Some(Builtin::Print | Builtin::Println) => {
                for a in args {
                    let t = self.type_of(a);
                    let v = self.expr(a);
                    fields.push((self.snapshot(v, t), t));
                }
                GoTarget::Print {
                    newline: b == Some(Builtin::Println),
                }
            }
            Some(Builtin::Close) if args.len() == 1 => {
                let t = self.type_of(&args[0]);
                let v = self.expr(&args[0]);
                fields.push((v, t));
                GoTarget::Close
            }
            Some(Builtin::Panic) if args.len() == 1 => {
                let t = self.type_of(&args[0]);
                let v = self.expr(&args[0]);
                let any = prog.any_type();
                let v = self.convert_implicit(v, t, any);
                fields.push((v, any));
                GoTarget::Panic
            }
            _ => {
                self.l
                    .error(call.pos, "rgo: go with this builtin is not supported yet");
                return;
            }
        };
        let n = fields.len();
        self.go_spawn(call, target, fields, n, &[], &[]);
    }

    /// Packs `fields` (the first `nhead` describe the callee, the rest are the arguments, of
    /// parameter types `ptypes`) into a `gowrapN` closure, starts a goroutine on it, and
    /// generates the wrapper.
    fn go_spawn(
        &mut self,
        call: &'p Expr,
        target: GoTarget,
        fields: Vec<(Value, TypeId)>,
        nhead: usize,
        ptypes: &[TypeId],
        results: &[TypeId],
    ) {
        // The closure object: {F, X0, X1, ...} with each value at its natural alignment.
        let mut off = 8u64;
        let mut offs = Vec::new();
        let mut ptr_words = Vec::new();
        for (_, t) in fields.iter() {
            let lay = self.l.lay.of(*t);
            off = round_up(off, lay.align);
            offs.push(off);
            ptr_words.extend(lay.ptr_words.iter().map(|w| w + off));
            off += lay.size;
        }
        let size = round_up(off, 8);
        let n = self.next_wrapper_index();
        let name = format!("{}.gowrap{n}", self.closure_base);
        let fv = if fields.is_empty() {
            let fvs = self.l.funcval_sym(&name);
            self.b.sym_addr(&fvs, 0)
        } else {
            // Named after the wrapper (as defer.rs names its closures): type strings of the
            // captured values are not unique (local types), their layouts may differ.
            let typ_sym = self
                .l
                .types
                .synthetic(&format!("{name}·closure"), size, &ptr_words);
            let typ = self.b.sym_addr(&typ_sym, 0);
            let obj = self.b.ccall("runtime.newobject", vec![typ], &[Ty::I64])[0];
            let code = self.b.sym_addr(&name, 0);
            self.b.store(obj, 0, code);
            for ((v, t), o) in fields.iter().zip(&offs) {
                let a = self.b.add_imm(obj, *o as i64);
                self.store_value(a, *t, v.clone());
            }
            obj
        };
        self.b.ccall("runtime.newproc", vec![fv], &[]);

        // The wrapper: unpack the closure and make the call.
        let line = self.line_of(call.pos);
        let types: Vec<TypeId> = fields.iter().map(|(_, t)| *t).collect();
        let mut w = FnLower::new(&mut *self.l, name.clone(), call.pos, name, true);
        w.b.func.global = false;
        w.b.func.func_id = FUNC_ID_WRAPPER;
        w.incoming_params(&[], &[]);
        w.b.line(line);
        let mut vals: Vec<(Value, TypeId)> = Vec::new();
        for (t, o) in types.iter().zip(&offs) {
            let a = w.b.add_imm(w.ctx, *o as i64);
            let v = w.load_value(a, *t);
            vals.push((w.snapshot(v, *t), *t));
        }
        let args = vals.split_off(nhead.min(vals.len()));
        match target {
            GoTarget::Direct(sym) => {
                let mut all = vals;
                all.extend(args);
                let ctx = w.b.iconst(Ty::I64, 0);
                w.emit_go_call(Callee::Direct(sym), ctx, ptypes, all, results);
            }
            GoTarget::FuncValue => {
                let fv = vals
                    .first()
                    .and_then(|(v, _)| v.scalar())
                    .unwrap_or_else(|| w.b.iconst(Ty::I64, 0));
                let code = w.b.load(Ty::I64, fv, 0);
                w.emit_go_call(Callee::Indirect(code), fv, ptypes, args, results);
            }
            GoTarget::Iface { name, pkg, sig: st } => {
                if let Some((iv, it)) = vals.into_iter().next() {
                    w.iface_call_value(iv, it, &name, pkg, st, args, results);
                }
            }
            GoTarget::Print { newline } => {
                w.b.ccall("runtime.printlock", vec![], &[]);
                for (i, (v, t)) in vals.into_iter().enumerate() {
                    if newline && i > 0 {
                        w.b.ccall("runtime.printsp", vec![], &[]);
                    }
                    w.print_value(v, t);
                }
                if newline {
                    w.b.ccall("runtime.printnl", vec![], &[]);
                }
                w.b.ccall("runtime.printunlock", vec![], &[]);
            }
            GoTarget::Close => {
                if let Some((v, t)) = vals.into_iter().next() {
                    let c = w.to_flat(v, t)[0];
                    w.b.ccall("runtime.closechan", vec![c], &[]);
                }
            }
            GoTarget::Panic => {
                if let Some((v, t)) = vals.into_iter().next() {
                    let e = w.to_flat(v, t);
                    w.b.ccall_noreturn("runtime.gopanic", vec![e[0], e[1]]);
                }
            }
        }
        w.b.terminate(Terminator::Return(vec![]));
        let f = w.b.finish();
        self.l.module.functions.push(f);
    }

    /// The next N for `outer.gowrapN`: gc numbers the go and defer wrappers of one function
    /// with one counter (ir.closureName's goDeferGen), shared here with defer.rs.
    fn next_wrapper_index(&mut self) -> u32 {
        self.defer_count += 1;
        self.defer_count
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
        let zero = self.b.iconst(Ty::I64, 0);
        let res = self.b.var(Ty::I64);
        self.emit_copy(res, zero);
        let isnil = self.b.icmp(Cmp::Eq, c, zero);
        let load = self.b.block();
        let done = self.b.block();
        self.b.branch(isnil, done, load);
        self.b.switch_to(load);
        let off = if cap { HCHAN_DATAQSIZ } else { HCHAN_QCOUNT };
        let n = self.b.load(Ty::I64, c, off);
        self.emit_copy(res, n);
        self.b.jump(done);
        self.b.switch_to(done);
        Value::Flat(vec![res])
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
                let ot = self.l.prog.obj(o).typ;
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
