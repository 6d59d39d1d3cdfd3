//! Wrappers through which rgo's Go code calls ABI0 assembly functions.
//!
//! rgo's generated code calls a body-less Go function with the C (SysV) convention under the
//! function's own symbol (docs/abi.md): its parameters flattened into scalars in integer and
//! SSE registers (then the stack), results in RAX/RDX and XMM0/XMM1, or through an
//! out-pointer passed first when they do not fit. gc's ABI0 passes arguments and results in
//! memory at the caller's stack pointer, at the offsets of a struct of the parameters
//! followed (pointer-aligned) by a struct of the results.
//!
//! The wrapper, named as the Go function (gc names its ABIInternal→ABI0 wrapper the same
//! way, and the assembly `pkg.f.abi0`), translates: it saves the registers the C convention
//! wants preserved that the assembly may write (assembly may use any register, including
//! R15, where rgo keeps g; `Func::clobbers` says which it names), makes
//! a 16-byte-aligned argument area, stores each scalar at its ABI0 offset, calls the
//! assembly, and loads the results back into registers or through the out-pointer.

use crate::parse::{Reg, RegClass};
use crate::x86::{self, MemRef, Op, Out};

/// One scalar of a parameter or result, at its ABI0 offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub float: bool,
    /// 1, 2, 4 or 8 bytes.
    pub size: u8,
    pub off: i64,
}

/// A function's ABI0 frame as the wrapper sees it.
#[derive(Clone, Debug, Default)]
pub struct Sig {
    pub params: Vec<Slot>,
    pub results: Vec<Slot>,
    /// Offset where the results start (pointer-aligned end of the parameters).
    pub results_start: i64,
    /// Total argument size (gc's argsize: parameters and results).
    pub arg_size: i64,
    /// Results go through a pointer passed as the first integer argument.
    pub out_ptr: bool,
}

const INT_ARGS: [u8; 6] = [7, 6, 2, 1, 8, 9]; // DI, SI, DX, CX, R8, R9
const SAVED: [u8; 5] = [3, 12, 13, 14, 15]; // BX, R12-R15

fn gp(n: u8) -> Op {
    Op::Reg(Reg {
        class: RegClass::Gp(8),
        num: n,
    })
}

fn xmm(n: u8) -> Op {
    Op::Reg(Reg {
        class: RegClass::X,
        num: n,
    })
}

fn at(base: u8, disp: i64) -> Op {
    Op::Mem(MemRef::Abs {
        base: Some(base),
        index: None,
        disp,
    })
}

fn emit(out: &mut Out, op: &str, args: &[Op]) -> Result<(), String> {
    x86::encode(op, args, out)
}

fn mov_for(size: u8, float: bool) -> &'static str {
    match (float, size) {
        (true, 4) => "MOVSS",
        (true, _) => "MOVSD",
        (false, 1) => "MOVB",
        (false, 2) => "MOVW",
        (false, 4) => "MOVL",
        (false, _) => "MOVQ",
    }
}

fn load_for(size: u8, float: bool) -> &'static str {
    match (float, size) {
        (true, 4) => "MOVSS",
        (true, _) => "MOVSD",
        (false, 1) => "MOVBQZX",
        (false, 2) => "MOVWQZX",
        (false, 4) => "MOVL",
        (false, _) => "MOVQ",
    }
}

/// Machine code of the wrapper and the offset of the 4-byte call displacement to `target`.
/// The entry half both wrappers share: saves the frame pointer and the registers ABI0 and
/// ABIInternal code may clobber, reserves the argument area (arguments at their ABI0
/// offsets, then the saved out-pointer, sized so RSP is 16-aligned at the call) and stores
/// every argument, from the C convention's registers or the caller's stack, at its offset.
/// Returns the code so far, the area's size and the out-pointer's slot in it.
fn enter_and_store_args(sig: &Sig, saved: &[u8]) -> Result<(Out, i64, i64), String> {
    let mut o = Out::default();
    let sp = 4u8;
    let bp = 5u8;
    emit(&mut o, "PUSHQ", &[gp(bp)])?;
    emit(&mut o, "MOVQ", &[gp(sp), gp(bp)])?;
    for &r in saved {
        emit(&mut o, "PUSHQ", &[gp(r)])?;
    }
    // After the pushes (the return address, BP and the saved registers) RSP is 0 or 8
    // mod 16; the area makes it 0 at the call.
    let pushed = 16 + 8 * saved.len() as i64;
    let area = (sig.arg_size + 8 + 15) / 16 * 16 + (pushed % 16);
    let out_slot = area - 8;
    emit(&mut o, "SUBQ", &[Op::Imm(area), gp(sp)])?;
    let mut ints = INT_ARGS.iter();
    let mut floats = 0u8;
    let mut stack = 0i64;
    if sig.out_ptr {
        let r = *ints.next().ok_or("no register for the out-pointer")?;
        emit(&mut o, "MOVQ", &[gp(r), at(sp, out_slot)])?;
    }
    for s in &sig.params {
        let src = if s.float {
            if floats < 8 {
                floats += 1;
                Some(xmm(floats - 1))
            } else {
                None
            }
        } else {
            ints.next().map(|&r| gp(r))
        };
        let src = match src {
            Some(r) => r,
            None => {
                // Beyond the registers: the caller's stack, above the return address.
                let tmp = if s.float { xmm(15) } else { gp(0) };
                emit(
                    &mut o,
                    load_for(8, s.float),
                    &[at(bp, 16 + 8 * stack), tmp.clone()],
                )?;
                stack += 1;
                tmp
            }
        };
        let src = match (&src, s.float, s.size) {
            (Op::Reg(r), false, 1) => Op::Reg(Reg {
                class: RegClass::Gp(1),
                num: r.num,
            }),
            _ => src,
        };
        emit(&mut o, mov_for(s.size, s.float), &[src, at(sp, s.off)])?;
    }
    Ok((o, area, out_slot))
}

/// The callee-saved registers (of the C convention) among `clobbers`.
fn saved_of(clobbers: u16) -> Vec<u8> {
    SAVED
        .iter()
        .copied()
        .filter(|r| clobbers & (1 << r) != 0)
        .collect()
}

pub fn sysv_to_abi0(sig: &Sig, clobbers: u16) -> Result<(Vec<u8>, usize), String> {
    let saved = saved_of(clobbers);
    let (mut o, area, out_slot) = enter_and_store_args(sig, &saved)?;
    let sp = 4u8;
    let bp = 5u8;
    o.bytes.push(0xE8);
    let call_at = o.bytes.len();
    o.bytes.extend_from_slice(&[0; 4]);
    if sig.out_ptr {
        // Copy the result area word by word (its layout is the results' struct, as the
        // caller's tuple).
        emit(&mut o, "MOVQ", &[at(sp, out_slot), gp(1)])?;
        let mut off = 0;
        while sig.results_start + off < sig.arg_size {
            emit(&mut o, "MOVQ", &[at(sp, sig.results_start + off), gp(0)])?;
            emit(&mut o, "MOVQ", &[gp(0), at(1, off)])?;
            off += 8;
        }
    } else {
        let mut iregs = [0u8, 2].iter();
        let mut fregs = 0u8;
        for s in &sig.results {
            let dst = if s.float {
                fregs += 1;
                if fregs > 2 {
                    return Err("more than two floating-point results in registers".into());
                }
                xmm(fregs - 1)
            } else {
                gp(*iregs
                    .next()
                    .ok_or("more than two integer results in registers")?)
            };
            emit(&mut o, load_for(s.size, s.float), &[at(sp, s.off), dst])?;
        }
    }
    emit(&mut o, "ADDQ", &[Op::Imm(area), gp(sp)])?;
    for r in saved.iter().rev() {
        emit(&mut o, "POPQ", &[gp(*r)])?;
    }
    emit(&mut o, "POPQ", &[gp(bp)])?;
    o.bytes.push(0xC3);
    Ok((o.bytes, call_at))
}

impl crate::Unit {
    /// Adds the wrapper `name` calling the assembly function `target` (`name.abi0`, or an
    /// ABIInternal body under another name when `internal`).
    pub fn add_wrapper(
        &mut self,
        name: &str,
        target: &str,
        sig: &Sig,
        internal: bool,
        pos: crate::lex::Pos,
    ) -> Result<(), String> {
        // The assembly's clobbers, when it is in this unit (else assume every register).
        let clobbers = self
            .funcs
            .iter()
            .find(|f| f.name == target)
            .map_or(u16::MAX, |f| f.clobbers);
        let (code, call_at) = if internal {
            sysv_to_internal(sig, clobbers)?
        } else {
            sysv_to_abi0(sig, clobbers)?
        };
        self.funcs.push(crate::Func {
            name: name.to_string(),
            flags: crate::NOSPLIT,
            frame: 0,
            args: Some(sig.arg_size),
            abi_internal: false,
            local: false,
            code,
            relocs: vec![crate::Reloc {
                at: call_at,
                sym: target.to_string(),
                addend: -4,
                kind: crate::RelKind::Call,
            }],
            pos,
            clobbers: u16::MAX,
        });
        Ok(())
    }
}

/// gc's ABIInternal integer argument and result registers: AX, BX, CX, DI, SI, R8-R11.
const GO_INT_REGS: [u8; 9] = [0, 3, 1, 7, 6, 8, 9, 10, 11];

/// A wrapper from the C convention to gc's register ABI (ABIInternal) for assembly declared
/// `name<ABIInternal>`: the scalars go, in order, to AX, BX, CX, DI, SI, R8-R11 and X0-X14
/// (each parameter here is at most a few words, the case gc assigns to registers
/// scalar by scalar), R14 holds g (rgo's g from R15) and X15 is zeroed, as ABIInternal
/// code expects; results come back in the same registers. The arguments are first stored
/// at their ABI0 offsets, then loaded into gc's registers, so that no register is
/// overwritten before it is read. The area also serves as the spill space gc's callers
/// reserve for register arguments.
pub fn sysv_to_internal(sig: &Sig, clobbers: u16) -> Result<(Vec<u8>, usize), String> {
    // The wrapper itself writes R14 (g) and, for an out-pointer, R12.
    let saved = saved_of(clobbers | (1 << 14) | (1 << 12));
    let (mut o, area, out_slot) = enter_and_store_args(sig, &saved)?;
    let sp = 4u8;
    let bp = 5u8;
    let (mut gi, mut gf) = (0usize, 0u8);
    for s in &sig.params {
        let dst = if s.float {
            gf += 1;
            if gf > 15 {
                return Err("more than 15 floating-point register arguments".into());
            }
            xmm(gf - 1)
        } else {
            gi += 1;
            gp(*GO_INT_REGS
                .get(gi - 1)
                .ok_or("more than 9 integer register arguments")?)
        };
        emit(&mut o, load_for(s.size, s.float), &[at(sp, s.off), dst])?;
    }
    emit(&mut o, "MOVQ", &[gp(15), gp(14)])?;
    emit(&mut o, "XORPS", &[xmm(15), xmm(15)])?;
    o.bytes.push(0xE8);
    let call_at = o.bytes.len();
    o.bytes.extend_from_slice(&[0; 4]);
    let (mut ri, mut rf) = (0usize, 0u8);
    let mut placed = Vec::new();
    for s in &sig.results {
        if s.float {
            rf += 1;
            placed.push((*s, xmm(rf - 1)));
        } else {
            ri += 1;
            let r = *GO_INT_REGS
                .get(ri - 1)
                .ok_or("more than 9 integer register results")?;
            placed.push((*s, gp(r)));
        }
    }
    if sig.out_ptr {
        emit(&mut o, "MOVQ", &[at(sp, out_slot), gp(12)])?;
        for (s, r) in &placed {
            let r = match (r, s.float, s.size) {
                (Op::Reg(x), false, 1) => Op::Reg(Reg {
                    class: RegClass::Gp(1),
                    num: x.num,
                }),
                _ => r.clone(),
            };
            emit(
                &mut o,
                mov_for(s.size, s.float),
                &[r, at(12, s.off - sig.results_start)],
            )?;
        }
    } else {
        // At most two integer results: AX stays, BX goes to DX.
        if ri > 2 || rf > 2 {
            return Err("too many results for registers".into());
        }
        if ri == 2 {
            emit(&mut o, "MOVQ", &[gp(3), gp(2)])?;
        }
    }
    emit(&mut o, "ADDQ", &[Op::Imm(area), gp(sp)])?;
    for r in saved.iter().rev() {
        emit(&mut o, "POPQ", &[gp(*r)])?;
    }
    emit(&mut o, "POPQ", &[gp(bp)])?;
    o.bytes.push(0xC3);
    Ok((o.bytes, call_at))
}
