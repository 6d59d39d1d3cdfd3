//! Stack maps for the collector's precise scan of Go frames (rt/src/mgcstack.rs reads them).
//!
//! # What a frame holds at a call, and how each part is described
//!
//! The runtime stops a goroutine only at calls, so the question is, per call site: which words
//! of the caller's frame may hold a live Go pointer while the callee runs? A frame built by
//! Cranelift is, from the stack pointer at the call (SP) up to the frame pointer (FP = SP +
//! span): the outgoing argument area, the sized stack slots, the register allocator's spill
//! slots, and the callee-saved registers the prologue saved. Each part is handled so that no
//! live pointer is missed and dead ones are not kept:
//!
//! * *SSA values.* Every IR var that may hold a pointer ([`pointer_vars`]) is declared to
//!   cranelift-frontend as needing a stack map. The frontend then stores each such value that
//!   is live across a call into a stack slot of its own before the call and reloads it after,
//!   and Cranelift lists, per call, the SP offsets of those slots (`user_stack_maps`). Nothing
//!   declared stays in a register across a call, so the register allocator's spill slots and
//!   the callee-saved registers of a Go frame hold only values that are not pointers. The
//!   analysis is by definition, not by Go type (the IR has none): constants, comparisons,
//!   products, shifts and widened narrow values are integers; loads, call results,
//!   parameters and stack addresses may be pointers, and so is anything computed from one by
//!   copies, additions, subtractions, bitwise operations or selects.
//! * *IR stack slots* (address-taken locals, temporaries passed by address) are gc's stack
//!   objects. A slot whose address the function computes again after the call
//!   ([`SlotLiveness`]: a `SlotAddr` of it reachable from the call) may be read after the call
//!   without any pointer to it being live, so it is a root for that call and scanned
//!   conservatively; it rides in Cranelift's own stack map as an `i8` entry at the slot's
//!   start, which ties it to the right call whatever order the blocks are placed in. Every
//!   other slot is scanned only if a live pointer into it is found while the goroutine's stack
//!   is scanned (gc's stack objects: `&s` passed to a call that has returned no longer keeps
//!   `s`'s contents alive).
//! * *Callee-saved registers* the prologue saved hold the values some frame further up had in
//!   them: a Rust runtime frame that calls into Go may keep heap pointers there, a Go frame
//!   only integers and dead values. The runtime attributes each saved register to the next
//!   frame up that saved the same register (a Go frame: its value is no root) or, when a
//!   runtime frame comes first, scans it conservatively. The records list the saves with
//!   their register numbers for that.
//! * *Slot addresses.* A `stack_addr` is a pure value, which Cranelift's GVN would share
//!   between all `SlotAddr`s of a slot and keep in a register across calls, dead but visible
//!   to the scan of the frames below. So the function stores its slots' addresses into a
//!   table slot at entry and each `SlotAddr` loads from there (translate.rs).
//! * *The outgoing argument area* holds the stack arguments of the call in progress. A Rust
//!   callee may read its stack arguments after it allocated, so the area is scanned
//!   conservatively.
//!
//! # The table
//!
//! One record per call site, in the input section `.rgo.stackmaps`, which the linker gathers
//! between `runtime.stackmaps` and `runtime.estackmaps` (docs/abi.md). All offsets are bytes
//! from SP at the call; all fields little-endian; records are 8-byte aligned:
//!
//! ```text
//!  0 u64 return PC (R_X86_64_64 function + offset)
//!  8 u32 span: FP − SP
//! 12 u32 outgoing argument area size (scanned conservatively)
//! 16 u32 bytes back to the function's first record (whose clob and obj lists serve all)
//! 20 u16 nptr   22 u16 nroot   24 u16 nclob   26 u16 nobj
//! 28 u32 ptr[nptr]            live pointer words
//!    (u32 off, u32 size)[nroot] slots live at this call (scanned conservatively)
//!    u32 clob[nclob]          saved callee-saved registers (first record only): offset in
//!                             the low 24 bits, the register's x86 number in the high 8
//!    (u32 off, u32 size)[nobj] stack objects: the IR slots (first record only)
//! ```
//!
//! A call site whose frame does not fit the format (more than 65535 entries of a kind) gets no
//! record, and the runtime scans that frame conservatively.

use cranelift_codegen::CompiledCode;
use cranelift_codegen::ir::{self as cl, types};
use cranelift_codegen::isa::unwind::UnwindInst;
use midend::ir::{self, BinOp, Conv, Inst, Terminator, Ty};
use std::collections::HashMap;

/// Input section name (owned by linker/src/layout.rs as well).
pub const STACKMAPS_SECTION: &str = ".rgo.stackmaps";

/// Which vars may hold a pointer (see the module documentation): a fixpoint that starts from
/// the definitions that can produce one and follows the operations that carry one along.
pub(crate) fn pointer_vars(f: &ir::Function) -> Vec<bool> {
    let n = f.vars.len();
    let mut ptr = vec![false; n];
    let set = |ptr: &mut Vec<bool>, v: ir::Var| -> bool {
        match ptr.get_mut(v.0 as usize) {
            Some(p) if !*p => {
                *p = true;
                true
            }
            _ => false,
        }
    };
    let is = |ptr: &Vec<bool>, v: ir::Var| ptr.get(v.0 as usize).copied().unwrap_or(false);
    for &p in &f.params {
        set(&mut ptr, p);
    }
    loop {
        let mut changed = false;
        for b in &f.blocks {
            for i in &b.insts {
                match i {
                    Inst::Load { dst, .. }
                    | Inst::AtomicLoad { dst, .. }
                    | Inst::AtomicRmw { dst, .. }
                    | Inst::AtomicCas { dst, .. }
                    | Inst::SlotAddr { dst, .. } => changed |= set(&mut ptr, *dst),
                    Inst::Call { results, .. } => {
                        for r in results {
                            changed |= set(&mut ptr, *r);
                        }
                    }
                    Inst::Copy { dst, src } if is(&ptr, *src) => {
                        changed |= set(&mut ptr, *dst);
                    }
                    Inst::Binary { dst, op, a, b } => {
                        let carries = matches!(
                            op,
                            BinOp::Add | BinOp::Sub | BinOp::And | BinOp::Or | BinOp::Xor
                        );
                        if carries && (is(&ptr, *a) || is(&ptr, *b)) {
                            changed |= set(&mut ptr, *dst);
                        }
                    }
                    Inst::Select { dst, a, b, .. } if is(&ptr, *a) || is(&ptr, *b) => {
                        changed |= set(&mut ptr, *dst);
                    }
                    Inst::Convert { dst, conv, a } => {
                        // Same-width reinterpretations keep the bits.
                        let keeps = matches!(conv, Conv::Bitcast | Conv::Zext | Conv::Sext)
                            && f.vars.get(a.0 as usize) == Some(&Ty::I64);
                        if keeps && is(&ptr, *a) {
                            changed |= set(&mut ptr, *dst);
                        }
                    }
                    _ => {}
                }
            }
            if let Terminator::TryCall { results, .. } = &b.term {
                for r in results {
                    changed |= set(&mut ptr, *r);
                }
            }
        }
        if !changed {
            break;
        }
    }
    for (p, t) in ptr.iter_mut().zip(&f.vars) {
        *p &= *t == Ty::I64;
    }
    ptr
}

/// For each call of the IR, the slots whose address is computed again after it (a backward
/// dataflow over the blocks: a slot is live out of a block when a `SlotAddr` of it is
/// reachable from the block's end).
pub(crate) struct SlotLiveness {
    words: usize,
    live_out: Vec<Vec<u64>>,
}

impl SlotLiveness {
    pub(crate) fn new(f: &ir::Function) -> Self {
        let words = f.slots.len().div_ceil(64);
        let nb = f.blocks.len();
        let mut gen_ = vec![vec![0u64; words]; nb];
        for (bi, b) in f.blocks.iter().enumerate() {
            for i in &b.insts {
                if let Inst::SlotAddr { slot, .. } = i {
                    let s = slot.0 as usize;
                    if s < f.slots.len() {
                        gen_[bi][s / 64] |= 1 << (s % 64);
                    }
                }
            }
        }
        let succs: Vec<Vec<usize>> = f
            .blocks
            .iter()
            .map(|b| {
                crate::translate::successors(&b.term)
                    .map(|s| s.0 as usize)
                    .filter(|&s| s < nb)
                    .collect()
            })
            .collect();
        let mut live_in = gen_.clone();
        let mut live_out = vec![vec![0u64; words]; nb];
        if words > 0 {
            loop {
                let mut changed = false;
                for bi in (0..nb).rev() {
                    for &s in &succs[bi] {
                        for w in 0..words {
                            let add = live_in[s][w] & !live_out[bi][w];
                            if add != 0 {
                                live_out[bi][w] |= add;
                                live_in[bi][w] |= add;
                                changed = true;
                            }
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
        }
        SlotLiveness { words, live_out }
    }

    /// The slots live after instruction `k` of block `b` (`k == insts.len()`: after the
    /// block's last instruction, at the terminator).
    pub(crate) fn after(&self, f: &ir::Function, b: usize, k: usize) -> Vec<u32> {
        let mut set = self
            .live_out
            .get(b)
            .cloned()
            .unwrap_or_else(|| vec![0; self.words]);
        if let Some(blk) = f.blocks.get(b) {
            for i in blk.insts.iter().skip(k + 1) {
                if let Inst::SlotAddr { slot, .. } = i {
                    let s = slot.0 as usize;
                    if s / 64 < set.len() {
                        set[s / 64] |= 1 << (s % 64);
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (w, bits) in set.iter().enumerate() {
            let mut m = *bits;
            while m != 0 {
                let i = m.trailing_zeros() as usize;
                out.push((w * 64 + i) as u32);
                m &= m - 1;
            }
        }
        out
    }
}

/// The Cranelift type that marks a live IR slot in a user stack map (the frontend's own
/// entries for declared vars are all `i64`).
pub(crate) const SLOT_MARK: cl::Type = types::I8;

/// The encoded records of one function: bytes, and for each record the offset of its PC field
/// and the return-address offset in the function that the PC relocation adds.
#[derive(Default)]
pub(crate) struct FuncMaps {
    pub bytes: Vec<u8>,
    pub pcs: Vec<(u32, u32)>,
}

fn push_u16(b: &mut Vec<u8>, v: usize) -> Option<()> {
    b.extend_from_slice(&u16::try_from(v).ok()?.to_le_bytes());
    Some(())
}

fn push_u32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_le_bytes());
}

/// Builds the records of `f`'s call sites from what Cranelift reported.
pub(crate) fn encode(f: &ir::Function, code: &CompiledCode) -> FuncMaps {
    let mut out = FuncMaps::default();
    let buf = &code.buffer;
    let Some(fl) = buf.frame_layout() else {
        return out;
    };
    let span = fl.frame_to_fp_offset;
    // The IR's slots are the function's first Cranelift slots (translate.rs).
    let mut objs: Vec<(u32, u32)> = Vec::new();
    let mut slot_at: HashMap<u32, u32> = HashMap::new();
    for (i, s) in f.slots.iter().enumerate() {
        let Some(info) = fl.stackslots.get(cl::StackSlot::from_u32(i as u32)) else {
            continue;
        };
        if s.size >= 8 {
            objs.push((info.offset, s.size));
        }
        let e = slot_at.entry(info.offset).or_insert(0);
        *e = (*e).max(s.size);
    }
    let outgoing = fl
        .stackslots
        .values()
        .map(|s| s.offset)
        .min()
        .unwrap_or(span)
        .min(span);
    let mut clob: Vec<u32> = Vec::new();
    let mut down = None;
    for (_, u) in &buf.unwind_info {
        match u {
            UnwindInst::DefineNewFrame {
                offset_downward_to_clobbers,
                ..
            } => down = Some(*offset_downward_to_clobbers),
            UnwindInst::SaveReg {
                clobber_offset,
                reg,
            } => {
                if let Some(d) = down
                    && let Some(off) = (span + clobber_offset).checked_sub(d)
                    && off < 1 << 24
                {
                    clob.push(off | u32::from(reg.hw_enc()) << 24);
                }
            }
            _ => {}
        }
    }
    let maps = buf.user_stack_maps();
    let mut first: Option<usize> = None;
    for cs in buf.call_sites() {
        let ret = cs.ret_addr;
        let mut ptrs: Vec<u32> = Vec::new();
        let mut roots: Vec<(u32, u32)> = Vec::new();
        if let Ok(i) = maps.binary_search_by_key(&ret, |m| m.0) {
            let (_, mspan, m) = &maps[i];
            if *mspan != span {
                // Not the frame shape the runtime assumes: leave the frame conservative.
                continue;
            }
            for (ty, off) in m.entries() {
                if ty == SLOT_MARK {
                    if let Some(&size) = slot_at.get(&off)
                        && size > 0
                    {
                        roots.push((off, size));
                    }
                } else {
                    ptrs.push(off);
                }
            }
        }
        ptrs.sort_unstable();
        roots.sort_unstable();
        let start = out.bytes.len();
        let is_first = first.is_none();
        let back = first.map_or(0, |f0| start - f0) as u32;
        let (nclob, nobj) = if is_first {
            (clob.len(), objs.len())
        } else {
            (0, 0)
        };
        let mut rec = Vec::with_capacity(32 + 4 * ptrs.len());
        rec.extend_from_slice(&[0u8; 8]);
        push_u32(&mut rec, span);
        push_u32(&mut rec, outgoing);
        push_u32(&mut rec, back);
        let fits = push_u16(&mut rec, ptrs.len())
            .and_then(|_| push_u16(&mut rec, roots.len()))
            .and_then(|_| push_u16(&mut rec, nclob))
            .and_then(|_| push_u16(&mut rec, nobj));
        if fits.is_none() {
            continue;
        }
        for p in &ptrs {
            push_u32(&mut rec, *p);
        }
        for (o, s) in &roots {
            push_u32(&mut rec, *o);
            push_u32(&mut rec, *s);
        }
        if is_first {
            for c in &clob {
                push_u32(&mut rec, *c);
            }
            for (o, s) in &objs {
                push_u32(&mut rec, *o);
                push_u32(&mut rec, *s);
            }
        }
        while rec.len() % 8 != 0 {
            rec.push(0);
        }
        out.pcs.push((start as u32, ret));
        out.bytes.extend_from_slice(&rec);
        if is_first {
            first = Some(start);
        }
    }
    out
}
