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
//! The expressions are raw DWARF bytes: the backend cannot depend on the linker, which copies
//! them into `.debug_info` or `.debug_loclists`.

use cranelift_codegen::ir::{self as cl, ValueLabel};
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

/// The locations of `f`'s locals in its compiled `code`.
pub(crate) fn locate(f: &ir::Function, code: &CompiledCode) -> Vec<LocalLocs> {
    let len = code.code_buffer().len() as u32;
    let labels = &code.value_labels_ranges;
    let none: Vec<ValueLocRange> = Vec::new();
    let ranges_of = |v: ir::Var| labels.get(&ValueLabel::from_u32(v.0)).unwrap_or(&none);
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
                let parts: Vec<(u32, u32, &Vec<ValueLocRange>)> = parts
                    .iter()
                    .map(|(off, v)| {
                        let bytes = f.vars.get(v.0 as usize).map_or(8, |t| t.bytes());
                        (*off, bytes, ranges_of(*v))
                    })
                    .collect();
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
