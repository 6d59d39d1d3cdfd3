//! IR function → Cranelift function.
//!
//! Every IR `Var` becomes a cranelift-frontend `Variable` (the frontend builds SSA), every IR
//! block a Cranelift block. The IR is validated as it is translated: anything Cranelift would
//! reject or panic on (unknown vars/blocks/slots, type mismatches, duplicate switch cases, too
//! many results) is reported as a [`BackendError`] naming the function and the instruction.

use crate::BackendError;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    self as cl, AbiParam, AtomicRmwOp, ExtFuncData, ExternalName, FuncRef, GlobalValueData,
    InstBuilder, MemFlagsData, SigRef, Signature, SourceLoc, StackSlotData, StackSlotKind,
    TrapCode, Type, UserExternalName, UserFuncName, Value, ValueLabel, types,
};
use cranelift_codegen::isa::{CallConv as ClConv, TargetIsa};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Switch, Variable};
use midend::ir::{
    self, AtomicOp, BinOp, CallConv, Callee, Cmp, Conv, FCmp, Inst, Terminator, Ty, UnOp,
};
use std::collections::{HashMap, HashSet};

/// `ud2` for [`Terminator::Unreachable`]; user trap code 1 (the runtime's SIGILL handler may
/// map trap sites back to it).
pub(crate) const TRAP_UNREACHABLE: TrapCode = match TrapCode::user(1) {
    Some(t) => t,
    None => panic!("user trap code 1 is reserved"),
};

/// MemCopy/MemZero of at most this many bytes are inlined as 16/8/4/2/1-byte moves; larger
/// ones call the runtime's `memmove`/`memset` (a `rep movsb/stosb` that beats a long unrolled
/// sequence in code size and is not slower past a few cache lines).
pub(crate) const INLINE_MEM_LIMIT: u64 = 128;

/// Module-wide facts every function translation needs (shared read-only by the workers).
pub(crate) struct ModuleInfo {
    /// Names that denote functions: functions of the module and every `Callee::Direct`.
    /// `SymAddr` of such a name is a `func_addr`; of any other name a data `symbol_value`.
    functions: HashSet<String>,
    /// Whether loop back-edges check for a preemption request (rt/src/preempt.rs): in every
    /// package but the runtime's own (package runtime and internal/runtime/*), whose loops
    /// may run inside the scheduler or halfway through an update of its state.
    preempt_checks: bool,
}

/// gc's stackPreempt: the value the runtime stores in `g.stackguard0` to ask the goroutine to
/// yield (rt/src/start.rs).
const STACK_PREEMPT: i64 = -1314;
/// Offset of `stackguard0` in the runtime's G (after `stack.lo` and `stack.hi`, as in gc).
const G_STACKGUARD0: i32 = 16;

impl ModuleInfo {
    pub(crate) fn new(m: &ir::Module) -> Result<Self, BackendError> {
        let mut functions = HashSet::new();
        for f in &m.functions {
            functions.insert(f.name.clone());
            for b in &f.blocks {
                for i in &b.insts {
                    if let Inst::Call {
                        callee: Callee::Direct(n),
                        ..
                    } = i
                    {
                        functions.insert(n.clone());
                    }
                }
            }
        }
        for d in &m.data {
            if functions.contains(&d.name) {
                return Err(BackendError::module(format!(
                    "{:?} is both a data object and a function",
                    d.name
                )));
            }
        }
        let preempt_checks = m.package != "runtime" && !m.package.starts_with("internal/runtime/");
        Ok(ModuleInfo {
            functions,
            preempt_checks,
        })
    }
}

/// A translated function and the side tables that give meaning to its opaque parts.
pub(crate) struct Translated {
    pub func: cl::Function,
    /// `UserExternalName { namespace: 0, index }` → symbol name.
    pub names: Vec<String>,
    /// `SourceLoc` value → Go source line.
    pub lines: Vec<u32>,
    /// Where cranelift-frontend keeps debugger-visible values across calls (debuglocs.rs).
    pub homes: crate::debuglocs::SpillHomes,
}

pub(crate) fn cl_type(t: Ty) -> Type {
    match t {
        Ty::I8 => types::I8,
        Ty::I16 => types::I16,
        Ty::I32 => types::I32,
        Ty::I64 => types::I64,
        Ty::F32 => types::F32,
        Ty::F64 => types::F64,
    }
}

fn cl_conv(c: CallConv) -> ClConv {
    match c {
        CallConv::Go => ClConv::Tail,
        CallConv::C => ClConv::SystemV,
    }
}

/// An ABI parameter of type `t` under `conv`. For SysV, sub-32-bit integers are zero-extended
/// by the caller (and callee, for returns): Rust/LLVM code assumes `u8`/`bool` arguments
/// arrive zero-extended, as clang emits them. Between Go (tail) functions no extension is
/// needed, Cranelift callees never assume it.
fn abi_param(t: Ty, conv: CallConv) -> AbiParam {
    let p = AbiParam::new(cl_type(t));
    match (conv, t) {
        (CallConv::C, Ty::I8 | Ty::I16) => p.uext(),
        _ => p,
    }
}

/// Check the register-return limits up front: Cranelift reports them too, but this message
/// names the call.
fn check_results(conv: CallConv, results: &[Ty]) -> Result<(), String> {
    let floats = results.iter().filter(|t| t.is_float()).count();
    let ints = results.len() - floats;
    let max = match conv {
        CallConv::Go => 8,
        CallConv::C => 2,
    };
    if ints > max || floats > max {
        return Err(format!(
            "{ints} integer and {floats} float results exceed the {conv:?} convention's {max}+{max} result registers"
        ));
    }
    Ok(())
}

pub(crate) fn signature(conv: CallConv, params: &[Ty], results: &[Ty]) -> Signature {
    let mut sig = Signature::new(cl_conv(conv));
    sig.params
        .extend(params.iter().map(|&t| abi_param(t, conv)));
    sig.returns
        .extend(results.iter().map(|&t| abi_param(t, conv)));
    sig
}

/// Header comment for the dumps: Go name, IR signature, and the external-name table.
pub(crate) fn describe(f: &ir::Function, t: &Translated) -> String {
    let mut s = format!(
        "; function {:?} ({:?}, {}:{})\n",
        f.name, f.conv, f.file, f.start_line
    );
    for (i, n) in t.names.iter().enumerate() {
        s.push_str(&format!(";   u0:{i} = {n:?}\n"));
    }
    // Source locations are indices into the function's line table; spell them out.
    if !t.lines.is_empty() {
        let locs: Vec<String> = t
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| format!("@{i:04x} = line {l}"))
            .collect();
        s.push_str(&format!(";   {}\n", locs.join(", ")));
    }
    s
}

struct Tr<'a, 'b> {
    f: &'a ir::Function,
    info: &'a ModuleInfo,
    b: FunctionBuilder<'b>,
    vars: Vec<Variable>,
    blocks: Vec<cl::Block>,
    slots: Vec<cl::StackSlot>,
    names: Vec<String>,
    name_ix: HashMap<String, u32>,
    funcs: HashMap<(String, Signature), FuncRef>,
    addr_funcs: HashMap<String, FuncRef>,
    data_gvs: HashMap<(String, i64), cl::GlobalValue>,
    sigs: HashMap<Signature, SigRef>,
    lines: Vec<u32>,
    line_ix: HashMap<u32, u32>,
    /// Where the instruction being translated is, for error messages.
    at: String,
    /// The slot the parameters are stored into at entry for tracebacks (midend lower/arginfo.rs).
    arg_slot: Option<cl::StackSlot>,
    /// The IR vars that hold local variables (ir::DebugLocal): their Cranelift values carry a
    /// value label (the var's number) so that Cranelift reports where they live (emit.rs).
    labelled: HashSet<u32>,
    /// Which IR slots are live after each call (stackmaps.rs), and where translation is.
    slot_live: crate::stackmaps::SlotLiveness,
    /// The table of the IR slots' addresses, stored at entry: a `SlotAddr` loads its slot's
    /// address from there. A `stack_addr` is a pure value that Cranelift's GVN would share
    /// between all uses, keeping a stack address in a callee-saved register across calls,
    /// where it is dead but still seen by the collector's scan of the frames below, keeping
    /// a dead stack object alive (stackmaps.rs).
    slot_tab: Option<cl::StackSlot>,
    slot_tab_ix: HashMap<u32, u32>,
    /// Blocks that end with a preemption check, and the function it calls.
    preempt_blocks: Vec<cl::Block>,
    preempt_fref: Option<FuncRef>,
    cur_block: usize,
    cur_inst: usize,
}

pub(crate) fn translate(
    f: &ir::Function,
    info: &ModuleInfo,
    isa: &dyn TargetIsa,
    fctx: &mut FunctionBuilderContext,
) -> Result<Translated, BackendError> {
    let err = |m: String| BackendError::func(&f.name, m);
    if f.blocks.is_empty() {
        return Err(err("function has no blocks".into()));
    }
    let mut param_tys = Vec::with_capacity(f.params.len());
    for p in &f.params {
        let t = f
            .vars
            .get(p.0 as usize)
            .ok_or_else(|| err(format!("parameter {p} is not a declared var")))?;
        param_tys.push(*t);
    }
    check_results(f.conv, &f.results).map_err(err)?;
    let mut func = cl::Function::with_name_signature(
        UserFuncName::testcase(f.name.as_bytes()),
        signature(f.conv, &param_tys, &f.results),
    );
    let mut slots = Vec::with_capacity(f.slots.len());
    for (i, s) in f.slots.iter().enumerate() {
        let align = s.align.max(1);
        if !align.is_power_of_two() {
            return Err(err(format!(
                "stack slot ss{i}: alignment {align} is not a power of two"
            )));
        }
        slots.push(func.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            s.size,
            align.trailing_zeros() as u8,
        )));
    }
    // The traceback's argument spill slot comes after the IR's slots (emit.rs finds it there).
    let arg_slot =
        match &f.arg_info {
            Some(a) if !a.spill.is_empty() => Some(func.create_sized_stack_slot(
                StackSlotData::new(StackSlotKind::ExplicitSlot, a.size, 3),
            )),
            _ => None,
        };
    let mut slot_tab_ix = HashMap::new();
    for b in &f.blocks {
        for i in &b.insts {
            if let Inst::SlotAddr { slot, .. } = i
                && (slot.0 as usize) < f.slots.len()
            {
                let n = slot_tab_ix.len() as u32;
                slot_tab_ix.entry(slot.0).or_insert(n);
            }
        }
    }
    // After the IR's slots and the argument slot (emit.rs finds the latter by index).
    let slot_tab = (!slot_tab_ix.is_empty()).then(|| {
        func.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            8 * slot_tab_ix.len() as u32,
            3,
        ))
    });
    let mut labelled = HashSet::new();
    for l in &f.debug_locals {
        match &l.loc {
            ir::DebugLoc::Regs(vs) => labelled.extend(vs.iter().map(|(_, v)| v.0)),
            ir::DebugLoc::Ptr(v) => {
                labelled.insert(v.0);
            }
            ir::DebugLoc::Slot(_) => {}
        }
    }
    if !labelled.is_empty() {
        func.dfg.collect_debug_info();
    }
    let b = FunctionBuilder::new(&mut func, fctx);
    let mut tr = Tr {
        f,
        info,
        b,
        vars: Vec::new(),
        blocks: Vec::new(),
        slots,
        names: Vec::new(),
        name_ix: HashMap::new(),
        funcs: HashMap::new(),
        addr_funcs: HashMap::new(),
        data_gvs: HashMap::new(),
        sigs: HashMap::new(),
        lines: Vec::new(),
        line_ix: HashMap::new(),
        at: "entry".into(),
        arg_slot,
        labelled,
        slot_live: crate::stackmaps::SlotLiveness::new(f),
        slot_tab,
        slot_tab_ix,
        preempt_blocks: Vec::new(),
        preempt_fref: None,
        cur_block: 0,
        cur_inst: 0,
    };
    tr.body()?;
    let Tr {
        b,
        names,
        lines,
        preempt_blocks,
        preempt_fref,
        ..
    } = tr;
    // The slots made from here on are the frontend's stack-map spill slots (debuglocs.rs).
    let first_spill_slot = b.func.sized_stack_slots.len();
    b.finalize(isa.frontend_config());
    if isa.flags().opt_level() != cranelift_codegen::settings::OptLevel::None {
        crate::prove::eliminate_checks(&mut func);
    }
    // After prove: the checks split the back-edge blocks prove reasons about.
    if let Some(fref) = preempt_fref {
        insert_preempt_checks(&mut func, &preempt_blocks, fref);
    }
    let homes = crate::debuglocs::mark_spill_homes(&mut func, first_spill_slot, lines.len() as u32);
    Ok(Translated {
        func,
        names,
        lines,
        homes,
    })
}

/// A cooperative preemption point (rt/src/preempt.rs) before the terminator of each block that
/// closes a loop ([`blocks_with_back_edge`]): when the runtime has stored gc's stackPreempt in
/// `g.stackguard0` (g is in r15), a cold call to `runtime.asyncPreempt` lets other goroutines
/// run. That routine saves and restores every register itself, so the call uses Cranelift's
/// `preserve_all` convention: nothing is clobbered, and the register allocation of the loop is
/// the same as without the check. The fast path is a load, a compare with a constant and a
/// branch not taken.
///
/// The checks are inserted after cranelift-frontend has built the function: to the frontend
/// every call is a safepoint, and keeping the loop's pointers in stack-map slots across a call
/// on the loop's path cost loops several times their speed. Without a stack map the frame of a
/// goroutine parked there is scanned conservatively (rt/src/mgcstack.rs), like gc's frames
/// stopped by asynchronous preemption.
fn insert_preempt_checks(func: &mut cl::Function, blocks: &[cl::Block], fref: FuncRef) {
    use cranelift_codegen::cursor::{Cursor, FuncCursor};
    for &blk in blocks {
        let Some(term) = func.layout.last_inst(blk) else {
            continue;
        };
        let cont = func.dfg.make_block();
        let cold = func.dfg.make_block();
        func.layout.insert_block_after(cont, blk);
        func.layout.insert_block_after(cold, cont);
        func.layout.set_cold(cold);
        func.layout.remove_inst(term);
        func.layout.append_inst(term, cont);
        let mut pos = FuncCursor::new(func).at_bottom(blk);
        let g = pos.ins().get_pinned_reg(types::I64);
        let guard = pos
            .ins()
            .load(types::I64, MemFlagsData::trusted(), g, G_STACKGUARD0);
        let hit = pos.ins().icmp_imm_s(IntCC::Equal, guard, STACK_PREEMPT);
        pos.ins().brif(hit, cold, &[], cont, &[]);
        let mut pos = FuncCursor::new(func).at_bottom(cold);
        pos.ins().call(fref, &[]);
        pos.ins().jump(cont, &[]);
    }
}

impl Tr<'_, '_> {
    fn err(&self, m: impl std::fmt::Display) -> BackendError {
        BackendError::func(&self.f.name, format!("{}: {m}", self.at))
    }

    fn body(&mut self) -> Result<(), BackendError> {
        let f = self.f;
        // Vars that may hold a pointer live in stack-map slots across calls (stackmaps.rs).
        let ptr = crate::stackmaps::pointer_vars(f);
        for (i, &t) in f.vars.iter().enumerate() {
            let v = self.b.declare_var(cl_type(t));
            if ptr[i] {
                self.b.declare_var_needs_stack_map(v);
            }
            self.vars.push(v);
        }
        for _ in &f.blocks {
            let blk = self.b.create_block();
            self.blocks.push(blk);
        }
        // Cranelift's entry block cannot be re-entered with the parameters as block params, so
        // when the IR jumps back to b0 (a loop at the top of the function) a separate entry
        // block receives the parameters and falls into b0.
        let reenters_entry = f
            .blocks
            .iter()
            .any(|b| successors(&b.term).any(|s| s.0 == 0));
        let entry = if reenters_entry {
            self.b.create_block()
        } else {
            self.blocks[0]
        };
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        let params: Vec<Value> = self.b.block_params(entry).to_vec();
        for (p, v) in f.params.iter().zip(params) {
            let var = self.vars[p.0 as usize];
            self.b.def_var(var, v);
        }
        self.spill_args()?;
        if let Some(tab) = self.slot_tab {
            let mut ix: Vec<(u32, u32)> = self.slot_tab_ix.iter().map(|(&s, &k)| (k, s)).collect();
            ix.sort_unstable();
            for (k, s) in ix {
                let a = self
                    .b
                    .ins()
                    .stack_addr(types::I64, self.slots[s as usize], 0);
                self.b.ins().stack_store(types::I64, a, tab, (8 * k) as i32);
            }
        }
        if reenters_entry {
            self.b.ins().jump(self.blocks[0], &[]);
        }
        // Generated type algorithms (`type:.eq.*`) may be called from places where r15 is not
        // the goroutine, and they finish quickly: no checks.
        let check_back_edges =
            self.info.preempt_checks && f.conv == CallConv::Go && !f.name.starts_with("type:");
        let back_edges = if check_back_edges {
            blocks_with_back_edge(f)
        } else {
            Vec::new()
        };
        for (i, blk) in f.blocks.iter().enumerate() {
            self.b.switch_to_block(self.blocks[i]);
            self.cur_block = i;
            for (k, inst) in blk.insts.iter().enumerate() {
                self.cur_inst = k;
                self.at = format!("b{i} inst {k} `{inst}`");
                self.inst(inst)?;
            }
            self.cur_inst = blk.insts.len();
            self.at = format!("b{i} terminator `{}`", blk.term);
            if back_edges.get(i).copied().unwrap_or(false) {
                // Inserted after the frontend is done (`insert_preempt_checks`).
                if self.preempt_fref.is_none() {
                    let sig = Signature::new(ClConv::PreserveAll);
                    self.preempt_fref = Some(self.func_ref("runtime.asyncPreempt", sig));
                }
                if let Some(cur) = self.b.current_block() {
                    self.preempt_blocks.push(cur);
                }
            }
            self.term(&blk.term)?;
        }
        self.b.seal_all_blocks();
        Ok(())
    }

    /// Stores the parameter words tracebacks print into the argument spill slot, laid out as gc's
    /// argument area (midend lower/arginfo.rs).
    fn spill_args(&mut self) -> Result<(), BackendError> {
        let (Some(slot), Some(info)) = (self.arg_slot, &self.f.arg_info) else {
            return Ok(());
        };
        for s in &info.spill {
            match *s {
                ir::ArgSpill::Word { var, off } => {
                    let (v, _) = self.use_var(var)?;
                    self.b.ins().stack_store(types::I64, v, slot, off as i32);
                }
            }
        }
        Ok(())
    }

    /// Adds the IR slots whose address is taken again after the current instruction to the
    /// stack map of `call`, one [`crate::stackmaps::SLOT_MARK`] entry at each slot's start:
    /// they may be read after the call with no pointer to them live (stackmaps.rs).
    fn mark_live_slots(&mut self, call: cl::Inst) {
        for s in self.slot_live.after(self.f, self.cur_block, self.cur_inst) {
            if let Some(&slot) = self.slots.get(s as usize)
                && self.f.slots[s as usize].size > 0
            {
                self.b.func.dfg.append_user_stack_map_entry(
                    call,
                    cl::UserStackMapEntry {
                        ty: crate::stackmaps::SLOT_MARK,
                        slot,
                        offset: 0,
                    },
                );
            }
        }
    }

    /// The Cranelift variable and IR type of `v`.
    fn var(&self, v: ir::Var) -> Result<(Variable, Ty), BackendError> {
        match (self.vars.get(v.0 as usize), self.f.vars.get(v.0 as usize)) {
            (Some(&var), Some(&t)) => Ok((var, t)),
            _ => Err(self.err(format!("{v} is not a declared var"))),
        }
    }

    fn use_var(&mut self, v: ir::Var) -> Result<(Value, Ty), BackendError> {
        let (var, t) = self.var(v)?;
        let val = self
            .b
            .try_use_var(var)
            .map_err(|e| self.err(format!("use of {v}: {e}")))?;
        // Labelled at uses too: a use after a merge sees a block parameter that the SSA builder
        // made, which no definition labelled.
        self.label(v, val);
        Ok((val, t))
    }

    /// Marks `val` as the value of a debugger-visible var.
    fn label(&mut self, v: ir::Var, val: Value) {
        if self.labelled.contains(&v.0) {
            self.b.set_val_label(val, ValueLabel::from_u32(v.0));
        }
    }

    fn use_int(&mut self, v: ir::Var) -> Result<(Value, Ty), BackendError> {
        let (val, t) = self.use_var(v)?;
        if t.is_float() {
            return Err(self.err(format!("{v} has type {t}, an integer is required")));
        }
        Ok((val, t))
    }

    fn use_ptr(&mut self, v: ir::Var) -> Result<Value, BackendError> {
        let (val, t) = self.use_var(v)?;
        if t != Ty::I64 {
            return Err(self.err(format!("{v} has type {t}, an address (i64) is required")));
        }
        Ok(val)
    }

    fn def(&mut self, dst: ir::Var, val: Value) -> Result<(), BackendError> {
        let (var, t) = self.var(dst)?;
        let vt = self.b.func.dfg.value_type(val);
        if vt != cl_type(t) {
            return Err(self.err(format!("{dst} has type {t} but the value is {vt}")));
        }
        self.label(dst, val);
        self.b
            .try_def_var(var, val)
            .map_err(|e| self.err(format!("definition of {dst}: {e}")))
    }

    fn dst_ty(&self, dst: ir::Var) -> Result<Ty, BackendError> {
        self.var(dst).map(|(_, t)| t)
    }

    fn block(&self, id: ir::BlockId) -> Result<cl::Block, BackendError> {
        self.blocks
            .get(id.0 as usize)
            .copied()
            .ok_or_else(|| self.err(format!("{id} does not exist")))
    }

    fn name(&mut self, sym: &str) -> cl::UserExternalNameRef {
        let ix = match self.name_ix.get(sym) {
            Some(&i) => i,
            None => {
                let i = self.names.len() as u32;
                self.names.push(sym.to_string());
                self.name_ix.insert(sym.to_string(), i);
                i
            }
        };
        self.b
            .func
            .declare_imported_user_function(UserExternalName::new(0, ix))
    }

    fn sig(&mut self, sig: Signature) -> SigRef {
        if let Some(&r) = self.sigs.get(&sig) {
            return r;
        }
        let r = self.b.import_signature(sig.clone());
        self.sigs.insert(sig, r);
        r
    }

    /// A colocated function reference: every rgo symbol ends up in one static executable
    /// within ±2 GiB, so calls are direct `call rel32` (R_X86_64_PLT32).
    fn func_ref(&mut self, sym: &str, sig: Signature) -> FuncRef {
        let key = (sym.to_string(), sig);
        if let Some(&r) = self.funcs.get(&key) {
            return r;
        }
        let signature = self.sig(key.1.clone());
        let name = ExternalName::user(self.name(sym));
        let r = self.b.import_function(ExtFuncData {
            name,
            signature,
            colocated: true,
            patchable: false,
        });
        self.funcs.insert(key, r);
        r
    }

    fn set_line(&mut self, line: u32) {
        let ix = match self.line_ix.get(&line) {
            Some(&i) => i,
            None => {
                let i = self.lines.len() as u32;
                self.lines.push(line);
                self.line_ix.insert(line, i);
                i
            }
        };
        self.b.set_srcloc(SourceLoc::new(ix));
    }

    fn inst(&mut self, inst: &Inst) -> Result<(), BackendError> {
        match inst {
            Inst::Line(l) => self.set_line(*l),
            Inst::Iconst { dst, ty, value } => {
                let t = self.dst_ty(*dst)?;
                if t != *ty || t.is_float() {
                    return Err(self.err(format!("iconst.{ty} into {dst} of type {t}")));
                }
                // Cranelift wants narrow immediates zero-extended to 64 bits.
                let bits = t.bytes() * 8;
                let v = if bits == 64 {
                    *value
                } else {
                    ((*value as u64) & ((1u64 << bits) - 1)) as i64
                };
                let val = self.b.ins().iconst(cl_type(t), v);
                self.def(*dst, val)?;
            }
            Inst::F32const { dst, bits } => {
                let val = self
                    .b
                    .ins()
                    .f32const(cl::immediates::Ieee32::with_bits(*bits));
                self.def(*dst, val)?;
            }
            Inst::F64const { dst, bits } => {
                let val = self
                    .b
                    .ins()
                    .f64const(cl::immediates::Ieee64::with_bits(*bits));
                self.def(*dst, val)?;
            }
            Inst::Copy { dst, src } => {
                let (v, _) = self.use_var(*src)?;
                self.def(*dst, v)?;
            }
            Inst::Binary { dst, op, a, b } => self.binary(*dst, *op, *a, *b)?,
            Inst::Unary { dst, op, a } => {
                let (x, t) = self.use_var(*a)?;
                let val = match (op, t.is_float()) {
                    (UnOp::Neg, false) => self.b.ins().ineg(x),
                    (UnOp::Not, false) => self.b.ins().bnot(x),
                    (UnOp::FNeg, true) => self.b.ins().fneg(x),
                    (UnOp::FSqrt, true) => self.b.ins().sqrt(x),
                    (UnOp::FAbs, true) => self.b.ins().fabs(x),
                    // Without SSE4.1 in the ISA flags (GOAMD64=v1) these become calls of
                    // rt's floor/ceil/trunc/nearbyint, which use ROUNDSD when the CPU has it.
                    (UnOp::FFloor, true) => self.b.ins().floor(x),
                    (UnOp::FCeil, true) => self.b.ins().ceil(x),
                    (UnOp::FTrunc, true) => self.b.ins().trunc(x),
                    (UnOp::FRoundEven, true) => self.b.ins().nearest(x),
                    (UnOp::Ctz, false) => self.b.ins().ctz(x),
                    (UnOp::Clz, false) => self.b.ins().clz(x),
                    (UnOp::Popcnt, false) => self.b.ins().popcnt(x),
                    (UnOp::Bswap, false) if t != Ty::I8 => self.b.ins().bswap(x),
                    _ => return Err(self.err(format!("{op:?} on {a} of type {t}"))),
                };
                self.def(*dst, val)?;
            }
            Inst::Icmp { dst, cmp, a, b } => {
                let (x, ta) = self.use_int(*a)?;
                let (y, tb) = self.use_int(*b)?;
                if ta != tb {
                    return Err(self.err(format!("comparing {a}: {ta} with {b}: {tb}")));
                }
                let cc = match cmp {
                    Cmp::Eq => IntCC::Equal,
                    Cmp::Ne => IntCC::NotEqual,
                    Cmp::SLt => IntCC::SignedLessThan,
                    Cmp::SLe => IntCC::SignedLessThanOrEqual,
                    Cmp::SGt => IntCC::SignedGreaterThan,
                    Cmp::SGe => IntCC::SignedGreaterThanOrEqual,
                    Cmp::ULt => IntCC::UnsignedLessThan,
                    Cmp::ULe => IntCC::UnsignedLessThanOrEqual,
                    Cmp::UGt => IntCC::UnsignedGreaterThan,
                    Cmp::UGe => IntCC::UnsignedGreaterThanOrEqual,
                };
                let r = self.b.ins().icmp(cc, x, y);
                self.def_bool(*dst, r)?;
            }
            Inst::Fcmp { dst, cmp, a, b } => {
                let (x, ta) = self.use_var(*a)?;
                let (y, tb) = self.use_var(*b)?;
                if ta != tb || !ta.is_float() {
                    return Err(self.err(format!("float comparison of {a}: {ta} with {b}: {tb}")));
                }
                let cc = match cmp {
                    FCmp::Eq => FloatCC::Equal,
                    // Go's != is true when either operand is NaN.
                    FCmp::Ne => FloatCC::NotEqual,
                    FCmp::Lt => FloatCC::LessThan,
                    FCmp::Le => FloatCC::LessThanOrEqual,
                    FCmp::Gt => FloatCC::GreaterThan,
                    FCmp::Ge => FloatCC::GreaterThanOrEqual,
                };
                let r = self.b.ins().fcmp(cc, x, y);
                self.def_bool(*dst, r)?;
            }
            Inst::Convert { dst, conv, a } => {
                let (x, from) = self.use_var(*a)?;
                let to = self.dst_ty(*dst)?;
                let v = self.convert(*conv, x, from, to)?;
                self.def(*dst, v)?;
            }
            Inst::Select { dst, cond, a, b } => {
                let (c, _) = self.use_int(*cond)?;
                let (x, ta) = self.use_var(*a)?;
                let (y, tb) = self.use_var(*b)?;
                if ta != tb {
                    return Err(self.err(format!("select between {a}: {ta} and {b}: {tb}")));
                }
                let v = self.b.ins().select(c, x, y);
                self.def(*dst, v)?;
            }
            Inst::Load { dst, addr, offset } => {
                let p = self.use_ptr(*addr)?;
                let t = self.dst_ty(*dst)?;
                // Plain flags: the load may fault on nil, and the fault must reach the
                // runtime's SIGSEGV handler at this instruction.
                let v = self
                    .b
                    .ins()
                    .load(cl_type(t), MemFlagsData::new(), p, *offset);
                self.def(*dst, v)?;
            }
            Inst::Store {
                addr,
                offset,
                value,
            } => {
                let p = self.use_ptr(*addr)?;
                let (v, _) = self.use_var(*value)?;
                self.b.ins().store(MemFlagsData::new(), v, p, *offset);
            }
            Inst::SlotAddr { dst, slot } => {
                let ss = *self
                    .slots
                    .get(slot.0 as usize)
                    .ok_or_else(|| self.err(format!("stack slot ss{} does not exist", slot.0)))?;
                let v = match (self.slot_tab, self.slot_tab_ix.get(&slot.0)) {
                    (Some(tab), Some(&k)) => {
                        self.b
                            .ins()
                            .stack_load(types::I64, types::I64, tab, (8 * k) as i32)
                    }
                    _ => self.b.ins().stack_addr(types::I64, ss, 0),
                };
                self.def(*dst, v)?;
            }
            Inst::SymAddr { dst, sym, addend } => {
                let v = self.sym_addr(sym, *addend);
                self.def(*dst, v)?;
            }
            Inst::MemCopy { dst, src, size } => {
                let d = self.use_ptr(*dst)?;
                let s = self.use_ptr(*src)?;
                self.mem_copy(d, s, *size);
            }
            Inst::MemZero { dst, size } => {
                let d = self.use_ptr(*dst)?;
                self.mem_zero(d, *size);
            }
            Inst::Call {
                callee,
                conv,
                args,
                results,
            } => self.call(callee, *conv, args, results)?,
            Inst::FramePointer { dst } => {
                let fp = self.b.ins().get_frame_pointer(types::I64);
                self.def(*dst, fp)?;
            }
            // Cranelift's atomics are sequentially consistent, as Go's are; plain flags keep
            // them trapping on nil (the fault becomes Go's nil-dereference panic). On x86-64
            // they lower to mov (+ mfence for stores), lock xadd, xchg and lock cmpxchg (a
            // cmpxchg loop for and/or), which is what gc emits.
            Inst::AtomicLoad { dst, addr } => {
                let p = self.use_ptr(*addr)?;
                let t = self.dst_ty(*dst)?;
                if t.is_float() {
                    return Err(self.err(format!("atomic load into {dst} of type {t}")));
                }
                let v = self.b.ins().atomic_load(cl_type(t), MemFlagsData::new(), p);
                self.def(*dst, v)?;
            }
            Inst::AtomicStore { addr, value } => {
                let p = self.use_ptr(*addr)?;
                let (v, _) = self.use_int(*value)?;
                self.b.ins().atomic_store(MemFlagsData::new(), v, p);
            }
            Inst::AtomicRmw {
                dst,
                op,
                addr,
                value,
            } => {
                let p = self.use_ptr(*addr)?;
                let (v, t) = self.use_int(*value)?;
                let rop = match op {
                    AtomicOp::Add => AtomicRmwOp::Add,
                    AtomicOp::Xchg => AtomicRmwOp::Xchg,
                    AtomicOp::And => AtomicRmwOp::And,
                    AtomicOp::Or => AtomicRmwOp::Or,
                };
                let old = self
                    .b
                    .ins()
                    .atomic_rmw(cl_type(t), MemFlagsData::new(), rop, p, v);
                self.def(*dst, old)?;
            }
            Inst::AtomicCas {
                dst,
                addr,
                expected,
                new,
            } => {
                let p = self.use_ptr(*addr)?;
                let (e, te) = self.use_int(*expected)?;
                let (n, tn) = self.use_int(*new)?;
                if te != tn {
                    return Err(
                        self.err(format!("atomic cas of {expected}: {te} with {new}: {tn}"))
                    );
                }
                let old = self.b.ins().atomic_cas(MemFlagsData::new(), p, e, n);
                self.def(*dst, old)?;
            }
        }
        Ok(())
    }

    /// A Go-convention call whose exceptional edge goes to `unwind`. Results arrive as block
    /// parameters of a fresh block that defines the IR result vars and jumps to `normal`.
    fn try_call(
        &mut self,
        callee: &Callee,
        args: &[ir::Var],
        results: &[ir::Var],
        normal: ir::BlockId,
        unwind: ir::BlockId,
    ) -> Result<(), BackendError> {
        let mut vals = Vec::with_capacity(args.len());
        let mut ptys = Vec::with_capacity(args.len());
        for a in args {
            let (v, t) = self.use_var(*a)?;
            vals.push(v);
            ptys.push(t);
        }
        let mut rtys = Vec::with_capacity(results.len());
        for r in results {
            rtys.push(self.dst_ty(*r)?);
        }
        check_results(CallConv::Go, &rtys).map_err(|m| self.err(m))?;
        let sig = signature(CallConv::Go, &ptys, &rtys);
        let ret_blk = self.b.create_block();
        for t in &rtys {
            self.b.append_block_param(ret_blk, cl_type(*t));
        }
        let pad = self.b.create_block();
        let ret_args: Vec<cl::BlockArg> = (0..rtys.len() as u32)
            .map(cl::BlockArg::TryCallRet)
            .collect();
        let normal_call = cl::BlockCall::new(ret_blk, ret_args, &mut self.b.func.dfg.value_lists);
        let pad_call = cl::BlockCall::new(pad, [], &mut self.b.func.dfg.value_lists);
        let sigref = self.sig(sig.clone());
        let table = self
            .b
            .func
            .dfg
            .exception_tables
            .push(cl::ExceptionTableData::new(
                sigref,
                normal_call,
                [cl::ExceptionTableItem::Default(pad_call)],
            ));
        let call = match callee {
            Callee::Direct(name) => {
                let f = self.func_ref(name, sig);
                self.b.ins().try_call(f, &vals, table)
            }
            Callee::Indirect(p) => {
                let target = self.use_ptr(*p)?;
                self.b.ins().try_call_indirect(target, &vals, table)
            }
        };
        self.mark_live_slots(call);
        self.b.switch_to_block(ret_blk);
        let rets: Vec<Value> = self.b.block_params(ret_blk).to_vec();
        for (r, v) in results.iter().zip(rets) {
            self.def(*r, v)?;
        }
        let n = self.block(normal)?;
        self.b.ins().jump(n, &[]);
        self.b.switch_to_block(pad);
        let u = self.block(unwind)?;
        self.b.ins().jump(u, &[]);
        Ok(())
    }

    /// Define an integer `dst` from an i8 0/1 comparison result.
    fn def_bool(&mut self, dst: ir::Var, r: Value) -> Result<(), BackendError> {
        let t = self.dst_ty(dst)?;
        let v = match t {
            Ty::I8 => r,
            Ty::I16 | Ty::I32 | Ty::I64 => self.b.ins().uextend(cl_type(t), r),
            Ty::F32 | Ty::F64 => {
                return Err(self.err(format!("comparison result {dst} has type {t}")));
            }
        };
        self.def(dst, v)
    }

    fn binary(
        &mut self,
        dst: ir::Var,
        op: BinOp,
        a: ir::Var,
        b: ir::Var,
    ) -> Result<(), BackendError> {
        let (x, ta) = self.use_var(a)?;
        let (y, tb) = self.use_var(b)?;
        let shift = matches!(op, BinOp::Shl | BinOp::SShr | BinOp::UShr | BinOp::Rotl);
        let float = matches!(
            op,
            BinOp::FAdd
                | BinOp::FSub
                | BinOp::FMul
                | BinOp::FDiv
                | BinOp::FMin
                | BinOp::FMax
                | BinOp::FCopysign
        );
        let ok = if shift {
            // Cranelift shifts accept an amount of any integer width.
            !ta.is_float() && !tb.is_float()
        } else {
            ta == tb && ta.is_float() == float
        };
        if !ok {
            return Err(self.err(format!("{op:?} of {a}: {ta} and {b}: {tb}")));
        }
        let i = self.b.ins();
        let v = match op {
            BinOp::Add => i.iadd(x, y),
            BinOp::Sub => i.isub(x, y),
            BinOp::Mul => i.imul(x, y),
            BinOp::SDiv => i.sdiv(x, y),
            BinOp::UDiv => i.udiv(x, y),
            BinOp::SRem => i.srem(x, y),
            BinOp::URem => i.urem(x, y),
            BinOp::And => i.band(x, y),
            BinOp::Or => i.bor(x, y),
            BinOp::Xor => i.bxor(x, y),
            BinOp::Shl => i.ishl(x, y),
            BinOp::SShr => i.sshr(x, y),
            BinOp::UShr => i.ushr(x, y),
            BinOp::FAdd => i.fadd(x, y),
            BinOp::FSub => i.fsub(x, y),
            BinOp::FMul => i.fmul(x, y),
            BinOp::FDiv => i.fdiv(x, y),
            // Cranelift's fmin/fmax are exactly Go's min/max on floats: NaN if either operand
            // is NaN, and -0 < +0.
            BinOp::FMin => i.fmin(x, y),
            BinOp::FMax => i.fmax(x, y),
            BinOp::FCopysign => i.fcopysign(x, y),
            BinOp::Rotl => i.rotl(x, y),
            BinOp::UMulHi => i.umulhi(x, y),
        };
        self.def(dst, v)
    }

    fn convert(&mut self, conv: Conv, x: Value, from: Ty, to: Ty) -> Result<Value, BackendError> {
        let bad = |s: &Self| s.err(format!("{conv:?} from {from} to {to}"));
        let (fi, ti) = (!from.is_float(), !to.is_float());
        let (fb, tb) = (from.bytes(), to.bytes());
        let ct = cl_type(to);
        let v = match conv {
            Conv::Sext | Conv::Zext | Conv::Trunc if !(fi && ti) => return Err(bad(self)),
            Conv::Sext | Conv::Zext | Conv::Trunc if fb == tb => x,
            Conv::Sext if tb > fb => self.b.ins().sextend(ct, x),
            Conv::Zext if tb > fb => self.b.ins().uextend(ct, x),
            Conv::Trunc if tb < fb => self.b.ins().ireduce(ct, x),
            Conv::Sext | Conv::Zext | Conv::Trunc => return Err(bad(self)),
            Conv::FToS | Conv::FToU if fi || !ti => return Err(bad(self)),
            // Saturating (the IR's contract; gc's out-of-range results differ, see README).
            // Narrow targets convert through i64 and truncate, as gc does (CVTTSD2SQ), so
            // e.g. uint8(-1.0) wraps the same way.
            Conv::FToS if matches!(to, Ty::I32 | Ty::I64) => self.b.ins().fcvt_to_sint_sat(ct, x),
            Conv::FToU if to == Ty::I64 => self.b.ins().fcvt_to_uint_sat(ct, x),
            Conv::FToS | Conv::FToU => {
                let w = self.b.ins().fcvt_to_sint_sat(types::I64, x);
                self.b.ins().ireduce(ct, w)
            }
            Conv::SToF | Conv::UToF if !fi || ti => return Err(bad(self)),
            Conv::SToF => {
                let w = if fb < 4 {
                    self.b.ins().sextend(types::I32, x)
                } else {
                    x
                };
                self.b.ins().fcvt_from_sint(ct, w)
            }
            // Unsigned sources narrower than 64 bits are exactly representable as signed
            // i64, whose conversion is a single cvtsi2sd; only u64 needs the long sequence.
            Conv::UToF if fb < 8 => {
                let w = self.b.ins().uextend(types::I64, x);
                self.b.ins().fcvt_from_sint(ct, w)
            }
            Conv::UToF => self.b.ins().fcvt_from_uint(ct, x),
            Conv::FExt | Conv::FTrunc if fi || ti => return Err(bad(self)),
            Conv::FExt | Conv::FTrunc if from == to => x,
            Conv::FExt if to == Ty::F64 => self.b.ins().fpromote(ct, x),
            Conv::FTrunc if to == Ty::F32 => self.b.ins().fdemote(ct, x),
            Conv::FExt | Conv::FTrunc => return Err(bad(self)),
            Conv::Bitcast if fb != tb => return Err(bad(self)),
            Conv::Bitcast if from == to => x,
            Conv::Bitcast => self.b.ins().bitcast(ct, MemFlagsData::new(), x),
        };
        Ok(v)
    }

    fn sym_addr(&mut self, sym: &str, addend: i64) -> Value {
        if self.info.functions.contains(sym) {
            let r = match self.addr_funcs.get(sym) {
                Some(&r) => r,
                None => {
                    // The signature of a function whose address is taken is irrelevant to
                    // `func_addr`; any will do.
                    let r = self.func_ref(sym, Signature::new(ClConv::Tail));
                    self.addr_funcs.insert(sym.to_string(), r);
                    r
                }
            };
            let v = self.b.ins().func_addr(types::I64, r);
            return if addend == 0 {
                v
            } else {
                self.b.ins().iadd_imm_s(v, addend)
            };
        }
        // Fold the addend into the relocation (`lea sym+A(%rip)`) when it fits the 32-bit
        // displacement; otherwise add it separately.
        let (folded, rest) = if i32::try_from(addend).is_ok() {
            (addend, 0)
        } else {
            (0, addend)
        };
        let key = (sym.to_string(), folded);
        let gv = match self.data_gvs.get(&key) {
            Some(&g) => g,
            None => {
                let name = ExternalName::user(self.name(sym));
                let g = self.b.create_global_value(GlobalValueData::Symbol {
                    name,
                    offset: folded.into(),
                    colocated: true,
                    tls: false,
                });
                self.data_gvs.insert(key, g);
                g
            }
        };
        let v = self.b.ins().symbol_value(types::I64, gv);
        if rest == 0 {
            v
        } else {
            self.b.ins().iadd_imm_s(v, rest)
        }
    }

    /// Chunks of an inline memory operation: 16-byte SSE2 moves, then 8/4/2/1.
    fn chunks(size: u64) -> impl Iterator<Item = (i32, Type)> {
        let mut off = 0u64;
        std::iter::from_fn(move || {
            let left = size - off;
            let (n, t) = match left {
                0 => return None,
                16.. => (16, types::I8X16),
                8.. => (8, types::I64),
                4.. => (4, types::I32),
                2.. => (2, types::I16),
                _ => (1, types::I8),
            };
            let o = off as i32;
            off += n;
            Some((o, t))
        })
    }

    fn mem_copy(&mut self, dst: Value, src: Value, size: u64) {
        if size <= INLINE_MEM_LIMIT {
            for (off, t) in Self::chunks(size) {
                let v = self.b.ins().load(t, MemFlagsData::new(), src, off);
                self.b.ins().store(MemFlagsData::new(), v, dst, off);
            }
            return;
        }
        let sig = signature(CallConv::C, &[Ty::I64; 3], &[Ty::I64]);
        let f = self.func_ref("memmove", sig);
        let n = self.b.ins().iconst(types::I64, size as i64);
        self.b.ins().call(f, &[dst, src, n]);
    }

    fn mem_zero(&mut self, dst: Value, size: u64) {
        if size <= INLINE_MEM_LIMIT {
            let mut zeros: HashMap<Type, Value> = HashMap::new();
            for (off, t) in Self::chunks(size) {
                let z = match zeros.get(&t) {
                    Some(&z) => z,
                    None => {
                        let z = if t == types::I8X16 {
                            let c = self.b.func.dfg.constants.insert(vec![0u8; 16].into());
                            self.b.ins().vconst(t, c)
                        } else {
                            self.b.ins().iconst(t, 0)
                        };
                        zeros.insert(t, z);
                        z
                    }
                };
                self.b.ins().store(MemFlagsData::new(), z, dst, off);
            }
            return;
        }
        let sig = signature(CallConv::C, &[Ty::I64, Ty::I32, Ty::I64], &[Ty::I64]);
        let f = self.func_ref("memset", sig);
        let zero = self.b.ins().iconst(types::I32, 0);
        let n = self.b.ins().iconst(types::I64, size as i64);
        self.b.ins().call(f, &[dst, zero, n]);
    }

    fn call(
        &mut self,
        callee: &Callee,
        conv: CallConv,
        args: &[ir::Var],
        results: &[ir::Var],
    ) -> Result<(), BackendError> {
        let mut vals = Vec::with_capacity(args.len());
        let mut ptys = Vec::with_capacity(args.len());
        for a in args {
            let (v, t) = self.use_var(*a)?;
            vals.push(v);
            ptys.push(t);
        }
        let mut rtys = Vec::with_capacity(results.len());
        for r in results {
            rtys.push(self.dst_ty(*r)?);
        }
        check_results(conv, &rtys).map_err(|m| self.err(m))?;
        let sig = signature(conv, &ptys, &rtys);
        let call = match callee {
            Callee::Direct(name) => {
                let f = self.func_ref(name, sig);
                self.b.ins().call(f, &vals)
            }
            Callee::Indirect(p) => {
                let target = self.use_ptr(*p)?;
                let s = self.sig(sig);
                self.b.ins().call_indirect(s, target, &vals)
            }
        };
        self.mark_live_slots(call);
        let rets: Vec<Value> = self.b.inst_results(call).to_vec();
        for (r, v) in results.iter().zip(rets) {
            self.def(*r, v)?;
        }
        Ok(())
    }

    fn term(&mut self, t: &Terminator) -> Result<(), BackendError> {
        match t {
            Terminator::Jump(b) => {
                let blk = self.block(*b)?;
                self.b.ins().jump(blk, &[]);
            }
            Terminator::Branch { cond, then, els } => {
                let (c, _) = self.use_int(*cond)?;
                let (t, e) = (self.block(*then)?, self.block(*els)?);
                self.b.ins().brif(c, t, &[], e, &[]);
            }
            Terminator::Switch {
                value,
                cases,
                default,
            } => {
                let (v, ty) = self.use_int(*value)?;
                let bits = ty.bytes() * 8;
                let mask = if bits == 64 {
                    u64::MAX
                } else {
                    (1u64 << bits) - 1
                };
                let mut sw = Switch::new();
                let mut seen = HashSet::new();
                for &(k, b) in cases {
                    // Switch keys are unsigned: a negative case is its two's-complement bit
                    // pattern in the value's width.
                    let key = (k as u64) & mask;
                    if !seen.insert(key) {
                        return Err(self.err(format!("duplicate switch case {k} for type {ty}")));
                    }
                    let blk = self.block(b)?;
                    sw.set_entry(u128::from(key), blk);
                }
                let d = self.block(*default)?;
                sw.emit(&mut self.b, v, d);
            }
            Terminator::Return(vs) => {
                if vs.len() != self.f.results.len() {
                    return Err(self.err(format!(
                        "returns {} values, the function has {} results",
                        vs.len(),
                        self.f.results.len()
                    )));
                }
                let mut vals = Vec::with_capacity(vs.len());
                for (i, v) in vs.iter().enumerate() {
                    let (val, t) = self.use_var(*v)?;
                    if t != self.f.results[i] {
                        return Err(self.err(format!(
                            "result {i} is {v}: {t}, the function returns {}",
                            self.f.results[i]
                        )));
                    }
                    vals.push(val);
                }
                self.b.ins().return_(&vals);
            }
            Terminator::Unreachable => {
                self.b.ins().trap(TRAP_UNREACHABLE);
            }
            Terminator::TryCall {
                callee,
                args,
                results,
                normal,
                unwind,
            } => self.try_call(callee, args, results, *normal, *unwind)?,
        }
        Ok(())
    }
}

/// For each block, whether its terminator has a retreating edge of a depth-first walk from
/// the entry: an edge to a block still on the walk's path. In the reducible control flow Go
/// produces these are exactly the edges that close loops, one per loop (a `continue` block
/// placed before the body's end is not one), so each loop iteration passes one check.
fn blocks_with_back_edge(f: &ir::Function) -> Vec<bool> {
    let n = f.blocks.len();
    let mut back = vec![false; n];
    // 0: not seen, 1: on the path, 2: done.
    let mut state = vec![0u8; n];
    let mut stack: Vec<(usize, Vec<usize>)> = Vec::new();
    let succ = |b: usize| -> Vec<usize> {
        successors(&f.blocks[b].term)
            .map(|s| s.0 as usize)
            .filter(|&s| s < n)
            .collect()
    };
    if n > 0 {
        state[0] = 1;
        stack.push((0, succ(0)));
    }
    while let Some((b, pending)) = stack.last_mut() {
        let b = *b;
        match pending.pop() {
            Some(s) => match state[s] {
                0 => {
                    state[s] = 1;
                    let next = succ(s);
                    stack.push((s, next));
                }
                1 => back[b] = true,
                _ => {}
            },
            None => {
                state[b] = 2;
                stack.pop();
            }
        }
    }
    back
}

pub(crate) fn successors(t: &Terminator) -> impl Iterator<Item = ir::BlockId> + '_ {
    let (a, b, rest, d): (
        Option<ir::BlockId>,
        Option<ir::BlockId>,
        &[(i64, ir::BlockId)],
        _,
    ) = match t {
        Terminator::Jump(x) => (Some(*x), None, &[], None),
        Terminator::Branch { then, els, .. } => (Some(*then), Some(*els), &[], None),
        Terminator::Switch { cases, default, .. } => (None, None, cases, Some(*default)),
        Terminator::TryCall { normal, unwind, .. } => (Some(*normal), Some(*unwind), &[], None),
        Terminator::Return(_) | Terminator::Unreachable => (None, None, &[], None),
    };
    a.into_iter()
        .chain(b)
        .chain(d)
        .chain(rest.iter().map(|c| c.1))
}
