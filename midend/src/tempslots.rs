//! Forwarding through temporary stack slots: frames no larger than they need to be.
//!
//! Lowering gives aggregate values (arrays, structs) value semantics by materialising them in
//! stack slots: `var a [64]int` zeroes a fresh temporary and copies it into `a`'s slot, a call's
//! result is copied from its result slot into a temporary and from there into the destination,
//! `return a` copies `a` into a temporary and that into the caller's result area. Each
//! temporary costs the whole value's size in the frame (a recursive function returning
//! `[64]int` had eight 512-byte slots) and a copy at run time.
//!
//! A slot is a *temporary* when its address is taken exactly once (one `slotaddr`, whose
//! variable is assigned nowhere else), it is no debugger-visible local, and that address is
//! used exactly twice, by two adjacent instructions (`line` markers aside): a write of the
//! whole slot (`memzero T, n` or `memcopy T, S, n`) immediately followed by a read of the
//! whole slot (`memcopy D, T, n`). Then the pair becomes `memzero D, n` or `memcopy D, S, n`:
//! nothing runs between them, so the forwarded value is the same. Go values of one type either
//! coincide or do not overlap, so `D` and `S` meet memcopy's contract as `T` did.
//!
//! A temporary slot that is only zeroed and never read is dead, and the zeroing is dropped. A slot left without uses keeps its id (others may index by it) and gets
//! size 0, so it takes no room in the frame.

use crate::ir::{Callee, DebugLoc, Function, Inst, SlotId, Terminator, Var};
use std::collections::HashMap;

/// Applies the forwarding to `f`; returns the bytes of frame slots removed.
pub fn forward(f: &mut Function) -> u64 {
    let mut before = 0u64;
    for s in &f.slots {
        before += u64::from(s.size);
    }
    // Repeat: forwarding one temporary can make the next pair adjacent or a slot dead.
    for _ in 0..4 {
        if !forward_once(f) {
            break;
        }
    }
    let after: u64 = f.slots.iter().map(|s| u64::from(s.size)).sum();
    before - after
}

#[derive(Default, Clone, Copy)]
struct VarInfo {
    defs: u32,
    uses: u32,
}

fn forward_once(f: &mut Function) -> bool {
    let mut vars: HashMap<Var, VarInfo> = HashMap::new();
    // slot → (number of slotaddr, the var of the last one)
    let mut addrs: HashMap<SlotId, (u32, Var)> = HashMap::new();
    for p in &f.params {
        vars.entry(*p).or_default().defs += 1;
    }
    for b in &f.blocks {
        for inst in &b.insts {
            if let Inst::SlotAddr { dst, slot } = inst {
                let e = addrs.entry(*slot).or_insert((0, *dst));
                e.0 += 1;
                e.1 = *dst;
            }
            defs(inst, |v| vars.entry(v).or_default().defs += 1);
            uses(inst, |v| vars.entry(v).or_default().uses += 1);
        }
        term_uses(&b.term, |v| vars.entry(v).or_default().uses += 1);
    }
    let mut visible: Vec<SlotId> = Vec::new();
    for l in &f.debug_locals {
        match &l.loc {
            DebugLoc::Slot(s) => visible.push(*s),
            DebugLoc::Ptr(v) => vars.entry(*v).or_default().uses += 1,
            DebugLoc::Regs(rs) => {
                for (_, v) in rs {
                    vars.entry(*v).or_default().uses += 1;
                }
            }
        }
    }
    if let Some(a) = &f.arg_info {
        for s in &a.spill {
            let crate::ir::ArgSpill::Word { var, .. } = s;
            vars.entry(*var).or_default().uses += 1;
        }
    }
    // The address variable of each candidate slot, and the reverse map.
    let mut temp_of: HashMap<Var, SlotId> = HashMap::new();
    for (slot, (n, v)) in &addrs {
        let info = vars.get(v).copied().unwrap_or_default();
        if *n == 1 && info.defs == 1 && !visible.contains(slot) {
            temp_of.insert(*v, *slot);
        }
    }
    let mut changed = false;
    let mut dead_slots: Vec<SlotId> = Vec::new();
    for b in &mut f.blocks {
        let mut i = 0;
        while i < b.insts.len() {
            let Some(t) = written_whole(&b.insts[i]).filter(|t| temp_of.contains_key(t)) else {
                i += 1;
                continue;
            };
            let uses_of_t = vars.get(&t).map_or(0, |x| x.uses);
            // A slot only ever zeroed: drop the zeroing. (A copy into it stays: its source
            // may be a nil pointer whose fault is the program's panic.)
            if uses_of_t == 1 && matches!(b.insts[i], Inst::MemZero { .. }) {
                b.insts.remove(i);
                dead_slots.push(temp_of[&t]);
                changed = true;
                continue;
            }
            if uses_of_t != 2 {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < b.insts.len() && matches!(b.insts[j], Inst::Line(_)) {
                j += 1;
            }
            let replacement = match (&b.insts[i], b.insts.get(j)) {
                (Inst::MemZero { size, .. }, Some(Inst::MemCopy { dst, src, size: s2 }))
                    if *src == t && s2 == size && *dst != t =>
                {
                    Some(Inst::MemZero {
                        dst: *dst,
                        size: *size,
                    })
                }
                (
                    Inst::MemCopy { src: s1, size, .. },
                    Some(Inst::MemCopy { dst, src, size: s2 }),
                ) if *src == t && s2 == size && *dst != t && *s1 != t => Some(Inst::MemCopy {
                    dst: *dst,
                    src: *s1,
                    size: *size,
                }),
                _ => None,
            };
            let Some(r) = replacement else {
                i += 1;
                continue;
            };
            b.insts[j] = r;
            b.insts.remove(i);
            dead_slots.push(temp_of[&t]);
            changed = true;
        }
    }
    if changed {
        // The slotaddr of a dead slot is now unused; drop it and free the slot's room.
        for b in &mut f.blocks {
            b.insts.retain(
                |inst| !matches!(inst, Inst::SlotAddr { slot, .. } if dead_slots.contains(slot)),
            );
        }
        for s in dead_slots {
            if let Some(slot) = f.slots.get_mut(s.0 as usize) {
                slot.size = 0;
            }
        }
    }
    changed
}

/// The address variable of the slot `inst` overwrites entirely, if it is a whole-value write.
fn written_whole(inst: &Inst) -> Option<Var> {
    match inst {
        Inst::MemZero { dst, .. } | Inst::MemCopy { dst, .. } => Some(*dst),
        _ => None,
    }
}

fn defs(inst: &Inst, mut d: impl FnMut(Var)) {
    match inst {
        Inst::Line(_)
        | Inst::Store { .. }
        | Inst::MemCopy { .. }
        | Inst::MemZero { .. }
        | Inst::AtomicStore { .. } => {}
        Inst::Iconst { dst, .. }
        | Inst::F32const { dst, .. }
        | Inst::F64const { dst, .. }
        | Inst::Copy { dst, .. }
        | Inst::Binary { dst, .. }
        | Inst::Unary { dst, .. }
        | Inst::Icmp { dst, .. }
        | Inst::Fcmp { dst, .. }
        | Inst::Convert { dst, .. }
        | Inst::Select { dst, .. }
        | Inst::Load { dst, .. }
        | Inst::SlotAddr { dst, .. }
        | Inst::SymAddr { dst, .. }
        | Inst::FramePointer { dst }
        | Inst::AtomicLoad { dst, .. }
        | Inst::AtomicRmw { dst, .. }
        | Inst::AtomicCas { dst, .. } => d(*dst),
        Inst::Call { results, .. } => results.iter().for_each(|v| d(*v)),
    }
}

fn uses(inst: &Inst, mut u: impl FnMut(Var)) {
    match inst {
        Inst::Line(_)
        | Inst::Iconst { .. }
        | Inst::F32const { .. }
        | Inst::F64const { .. }
        | Inst::SlotAddr { .. }
        | Inst::SymAddr { .. }
        | Inst::FramePointer { .. } => {}
        Inst::Copy { src, .. } => u(*src),
        Inst::Binary { a, b, .. } | Inst::Icmp { a, b, .. } | Inst::Fcmp { a, b, .. } => {
            u(*a);
            u(*b);
        }
        Inst::Unary { a, .. } | Inst::Convert { a, .. } => u(*a),
        Inst::Select { cond, a, b, .. } => {
            u(*cond);
            u(*a);
            u(*b);
        }
        Inst::Load { addr, .. } | Inst::AtomicLoad { addr, .. } => u(*addr),
        Inst::Store { addr, value, .. }
        | Inst::AtomicStore { addr, value }
        | Inst::AtomicRmw { addr, value, .. } => {
            u(*addr);
            u(*value);
        }
        Inst::MemCopy { dst, src, .. } => {
            u(*dst);
            u(*src);
        }
        Inst::MemZero { dst, .. } => u(*dst),
        Inst::Call { callee, args, .. } => {
            if let Callee::Indirect(v) = callee {
                u(*v);
            }
            args.iter().for_each(|v| u(*v));
        }
        Inst::AtomicCas {
            addr,
            expected,
            new,
            ..
        } => {
            u(*addr);
            u(*expected);
            u(*new);
        }
    }
}

fn term_uses(t: &Terminator, mut u: impl FnMut(Var)) {
    match t {
        Terminator::Jump(_) | Terminator::Unreachable => {}
        Terminator::Branch { cond, .. } => u(*cond),
        Terminator::Switch { value, .. } => u(*value),
        Terminator::Return(vs) => vs.iter().for_each(|v| u(*v)),
        Terminator::TryCall { callee, args, .. } => {
            if let Callee::Indirect(v) = callee {
                u(*v);
            }
            args.iter().for_each(|v| u(*v));
        }
    }
}
