//! gc's `hairyVisitor`: the cost of a function body in gc's IR nodes, and the constructs that
//! make a function impossible to inline whatever its cost.
//!
//! rgo walks the checked AST, but gc counts the nodes of its own IR as the unified IR reader
//! builds it, so each AST construct is charged what its gc IR shape costs (the module essay in
//! `mod.rs` lists the shapes). The running `budget` starts at the function's maximum and goes
//! below zero when the function is too expensive; the whole body is always visited, as gc does
//! under `-m=2`, so the cost reported is the complete one.

use frontend::ast::{
    AssignOp, BinaryOp, Block, BranchKind, Decl, Expr, ExprKind, Stmt, StmtKind, UnaryOp,
};
use frontend::types::{BasicKind, Builtin, Mode, ObjId, ObjKind, SelectionKind, Type, TypeId};

use super::{
    BIG_FUNCTION_MAX_COST, CLOSURE_BUDGET_FACTOR, EXTRA_CALL_COST, EXTRA_PANIC_COST,
    EXTRA_THROW_COST, FnKey, Inliner, MAX_BUDGET, PARAM_CALL_COST,
};

/// What the visitor found out about one body.
pub(super) struct Hairy {
    /// The budget left (negative: too expensive).
    pub budget: i32,
    /// Why the function can never be inlined, if it cannot.
    pub reason: Option<String>,
}

pub(super) struct Visitor<'a, 'p> {
    pub inl: &'a mut Inliner<'p>,
    /// The function whose body is costed.
    pub cur: FnKey,
    /// Whether `cur` is "big" (gc's `IsBigFunc`): inlinees then must cost at most 20.
    pub big: bool,
    pub budget: i32,
    pub reason: Option<String>,
    /// Parameters of `cur` and variables it captures: calling one costs less (gc's
    /// `inlineParamCallCost`).
    pub cheap_callees: std::collections::HashSet<ObjId>,
    /// Variables known to hold a function (in a literal copied by inlining).
    pub env: Option<std::rc::Rc<std::collections::HashMap<ObjId, FnKey>>>,
}

impl<'p> Visitor<'_, 'p> {
    fn hairy(&mut self, why: impl Into<String>) {
        if self.reason.is_none() {
            self.reason = Some(why.into());
        }
    }

    fn charge(&mut self, n: i32) {
        self.budget -= n;
    }

    pub fn block(&mut self, b: &'p Block) {
        self.stmts(&b.stmts);
    }

    fn stmts(&mut self, ss: &'p [Stmt]) {
        for s in super::live_stmts(self.inl.prog, ss) {
            if self.reason.is_some() {
                return;
            }
            self.stmt(s);
        }
    }

    fn opt_stmt(&mut self, s: &'p Option<Box<Stmt>>) {
        if let Some(s) = s {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &'p Stmt) {
        let prog = self.inl.prog;
        match &s.kind {
            StmtKind::Empty | StmtKind::Bad => {}
            StmtKind::Decl(Decl::Var(g)) => {
                for spec in &g.specs {
                    if spec.values.is_empty() {
                        // `var x T`: OAS(x, nil) with an ODCL(x) init, per name.
                        self.charge(4 * spec.names.len() as i32);
                    } else {
                        // One OAS (or OAS2), the ODCLs and the names.
                        let news = spec.names.iter().filter(|n| !n.is_blank()).count() as i32;
                        self.charge(1 + 2 * news + spec.names.len() as i32);
                        let dst: Vec<Option<TypeId>> = spec
                            .names
                            .iter()
                            .map(|n| prog.info.defs.get(&n.id).map(|&o| prog.obj(o).typ))
                            .collect();
                        self.values(&spec.values, &dst);
                    }
                }
            }
            StmtKind::Decl(_) => {}
            StmtKind::Labeled { stmt, .. } => {
                self.charge(1);
                self.stmt(stmt);
            }
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Send { chan, value } => {
                self.charge(1);
                self.expr(chan);
                let elem = self
                    .type_of(chan)
                    .and_then(|t| match prog.ty(prog.underlying(t)) {
                        Type::Chan(_, e) => Some(*e),
                        _ => None,
                    });
                self.value(value, elem);
            }
            StmtKind::IncDec { x, .. } => {
                // OASOP with an OLITERAL 1.
                self.charge(2);
                self.expr(x);
            }
            StmtKind::Assign { lhs, op, rhs, .. } => match op {
                AssignOp::Assign | AssignOp::Define => {
                    let news = if *op == AssignOp::Define {
                        lhs.iter()
                            .filter(|l| {
                                matches!(&l.kind, ExprKind::Ident(id) if !id.is_blank()
                                    && prog.info.defs.contains_key(&id.id))
                            })
                            .count() as i32
                    } else {
                        0
                    };
                    self.charge(1 + 2 * news);
                    let mut dst = Vec::new();
                    for l in lhs {
                        self.expr(l);
                        dst.push(self.type_of(l));
                    }
                    self.values(rhs, &dst);
                }
                _ => {
                    self.charge(1);
                    for e in lhs.iter().chain(rhs) {
                        self.expr(e);
                    }
                }
            },
            StmtKind::Go(_) => self.hairy("unhandled op GO"),
            StmtKind::Defer(_) => self.hairy("unhandled op DEFER"),
            StmtKind::Return(results) => {
                self.charge(1);
                let dst_len = self.inl.result_types(self.cur).len();
                if results.len() == 1 && dst_len > 1 {
                    // `return f()` with several results goes through temporaries: an OAS2,
                    // and per result an ODCL, its name, the assigned and the returned name.
                    self.charge(1 + 4 * dst_len as i32);
                }
                let dst = self.inl.result_types(self.cur);
                self.values(results, &dst);
            }
            StmtKind::Branch { kind, .. } => {
                if *kind != BranchKind::Fallthrough {
                    self.charge(1);
                }
            }
            StmtKind::Block(b) => self.block(b),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                let known = super::static_bool(prog, cond);
                if known != 0 {
                    // gc's reader flattens the if into its init, `_ = cond` when the
                    // condition is not a constant, and the live branch.
                    self.opt_stmt(init);
                    if self.const_bool(cond).is_none() {
                        self.charge(2);
                        self.expr(cond);
                    }
                    if known > 0 {
                        self.block(then);
                    } else {
                        self.opt_stmt(els);
                    }
                    return;
                }
                self.charge(1);
                self.opt_stmt(init);
                self.expr(cond);
                self.block(then);
                self.opt_stmt(els);
            }
            StmtKind::Switch {
                init, tag, body, ..
            } => {
                self.charge(1);
                self.opt_stmt(init);
                if let Some(only) = super::static_switch(prog, tag.as_ref(), body) {
                    // A constant switch keeps one clause (an OCASE), or none.
                    if let Some(i) = only {
                        self.charge(1);
                        self.stmts(&body[i].body);
                    }
                    return;
                }
                let tag_t = tag.as_ref().and_then(|t| {
                    self.expr(t);
                    self.type_of(t)
                });
                for c in body {
                    self.charge(1);
                    for e in &c.exprs {
                        self.value(e, tag_t);
                    }
                    self.stmts(&c.body);
                }
            }
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                body,
                ..
            } => {
                // OSWITCH, the OTYPESW guard (with its tag name), one OCASE per clause with
                // its variable.
                self.charge(2 + i32::from(bind.is_some()));
                self.opt_stmt(init);
                self.expr(x);
                for c in body {
                    self.charge(1 + i32::from(bind.is_some()));
                    for e in &c.exprs {
                        self.expr(e);
                    }
                    self.stmts(&c.body);
                }
            }
            StmtKind::Select { body, .. } => {
                self.charge(1);
                for c in body {
                    self.charge(1);
                    self.opt_stmt(&c.comm);
                    self.stmts(&c.body);
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                if let Some(c) = cond
                    && super::static_bool(prog, c) < 0
                {
                    // The reader keeps only the init of `for init; false; post {}`.
                    self.opt_stmt(init);
                    return;
                }
                self.charge(1);
                self.opt_stmt(init);
                if let Some(c) = cond {
                    self.expr(c);
                }
                self.opt_stmt(post);
                self.block(body);
            }
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => {
                self.charge(1);
                for v in [key, value].into_iter().flatten() {
                    if *define {
                        match &v.kind {
                            // ODCL and its name, then the key/value name.
                            ExprKind::Ident(id) if !id.is_blank() => self.charge(3),
                            // The blank name.
                            _ => self.charge(1),
                        }
                    } else {
                        self.expr(v);
                    }
                }
                self.expr(x);
                self.block(body);
            }
        }
    }

    /// Values assigned to destinations of the given types (an implicit conversion to an
    /// interface is one more node). One call with several results assigns them all.
    fn values(&mut self, vals: &'p [Expr], dst: &[Option<TypeId>]) {
        if vals.len() == 1 && dst.len() > 1 {
            self.expr(&vals[0]);
            return;
        }
        for (i, v) in vals.iter().enumerate() {
            self.value(v, dst.get(i).copied().flatten());
        }
    }

    /// An expression converted implicitly to `dst` when that is an interface.
    fn value(&mut self, e: &'p Expr, dst: Option<TypeId>) {
        if let Some(d) = dst
            && self.needs_conv_iface(e, d)
        {
            self.charge(1);
        }
        self.expr(e);
    }

    fn needs_conv_iface(&self, e: &Expr, dst: TypeId) -> bool {
        let prog = self.inl.prog;
        if !self.is_interface(dst) {
            return false;
        }
        let Some(tv) = prog.info.types.get(&e.id) else {
            return false;
        };
        if matches!(prog.ty(tv.typ), Type::Basic(BasicKind::UntypedNil)) || tv.mode == Mode::Builtin
        {
            return false;
        }
        !prog.identical(tv.typ, dst)
    }

    fn is_interface(&self, t: TypeId) -> bool {
        let prog = self.inl.prog;
        matches!(prog.ty(prog.underlying(t)), Type::Interface(_))
    }

    fn type_of(&self, e: &Expr) -> Option<TypeId> {
        self.inl.prog.info.types.get(&e.id).map(|tv| tv.typ)
    }

    fn const_bool(&self, e: &Expr) -> Option<bool> {
        let tv = self.inl.prog.info.types.get(&e.unparen().id)?;
        match &tv.value {
            Some(frontend::types::ConstValue::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    fn opt(&mut self, e: &'p Option<Box<Expr>>) {
        if let Some(e) = e {
            self.expr(e);
        }
    }

    pub fn expr(&mut self, e: &'p Expr) {
        if self.reason.is_some() {
            return;
        }
        let prog = self.inl.prog;
        let e = e.unparen();
        if let Some(tv) = prog.info.types.get(&e.id) {
            if tv.value.is_some() {
                // Constant expressions are one OLITERAL.
                self.charge(1);
                return;
            }
            if tv.mode == Mode::TypeExpr {
                // OTYPE costs nothing.
                return;
            }
        }
        match &e.kind {
            ExprKind::Bad => {}
            ExprKind::Ident(_) | ExprKind::BasicLit { .. } => self.charge(1),
            ExprKind::CompositeLit { elts, .. } => self.composite(e, elts),
            ExprKind::KeyValue { key, value, .. } => {
                self.charge(1);
                self.expr(key);
                self.expr(value);
            }
            // OCLOSURE: gc charges 15 on top of the node and does not look inside.
            ExprKind::FuncLit { .. } => self.charge(16),
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::Selector { x, .. } => self.selector(e, x),
            ExprKind::Index { x, indices, .. } => {
                if prog.info.instances.contains_key(&x.unparen().id) || self.is_generic_ref(x) {
                    // An instantiated generic function: one ONAME.
                    self.charge(1);
                    return;
                }
                self.charge(1);
                self.expr(x);
                let key_t = self
                    .type_of(x)
                    .and_then(|t| match prog.ty(prog.underlying(t)) {
                        Type::Map(k, _) => Some(*k),
                        _ => None,
                    });
                for i in indices {
                    self.value(i, key_t);
                }
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                self.charge(1);
                if let Some(l) = lo
                    && self.is_const_zero(l)
                {
                    // gc ignores superfluous slicing.
                    self.budget += 1;
                }
                if let Some(h) = hi
                    && self.is_len_of(h, x)
                {
                    self.budget += 2;
                }
                self.expr(x);
                self.opt(lo);
                self.opt(hi);
                self.opt(max);
            }
            ExprKind::TypeAssert { x, .. } => {
                self.charge(1);
                self.expr(x);
            }
            ExprKind::Call {
                func,
                args,
                ellipsis,
                ..
            } => self.call(e, func, args, ellipsis.is_some()),
            ExprKind::Star(x) => {
                self.charge(1);
                // `*(*T)(unsafe.Pointer(&x))` is cheap.
                if self.strip_convnop(x).is_some_and(|p| {
                    matches!(
                        &p.kind,
                        ExprKind::Unary {
                            op: UnaryOp::Addr,
                            ..
                        }
                    )
                }) {
                    self.budget += 1;
                }
                self.expr(x);
            }
            ExprKind::Unary { op, x } => {
                self.charge(1);
                if *op == UnaryOp::Addr {
                    if let ExprKind::CompositeLit { elts, .. } = &x.unparen().kind {
                        // OPTRLIT over the literal.
                        self.composite(x.unparen(), elts);
                        return;
                    }
                    if self.is_zero_offset_field_of_name(x) {
                        // gc makes `&s.f` free when f is at offset 0.
                        self.budget += 2;
                    }
                }
                self.expr(x);
            }
            ExprKind::Binary { op, x, y, .. } => {
                if *op == BinaryOp::Add && self.type_of(e).is_some_and(|t| self.is_string(t)) {
                    // String concatenations are one OADDSTR over all operands.
                    self.charge(1);
                    self.concat_operands(e);
                    return;
                }
                self.charge(1);
                let cmp = matches!(op, BinaryOp::Eql | BinaryOp::Neq);
                if cmp {
                    // Comparing an interface with a concrete value converts the latter.
                    let (tx, ty) = (self.type_of(x), self.type_of(y));
                    if let (Some(tx), Some(ty)) = (tx, ty)
                        && ((self.is_interface(tx) && self.needs_conv_iface(y, tx))
                            || (self.is_interface(ty) && self.needs_conv_iface(x, ty)))
                    {
                        self.charge(1);
                    }
                }
                self.expr(x);
                self.expr(y);
            }
            // Type expressions outside conversions are OTYPE.
            ExprKind::ArrayType { .. }
            | ExprKind::Ellipsis(_)
            | ExprKind::StructType { .. }
            | ExprKind::FuncType(_)
            | ExprKind::InterfaceType { .. }
            | ExprKind::MapType { .. }
            | ExprKind::ChanType { .. } => {}
        }
    }

    fn concat_operands(&mut self, e: &'p Expr) {
        let prog = self.inl.prog;
        let e = e.unparen();
        if let ExprKind::Binary {
            op: BinaryOp::Add,
            x,
            y,
            ..
        } = &e.kind
            && prog
                .info
                .types
                .get(&e.id)
                .is_some_and(|tv| tv.value.is_none())
        {
            self.concat_operands(x);
            self.concat_operands(y);
        } else {
            self.expr(e);
        }
    }

    fn is_string(&self, t: TypeId) -> bool {
        let prog = self.inl.prog;
        matches!(
            prog.ty(prog.underlying(t)),
            Type::Basic(BasicKind::String | BasicKind::UntypedString)
        )
    }

    fn is_const_zero(&self, e: &Expr) -> bool {
        self.inl
            .prog
            .info
            .types
            .get(&e.unparen().id)
            .and_then(|tv| tv.value.as_ref())
            .is_some_and(|v| matches!(v, frontend::types::ConstValue::Int(i) if i.sign() == num_bigint::Sign::NoSign))
    }

    /// `len(x)` where `x` is the same variable as the sliced operand.
    fn is_len_of(&self, h: &Expr, x: &Expr) -> bool {
        let prog = self.inl.prog;
        let ExprKind::Call { func, args, .. } = &h.unparen().kind else {
            return false;
        };
        let is_len = matches!(&func.unparen().kind, ExprKind::Ident(id)
            if prog.info.uses.get(&id.id).is_some_and(|&o| matches!(prog.obj(o).kind, ObjKind::Builtin(Builtin::Len))));
        if !is_len || args.len() != 1 {
            return false;
        }
        match (&args[0].unparen().kind, &x.unparen().kind) {
            (ExprKind::Ident(a), ExprKind::Ident(b)) => {
                let (oa, ob) = (prog.info.uses.get(&a.id), prog.info.uses.get(&b.id));
                oa.is_some() && oa == ob && self.is_local_var(*oa.unwrap_or(&ObjId(0)))
            }
            _ => false,
        }
    }

    fn is_local_var(&self, o: ObjId) -> bool {
        matches!(
            self.inl.prog.obj(o).kind,
            ObjKind::Var {
                is_global: false,
                is_field: false,
                ..
            }
        )
    }

    /// Strips conversions that gc compiles as OCONVNOP.
    fn strip_convnop<'e>(&self, mut e: &'e Expr) -> Option<&'e Expr> {
        loop {
            e = e.unparen();
            match &e.kind {
                ExprKind::Call { func, args, .. }
                    if args.len() == 1
                        && self.is_type_expr(func)
                        && self.is_convnop(e, &args[0]) =>
                {
                    e = &args[0];
                }
                _ => return Some(e),
            }
        }
    }

    fn is_type_expr(&self, e: &Expr) -> bool {
        self.inl
            .prog
            .info
            .types
            .get(&e.unparen().id)
            .is_some_and(|tv| tv.mode == Mode::TypeExpr)
    }

    /// Whether the conversion `conv` of `arg` is a no-op in gc's IR (OCONVNOP).
    fn is_convnop(&self, conv: &Expr, arg: &Expr) -> bool {
        let prog = self.inl.prog;
        let (Some(to), Some(from)) = (self.type_of(conv), self.type_of(arg)) else {
            return false;
        };
        let (ut, uf) = (prog.underlying(to), prog.underlying(from));
        if prog.identical(ut, uf) {
            return !self.is_interface(to) || prog.identical(to, from);
        }
        let unsafe_ptr = |t: TypeId| matches!(prog.ty(t), Type::Basic(BasicKind::UnsafePointer));
        match (prog.ty(ut), prog.ty(uf)) {
            (Type::Pointer(a), Type::Pointer(b)) => {
                prog.identical(prog.underlying(*a), prog.underlying(*b))
            }
            (Type::Pointer(_), _) if unsafe_ptr(uf) => true,
            (_, Type::Pointer(_)) if unsafe_ptr(ut) => true,
            _ => false,
        }
    }

    fn is_zero_offset_field_of_name(&self, x: &Expr) -> bool {
        let prog = self.inl.prog;
        let x = x.unparen();
        let ExprKind::Selector { x: base, .. } = &x.kind else {
            return false;
        };
        if !matches!(base.unparen().kind, ExprKind::Ident(_)) {
            return false;
        }
        let Some(sel) = prog.info.selections.get(&x.id) else {
            return false;
        };
        if sel.kind != SelectionKind::FieldVal || sel.index.len() != 1 {
            return false;
        }
        let Some(bt) = self.type_of(base) else {
            return false;
        };
        let mut st = prog.underlying(bt);
        if let Type::Pointer(p) = prog.ty(st) {
            st = prog.underlying(*p);
        }
        let offs = prog.field_offsets(st);
        offs.get(sel.index[0] as usize).is_some_and(|&o| o == 0)
    }

    fn is_generic_ref(&self, x: &Expr) -> bool {
        let prog = self.inl.prog;
        let id = match &x.unparen().kind {
            ExprKind::Ident(id) => id.id,
            ExprKind::Selector { sel, .. } => sel.id,
            _ => return false,
        };
        prog.info.instances.contains_key(&id)
    }

    fn composite(&mut self, e: &'p Expr, elts: &'p [Expr]) {
        let prog = self.inl.prog;
        let Some(mut t) = self.type_of(e) else {
            return;
        };
        if let Type::Pointer(p) = prog.ty(prog.underlying(t)) {
            // An elided `&T` inside an outer literal: OPTRLIT.
            self.charge(1);
            t = *p;
        }
        match prog.ty(prog.underlying(t)).clone() {
            Type::Struct(fields) => {
                self.charge(1);
                for (i, el) in elts.iter().enumerate() {
                    // Every element is an OSTRUCTKEY.
                    self.charge(1);
                    let (v, ft) = match &el.kind {
                        ExprKind::KeyValue { key, value, .. } => {
                            let ft = match &key.kind {
                                ExprKind::Ident(id) => {
                                    fields.iter().find(|f| f.name == id.name).map(|f| f.typ)
                                }
                                _ => None,
                            };
                            (&**value, ft)
                        }
                        _ => (el, fields.get(i).map(|f| f.typ)),
                    };
                    self.value(v, ft);
                }
            }
            Type::Map(k, v) => {
                self.charge(1);
                for el in elts {
                    if let ExprKind::KeyValue { key, value, .. } = &el.kind {
                        self.charge(1);
                        self.value(key, Some(k));
                        self.value(value, Some(v));
                    }
                }
            }
            Type::Slice(elem) | Type::Array(elem, _) => {
                // OSLICELIT costs one more (gc's "hack for toolstash -cmp").
                let slice = matches!(prog.ty(prog.underlying(t)), Type::Slice(_));
                self.charge(1 + i32::from(slice));
                for el in elts {
                    if let ExprKind::KeyValue { key, value, .. } = &el.kind {
                        self.charge(1);
                        self.expr(key);
                        self.value(value, Some(elem));
                    } else {
                        self.value(el, Some(elem));
                    }
                }
            }
            _ => {
                self.charge(1);
                for el in elts {
                    self.expr(el);
                }
            }
        }
    }

    fn selector(&mut self, e: &'p Expr, x: &'p Expr) {
        let prog = self.inl.prog;
        let Some(sel) = prog.info.selections.get(&e.id) else {
            // A package-qualified name.
            self.charge(1);
            return;
        };
        match sel.kind {
            SelectionKind::FieldVal => {
                // One ODOT/ODOTPTR per step of the embedding path.
                self.charge(sel.index.len() as i32);
                self.expr(x);
            }
            SelectionKind::MethodVal => {
                // OMETHVALUE costs two, plus the implicit field steps.
                self.charge(2 + sel.index.len() as i32);
                self.expr(x);
            }
            // OMETHEXPR is free.
            SelectionKind::MethodExpr => {}
        }
    }

    fn builtin_of(&self, f: &Expr) -> Option<Builtin> {
        let prog = self.inl.prog;
        let id = match &f.unparen().kind {
            ExprKind::Ident(id) => id.id,
            ExprKind::Selector { sel, .. } => sel.id,
            _ => return None,
        };
        match prog.obj(*prog.info.uses.get(&id)?).kind {
            ObjKind::Builtin(b) => Some(b),
            _ => None,
        }
    }

    fn call(&mut self, e: &'p Expr, func: &'p Expr, args: &'p [Expr], spread: bool) {
        let prog = self.inl.prog;
        if self.is_type_expr(func) {
            // A conversion.
            if let Some(a) = args.first() {
                if !self.is_convnop(e, a) {
                    self.charge(1);
                }
                self.expr(a);
            }
            return;
        }
        if let Some(b) = self.builtin_of(func) {
            match b {
                Builtin::Recover => {
                    self.hairy("call to recover");
                    return;
                }
                Builtin::Panic => {
                    self.charge(1 + EXTRA_PANIC_COST);
                    // The implicit conversion to `any` is refunded (gc's reflect.flag.mustBe
                    // hack), so panic costs the same whatever its argument's type.
                    for a in args {
                        self.expr(a);
                    }
                }
                Builtin::Append => {
                    self.charge(1);
                    let elem = args
                        .first()
                        .and_then(|s| self.type_of(s))
                        .and_then(|t| match prog.ty(prog.underlying(t)) {
                            Type::Slice(el) => Some(*el),
                            _ => None,
                        });
                    for (i, a) in args.iter().enumerate() {
                        if i == 0 || spread {
                            self.expr(a);
                        } else {
                            self.value(a, elem);
                        }
                    }
                }
                _ => {
                    self.charge(1);
                    for a in args {
                        self.expr(a);
                    }
                }
            }
            return;
        }
        // OCALLFUNC or OCALLINTER.
        self.charge(1);
        let env = self.env.clone();
        let target = self.inl.static_callee(func, env.as_deref());
        let f = func.unparen();
        let mut iface = false;
        match &f.kind {
            ExprKind::Selector { x, .. } if prog.info.selections.contains_key(&f.id) => {
                let sel = &prog.info.selections[&f.id];
                let recv_t = self.type_of(x);
                if sel.kind == SelectionKind::MethodVal {
                    if recv_t.is_some_and(|t| self.is_interface(t)) {
                        // ODOTINTER.
                        iface = true;
                        self.charge(1);
                    } else {
                        // OMETHEXPR (free) with the receiver as the first argument: the
                        // embedding path's steps and an implicit & or *.
                        self.charge(sel.index.len() as i32);
                        if let ObjKind::Func { ptr_recv, .. } = prog.obj(sel.obj).kind {
                            let recv_is_ptr = self.receiver_is_pointer(x, &sel.index);
                            if ptr_recv != recv_is_ptr {
                                self.charge(1);
                            }
                        }
                    }
                    self.expr(x);
                } else {
                    self.expr(f);
                }
            }
            _ => self.expr(f),
        }
        let params = self
            .type_of(func)
            .and_then(|t| match prog.ty(prog.underlying(t)) {
                Type::Func(sig) => Some(sig.clone()),
                _ => None,
            });
        self.args(args, params.as_ref(), spread);
        if iface {
            self.charge(EXTRA_CALL_COST);
            return;
        }
        // Special callees.
        if let Some(FnKey::Decl(o)) = target {
            let obj = prog.obj(o);
            let pkg = obj.pkg.map(|p| prog.package(p).path.as_str()).unwrap_or("");
            match (pkg, obj.name.as_str()) {
                ("internal/runtime/sys", "GetCallerPC" | "GetCallerSP") => {
                    self.hairy(format!("call to {}", obj.name));
                    return;
                }
                ("runtime", "throw") => {
                    self.charge(EXTRA_THROW_COST);
                    return;
                }
                ("runtime", "panicrangestate") | ("internal/abi", "NoEscape") => return,
                ("runtime", "deferrangefunc") => {
                    self.hairy("defer call in range func");
                    return;
                }
                _ => {}
            }
            if super::is_cheap_call(prog, o) || super::is_intrinsic(prog, o) {
                return;
            }
        }
        if let Some(callee) = target
            && let Some(cost) = self.inl.can_inline(callee)
        {
            let mut max = if self.big {
                BIG_FUNCTION_MAX_COST
            } else {
                MAX_BUDGET
            };
            if matches!(callee, FnKey::Lit(_)) {
                max *= CLOSURE_BUDGET_FACTOR;
            }
            if cost <= max {
                self.charge(cost);
                return;
            }
        }
        let cheap = match &f.kind {
            ExprKind::Ident(id) => prog
                .info
                .uses
                .get(&id.id)
                .is_some_and(|o| self.cheap_callees.contains(o)),
            _ => false,
        };
        self.charge(if cheap {
            PARAM_CALL_COST
        } else {
            EXTRA_CALL_COST
        });
    }

    /// Whether the receiver reaching the method (after the embedding path, which for a
    /// method selection lists only the embedded fields) is a pointer.
    fn receiver_is_pointer(&self, x: &Expr, path: &[u32]) -> bool {
        let prog = self.inl.prog;
        let Some(mut t) = self.type_of(x) else {
            return false;
        };
        for &i in path {
            let mut st = prog.underlying(t);
            if let Type::Pointer(p) = prog.ty(st) {
                st = prog.underlying(*p);
            }
            match prog.ty(st) {
                Type::Struct(fs) => match fs.get(i as usize) {
                    Some(f) => t = f.typ,
                    None => return false,
                },
                _ => return false,
            }
        }
        matches!(prog.ty(prog.underlying(t)), Type::Pointer(_))
    }

    /// Arguments of a call: implicit conversions to the parameter types, and the implicit
    /// slice of a variadic call (OSLICELIT, or ONIL when no argument goes into it).
    fn args(&mut self, args: &'p [Expr], sig: Option<&frontend::types::Signature>, spread: bool) {
        let prog = self.inl.prog;
        let Some(sig) = sig else {
            for a in args {
                self.expr(a);
            }
            return;
        };
        if args.len() == 1 && sig.params.len() > 1 {
            // `f(g())`: the results go through temporaries (OAS2 and four nodes each).
            self.charge(1 + 4 * sig.params.len() as i32);
            self.expr(&args[0]);
            return;
        }
        let fixed = if sig.variadic && !spread {
            sig.params.len().saturating_sub(1)
        } else {
            sig.params.len()
        };
        for (i, a) in args.iter().enumerate().take(fixed) {
            self.value(a, sig.params.get(i).copied());
        }
        if sig.variadic && !spread {
            let extra = &args[fixed.min(args.len())..];
            if extra.is_empty() {
                self.charge(1);
            } else {
                self.charge(2);
                let elem = sig
                    .params
                    .last()
                    .and_then(|&t| match prog.ty(prog.underlying(t)) {
                        Type::Slice(e) => Some(*e),
                        _ => None,
                    });
                for a in extra {
                    self.value(a, elem);
                }
            }
        }
    }
}

/// gc's `IsBigFunc`: more than 5000 nodes. rgo counts its AST nodes, a close lower bound.
pub(super) fn is_big(prog: &frontend::types::Program, b: &Block) -> bool {
    let mut n = 0usize;
    super::walk::each_node(prog, b, &mut |_| n += 1);
    n >= 5000
}

impl Hairy {
    pub fn cost(&self, max: i32) -> i32 {
        max - self.budget
    }
}
