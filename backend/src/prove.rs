//! Bounds-check elimination: a small relative of gc's prove pass, run on the Cranelift IR of a
//! function after translation and before Cranelift's own optimisations.
//!
//! # Why here
//! The midend emits every index and slice-bound check as an `icmp` feeding a `brif` whose other
//! arm calls `runtime.goPanicIndex` (or a `goPanicSlice*` variant). Cranelift optimises values,
//! not branches: it never folds a `brif` whose condition an earlier branch already decided. The
//! IR the midend produces is not in SSA form (variables are reassigned), but the Cranelift IR that
//! cranelift-frontend builds from it is, which makes "the same value" a plain identity test.
//!
//! # What is known where
//! A *fact* is a comparison `a cc b` of two 64-bit operands (values or constants). A block `T`
//! whose only predecessor `P` ends in `brif c, T, F` (with `T != F`) learns `c`'s comparison on
//! entry, or its complement when `T` is the else-arm. Every path to a block `B` crosses the entry
//! edge of each block that dominates `B`, so the facts at `B` are the entry facts of its
//! dominators (walked up the dominator tree, at most [`MAX_DOM_WALK`] steps to bound the cost).
//! Removing a branch only removes paths, so dominance computed before any change stays sound.
//!
//! # Same values
//! cranelift-frontend threads a variable through every loop as a block parameter even when the
//! loop never changes it (the length of a slice ranged over, say). A block parameter that every
//! incoming edge feeds with one and the same value (itself aside) is that value; this is solved
//! to a fixpoint first (as Cranelift's own constant-phi removal would later), so that `i < len`
//! in the loop header and `i <u len` in the body compare the same operands.
//!
//! # What is proved
//! For a `brif` on a comparison, the pass tries to show the comparison always true (or always
//! false) from the facts at its block, and then replaces the `brif` by a `jump` to the arm taken;
//! the panic block left without predecessors is removed by Cranelift. The rules:
//! - a fact that is the comparison itself, or implies it (`<` implies `<=` and `!=`);
//! - constants compared with constants;
//! - `x <u n` when `x >= 0` (signed) and `x <s y` with `y == n`, `y <u n`, `y <=u n`, or `y` and
//!   `n` constants with `y <= n`: a non-negative `x` below `y` is below it unsigned too. This is
//!   the loop `for i := 0; i < len(s); i++ { s[i] }` and `i < j` with `j` already checked;
//! - `x <=u n` when `x` is `n`, `x` is 0, or `x <u n` holds;
//! - `x <u n` when a fact `x <u m` has `m <= n`, both constants.
//!
//! Non-negativity (`x >= 0` signed) comes from constants, zero extensions, unsigned shifts right,
//! masks with a non-negative constant, facts (`x > c` for `c >= -1`, `y < x` with `y >= 0`),
//! and induction: a block parameter is non-negative when every incoming value is, where an
//! incoming `p + 1` counts if `p <s something` holds where the addition is (so it cannot
//! overflow), and `p - 1` counts if `y <s p` with `y >= 0` holds there (so `p >= 1`). The
//! parameter itself is assumed non-negative while its own incoming values are examined (the
//! induction hypothesis); such answers are cached only once the outermost question is settled.

use cranelift_codegen::dominator_tree::DominatorTree;
use cranelift_codegen::flowgraph::ControlFlowGraph;
use cranelift_codegen::ir::condcodes::{CondCode, IntCC};
use cranelift_codegen::ir::{
    Block, BlockArg, Function, InstructionData, Opcode, Value, ValueDef, types,
};
use std::collections::{HashMap, HashSet};

/// How many dominators up a block's facts are gathered from.
const MAX_DOM_WALK: usize = 200;
/// How deep the non-negativity questions nest.
const MAX_DEPTH: u32 = 6;

/// An operand of a fact: a 64-bit constant or a (resolved) value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Opnd {
    C(i64),
    V(Value),
}

#[derive(Clone, Copy, Debug)]
struct Fact {
    cc: IntCC,
    a: Opnd,
    b: Opnd,
}

impl Fact {
    fn complement(self) -> Fact {
        Fact {
            cc: self.cc.complement(),
            ..self
        }
    }

    fn swapped(self) -> Fact {
        Fact {
            cc: self.cc.swap_args(),
            a: self.b,
            b: self.a,
        }
    }
}

/// Removes the `brif`s whose comparison is decided by dominating branches; returns how many.
pub(crate) fn eliminate_checks(func: &mut Function) -> usize {
    let cfg = ControlFlowGraph::with_function(func);
    let domtree = DominatorTree::with_function(func, &cfg);
    let mut p = Prover {
        func: &*func,
        domtree,
        same: HashMap::new(),
        incoming: HashMap::new(),
        entry_fact: HashMap::new(),
        nonneg_memo: HashMap::new(),
        assuming: HashSet::new(),
    };
    p.find_same_values();
    p.find_entry_facts(&cfg);
    let mut decided = Vec::new();
    for block in p.func.layout.blocks() {
        let Some(inst) = p.func.layout.last_inst(block) else {
            continue;
        };
        let InstructionData::Brif { arg, blocks, .. } = p.func.dfg.insts[inst] else {
            continue;
        };
        let pool = &p.func.dfg.value_lists;
        if blocks[0].block(pool) == blocks[1].block(pool) {
            continue;
        }
        let Some(fact) = p.cond_fact(arg) else {
            continue;
        };
        let facts = p.facts_at(block);
        let arm = if p.holds(fact, &facts, 0) {
            0
        } else if p.holds(fact.complement(), &facts, 0) {
            1
        } else {
            continue;
        };
        decided.push((inst, blocks[arm]));
    }
    let n = decided.len();
    for (inst, destination) in decided {
        func.dfg.insts[inst] = InstructionData::Jump {
            opcode: Opcode::Jump,
            destination,
        };
    }
    n
}

struct Prover<'f> {
    func: &'f Function,
    domtree: DominatorTree,
    /// Block parameter → the one value every edge passes it.
    same: HashMap<Value, Value>,
    /// Block parameter → (argument, block of the branch passing it); `None` for an argument that
    /// is not a plain value (a call's result on a `try_call` edge).
    incoming: HashMap<Value, Vec<(Option<Value>, Block)>>,
    /// Block → the comparison known on entry because its only predecessor branched on it.
    entry_fact: HashMap<Block, Fact>,
    nonneg_memo: HashMap<Value, bool>,
    /// Block parameters assumed non-negative while their incoming values are examined.
    assuming: HashSet<Value>,
}

impl Prover<'_> {
    fn resolve(&self, v: Value) -> Value {
        let mut v = self.func.dfg.resolve_aliases(v);
        // The chain is acyclic by construction; the bound is a guard, not a limit in practice.
        for _ in 0..64 {
            match self.same.get(&v) {
                Some(&w) => v = self.func.dfg.resolve_aliases(w),
                None => break,
            }
        }
        v
    }

    fn find_same_values(&mut self) {
        let dfg = &self.func.dfg;
        let mut params = Vec::new();
        for block in self.func.layout.blocks() {
            let Some(inst) = self.func.layout.last_inst(block) else {
                continue;
            };
            for call in dfg.insts[inst].branch_destination(&dfg.jump_tables, &dfg.exception_tables)
            {
                let target = call.block(&dfg.value_lists);
                let target_params = dfg.block_params(target);
                for (k, arg) in call.args(&dfg.value_lists).enumerate() {
                    let Some(&param) = target_params.get(k) else {
                        continue;
                    };
                    let v = match arg {
                        BlockArg::Value(v) => Some(v),
                        _ => None,
                    };
                    let list = self.incoming.entry(param).or_default();
                    if list.is_empty() {
                        params.push(param);
                    }
                    list.push((v, block));
                }
            }
        }
        let mut changed = true;
        while changed {
            changed = false;
            for &param in &params {
                if self.same.contains_key(&param) {
                    continue;
                }
                let mut only = None;
                let mut ok = true;
                for &(arg, _) in &self.incoming[&param] {
                    let Some(arg) = arg else {
                        ok = false;
                        break;
                    };
                    let r = self.resolve(arg);
                    if r == param {
                        continue;
                    }
                    match only {
                        None => only = Some(r),
                        Some(o) if o == r => {}
                        Some(_) => {
                            ok = false;
                            break;
                        }
                    }
                }
                if let (true, Some(v)) = (ok, only)
                    && self.resolve(v) != param
                {
                    self.same.insert(param, v);
                    changed = true;
                }
            }
        }
    }

    fn find_entry_facts(&mut self, cfg: &ControlFlowGraph) {
        let blocks: Vec<Block> = self.func.layout.blocks().collect();
        for t in blocks {
            let mut preds = cfg.pred_iter(t);
            let (Some(pred), None) = (preds.next(), preds.next()) else {
                continue;
            };
            let InstructionData::Brif { arg, blocks, .. } = self.func.dfg.insts[pred.inst] else {
                continue;
            };
            let pool = &self.func.dfg.value_lists;
            let (then_b, else_b) = (blocks[0].block(pool), blocks[1].block(pool));
            if then_b == else_b {
                continue;
            }
            if let Some(f) = self.cond_fact(arg) {
                let f = if then_b == t { f } else { f.complement() };
                self.entry_fact.insert(t, f);
            }
        }
    }

    fn opnd(&self, v: Value) -> Opnd {
        let v = self.resolve(v);
        if let ValueDef::Result(inst, 0) = self.func.dfg.value_def(v)
            && let InstructionData::UnaryImm {
                opcode: Opcode::Iconst,
                imm,
            } = self.func.dfg.insts[inst]
            && self.func.dfg.value_type(v) == types::I64
        {
            return Opnd::C(imm.bits());
        }
        Opnd::V(v)
    }

    /// The comparison a branch condition tests, when it is one of 64-bit operands.
    fn cond_fact(&self, c: Value) -> Option<Fact> {
        let c = self.resolve(c);
        let ValueDef::Result(inst, 0) = self.func.dfg.value_def(c) else {
            return None;
        };
        let dfg = &self.func.dfg;
        match dfg.insts[inst] {
            InstructionData::IntCompare {
                opcode: Opcode::Icmp,
                args,
                cond,
            } if dfg.value_type(args[0]) == types::I64 => Some(Fact {
                cc: cond,
                a: self.opnd(args[0]),
                b: self.opnd(args[1]),
            }),
            InstructionData::Unary {
                opcode: Opcode::Uextend,
                arg,
            } => self.cond_fact(arg),
            // `c ^ 1` of a 0/1 comparison result is its negation.
            InstructionData::Binary {
                opcode: Opcode::Bxor,
                args,
            } => {
                let x = match (self.opnd_any(args[0]), self.opnd_any(args[1])) {
                    (_, Some(1)) => args[0],
                    (Some(1), _) => args[1],
                    _ => return None,
                };
                self.cond_fact(x).map(Fact::complement)
            }
            _ => None,
        }
    }

    /// The constant a value of any integer type is, if it is one.
    fn opnd_any(&self, v: Value) -> Option<i64> {
        let v = self.resolve(v);
        if let ValueDef::Result(inst, 0) = self.func.dfg.value_def(v)
            && let InstructionData::UnaryImm {
                opcode: Opcode::Iconst,
                imm,
            } = self.func.dfg.insts[inst]
        {
            return Some(imm.bits());
        }
        None
    }

    /// The facts known on entry to `block`, each also in its swapped form.
    fn facts_at(&self, block: Block) -> Vec<Fact> {
        let mut out = Vec::new();
        let mut b = Some(block);
        for _ in 0..MAX_DOM_WALK {
            let Some(d) = b else { break };
            if let Some(&f) = self.entry_fact.get(&d) {
                out.push(f);
                out.push(f.swapped());
            }
            b = self.domtree.idom(d);
        }
        out
    }

    /// Whether `f` certainly holds given `facts` (known at `block`).
    fn holds(&mut self, f: Fact, facts: &[Fact], depth: u32) -> bool {
        if let (Opnd::C(a), Opnd::C(b)) = (f.a, f.b) {
            return eval(f.cc, a, b);
        }
        if facts
            .iter()
            .any(|k| k.a == f.a && k.b == f.b && implies(k.cc, f.cc))
        {
            return true;
        }
        match f.cc {
            IntCC::UnsignedLessThan => self.below_unsigned(f.a, f.b, facts, depth),
            IntCC::UnsignedGreaterThan => self.below_unsigned(f.b, f.a, facts, depth),
            IntCC::UnsignedLessThanOrEqual => {
                f.a == f.b || f.a == Opnd::C(0) || self.below_unsigned(f.a, f.b, facts, depth)
            }
            IntCC::UnsignedGreaterThanOrEqual => {
                f.a == f.b || f.b == Opnd::C(0) || self.below_unsigned(f.b, f.a, facts, depth)
            }
            _ => false,
        }
    }

    /// `x <u n`.
    fn below_unsigned(&mut self, x: Opnd, n: Opnd, facts: &[Fact], depth: u32) -> bool {
        // x <u m with m <= n.
        let via_smaller = facts
            .iter()
            .any(|k| k.cc == IntCC::UnsignedLessThan && k.a == x && le_unsigned_const(k.b, n));
        if via_smaller {
            return true;
        }
        // 0 <= x <=s C < n, constants C and n: `for i := 2; i <= N; i++ { s[i] }` with
        // len(s) == N+1 known.
        if let Opnd::C(n) = n
            && facts.iter().any(|k| {
                k.a == x
                    && matches!((k.cc, k.b), (IntCC::SignedLessThanOrEqual, Opnd::C(c)) if c >= 0 && c < n)
            })
            && self.nonneg(x, facts, depth)
        {
            return true;
        }
        if let Opnd::V(p) = x
            && matches!(self.func.dfg.value_def(p), ValueDef::Param(..))
            && depth <= MAX_DEPTH
            && self.decreasing_from_below(p, n, depth)
            && self.nonneg(x, facts, depth)
        {
            return true;
        }
        // x = p - c with p >= c (so p - c does not wrap and 0 <= x <= p) and p <s n: x < n.
        // This is `s[i-1]` in a loop over `i` from 1.
        if let Some((Opnd::V(p), c)) = self.minus_const(x)
            && facts
                .iter()
                .any(|k| k.cc == IntCC::SignedLessThan && k.a == Opnd::V(p) && k.b == n)
            && self.at_least(p, c, facts)
        {
            return true;
        }
        // x >= 0 and x <s y with y at most n (unsigned).
        let ys: Vec<Opnd> = facts
            .iter()
            .filter(|k| k.cc == IntCC::SignedLessThan && k.a == x)
            .map(|k| k.b)
            .collect();
        if ys.is_empty() {
            return false;
        }
        let minus_const_of_n =
            |p: &Self, y: Opnd| p.minus_const(y).is_some_and(|(base, _)| base == n);
        let y_at_most_n = |y: Opnd| {
            y == n
                || minus_const_of_n(self, y)
                || matches!((y, n), (Opnd::C(a), Opnd::C(b)) if a >= 0 && b >= 0 && a <= b)
                || facts.iter().any(|k| {
                    k.a == y
                        && k.b == n
                        && matches!(
                            k.cc,
                            IntCC::UnsignedLessThan | IntCC::UnsignedLessThanOrEqual
                        )
                })
        };
        if !ys.iter().any(|&y| y_at_most_n(y)) {
            return false;
        }
        self.nonneg(x, facts, depth)
    }

    /// `b` when `y` is `b - c` for a constant `c >= 0` (as `isub` or `iadd` of `-c`). With
    /// `0 <= x <s b - c`, `x <u b` holds even if `b - c` wrapped: then `b` is negative, which
    /// unsigned is above every non-negative `x`.
    /// Also returns `c`.
    fn minus_const(&self, y: Opnd) -> Option<(Opnd, i64)> {
        let Opnd::V(v) = y else { return None };
        let inst = self.func.dfg.value_def(v).inst()?;
        let InstructionData::Binary { opcode, args } = self.func.dfg.insts[inst] else {
            return None;
        };
        match (opcode, self.opnd(args[0]), self.opnd(args[1])) {
            (Opcode::Isub, b, Opnd::C(c)) if c >= 0 => Some((b, c)),
            (Opcode::Iadd, b, Opnd::C(c)) if c <= 0 && c != i64::MIN => Some((b, -c)),
            (Opcode::Iadd, Opnd::C(c), b) if c <= 0 && c != i64::MIN => Some((b, -c)),
            _ => None,
        }
    }

    /// Whether the block parameter `p` stays below `n` because it starts at `n - c` (`c >= 1`)
    /// and only ever decreases, each decrement taken where `p >= 0` (so it cannot wrap). If
    /// `n - c` wrapped, `n` is negative, which unsigned is above any non-negative `p`: either
    /// way a non-negative `p` is below `n` unsigned. This is `for i := len(s) - 1; i >= 0; i--`.
    fn decreasing_from_below(&mut self, p: Value, n: Opnd, depth: u32) -> bool {
        let Some(incoming) = self.incoming.get(&p).cloned() else {
            return false;
        };
        let mut started = false;
        for (arg, _) in incoming {
            let Some(arg) = arg else { return false };
            let a = self.resolve(arg);
            if a == p {
                continue;
            }
            if let Some((base, c)) = self.minus_const(Opnd::V(a))
                && base == n
                && c >= 1
            {
                started = true;
                continue;
            }
            match self.minus_const(Opnd::V(a)) {
                Some((Opnd::V(b), _)) if b == p => {}
                _ => return false,
            }
            let Some(def) = self
                .func
                .dfg
                .value_def(a)
                .inst()
                .and_then(|i| self.func.layout.inst_block(i))
            else {
                return false;
            };
            let facts = self.facts_at(def);
            if !self.nonneg(Opnd::V(p), &facts, depth + 1) {
                return false;
            }
        }
        started
    }

    /// `x >= 0` (signed) where `facts` hold.
    fn nonneg(&mut self, x: Opnd, facts: &[Fact], depth: u32) -> bool {
        let v = match x {
            Opnd::C(c) => return c >= 0,
            Opnd::V(v) => v,
        };
        if depth > MAX_DEPTH {
            return false;
        }
        // From facts: x > c with c >= -1, x >= c with c >= 0, y < x or y <= x with y >= 0.
        for k in facts {
            if k.a != x {
                continue;
            }
            match (k.cc, k.b) {
                (IntCC::SignedGreaterThan, Opnd::C(c)) if c >= -1 => return true,
                (IntCC::SignedGreaterThanOrEqual, Opnd::C(c)) if c >= 0 => return true,
                _ => {}
            }
        }
        let lower: Vec<Opnd> = facts
            .iter()
            .filter(|k| {
                k.b == x
                    && matches!(k.cc, IntCC::SignedLessThan | IntCC::SignedLessThanOrEqual)
                    && k.a != x
            })
            .map(|k| k.a)
            .collect();
        for y in lower {
            if self.nonneg(y, facts, depth + 1) {
                return true;
            }
        }
        // x = p - c where p >= c: a fact p > C (C >= c - 1) or p >= C (C >= c), or p an
        // induction variable that starts at c or above and only grows.
        if let Some((Opnd::V(p), c)) = self.minus_const(x)
            && self.at_least(p, c, facts)
        {
            return true;
        }
        self.nonneg_by_definition(v, depth)
    }

    /// `p >= c` (signed, `c >= 0`) from a fact `p > C` (`C >= c - 1`) or `p >= C` (`C >= c`), or
    /// because `p` is an induction variable that starts at `c` or above and only grows.
    fn at_least(&self, p: Value, c: i64, facts: &[Fact]) -> bool {
        let by_fact = facts.iter().any(|k| {
            k.a == Opnd::V(p)
                && match (k.cc, k.b) {
                    (IntCC::SignedGreaterThan, Opnd::C(b)) => b >= c - 1,
                    (IntCC::SignedGreaterThanOrEqual, Opnd::C(b)) => b >= c,
                    _ => false,
                }
        });
        by_fact || self.growing_from(p).is_some_and(|start| start >= c)
    }

    /// The least start value of the block parameter `p` when it starts at constants and only
    /// grows by `+1` steps taken where `p <s y` holds (so they cannot wrap).
    fn growing_from(&self, p: Value) -> Option<i64> {
        if !matches!(self.func.dfg.value_def(p), ValueDef::Param(..)) {
            return None;
        }
        let mut start: Option<i64> = None;
        for &(arg, _) in self.incoming.get(&p)? {
            let a = self.resolve(arg?);
            if a == p {
                continue;
            }
            if let Opnd::C(k) = self.opnd(a) {
                start = Some(start.map_or(k, |s| s.min(k)));
                continue;
            }
            let inst = self.func.dfg.value_def(a).inst()?;
            let InstructionData::Binary {
                opcode: Opcode::Iadd,
                args,
            } = self.func.dfg.insts[inst]
            else {
                return None;
            };
            let steps_by_one = (self.resolve(args[0]) == p && self.opnd(args[1]) == Opnd::C(1))
                || (self.resolve(args[1]) == p && self.opnd(args[0]) == Opnd::C(1));
            if !steps_by_one {
                return None;
            }
            let def = self.func.layout.inst_block(inst)?;
            let guarded = self
                .facts_at(def)
                .iter()
                .any(|k| increment_cannot_wrap(k, p));
            if !guarded {
                return None;
            }
        }
        start
    }

    /// `v >= 0` from how `v` is computed (facts of its defining block where needed).
    fn nonneg_by_definition(&mut self, v: Value, depth: u32) -> bool {
        let dfg = &self.func.dfg;
        match dfg.value_def(v) {
            ValueDef::Result(inst, 0) => match dfg.insts[inst] {
                InstructionData::UnaryImm {
                    opcode: Opcode::Iconst,
                    imm,
                } => dfg.value_type(v) == types::I64 && imm.bits() >= 0,
                InstructionData::Unary {
                    opcode: Opcode::Uextend,
                    ..
                } => true,
                InstructionData::Binary {
                    opcode: Opcode::Ushr,
                    args,
                } => matches!(self.opnd_any(args[1]), Some(k) if k & 63 != 0),
                InstructionData::Binary {
                    opcode: Opcode::Band,
                    args,
                } => [args[0], args[1]]
                    .iter()
                    .any(|&a| matches!(self.opnd(a), Opnd::C(c) if c >= 0)),
                _ => false,
            },
            ValueDef::Param(_, _) => self.nonneg_param(v, depth),
            _ => false,
        }
    }

    fn nonneg_param(&mut self, p: Value, depth: u32) -> bool {
        if let Some(&r) = self.nonneg_memo.get(&p) {
            return r;
        }
        if self.assuming.contains(&p) {
            return true;
        }
        let Some(incoming) = self.incoming.get(&p).cloned() else {
            return false; // a function parameter
        };
        self.assuming.insert(p);
        let mut ok = true;
        for (arg, _pred) in incoming {
            let Some(arg) = arg else {
                ok = false;
                break;
            };
            let a = self.resolve(arg);
            if a == p {
                continue;
            }
            if !self.nonneg_step(p, a, depth + 1) {
                ok = false;
                break;
            }
        }
        self.assuming.remove(&p);
        if self.assuming.is_empty() {
            self.nonneg_memo.insert(p, ok);
        }
        ok
    }

    /// Whether the value `a` passed to parameter `p` is non-negative, given `p` is.
    fn nonneg_step(&mut self, p: Value, a: Value, depth: u32) -> bool {
        let dfg = &self.func.dfg;
        let Some(inst) = dfg.value_def(a).inst() else {
            return self.nonneg(Opnd::V(a), &[], depth);
        };
        let step = match dfg.insts[inst] {
            InstructionData::Binary {
                opcode: op @ (Opcode::Iadd | Opcode::Isub),
                args,
            } => {
                let k = match (self.resolve(args[0]) == p, self.opnd(args[1])) {
                    (true, Opnd::C(k)) => Some(k),
                    _ => match (op, self.opnd(args[0]), self.resolve(args[1]) == p) {
                        (Opcode::Iadd, Opnd::C(k), true) => Some(k),
                        _ => None,
                    },
                };
                match (op, k) {
                    (Opcode::Isub, Some(k)) => k.checked_neg(),
                    (_, k) => k,
                }
            }
            _ => None,
        };
        let Some(def_block) = self.func.layout.inst_block(inst) else {
            return false;
        };
        let facts = self.facts_at(def_block);
        match step {
            Some(0) => true,
            // p + 1 where p <s y: p + 1 <= y cannot overflow.
            Some(1) => facts.iter().any(|k| increment_cannot_wrap(k, p)),
            // p - 1 where y <s p with y >= 0: p >= 1.
            Some(-1) => {
                let lower: Vec<Opnd> = facts
                    .iter()
                    .filter(|k| k.cc == IntCC::SignedLessThan && k.b == Opnd::V(p))
                    .map(|k| k.a)
                    .collect();
                lower
                    .into_iter()
                    .any(|y| self.nonneg(y, &facts, depth + 1))
                    || facts.iter().any(|k| {
                        k.a == Opnd::V(p)
                            && matches!((k.cc, k.b), (IntCC::SignedGreaterThan, Opnd::C(c)) if c >= 0)
                    })
            }
            _ => self.nonneg(Opnd::V(a), &facts, depth),
        }
    }
}

/// Whether the fact `k` bounds `p` so that `p + 1` cannot wrap: `p <s y`, or `p <=s C` with
/// `C` below the largest value.
fn increment_cannot_wrap(k: &Fact, p: Value) -> bool {
    k.a == Opnd::V(p)
        && match (k.cc, k.b) {
            (IntCC::SignedLessThan, _) => true,
            (IntCC::SignedLessThanOrEqual, Opnd::C(c)) => c < i64::MAX,
            _ => false,
        }
}

/// `known` implies `want` for the same operands.
fn implies(known: IntCC, want: IntCC) -> bool {
    use IntCC::*;
    known == want
        || matches!(
            (known, want),
            (SignedLessThan, SignedLessThanOrEqual | NotEqual)
                | (SignedGreaterThan, SignedGreaterThanOrEqual | NotEqual)
                | (UnsignedLessThan, UnsignedLessThanOrEqual | NotEqual)
                | (UnsignedGreaterThan, UnsignedGreaterThanOrEqual | NotEqual)
                | (
                    Equal,
                    SignedLessThanOrEqual
                        | SignedGreaterThanOrEqual
                        | UnsignedLessThanOrEqual
                        | UnsignedGreaterThanOrEqual
                )
        )
}

fn le_unsigned_const(a: Opnd, b: Opnd) -> bool {
    a == b || matches!((a, b), (Opnd::C(x), Opnd::C(y)) if (x as u64) <= (y as u64))
}

fn eval(cc: IntCC, a: i64, b: i64) -> bool {
    let (ua, ub) = (a as u64, b as u64);
    match cc {
        IntCC::Equal => a == b,
        IntCC::NotEqual => a != b,
        IntCC::SignedLessThan => a < b,
        IntCC::SignedLessThanOrEqual => a <= b,
        IntCC::SignedGreaterThan => a > b,
        IntCC::SignedGreaterThanOrEqual => a >= b,
        IntCC::UnsignedLessThan => ua < ub,
        IntCC::UnsignedLessThanOrEqual => ua <= ub,
        IntCC::UnsignedGreaterThan => ua > ub,
        IntCC::UnsignedGreaterThanOrEqual => ua >= ub,
    }
}

/// The bounds checks left in `func` after [`eliminate_checks`], as (source line, gc's name of
/// the check: `IsInBounds` for an index, `IsSliceInBounds` for a slice bound), in layout
/// order: a `brif` whose else-arm calls one of the runtime's index or slice panics.
/// `names` and `lines` decode external names and source locations (translate.rs).
pub(crate) fn remaining_checks(
    func: &Function,
    names: &[String],
    lines: &[u32],
) -> Vec<(u32, &'static str)> {
    let mut out = Vec::new();
    for block in func.layout.blocks() {
        let Some(inst) = func.layout.last_inst(block) else {
            continue;
        };
        let InstructionData::Brif { blocks, .. } = func.dfg.insts[inst] else {
            continue;
        };
        let els = blocks[1].block(&func.dfg.value_lists);
        let kind = func.layout.block_insts(els).find_map(|i| {
            let InstructionData::Call { func_ref, .. } = func.dfg.insts[i] else {
                return None;
            };
            let cranelift_codegen::ir::ExternalName::User(r) = &func.dfg.ext_funcs[func_ref].name
            else {
                return None;
            };
            let name = names.get(func.params.user_named_funcs()[*r].index as usize)?;
            let check = name.strip_prefix("runtime.goPanic")?;
            if check.starts_with("Index") {
                Some("IsInBounds")
            } else if check.starts_with("Slice") {
                Some("IsSliceInBounds")
            } else {
                None
            }
        });
        let Some(kind) = kind else { continue };
        let loc = func.srcloc(inst);
        let line = if loc.is_default() {
            0
        } else {
            lines.get(loc.bits() as usize).copied().unwrap_or(0)
        };
        out.push((line, kind));
    }
    out
}
