//! Bridges between gc's register ABI, which package reflect computes and speaks (reflect/abi.go:
//! arguments in `abi.RegArgs` plus a stack frame), and rgo's own calling convention
//! (docs/abi.md, "Calls through reflect").
//!
//! * A **forward adapter** per Go signature, `adapter(ctx, code, fv, stackArgs, regArgs)`:
//!   loads each argument from where gc's ABI assignment puts it, calls `code` with rgo's
//!   convention (closure context `fv`) and stores the results back in gc's locations. Every Go
//!   function gets a record `{entry PC, adapter}` in `.rgo.adapters`; the runtime's
//!   `reflect.call` finds the adapter of the function it is asked to call.
//! * A **reverse adapter** per func type with a descriptor: a Go function of that type that packs
//!   its arguments into gc's ABI form and calls `reflect.callReflect` (MakeFunc) or
//!   `reflect.callMethod` (method values; the closure context's first word tells which), then
//!   returns the results callReflect/callMethod left in gc's locations. Its record is
//!   `{type descriptor, adapter}`; the runtime's `makeFuncStub`/`methodValueCall` trampolines
//!   look it up and jump to it.
//!
//! The ABI assignment here is reflect/abi.go's (`abiSeq.addArg`/`regAssign`), done at compile
//! time on the checker's types.

use frontend::types::{BasicKind, Type, TypeId};

use super::value::Value;
use super::{FnLower, Lowering};
use crate::ir::{Callee, Cmp, DataObject, DataReloc, DataSection, Function, RelocKind, Ty};

/// gc's amd64 register counts (internal/abi: IntArgRegs, FloatArgRegs).
const INT_ARG_REGS: usize = 9;
const FLOAT_ARG_REGS: usize = 15;
/// Offsets inside abi.RegArgs: Ints [9]uintptr, Floats [15]uint64, Ptrs [9]unsafe.Pointer.
const REGARGS_FLOATS: i64 = 8 * INT_ARG_REGS as i64;
const REGARGS_PTRS: i64 = REGARGS_FLOATS + 8 * FLOAT_ARG_REGS as i64;
/// Size of abi.RegArgs on amd64 (Ints, Floats, Ptrs, ReturnIsPtr [2]uint8, padded).
const REGARGS_SIZE: u64 = 272;

#[derive(Clone, Copy, Debug)]
enum StepKind {
    Int,
    Ptr,
    Float,
    Stack,
}

/// One piece of a value's assignment (reflect's abiStep).
#[derive(Clone, Copy, Debug)]
struct Step {
    kind: StepKind,
    /// Offset of the piece inside the value.
    offset: u64,
    size: u64,
    /// Register index (int or float) for register steps.
    reg: usize,
    /// Offset in the stack frame for stack steps.
    stk_off: u64,
}

/// reflect's abiSeq: the assignment of a sequence of values.
#[derive(Clone, Default)]
struct Seq {
    steps: Vec<Step>,
    /// Steps of each value: `steps[value_start[i]..value_start[i+1]]`.
    value_start: Vec<usize>,
    iregs: usize,
    fregs: usize,
    stack_bytes: u64,
}

impl Seq {
    fn steps_for(&self, i: usize) -> &[Step] {
        let s = self.value_start[i];
        let e = self
            .value_start
            .get(i + 1)
            .copied()
            .unwrap_or(self.steps.len());
        &self.steps[s..e]
    }

    fn add_arg(&mut self, l: &Lowering, t: TypeId) {
        self.value_start.push(self.steps.len());
        let lay = l.lay.of(t);
        if lay.size == 0 {
            self.stack_bytes = crate::layout::round_up(self.stack_bytes, lay.align.max(1));
            return;
        }
        let old = self.clone();
        if !self.reg_assign(l, t, 0) {
            *self = old;
            self.stack_bytes = crate::layout::round_up(self.stack_bytes, lay.align.max(1));
            self.steps.push(Step {
                kind: StepKind::Stack,
                offset: 0,
                size: lay.size,
                reg: 0,
                stk_off: self.stack_bytes,
            });
            self.stack_bytes += lay.size;
        }
    }

    fn reg_assign(&mut self, l: &Lowering, t: TypeId, offset: u64) -> bool {
        let prog = l.prog;
        let size = l.lay.of(t).size;
        match prog.ty(prog.underlying(t)) {
            Type::Pointer(_) | Type::Chan(..) | Type::Map(..) | Type::Func(_) => {
                self.int_n(offset, size, 1, 0b1)
            }
            Type::Basic(k) => match k {
                BasicKind::UnsafePointer => self.int_n(offset, size, 1, 0b1),
                BasicKind::Float32 | BasicKind::Float64 => self.float_n(offset, size, 1),
                BasicKind::Complex64 => self.float_n(offset, 4, 2),
                BasicKind::Complex128 => self.float_n(offset, 8, 2),
                BasicKind::String => self.int_n(offset, 8, 2, 0b01),
                _ => self.int_n(offset, size, 1, 0),
            },
            Type::Interface(_) => self.int_n(offset, 8, 2, 0b10),
            Type::Slice(_) => self.int_n(offset, 8, 3, 0b001),
            Type::Array(e, n) => match n {
                0 => true,
                1 => self.reg_assign(l, *e, offset),
                _ => false,
            },
            Type::Struct(fields) => {
                let offs = l.lay.field_offsets(t);
                for (f, off) in fields.iter().zip(offs) {
                    if !self.reg_assign(l, f.typ, offset + off) {
                        return false;
                    }
                }
                true
            }
            _ => false,
        }
    }

    fn int_n(&mut self, offset: u64, size: u64, n: usize, ptr_map: u8) -> bool {
        if self.iregs + n > INT_ARG_REGS {
            return false;
        }
        for i in 0..n {
            self.steps.push(Step {
                kind: if ptr_map & (1 << i) != 0 {
                    StepKind::Ptr
                } else {
                    StepKind::Int
                },
                offset: offset + i as u64 * size,
                size,
                reg: self.iregs,
                stk_off: 0,
            });
            self.iregs += 1;
        }
        true
    }

    fn float_n(&mut self, offset: u64, size: u64, n: usize) -> bool {
        if self.fregs + n > FLOAT_ARG_REGS || size > 8 {
            return false;
        }
        for i in 0..n {
            self.steps.push(Step {
                kind: StepKind::Float,
                offset: offset + i as u64 * size,
                size,
                reg: self.fregs,
                stk_off: 0,
            });
            self.fregs += 1;
        }
        true
    }
}

/// reflect's newAbiDesc for a signature without a separate receiver: (arguments, results, the
/// frame size covering stack arguments and stack results).
fn abi_desc(l: &Lowering, params: &[TypeId], results: &[TypeId]) -> (Seq, Seq, u64) {
    let mut input = Seq::default();
    for &p in params {
        input.add_arg(l, p);
    }
    let ret_offset = crate::layout::round_up(input.stack_bytes, 8);
    let mut out = Seq {
        stack_bytes: ret_offset,
        ..Default::default()
    };
    for &r in results {
        out.add_arg(l, r);
    }
    let frame = crate::layout::round_up(out.stack_bytes, 8);
    (input, out, frame)
}

fn int_ty(size: u64) -> Ty {
    match size {
        1 => Ty::I8,
        2 => Ty::I16,
        4 => Ty::I32,
        _ => Ty::I64,
    }
}

impl<'a, 'p> FnLower<'a, 'p> {
    /// Copies register steps of a value between the value's memory at `val` and `regs`
    /// (abi.RegArgs): to the registers when `to_regs`, else from them. Pointer steps use both
    /// Ints and Ptrs when writing (reflect reads pointers from Ptrs) and Ints when reading.
    fn copy_reg_steps(
        &mut self,
        steps: &[Step],
        val: crate::ir::Var,
        regs: crate::ir::Var,
        to_regs: bool,
    ) {
        for st in steps {
            let (reg_off, ty) = match st.kind {
                StepKind::Int | StepKind::Ptr => (8 * st.reg as i64, int_ty(st.size)),
                StepKind::Float => (
                    REGARGS_FLOATS + 8 * st.reg as i64,
                    if st.size == 4 { Ty::F32 } else { Ty::F64 },
                ),
                StepKind::Stack => continue,
            };
            if to_regs {
                let v = self.b.load(ty, val, st.offset as i64);
                self.b.store(regs, reg_off, v);
                if let StepKind::Ptr = st.kind {
                    self.b.store(regs, REGARGS_PTRS + 8 * st.reg as i64, v);
                }
            } else {
                let v = self.b.load(ty, regs, reg_off);
                self.b.store(val, st.offset as i64, v);
            }
        }
    }

    /// A value of type `t` assembled from gc's ABI locations (registers in `regs`, stack
    /// slots in `frame`).
    fn value_from_abi(
        &mut self,
        steps: &[Step],
        t: TypeId,
        frame: crate::ir::Var,
        regs: crate::ir::Var,
    ) -> Value {
        let lay = self.l.lay.of(t);
        if let Some(st) = steps.first()
            && let StepKind::Stack = st.kind
        {
            let a = self.b.add_imm(frame, st.stk_off as i64);
            return Value::Mem(a);
        }
        let s = self.b.slot(lay.size.max(1), lay.align.max(1));
        let a = self.b.slot_addr(s);
        if lay.size > 0 {
            self.b.memzero(a, lay.size);
        }
        self.copy_reg_steps(steps, a, regs, false);
        Value::Mem(a)
    }

    /// Stores `v` of type `t` into gc's ABI locations.
    fn value_to_abi(
        &mut self,
        steps: &[Step],
        t: TypeId,
        v: Value,
        frame: crate::ir::Var,
        regs: crate::ir::Var,
    ) {
        let lay = self.l.lay.of(t);
        if lay.size == 0 {
            return;
        }
        if let Some(st) = steps.first()
            && let StepKind::Stack = st.kind
        {
            let a = self.b.add_imm(frame, st.stk_off as i64);
            self.store_value(a, t, v);
            return;
        }
        let s = self.b.slot(lay.size, lay.align.max(1));
        let a = self.b.slot_addr(s);
        self.store_value(a, t, v);
        self.copy_reg_steps(steps, a, regs, true);
    }

    /// The forward adapter for a signature (see the module comment).
    fn lower_forward_adapter(
        l: &'a mut Lowering<'p>,
        name: String,
        params: &[TypeId],
        results: &[TypeId],
    ) -> Function {
        let mut f = FnLower::new(l, name.clone(), frontend::ast::Pos::NONE, name, true);
        f.b.func.global = false;
        f.b.func.func_id = 23;
        let code = f.b.param(Ty::I64);
        let fv = f.b.param(Ty::I64);
        let frame = f.b.param(Ty::I64);
        let regs = f.b.param(Ty::I64);
        let (input, out, _) = abi_desc(f.l, params, results);
        let mut args = Vec::new();
        for (i, &t) in params.iter().enumerate() {
            let steps = input.steps_for(i).to_vec();
            let v = f.value_from_abi(&steps, t, frame, regs);
            args.push((v, t));
        }
        let rs = f.emit_go_call(Callee::Indirect(code), fv, params, args, results);
        for (j, (v, &t)) in rs.into_iter().zip(results).enumerate() {
            let steps = out.steps_for(j).to_vec();
            f.value_to_abi(&steps, t, v, frame, regs);
        }
        f.b.terminate(crate::ir::Terminator::Return(vec![]));
        f.b.finish()
    }

    /// The reverse adapter for a func type (see the module comment).
    fn lower_reverse_adapter(
        l: &'a mut Lowering<'p>,
        name: String,
        params: &[TypeId],
        results: &[TypeId],
    ) -> Function {
        let mut f = FnLower::new(l, name.clone(), frontend::ast::Pos::NONE, name, true);
        f.b.func.global = false;
        f.b.func.func_id = 23;
        let incoming = f.incoming_params(params, results);
        let (input, out, frame_size) = abi_desc(f.l, params, results);
        let fs = f.b.slot(frame_size.max(8), 8);
        let frame = f.b.slot_addr(fs);
        f.b.memzero(frame, frame_size.max(8));
        let rs = f.b.slot(REGARGS_SIZE, 8);
        let regs = f.b.slot_addr(rs);
        f.b.memzero(regs, REGARGS_SIZE);
        let vs = f.b.slot(8, 8);
        let ret_valid = f.b.slot_addr(vs);
        f.b.memzero(ret_valid, 8);
        for (i, (v, &t)) in incoming.into_iter().zip(params).enumerate() {
            let steps = input.steps_for(i).to_vec();
            f.value_to_abi(&steps, t, v, frame, regs);
        }
        let uptr = f.l.prog.basic(BasicKind::UnsafePointer);
        let ptypes = [uptr; 4];
        let ctx = f.ctx;
        let code = f.b.load(Ty::I64, ctx, 0);
        let mvc = f.b.sym_addr("reflect.methodValueCall", 0);
        let is_method = f.b.icmp(Cmp::Eq, code, mvc);
        let method_b = f.b.block();
        let reflect_b = f.b.block();
        let done_b = f.b.block();
        f.b.branch(is_method, method_b, reflect_b);
        for (blk, callee) in [
            (method_b, "reflect.callMethod"),
            (reflect_b, "reflect.callReflect"),
        ] {
            f.b.switch_to(blk);
            let args: Vec<(Value, TypeId)> = [ctx, frame, ret_valid, regs]
                .into_iter()
                .map(|v| (Value::Flat(vec![v]), uptr))
                .collect();
            let zero = f.b.iconst(Ty::I64, 0);
            f.emit_go_call(Callee::Direct(callee.to_string()), zero, &ptypes, args, &[]);
            f.b.jump(done_b);
        }
        f.b.switch_to(done_b);
        let mut vals = Vec::new();
        for (j, &t) in results.iter().enumerate() {
            let steps = out.steps_for(j).to_vec();
            let v = f.value_from_abi(&steps, t, frame, regs);
            vals.push(v);
        }
        f.emit_return(vals);
        f.b.finish()
    }
}

impl<'p> Lowering<'p> {
    /// What a forward adapter's code depends on: each value's layout and gc ABI steps.
    fn adapter_shape(&self, params: &[TypeId], results: &[TypeId]) -> String {
        let (input, out, frame) = abi_desc(self, params, results);
        let mut key = format!("{frame}|");
        for (seq, tys) in [(&input, params), (&out, results)] {
            for (i, &t) in tys.iter().enumerate() {
                let lay = self.lay.of(t);
                key.push_str(&format!(
                    "{}/{}/{}/{:?}/{:?};",
                    lay.size,
                    lay.align,
                    lay.flat,
                    lay.scalars,
                    seq.steps_for(i)
                ));
            }
            key.push('|');
        }
        key
    }

    /// Whether this package is reflect or imports it, directly or indirectly.
    fn imports_reflect(&self) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut work = vec![self.pkg];
        while let Some(p) = work.pop() {
            if !seen.insert(p) {
                continue;
            }
            let pkg = self.prog.package(p);
            if pkg.path == "reflect" {
                return true;
            }
            work.extend(pkg.imports.iter().copied());
        }
        false
    }

    /// Emits the forward adapters of every Go function lowered in this package, the reverse
    /// adapters of every func type whose descriptor it emits, and their `.rgo.adapters` records.
    pub(crate) fn emit_reflect_adapters(&mut self) {
        let mut records: Vec<(String, String)> = Vec::new();
        // One adapter per shape: signatures whose values have the same layouts and the same gc
        // ABI assignment get the same code.
        let mut by_shape: std::collections::HashMap<String, String> =
            std::collections::HashMap::new();
        let sigs = std::mem::take(&mut self.go_sigs);
        for (func, params, results) in sigs {
            let key = self.adapter_shape(&params, &results);
            let adapter = match by_shape.get(&key) {
                Some(a) => a.clone(),
                None => {
                    let name = format!("{}.rgo.adapter{}", self.prefix, by_shape.len());
                    let f = FnLower::lower_forward_adapter(self, name.clone(), &params, &results);
                    self.module.functions.push(f);
                    by_shape.insert(key, name.clone());
                    name
                }
            };
            records.push((func, adapter));
        }
        // Reverse adapters call into package reflect: only packages that can reach it (reflect
        // and the packages importing it, directly or not) emit them; reflect can only make
        // functions of types that such a package handed to it.
        let mut n = 0;
        let types = if self.imports_reflect() {
            self.types.requested_types()
        } else {
            Vec::new()
        };
        for (sym, t) in types {
            let Type::Func(sig) = self.prog.ty(self.prog.underlying(t)).clone() else {
                continue;
            };
            if sig.recv.is_some() {
                continue;
            }
            let name = format!("{}.rgo.radapter{n}", self.prefix);
            n += 1;
            let f = FnLower::lower_reverse_adapter(self, name.clone(), &sig.params, &sig.results);
            self.module.functions.push(f);
            records.push((sym, name));
        }
        if records.is_empty() {
            return;
        }
        let mut relocs = Vec::new();
        for (i, (key, adapter)) in records.iter().enumerate() {
            relocs.push(DataReloc {
                offset: (i * 16) as u32,
                kind: RelocKind::Abs64,
                target: key.clone(),
                addend: 0,
            });
            relocs.push(DataReloc {
                offset: (i * 16 + 8) as u32,
                kind: RelocKind::Abs64,
                target: adapter.clone(),
                addend: 0,
            });
        }
        self.module.data.push(DataObject {
            name: format!("{}..rgoadapters", self.prefix),
            section: DataSection::RgoAdapters,
            align: 8,
            bytes: vec![0; records.len() * 16],
            size: (records.len() * 16) as u64,
            relocs,
            global: false,
        });
    }
}
