//! Where each local variable lives, as DWARF location expressions over pc ranges, from what
//! Cranelift reports after compiling a function.
//!
//! A local (midend `ir::DebugLocal`) is in one of three places:
//!
//! * a stack slot of the IR: it stays there for the whole function, at a fixed offset from the
//!   canonical frame address (the frame base, `DW_OP_call_frame_cfa`), so one range covers the
//!   function: `DW_OP_fbreg off`;
//! * virtual registers, one per scalar of the value (a string is a pointer and a length). The
//!   translator labels every Cranelift value of those vars with the var's number
//!   (translate.rs `label`), and Cranelift's register allocator reports, per label, the code
//!   ranges and the register or spill slot holding it. The ranges of the scalars differ, so the
//!   function is cut at every range boundary of any scalar; in each piece between two cuts the
//!   value is described part by part — `DW_OP_regN` or `DW_OP_fbreg off` followed by
//!   `DW_OP_piece size` per scalar, an empty piece for padding and for a scalar that has no
//!   location there (gdb prints `<optimized out>` for it). Pieces where no scalar has a
//!   location are left out, and neighbouring pieces with the same expression are merged;
//! * memory whose address a virtual register holds (a variable moved to the heap): the
//!   address's location as above, as a memory location (`DW_OP_bregN 0` or
//!   `DW_OP_fbreg off; DW_OP_deref`).
//!
//! Cranelift's optimizer (the e-graph pass) rebuilds pure computations as new values and does
//! not carry their labels over, so a local whose value is pure arithmetic over other values
//! (`n := k * 3`, a string sliced at a constant) has no location where the optimizer replaced
//! it; values that calls, loads and merges produce, and everything in stack slots, keep theirs.
//!
//! Values of pointer-holding vars that live across a call are moved out of registers by
//! cranelift-frontend (precise stack scanning, stackmaps.rs): right after its definition such a
//! value is stored into a stack slot the frontend creates, and every use reloads it from there,
//! so the register allocator sees the labelled value die at that store and reports no location
//! for the long stretch where the value is only in the slot. [`mark_spill_homes`] finds those
//! stores in the finished CLIF (before Cranelift compiles it) and tags each with a source
//! location past the end of the function's line table (the line table skips them, as it skips
//! code without a location); [`locate`] then reads the tags' code offsets and gives the var the
//! slot (`DW_OP_fbreg`) from its store up to the next store, in code order, into the same slot
//! (the frontend reuses a slot for values whose lives do not overlap) or of a newer value of the
//! same var. Like gc's unoptimised build, a var whose value is dead may still show it there; a
//! var merged from two branches may show the other branch's slot until the merged value's store.
//!
//! The expressions are raw DWARF bytes: the backend cannot depend on the linker, which copies
//! them into `.debug_info` or `.debug_loclists`.

use std::collections::{BTreeMap, BTreeSet};

use cranelift_codegen::ir::{self as cl, InstructionData, Opcode, SourceLoc, ValueLabel};
use cranelift_codegen::{CompiledCode, LabelValueLoc, ValueLocRange};
use cranelift_codegen::{Reg, RegClass};
use midend::ir::{self, DebugLoc};

const DW_OP_DEREF: u8 = 0x06;
const DW_OP_REG0: u8 = 0x50;
const DW_OP_BREG0: u8 = 0x70;
const DW_OP_REGX: u8 = 0x90;
const DW_OP_FBREG: u8 = 0x91;
const DW_OP_BREGX: u8 = 0x92;
const DW_OP_PIECE: u8 = 0x93;

/// A local variable with its locations: `(start, end, expression)` code ranges.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalLocs {
    pub name: String,
    pub line: u32,
    pub ty: Vec<u8>,
    pub ranges: Vec<(u32, u32, Vec<u8>)>,
}

/// A store by which cranelift-frontend keeps a value in a stack slot of its own across calls:
/// the labels (IR var numbers) the value carries and the slot. The store's tag (source
/// location) is its index plus [`SpillHomes::base`].
#[derive(Clone, Debug)]
struct SpillHome {
    labels: Vec<u32>,
    slot: cl::StackSlot,
}

/// The frontend's spill slots that hold a debugger-visible var, found by [`mark_spill_homes`].
#[derive(Clone, Debug, Default)]
pub(crate) struct SpillHomes {
    /// The first tag: tag `k` is source location `base + k`.
    base: u32,
    homes: Vec<SpillHome>,
}

/// The IR var numbers that label `v` (following value aliases).
fn labels_of(func: &cl::Function, v: cl::Value) -> Vec<u32> {
    let Some(map) = &func.dfg.values_labels else {
        return Vec::new();
    };
    let mut v = v;
    for _ in 0..16 {
        match map.get(&v) {
            Some(cl::ValueLabelAssignments::Starts(s)) => {
                let mut out: Vec<u32> = s.iter().map(|l| l.label.as_u32()).collect();
                out.sort_unstable();
                out.dedup();
                return out;
            }
            Some(cl::ValueLabelAssignments::Alias { value, .. }) => v = *value,
            None => return Vec::new(),
        }
    }
    Vec::new()
}

/// Finds the stores cranelift-frontend inserted for values live across calls (slots
/// numbered from `first_slot` on are the frontend's) and tags those of the slots that hold a
/// labelled value with source locations from `base` on (see the module comment).
pub(crate) fn mark_spill_homes(
    func: &mut cl::Function,
    first_slot: usize,
    base: u32,
) -> SpillHomes {
    let mut out = SpillHomes {
        base,
        homes: Vec::new(),
    };
    if func.dfg.values_labels.is_none() {
        return out;
    }
    // The frontend slot a `stack_addr` value points at.
    let slot_at = |func: &cl::Function, addr: cl::Value| -> Option<cl::StackSlot> {
        let inst = func.dfg.value_def(addr).inst()?;
        match func.dfg.insts[inst] {
            InstructionData::StackAddr {
                opcode: Opcode::StackAddr,
                stack_slot,
                offset,
            } if stack_slot.as_u32() as usize >= first_slot && i64::from(offset) == 0 => {
                Some(stack_slot)
            }
            _ => None,
        }
    };
    // Spill stores: (value, slot).
    let mut stores: BTreeMap<cl::Inst, (cl::Value, cl::StackSlot)> = BTreeMap::new();
    for blk in func.layout.blocks() {
        for inst in func.layout.block_insts(blk) {
            match func.dfg.insts[inst] {
                InstructionData::Store {
                    opcode: Opcode::Store,
                    args: [val, addr],
                    offset,
                    ..
                } if i64::from(offset) == 0 => {
                    if let Some(s) = slot_at(func, addr) {
                        stores.insert(inst, (val, s));
                    }
                }
                _ => {}
            }
        }
    }
    // Only slots that some labelled value passes through matter.
    let wanted: BTreeSet<cl::StackSlot> = stores
        .values()
        .filter(|(v, _)| !labels_of(func, *v).is_empty())
        .map(|&(_, s)| s)
        .collect();
    if wanted.is_empty() {
        return out;
    }
    for (&inst, &(val, slot)) in &stores {
        if !wanted.contains(&slot) {
            continue;
        }
        let tag = out.homes.len() as u32;
        out.homes.push(SpillHome {
            labels: labels_of(func, val),
            slot,
        });
        func.set_srcloc(inst, SourceLoc::new(base + tag));
    }
    out
}

/// The slot ranges of the spilled values of each label (see the module comment).
fn spill_ranges(code: &CompiledCode, homes: &SpillHomes) -> BTreeMap<u32, Vec<ValueLocRange>> {
    let mut out: BTreeMap<u32, Vec<ValueLocRange>> = BTreeMap::new();
    if homes.homes.is_empty() {
        return out;
    }
    let Some(fl) = code.buffer.frame_layout() else {
        return out;
    };
    // Code range of each tag.
    let mut at: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
    for r in code.buffer.get_srclocs_sorted() {
        let Some(tag) = r.loc.bits().checked_sub(homes.base) else {
            continue;
        };
        if r.loc == SourceLoc::default() || r.start >= r.end {
            continue;
        }
        let e = at.entry(tag).or_insert((r.start, r.end));
        e.0 = e.0.min(r.start);
        e.1 = e.1.max(r.end);
    }
    // A stored value stays in its slot until the next store (in code order) into the same
    // slot, or of another value of the same var, which is the var's newer home.
    let len = code.code_buffer().len() as u32;
    let stored: Vec<Option<(u32, u32)>> = (0..homes.homes.len() as u32)
        .map(|t| at.get(&t).copied())
        .collect();
    let span: Vec<Option<(u32, u32)>> = homes
        .homes
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let (store_start, start) = stored[i]?;
            let end = homes
                .homes
                .iter()
                .enumerate()
                .filter(|&(j, o)| {
                    j != i && (o.slot == h.slot || o.labels.iter().any(|l| h.labels.contains(l)))
                })
                .filter_map(|(j, _)| stored[j].map(|s| s.0))
                .filter(|&s| s > store_start)
                .min()
                .unwrap_or(len);
            (start < end).then_some((start, end))
        })
        .collect();
    for (i, h) in homes.homes.iter().enumerate() {
        let (Some((start, end)), false) = (span[i], h.labels.is_empty()) else {
            continue;
        };
        let Some(info) = fl.stackslots.get(h.slot) else {
            continue;
        };
        let off = i64::from(info.offset) - i64::from(fl.frame_to_fp_offset) - 16;
        let pieces = [(start, end)];
        for &l in &h.labels {
            out.entry(l)
                .or_default()
                .extend(pieces.iter().map(|&(a, b)| ValueLocRange {
                    loc: LabelValueLoc::CFAOffset(off),
                    start: a,
                    end: b,
                }));
        }
    }
    out
}

/// The locations of `f`'s locals in its compiled `code`.
pub(crate) fn locate(f: &ir::Function, code: &CompiledCode, homes: &SpillHomes) -> Vec<LocalLocs> {
    let len = code.code_buffer().len() as u32;
    let labels = &code.value_labels_ranges;
    let spilled = spill_ranges(code, homes);
    // Registers and the register allocator's spill slots first, then the frontend's slots.
    let ranges_of = |v: ir::Var| -> Vec<ValueLocRange> {
        let mut r = labels
            .get(&ValueLabel::from_u32(v.0))
            .cloned()
            .unwrap_or_default();
        if let Some(s) = spilled.get(&v.0) {
            r.extend(s.iter().cloned());
        }
        r
    };
    let mut out = Vec::new();
    for l in &f.debug_locals {
        let ranges = match &l.loc {
            DebugLoc::Slot(s) => {
                let Some(fl) = code.buffer.frame_layout() else {
                    continue;
                };
                let slot = cl::StackSlot::from_u32(s.0);
                let Some(info) = fl.stackslots.get(slot) else {
                    continue;
                };
                // From the frame pointer (the saved-rbp slot); the CFA is 16 bytes above it.
                let off = i64::from(info.offset) - i64::from(fl.frame_to_fp_offset) - 16;
                let mut e = vec![DW_OP_FBREG];
                sleb(&mut e, off);
                vec![(0, len, e)]
            }
            DebugLoc::Ptr(v) => ranges_of(*v)
                .iter()
                .filter_map(|r| Some((r.start, r.end, address_of(&r.loc)?)))
                .collect(),
            DebugLoc::Regs(parts) => {
                let size = value_size(&l.ty);
                let parts: Vec<(u32, u32, Vec<ValueLocRange>)> = parts
                    .iter()
                    .map(|(off, v)| {
                        let bytes = f.vars.get(v.0 as usize).map_or(8, |t| t.bytes());
                        (*off, bytes, ranges_of(*v))
                    })
                    .collect();
                let parts: Vec<(u32, u32, &Vec<ValueLocRange>)> =
                    parts.iter().map(|(o, b, r)| (*o, *b, r)).collect();
                pieces(&parts, size)
            }
        };
        // A local without any location is still listed: gdb says `<optimized out>`, as it
        // does for gc's values that the optimizer dropped.
        out.push(LocalLocs {
            name: l.name.clone(),
            line: l.line,
            ty: l.ty.clone(),
            ranges,
        });
    }
    out
}

/// The size recorded in a type description's header (midend lower/arginfo.rs `debug_type`:
/// kind byte, name, u64 size).
fn value_size(ty: &[u8]) -> Option<u32> {
    let n = u32::from_le_bytes(ty.get(1..5)?.try_into().ok()?) as usize;
    let s = ty.get(5 + n..13 + n)?;
    u32::try_from(u64::from_le_bytes(s.try_into().ok()?)).ok()
}

/// The composite locations of a value held in several registers (see the module comment).
fn pieces(
    parts: &[(u32, u32, &Vec<ValueLocRange>)],
    size: Option<u32>,
) -> Vec<(u32, u32, Vec<u8>)> {
    let mut cuts: Vec<u32> = parts
        .iter()
        .flat_map(|p| p.2.iter().flat_map(|r| [r.start, r.end]))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let single = parts.len() == 1 && parts[0].0 == 0 && size.is_none_or(|s| s == parts[0].1);
    let mut out: Vec<(u32, u32, Vec<u8>)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut expr = Vec::new();
        let mut any = false;
        let mut at = 0u32;
        for &(off, bytes, ranges) in parts {
            if off > at {
                expr.push(DW_OP_PIECE);
                uleb(&mut expr, u64::from(off - at));
            }
            let loc = ranges
                .iter()
                .find(|r| r.start <= a && b <= r.end)
                .and_then(|r| value_in(&r.loc));
            if let Some(l) = loc {
                any = true;
                expr.extend_from_slice(&l);
            }
            if !single {
                expr.push(DW_OP_PIECE);
                uleb(&mut expr, u64::from(bytes));
            }
            at = off + bytes;
        }
        if !any {
            continue;
        }
        if let Some(s) = size.filter(|&s| s > at && !single) {
            expr.push(DW_OP_PIECE);
            uleb(&mut expr, u64::from(s - at));
        }
        match out.last_mut() {
            Some(last) if last.1 == a && last.2 == expr => last.1 = b,
            _ => out.push((a, b, expr)),
        }
    }
    out
}

/// DWARF's number for a Cranelift x86-64 register (the System V psABI's table).
fn dwarf_reg(r: Reg) -> Option<u16> {
    let rr = r.to_real_reg()?;
    let enc = u16::from(rr.hw_enc());
    Some(match rr.class() {
        // rax rcx rdx rbx rsp rbp rsi rdi r8..r15 → 0 2 1 3 7 6 4 5 8..15
        RegClass::Int => [0, 2, 1, 3, 7, 6, 4, 5][..]
            .get(usize::from(enc))
            .copied()
            .unwrap_or(enc),
        RegClass::Float => 17 + enc,
        RegClass::Vector => return None,
    })
}

/// The location of a scalar's value: a register, or a spill slot at an offset from the CFA.
fn value_in(loc: &LabelValueLoc) -> Option<Vec<u8>> {
    let mut e = Vec::new();
    match *loc {
        LabelValueLoc::Reg(r) => {
            let n = dwarf_reg(r)?;
            if n < 32 {
                e.push(DW_OP_REG0 + n as u8);
            } else {
                e.push(DW_OP_REGX);
                uleb(&mut e, u64::from(n));
            }
        }
        LabelValueLoc::CFAOffset(off) => {
            // A spilled value is in memory: its location is that memory.
            e.push(DW_OP_FBREG);
            sleb(&mut e, off);
        }
    }
    Some(e)
}

/// The location of the memory that a pointer-holding scalar points to.
fn address_of(loc: &LabelValueLoc) -> Option<Vec<u8>> {
    let mut e = Vec::new();
    match *loc {
        LabelValueLoc::Reg(r) => {
            let n = dwarf_reg(r)?;
            if n < 32 {
                e.push(DW_OP_BREG0 + n as u8);
            } else {
                e.push(DW_OP_BREGX);
                uleb(&mut e, u64::from(n));
            }
            sleb(&mut e, 0);
        }
        LabelValueLoc::CFAOffset(off) => {
            e.push(DW_OP_FBREG);
            sleb(&mut e, off);
            e.push(DW_OP_DEREF);
        }
    }
    Some(e)
}

fn uleb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn sleb(out: &mut Vec<u8>, mut v: i64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        let done = (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0);
        if done {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leb128() {
        let mut v = Vec::new();
        sleb(&mut v, -24);
        assert_eq!(v, [0x68]);
        v.clear();
        sleb(&mut v, 200);
        assert_eq!(v, [0xc8, 0x01]);
        v.clear();
        uleb(&mut v, 300);
        assert_eq!(v, [0xac, 0x02]);
    }
}
