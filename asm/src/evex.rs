//! EVEX (AVX-512) encoding, and the VEX-encoded opmask moves that go with it.
//!
//! An EVEX instruction is `62 P0 P1 P2 opcode ModRM [SIB] [disp] [imm]`:
//! - P0 = `R X B R' 0 0 m m`: the inverted extension bits of ModRM.reg (R, and R' for
//!   registers 16-31), of the index or, for a register r/m, its bits 3 and 4 (X, B), and the
//!   opcode map (1: 0F, 2: 0F38, 3: 0F3A);
//! - P1 = `W v v v v 1 p p`: W, the inverted second source (NDS) and the implied prefix
//!   (0: none, 1: 66, 2: F3, 3: F2);
//! - P2 = `z L' L b V' a a a`: zeroing-masking (Plan 9's `.Z` suffix), the vector length
//!   (0: 128, 1: 256, 2: 512 bits), broadcast, the inverted fifth bit of the NDS, and the
//!   opmask register (`K1`..`K7`; 0 means no mask).
//!
//! A memory operand's 8-bit displacement is scaled: it counts units of N bytes, N being the
//! instruction's tuple size (the whole vector for full-vector operands, 16 for a 128-bit
//! extract, 8 for a compressed quadword). A displacement that is not a multiple of N, or
//! whose quotient does not fit a signed byte, takes the 32-bit form, as in gc's assembler.
//!
//! gc chooses EVEX only when it must: for a mnemonic that also has a VEX form (VPCLMULQDQ,
//! VGF2P8AFFINEQB, VMOVAPS), EVEX is used when an operand is a Z register, a register
//! numbered 16 or more, or a mask, or the mnemonic carries a suffix; otherwise the VEX
//! encoder (x86.rs) emits the shorter form. The operand orders are Plan 9's: sources first,
//! the mask just before the destination (`VPERMB.Z Z4, Z0, K1, Z0`), immediates first.

use crate::parse::{Reg, RegClass};
use crate::x86::{MemRef, Op, Out, Rm, rm_of};

type R<T> = Result<T, String>;

/// How the operands map to the encoding fields.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    /// `src2(r/m), src1(vvvv), dst(reg)`.
    Rvm,
    /// `src(r/m), dst(reg)`.
    Rm,
    /// `src(reg), dst(r/m)`: extracts and compresses.
    Mr,
    /// A move with a load opcode (`r/m → reg`) and a store opcode (`reg → r/m`); between
    /// registers gc uses the store form.
    Move { load: u8 },
}

/// Disp8 scale: the full vector, or a fixed element/tuple size.
#[derive(Clone, Copy)]
enum Tuple {
    Full,
    Fixed(i64),
}

struct Entry {
    pp: u8,
    map: u8,
    w: bool,
    opc: u8,
    form: Form,
    tuple: Tuple,
    /// Whether the mnemonic also has a VEX form (chosen when no operand needs EVEX).
    vex_ok: bool,
}

fn table(op: &str) -> Option<Entry> {
    use Form::*;
    use Tuple::*;
    let e = |pp, map, w, opc, form, tuple, vex_ok| Entry {
        pp,
        map,
        w,
        opc,
        form,
        tuple,
        vex_ok,
    };
    Some(match op {
        "VPXORQ" => e(1, 1, true, 0xEF, Rvm, Full, false),
        "VPXORD" => e(1, 1, false, 0xEF, Rvm, Full, false),
        "VPANDQ" => e(1, 1, true, 0xDB, Rvm, Full, false),
        "VPANDD" => e(1, 1, false, 0xDB, Rvm, Full, false),
        "VPORQ" => e(1, 1, true, 0xEB, Rvm, Full, false),
        "VPORD" => e(1, 1, false, 0xEB, Rvm, Full, false),
        "VPTERNLOGD" => e(1, 3, false, 0x25, Rvm, Full, false),
        "VPTERNLOGQ" => e(1, 3, true, 0x25, Rvm, Full, false),
        "VPCLMULQDQ" => e(1, 3, false, 0x44, Rvm, Full, true),
        "VGF2P8AFFINEQB" => e(1, 3, true, 0xCE, Rvm, Full, true),
        "VPERMB" => e(1, 2, false, 0x8D, Rvm, Full, false),
        "VPERMI2B" => e(1, 2, false, 0x75, Rvm, Full, false),
        "VPCMPUQ" => e(1, 3, true, 0x1E, Rvm, Full, false),
        "VPCMPUD" => e(1, 3, false, 0x1E, Rvm, Full, false),
        "VPCMPUB" => e(1, 3, false, 0x3E, Rvm, Full, false),
        "VPOPCNTB" => e(1, 2, false, 0x54, Rm, Full, false),
        "VPOPCNTQ" => e(1, 2, true, 0x55, Rm, Full, false),
        "VEXTRACTF32X4" => e(1, 3, false, 0x19, Mr, Fixed(16), false),
        "VEXTRACTI32X4" => e(1, 3, false, 0x39, Mr, Fixed(16), false),
        "VPCOMPRESSQ" => e(1, 2, true, 0x8B, Mr, Fixed(8), false),
        "VPCOMPRESSD" => e(1, 2, false, 0x8B, Mr, Fixed(4), false),
        "VMOVDQU64" => e(2, 1, true, 0x7F, Move { load: 0x6F }, Full, false),
        "VMOVDQU32" => e(2, 1, false, 0x7F, Move { load: 0x6F }, Full, false),
        "VMOVDQU8" => e(3, 1, false, 0x7F, Move { load: 0x6F }, Full, false),
        "VMOVDQA64" => e(1, 1, true, 0x7F, Move { load: 0x6F }, Full, false),
        "VMOVDQA32" => e(1, 1, false, 0x7F, Move { load: 0x6F }, Full, false),
        "VMOVAPS" => e(0, 1, false, 0x29, Move { load: 0x28 }, Full, true),
        "VMOVUPS" => e(0, 1, false, 0x11, Move { load: 0x10 }, Full, true),
        _ => return None,
    })
}

fn reg_of(op: &Op) -> Option<Reg> {
    match op {
        Op::Reg(r) => Some(*r),
        _ => None,
    }
}

fn is_k(op: &Op) -> bool {
    matches!(
        reg_of(op),
        Some(Reg {
            class: RegClass::K,
            ..
        })
    )
}

/// Vector length code of a register operand (0: X, 1: Y, 2: Z).
fn vl(op: &Op) -> Option<u8> {
    match reg_of(op)?.class {
        RegClass::X => Some(0),
        RegClass::Y => Some(1),
        RegClass::Z => Some(2),
        _ => None,
    }
}

/// Whether an operand can only be encoded with EVEX.
fn needs_evex(op: &Op) -> bool {
    match reg_of(op) {
        Some(Reg {
            class: RegClass::Z | RegClass::K,
            ..
        }) => true,
        Some(Reg {
            class: RegClass::X | RegClass::Y,
            num,
        }) => num >= 16,
        _ => false,
    }
}

/// Encodes `op` if it is an EVEX instruction or an opmask move; `None` leaves it to the
/// legacy and VEX encoders.
pub(crate) fn encode(op: &str, args: &[Op], out: &mut Out) -> Option<R<()>> {
    if let Some(r) = kmov(op, args, out) {
        return Some(r);
    }
    let (base, zeroing) = match op.split_once('.') {
        Some((b, "Z")) => (b, true),
        Some((b, suffix)) => {
            return table(b).map(|_| Err(format!("{op}: suffix .{suffix} is not supported")));
        }
        None => (op, false),
    };
    let e = table(base)?;
    if e.vex_ok && !zeroing && !args.iter().any(needs_evex) {
        if matches!(e.form, Form::Move { .. }) {
            return Some(vex_move(op, &e, args, out));
        }
        return None;
    }
    Some(evex_inst(op, &e, zeroing, args, out))
}

/// The VEX form of a move that also has an EVEX form (VMOVAPS/VMOVUPS on X and Y).
fn vex_move(op: &str, e: &Entry, args: &[Op], out: &mut Out) -> R<()> {
    let Form::Move { load } = e.form else {
        return Err(format!("{op}: not a move"));
    };
    let [src, dst] = args else {
        return Err(format!("{op}: two operands expected"));
    };
    if let (Some(s), Some(l)) = (reg_of(src), vl(src)) {
        out.vex(e.pp, e.map, e.w, l == 1, 0, e.opc, s.num, rm_of(dst)?, &[]);
    } else {
        let (d, l) = reg_of(dst)
            .zip(vl(dst))
            .ok_or_else(|| format!("{op}: unsupported operand combination"))?;
        out.vex(e.pp, e.map, e.w, l == 1, 0, load, d.num, rm_of(src)?, &[]);
    }
    Ok(())
}

fn evex_inst(op: &str, e: &Entry, zeroing: bool, args: &[Op], out: &mut Out) -> R<()> {
    let bad = || format!("{op}: unsupported operand combination");
    let (imm, rest) = if e.map == 3 {
        match args {
            [Op::Imm(v), rest @ ..] => (Some(*v as u8), rest),
            _ => return Err(format!("{op}: missing immediate")),
        }
    } else {
        (None, args)
    };
    let want = if e.form == Form::Rvm { 3 } else { 2 };
    // A mask register sits just before the destination.
    let (rest, mask) = if rest.len() == want + 1 {
        let k = &rest[want - 1];
        if !is_k(k) {
            return Err(bad());
        }
        let mut v: Vec<Op> = rest.to_vec();
        v.remove(want - 1);
        (v, reg_of(k).map_or(0, |r| r.num))
    } else if rest.len() == want {
        (rest.to_vec(), 0)
    } else {
        return Err(bad());
    };
    if zeroing && mask == 0 {
        return Err(format!("{op}: zeroing needs a mask register"));
    }
    let imm: Vec<u8> = imm.into_iter().collect();
    let p = Evex {
        pp: e.pp,
        map: e.map,
        w: e.w,
        zeroing,
        mask,
    };
    match e.form {
        Form::Rvm => {
            let [src2, src1, dst] = &rest[..] else {
                return Err(bad());
            };
            let d = reg_of(dst).ok_or_else(bad)?;
            let v = reg_of(src1).ok_or_else(bad)?;
            let l = vl(dst).or(vl(src1)).ok_or_else(bad)?;
            out.evex(&p, l, v.num, e.opc, d.num, rm_of(src2)?, e.tuple, &imm);
        }
        Form::Rm => {
            let [src, dst] = &rest[..] else {
                return Err(bad());
            };
            let d = reg_of(dst).ok_or_else(bad)?;
            let l = vl(dst).ok_or_else(bad)?;
            out.evex(&p, l, 0, e.opc, d.num, rm_of(src)?, e.tuple, &imm);
        }
        Form::Mr => {
            let [src, dst] = &rest[..] else {
                return Err(bad());
            };
            let s = reg_of(src).ok_or_else(bad)?;
            let l = vl(src).ok_or_else(bad)?;
            out.evex(&p, l, 0, e.opc, s.num, rm_of(dst)?, e.tuple, &imm);
        }
        Form::Move { load } => {
            let [src, dst] = &rest[..] else {
                return Err(bad());
            };
            if let (Some(s), Some(l)) = (reg_of(src), vl(src)) {
                out.evex(&p, l, 0, e.opc, s.num, rm_of(dst)?, e.tuple, &imm);
            } else {
                let d = reg_of(dst).ok_or_else(bad)?;
                let l = vl(dst).ok_or_else(bad)?;
                out.evex(&p, l, 0, load, d.num, rm_of(src)?, e.tuple, &imm);
            }
        }
    }
    Ok(())
}

/// KMOVB/W/D/Q: VEX-encoded moves between opmask registers, general registers and memory
/// (opcodes 90 k/m→k, 91 k→m, 92 r→k, 93 k→r).
fn kmov(op: &str, args: &[Op], out: &mut Out) -> Option<R<()>> {
    // (prefix and W of the k/m forms, prefix and W of the general-register forms)
    let (pp_km, w_km, pp_r, w_r) = match op {
        "KMOVB" => (1, false, 1, false),
        "KMOVW" => (0, false, 0, false),
        "KMOVD" => (1, true, 3, false),
        "KMOVQ" => (0, true, 3, true),
        _ => return None,
    };
    let [src, dst] = args else {
        return Some(Err(format!("{op}: two operands expected")));
    };
    let gpr = |o: &Op| {
        matches!(
            reg_of(o),
            Some(Reg {
                class: RegClass::Gp(_),
                ..
            })
        )
    };
    let r = (|| -> R<()> {
        let num = |o: &Op| reg_of(o).map(|r| r.num).ok_or("bad operand".to_string());
        if is_k(dst) && gpr(src) {
            out.vex(
                pp_r,
                1,
                w_r,
                false,
                0,
                0x92,
                num(dst)?,
                Rm::Reg(num(src)?),
                &[],
            );
        } else if gpr(dst) && is_k(src) {
            out.vex(
                pp_r,
                1,
                w_r,
                false,
                0,
                0x93,
                num(dst)?,
                Rm::Reg(num(src)?),
                &[],
            );
        } else if is_k(dst) {
            out.vex(pp_km, 1, w_km, false, 0, 0x90, num(dst)?, rm_of(src)?, &[]);
        } else if is_k(src) && matches!(dst, Op::Mem(_)) {
            out.vex(pp_km, 1, w_km, false, 0, 0x91, num(src)?, rm_of(dst)?, &[]);
        } else {
            return Err(format!("{op}: unsupported operand combination"));
        }
        Ok(())
    })();
    Some(r)
}

/// The fields of P0-P2 that do not come from the operands.
struct Evex {
    pp: u8,
    map: u8,
    w: bool,
    zeroing: bool,
    mask: u8,
}

impl Out {
    /// One EVEX instruction: `l` is the vector length code, `vvvv` the NDS register (0 when
    /// unused, which encodes as all ones), `reg` the ModRM.reg register.
    #[allow(clippy::too_many_arguments)]
    fn evex(
        &mut self,
        p: &Evex,
        l: u8,
        vvvv: u8,
        opc: u8,
        reg: u8,
        rm: Rm,
        tuple: Tuple,
        imm: &[u8],
    ) {
        let (x, b) = match &rm {
            Rm::Reg(n) => ((n >> 4) & 1, (n >> 3) & 1),
            Rm::Mem(MemRef::Abs { base, index, .. }) => (
                index.map_or(0, |(i, _)| (i >> 3) & 1),
                base.map_or(0, |b| (b >> 3) & 1),
            ),
            Rm::Mem(MemRef::Rip { .. }) => (0, 0),
        };
        let r = (reg >> 3) & 1;
        let r2 = (reg >> 4) & 1;
        let p0 = ((r ^ 1) << 7) | ((x ^ 1) << 6) | ((b ^ 1) << 5) | ((r2 ^ 1) << 4) | p.map;
        let p1 = (u8::from(p.w) << 7) | ((!vvvv & 15) << 3) | 4 | p.pp;
        let v2 = (vvvv >> 4) & 1;
        let p2 = (u8::from(p.zeroing) << 7) | ((l & 3) << 5) | ((v2 ^ 1) << 3) | (p.mask & 7);
        self.bytes.extend_from_slice(&[0x62, p0, p1, p2, opc]);
        let n = match tuple {
            Tuple::Full => 16 << l,
            Tuple::Fixed(n) => n,
        };
        self.rm_tail_scaled(reg, rm, imm, n);
    }
}
