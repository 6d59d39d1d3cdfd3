//! x86-64 instruction encoding for the Plan 9 mnemonics GOROOT's amd64 assembly uses.
//!
//! Plan 9 writes operands source first (`ADDQ AX, BX` is Intel `add rbx, rax`), three-operand
//! VEX instructions as `VOP src2, src1, dst`, and immediates of SSE/VEX instructions first
//! (`PSHUFD $0x1b, X1, X2`). Each mnemonic maps to an encoding *shape* (legacy ModRM with
//! prefixes and opcode bytes, an opcode with the register in its low bits, VEX) plus the
//! choice among forms gc's assembler (cmd/internal/obj/x86's optab) makes, so that the bytes
//! are gc's: e.g. `MOVQ $1, AX` becomes the 5-byte `MOVL` form, an ALU immediate that fits
//! in a signed byte uses opcode 0x83, register-to-register ALU and MOV use the "MR" form
//! (opcode 0x01/0x89 with the destination in r/m), and a floating-point immediate becomes a
//! RIP-relative load of a `$f64.<bits>` constant symbol.
//!
//! Branches are not encoded here: the function layout (lib.rs) chooses short or long forms.

use crate::parse::{Reg, RegClass};

/// A resolved operand: pseudo-registers are gone (FP/SP offsets are hardware-SP
/// displacements, SB references are RIP-relative symbols).
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Reg(Reg),
    Imm(i64),
    Mem(MemRef),
}

#[derive(Clone, Debug, PartialEq)]
pub enum MemRef {
    /// `disp(base)(index*scale)`; base and index are register numbers 0-15.
    Abs {
        base: Option<u8>,
        index: Option<(u8, u8)>,
        disp: i64,
    },
    /// A symbol plus offset, addressed RIP-relative.
    Rip { sym: String, off: i64 },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Reloc {
    /// Offset of the 4-byte field in the instruction.
    pub at: usize,
    pub sym: String,
    /// ELF addend (`off - distance from the field to the end of the instruction`).
    pub addend: i64,
}

#[derive(Default)]
pub struct Out {
    pub bytes: Vec<u8>,
    pub relocs: Vec<Reloc>,
}

type R<T> = Result<T, String>;

fn gp(op: &Op) -> Option<(u8, u8)> {
    match op {
        Op::Reg(Reg {
            class: RegClass::Gp(w),
            num,
        }) => Some((*num, *w)),
        Op::Reg(Reg {
            class: RegClass::HighByte,
            num,
        }) => Some((*num, 1)),
        _ => None,
    }
}

fn vreg(op: &Op) -> Option<u8> {
    match op {
        Op::Reg(Reg {
            class: RegClass::X | RegClass::Y,
            num,
        }) => Some(*num),
        _ => None,
    }
}

fn is_mem(op: &Op) -> bool {
    matches!(op, Op::Mem(_))
}

/// The r/m side of a ModRM instruction.
pub(crate) enum Rm<'a> {
    Reg(u8),
    Mem(&'a MemRef),
}

pub(crate) fn rm_of(op: &Op) -> R<Rm<'_>> {
    match op {
        Op::Reg(r) => Ok(Rm::Reg(r.num)),
        Op::Mem(m) => Ok(Rm::Mem(m)),
        Op::Imm(_) => Err("immediate where a register or memory operand is required".into()),
    }
}

/// Whether a register used as a byte operand needs a REX prefix: registers 4-7 (SP, BP,
/// SI, DI, however the operand names them) mean SPL..DIL only with REX (without, AH..BH).
/// Callers pass it only where the operand is a byte.
fn byte_rex(op: &Op) -> bool {
    matches!(op, Op::Reg(Reg { class: RegClass::Gp(_), num }) if (4..8).contains(num))
}

impl Out {
    #[allow(clippy::too_many_arguments)]
    /// Legacy encoding: `pfx` (mandatory prefixes), REX (W, plus R/X/B from the operands,
    /// forced when a byte register needs it), `opc`, ModRM with `reg`, SIB and displacement,
    /// then `imm`.
    fn modrm(
        &mut self,
        pfx: &[u8],
        w: bool,
        opc: &[u8],
        reg: u8,
        rm: Rm,
        imm: &[u8],
        force_rex: bool,
    ) {
        self.bytes.extend_from_slice(pfx);
        let (x, b) = match &rm {
            Rm::Reg(n) => (0, n >> 3),
            Rm::Mem(MemRef::Abs { base, index, .. }) => {
                (index.map_or(0, |(i, _)| i >> 3), base.map_or(0, |b| b >> 3))
            }
            Rm::Mem(MemRef::Rip { .. }) => (0, 0),
        };
        let rex = (u8::from(w) << 3) | ((reg >> 3) << 2) | (x << 1) | b;
        if rex != 0 || force_rex {
            self.bytes.push(0x40 | rex);
        }
        self.bytes.extend_from_slice(opc);
        self.rm_tail(reg, rm, imm);
    }

    fn rm_tail(&mut self, reg: u8, rm: Rm, imm: &[u8]) {
        self.rm_tail_scaled(reg, rm, imm, 1)
    }

    /// ModRM, SIB, displacement and immediate; an 8-bit displacement counts units of `n`
    /// bytes (1 except for EVEX's compressed displacements).
    pub(crate) fn rm_tail_scaled(&mut self, reg: u8, rm: Rm, imm: &[u8], n: i64) {
        let reg = (reg & 7) << 3;
        match rm {
            Rm::Reg(n) => self.bytes.push(0xC0 | reg | (n & 7)),
            Rm::Mem(MemRef::Rip { sym, off }) => {
                self.bytes.push(reg | 5);
                let at = self.bytes.len();
                self.bytes.extend_from_slice(&[0; 4]);
                self.relocs.push(Reloc {
                    at,
                    sym: sym.clone(),
                    addend: off - 4 - imm.len() as i64,
                });
            }
            Rm::Mem(MemRef::Abs { base, index, disp }) => {
                let disp = *disp;
                let d8 = disp % n == 0 && (-128..=127).contains(&(disp / n));
                match (base, index) {
                    (None, idx) => {
                        // No base: SIB with base 101 and a 32-bit displacement.
                        self.bytes.push(reg | 4);
                        let (i, s) = idx.map_or((4, 1), |(i, s)| (i, s));
                        self.bytes.push((scale_bits(s) << 6) | ((i & 7) << 3) | 5);
                        self.bytes.extend_from_slice(&(disp as i32).to_le_bytes());
                    }
                    (Some(b), idx) => {
                        let b = *b;
                        let mode = if disp == 0 && (b & 7) != 5 {
                            0
                        } else if d8 {
                            1
                        } else {
                            2
                        };
                        if idx.is_some() || (b & 7) == 4 {
                            self.bytes.push((mode << 6) | reg | 4);
                            let (i, s) = idx.map_or((4, 1), |(i, s)| (i, s));
                            self.bytes
                                .push((scale_bits(s) << 6) | ((i & 7) << 3) | (b & 7));
                        } else {
                            self.bytes.push((mode << 6) | reg | (b & 7));
                        }
                        match mode {
                            1 => self.bytes.push((disp / n) as i8 as u8),
                            2 => self.bytes.extend_from_slice(&(disp as i32).to_le_bytes()),
                            _ => {}
                        }
                    }
                }
            }
        }
        self.bytes.extend_from_slice(imm);
    }

    /// VEX encoding: `pp` (0: none, 1: 66, 2: F3, 3: F2), `map` (1: 0F, 2: 0F38, 3: 0F3A).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn vex(
        &mut self,
        pp: u8,
        map: u8,
        w: bool,
        l: bool,
        vvvv: u8,
        opc: u8,
        reg: u8,
        rm: Rm,
        imm: &[u8],
    ) {
        let (x, b) = match &rm {
            Rm::Reg(n) => (0, n >> 3),
            Rm::Mem(MemRef::Abs { base, index, .. }) => {
                (index.map_or(0, |(i, _)| i >> 3), base.map_or(0, |b| b >> 3))
            }
            Rm::Mem(MemRef::Rip { .. }) => (0, 0),
        };
        let r = reg >> 3;
        let tail = (u8::from(w) << 7) | ((!vvvv & 15) << 3) | (u8::from(l) << 2) | pp;
        if x == 0 && b == 0 && map == 1 && !w {
            self.bytes.push(0xC5);
            self.bytes
                .push(((r ^ 1) << 7) | ((!vvvv & 15) << 3) | (u8::from(l) << 2) | pp);
        } else {
            self.bytes.push(0xC4);
            self.bytes
                .push(((r ^ 1) << 7) | ((x ^ 1) << 6) | ((b ^ 1) << 5) | map);
            self.bytes.push(tail);
        }
        self.bytes.push(opc);
        self.rm_tail(reg, rm, imm);
    }
}

fn scale_bits(s: u8) -> u8 {
    match s {
        2 => 1,
        4 => 2,
        8 => 3,
        _ => 0,
    }
}

fn fits8(v: i64) -> bool {
    (-128..=127).contains(&v)
}

fn fits32(v: i64) -> bool {
    (i32::MIN as i64..=i32::MAX as i64).contains(&v)
}

/// Operand size from a mnemonic suffix.
fn size_of(suffix: char) -> Option<u8> {
    Some(match suffix {
        'B' => 1,
        'W' => 2,
        'L' => 4,
        'Q' => 8,
        _ => return None,
    })
}

fn imm_bytes(v: i64, size: u8) -> Vec<u8> {
    match size {
        1 => vec![v as u8],
        2 => (v as i16).to_le_bytes().to_vec(),
        _ => (v as i32).to_le_bytes().to_vec(),
    }
}

/// Condition codes by Plan 9 suffix.
pub fn cond(name: &str) -> Option<u8> {
    Some(match name {
        "OS" | "O" => 0,
        "OC" | "NO" => 1,
        "CS" | "B" | "C" | "LO" | "NAE" => 2,
        "CC" | "AE" | "NC" | "HS" | "NB" => 3,
        "EQ" | "E" | "Z" => 4,
        "NE" | "NZ" => 5,
        "LS" | "BE" | "NA" => 6,
        "HI" | "A" | "NBE" => 7,
        "MI" | "S" => 8,
        "PL" | "NS" => 9,
        "PS" | "P" | "PE" => 10,
        "PC" | "NP" | "PO" => 11,
        "LT" | "L" | "NGE" => 12,
        "GE" | "NL" => 13,
        "LE" | "NG" => 14,
        "GT" | "G" | "NLE" => 15,
        _ => return None,
    })
}

/// Conditional-jump mnemonics: the condition code, or None for other mnemonics.
pub fn jcc(op: &str) -> Option<u8> {
    let c = op.strip_prefix('J')?;
    if c == "MP" || c == "CXZL" || c == "CXZQ" {
        return None;
    }
    cond(c)
}

/// Legacy SSE instructions of the form `OP xmm/m, xmm`: (mandatory prefix, REX.W, opcode).
fn sse_table(op: &str) -> Option<(&'static [u8], bool, &'static [u8])> {
    const P66: &[u8] = &[0x66];
    const PF2: &[u8] = &[0xF2];
    const PF3: &[u8] = &[0xF3];
    const NONE: &[u8] = &[];
    Some(match op {
        "ADDSD" => (PF2, false, &[0x0F, 0x58]),
        "MULSD" => (PF2, false, &[0x0F, 0x59]),
        "SUBSD" => (PF2, false, &[0x0F, 0x5C]),
        "DIVSD" => (PF2, false, &[0x0F, 0x5E]),
        "SQRTSD" => (PF2, false, &[0x0F, 0x51]),
        "MINSD" => (PF2, false, &[0x0F, 0x5D]),
        "MAXSD" => (PF2, false, &[0x0F, 0x5F]),
        "ADDSS" => (PF3, false, &[0x0F, 0x58]),
        "MULSS" => (PF3, false, &[0x0F, 0x59]),
        "COMISD" => (P66, false, &[0x0F, 0x2F]),
        "UCOMISD" => (P66, false, &[0x0F, 0x2E]),
        "ANDPD" => (P66, false, &[0x0F, 0x54]),
        "ANDNPD" => (P66, false, &[0x0F, 0x55]),
        "ORPD" => (P66, false, &[0x0F, 0x56]),
        "XORPD" => (P66, false, &[0x0F, 0x57]),
        "ANDPS" => (NONE, false, &[0x0F, 0x54]),
        "ORPS" => (NONE, false, &[0x0F, 0x56]),
        "XORPS" => (NONE, false, &[0x0F, 0x57]),
        "MOVAPD" => (P66, false, &[0x0F, 0x28]),
        "MOVAPS" => (NONE, false, &[0x0F, 0x28]),
        "MOVUPS" => (NONE, false, &[0x0F, 0x10]),
        "MOVOU" => (PF3, false, &[0x0F, 0x6F]),
        "MOVO" | "MOVOA" => (P66, false, &[0x0F, 0x6F]),
        "PXOR" => (P66, false, &[0x0F, 0xEF]),
        "PAND" => (P66, false, &[0x0F, 0xDB]),
        "PANDN" => (P66, false, &[0x0F, 0xDF]),
        "POR" => (P66, false, &[0x0F, 0xEB]),
        "PADDB" => (P66, false, &[0x0F, 0xFC]),
        "PADDW" => (P66, false, &[0x0F, 0xFD]),
        "PADDD" | "PADDL" => (P66, false, &[0x0F, 0xFE]),
        "PADDQ" => (P66, false, &[0x0F, 0xD4]),
        "PSUBB" => (P66, false, &[0x0F, 0xF8]),
        "PSUBL" => (P66, false, &[0x0F, 0xFA]),
        "PSUBQ" => (P66, false, &[0x0F, 0xFB]),
        "PCMPEQB" => (P66, false, &[0x0F, 0x74]),
        "PCMPEQW" => (P66, false, &[0x0F, 0x75]),
        "PCMPEQL" => (P66, false, &[0x0F, 0x76]),
        "PCMPEQQ" => (P66, false, &[0x0F, 0x38, 0x29]),
        "PMINUB" => (P66, false, &[0x0F, 0xDA]),
        "PMAXUB" => (P66, false, &[0x0F, 0xDE]),
        "PSHUFB" => (P66, false, &[0x0F, 0x38, 0x00]),
        "PUNPCKLBW" => (P66, false, &[0x0F, 0x60]),
        "PUNPCKHBW" => (P66, false, &[0x0F, 0x68]),
        "PUNPCKLQDQ" => (P66, false, &[0x0F, 0x6C]),
        "PUNPCKHQDQ" => (P66, false, &[0x0F, 0x6D]),
        "PMULULQ" => (P66, false, &[0x0F, 0xF4]),
        "PTEST" => (P66, false, &[0x0F, 0x38, 0x17]),
        "AESENC" => (P66, false, &[0x0F, 0x38, 0xDC]),
        "AESENCLAST" => (P66, false, &[0x0F, 0x38, 0xDD]),
        "AESDEC" => (P66, false, &[0x0F, 0x38, 0xDE]),
        "AESDECLAST" => (P66, false, &[0x0F, 0x38, 0xDF]),
        "AESIMC" => (P66, false, &[0x0F, 0x38, 0xDB]),
        "SHA1NEXTE" => (NONE, false, &[0x0F, 0x38, 0xC8]),
        "SHA1MSG1" => (NONE, false, &[0x0F, 0x38, 0xC9]),
        "SHA1MSG2" => (NONE, false, &[0x0F, 0x38, 0xCA]),
        "SHA256MSG1" => (NONE, false, &[0x0F, 0x38, 0xCC]),
        "SHA256MSG2" => (NONE, false, &[0x0F, 0x38, 0xCD]),
        "CVTSL2SD" => (PF2, false, &[0x0F, 0x2A]),
        "CVTSQ2SD" => (PF2, true, &[0x0F, 0x2A]),
        "CVTSL2SS" => (PF3, false, &[0x0F, 0x2A]),
        "CVTSD2SS" => (PF2, false, &[0x0F, 0x5A]),
        "CVTSS2SD" => (PF3, false, &[0x0F, 0x5A]),
        _ => return None,
    })
}

/// SSE instructions with an 8-bit immediate written first: `OP $imm, xmm/m, xmm`.
fn sse_imm_table(op: &str) -> Option<(&'static [u8], bool, &'static [u8])> {
    const P66: &[u8] = &[0x66];
    const PF3: &[u8] = &[0xF3];
    const PF2: &[u8] = &[0xF2];
    const NONE: &[u8] = &[];
    Some(match op {
        "PSHUFD" | "PSHUFL" => (P66, false, &[0x0F, 0x70]),
        "PSHUFHW" => (PF3, false, &[0x0F, 0x70]),
        "PSHUFLW" => (PF2, false, &[0x0F, 0x70]),
        "PALIGNR" => (P66, false, &[0x0F, 0x3A, 0x0F]),
        "PBLENDW" => (P66, false, &[0x0F, 0x3A, 0x0E]),
        "SHUFPS" => (NONE, false, &[0x0F, 0xC6]),
        "SHUFPD" => (P66, false, &[0x0F, 0xC6]),
        "PCLMULQDQ" => (P66, false, &[0x0F, 0x3A, 0x44]),
        "AESKEYGENASSIST" => (P66, false, &[0x0F, 0x3A, 0xDF]),
        "SHA1RNDS4" => (NONE, false, &[0x0F, 0x3A, 0xCC]),
        "PCMPESTRI" => (P66, false, &[0x0F, 0x3A, 0x61]),
        "PCMPISTRI" => (P66, false, &[0x0F, 0x3A, 0x63]),
        "ROUNDSD" => (P66, false, &[0x0F, 0x3A, 0x0B]),
        "PINSRQ" => (P66, true, &[0x0F, 0x3A, 0x22]),
        "PINSRD" => (P66, false, &[0x0F, 0x3A, 0x22]),
        "PINSRB" => (P66, false, &[0x0F, 0x3A, 0x20]),
        "PINSRW" => (P66, false, &[0x0F, 0xC4]),
        _ => return None,
    })
}

/// VEX instructions `VOP src2(xmm/m), src1, dst` (or two-operand forms with vvvv unused):
/// (pp, map, W, opcode).
fn vex_table(op: &str) -> Option<(u8, u8, bool, u8)> {
    Some(match op {
        "VPXOR" => (1, 1, false, 0xEF),
        "VPAND" => (1, 1, false, 0xDB),
        "VPANDN" => (1, 1, false, 0xDF),
        "VPOR" => (1, 1, false, 0xEB),
        "VPADDD" => (1, 1, false, 0xFE),
        "VPADDQ" => (1, 1, false, 0xD4),
        "VPSUBB" => (1, 1, false, 0xF8),
        "VPCMPEQB" => (1, 1, false, 0x74),
        "VPMINUB" => (1, 1, false, 0xDA),
        "VPSHUFB" => (1, 2, false, 0x00),
        "VPUNPCKLQDQ" => (1, 1, false, 0x6C),
        "VPUNPCKHQDQ" => (1, 1, false, 0x6D),
        "VADDSD" => (3, 1, false, 0x58),
        "VMULSD" => (3, 1, false, 0x59),
        "VSUBSD" => (3, 1, false, 0x5C),
        "VFMADD213SD" => (1, 2, true, 0xA9),
        "VFMADD231SD" => (1, 2, true, 0xB9),
        "VFNMADD231SD" => (1, 2, true, 0xBD),
        "VFNMADD213SD" => (1, 2, true, 0xAD),
        "VAESENC" => (1, 2, false, 0xDC),
        "VAESENCLAST" => (1, 2, false, 0xDD),
        "VAESDEC" => (1, 2, false, 0xDE),
        "VAESDECLAST" => (1, 2, false, 0xDF),
        "VPCLMULQDQ" => (1, 3, false, 0x44),
        "VPALIGNR" => (1, 3, false, 0x0F),
        "VPBLENDD" => (1, 3, false, 0x02),
        "VPERM2I128" => (1, 3, false, 0x46),
        "VPERM2F128" => (1, 3, false, 0x06),
        "VINSERTI128" => (1, 3, false, 0x38),
        "VGF2P8AFFINEQB" => (1, 3, true, 0xCE),
        _ => return None,
    })
}

/// Encodes one non-branch instruction.
pub fn encode(op: &str, args: &[Op], out: &mut Out) -> R<()> {
    let bad = || Err(format!("{op}: unsupported operand combination"));
    // Fixed byte sequences.
    let fixed: Option<&[u8]> = match op {
        "RET" if args.is_empty() => Some(&[0xC3]),
        "CPUID" => Some(&[0x0F, 0xA2]),
        "XGETBV" => Some(&[0x0F, 0x01, 0xD0]),
        "SYSCALL" => Some(&[0x0F, 0x05]),
        "LOCK" => Some(&[0xF0]),
        "VZEROUPPER" => Some(&[0xC5, 0xF8, 0x77]),
        "PAUSE" => Some(&[0xF3, 0x90]),
        "INT3" => Some(&[0xCC]),
        "MFENCE" => Some(&[0x0F, 0xAE, 0xF0]),
        "LFENCE" => Some(&[0x0F, 0xAE, 0xE8]),
        "SFENCE" => Some(&[0x0F, 0xAE, 0xF8]),
        "CLD" => Some(&[0xFC]),
        "STD" => Some(&[0xFD]),
        "CQO" => Some(&[0x48, 0x99]),
        "CDQ" => Some(&[0x99]),
        "PUSHFQ" => Some(&[0x9C]),
        "POPFQ" => Some(&[0x9D]),
        "RDTSC" => Some(&[0x0F, 0x31]),
        "UD2" => Some(&[0x0F, 0x0B]),
        _ => None,
    };
    if let Some(b) = fixed {
        if !args.is_empty() {
            return bad();
        }
        out.bytes.extend_from_slice(b);
        return Ok(());
    }
    if let Some(v) = match op {
        "BYTE" => Some(1),
        "WORD" => Some(2),
        "LONG" => Some(4),
        "QUAD" => Some(8),
        _ => None,
    } {
        let [Op::Imm(x)] = args else { return bad() };
        out.bytes.extend_from_slice(&x.to_le_bytes()[..v]);
        return Ok(());
    }
    // ALU group.
    let alu = |name: &str| -> Option<u8> {
        Some(match name {
            "ADD" => 0,
            "OR" => 1,
            "ADC" => 2,
            "SBB" => 3,
            "AND" => 4,
            "SUB" => 5,
            "XOR" => 6,
            "CMP" => 7,
            _ => return None,
        })
    };
    let (stem, suffix) = op.split_at(op.len().saturating_sub(1));
    let sz = suffix.chars().next().and_then(size_of);
    if let (Some(ext), Some(size)) = (alu(stem), sz) {
        let (src, dst) = match args {
            [a, b] if ext == 7 => (b, a),
            [a, b] => (a, b),
            _ => return bad(),
        };
        return alu_enc(ext, size, src, dst, out).or_else(|_| bad());
    }
    match op {
        "MOVQ" | "MOVL" | "MOVW" | "MOVB" => return mov(op, args, out).or_else(|_| bad()),
        _ => {}
    }
    if let Some(size) = sz {
        // Shifts and rotates.
        let sh = match stem {
            "ROL" => Some(0),
            "ROR" => Some(1),
            "RCL" => Some(2),
            "RCR" => Some(3),
            "SHL" | "SAL" => Some(4),
            "SHR" => Some(5),
            "SAR" => Some(7),
            _ => None,
        };
        if let Some(ext) = sh {
            let (w, p) = width(size);
            let b1 = size == 1;
            let byte_rex = |o: &Op| b1 && byte_rex(o);
            match args {
                [Op::Imm(1), dst] => {
                    out.modrm(
                        p,
                        w,
                        &[if b1 { 0xD0 } else { 0xD1 }],
                        ext,
                        rm_of(dst)?,
                        &[],
                        byte_rex(dst),
                    );
                }
                [Op::Imm(n), dst] => {
                    out.modrm(
                        p,
                        w,
                        &[if b1 { 0xC0 } else { 0xC1 }],
                        ext,
                        rm_of(dst)?,
                        &[*n as u8],
                        byte_rex(dst),
                    );
                }
                [
                    Op::Reg(Reg {
                        class: RegClass::Gp(_),
                        num: 1,
                    }),
                    dst,
                ] => {
                    out.modrm(
                        p,
                        w,
                        &[if b1 { 0xD2 } else { 0xD3 }],
                        ext,
                        rm_of(dst)?,
                        &[],
                        byte_rex(dst),
                    );
                }
                // Double shifts: `SHLQ $n, src, dst` (SHLD), `SHRQ CX, src, dst`.
                [count, src, dst] if (ext == 4 || ext == 5) && size > 1 => {
                    let (s, _) = gp(src).ok_or("bad shift source")?;
                    let base = if ext == 4 { 0xA4 } else { 0xAC };
                    match count {
                        Op::Imm(n) => {
                            out.modrm(p, w, &[0x0F, base], s, rm_of(dst)?, &[*n as u8], false)
                        }
                        Op::Reg(Reg { num: 1, .. }) => {
                            out.modrm(p, w, &[0x0F, base + 1], s, rm_of(dst)?, &[], false)
                        }
                        _ => return bad(),
                    }
                }
                _ => return bad(),
            }
            return Ok(());
        }
        let unary = match stem {
            "NOT" => Some(2),
            "NEG" => Some(3),
            "MUL" => Some(4),
            "DIV" => Some(6),
            "IDIV" => Some(7),
            "INC" => Some(0x10),
            "DEC" => Some(0x11),
            _ => None,
        };
        if let Some(ext) = unary {
            let [dst] = args else { return bad() };
            let (w, p) = width(size);
            let byte_rex = |o: &Op| size == 1 && byte_rex(o);
            let (opc, ext) = match (ext, size) {
                (0x10, 1) => (0xFE, 0),
                (0x11, 1) => (0xFE, 1),
                (0x10, _) => (0xFF, 0),
                (0x11, _) => (0xFF, 1),
                (e, 1) => (0xF6, e),
                (e, _) => (0xF7, e),
            };
            out.modrm(p, w, &[opc], ext, rm_of(dst)?, &[], byte_rex(dst));
            return Ok(());
        }
        // Two-operand `OP r/m, reg` instructions with a 0F opcode.
        let two = match stem {
            "IMUL" => Some(vec![0x0F, 0xAF]),
            "BSF" => Some(vec![0x0F, 0xBC]),
            "BSR" => Some(vec![0x0F, 0xBD]),
            "POPCNT" => Some(vec![0xF3, 0x0F, 0xB8]),
            "TZCNT" => Some(vec![0xF3, 0x0F, 0xBC]),
            "LZCNT" => Some(vec![0xF3, 0x0F, 0xBD]),
            "LEA" => Some(vec![0x8D]),
            _ => None,
        };
        if let Some(opc) = two
            && size > 1
        {
            let [src, dst] = args else { return bad() };
            let (d, _) = gp(dst).ok_or("bad destination")?;
            let (w, mut p) = width(size);
            let mut opc = opc;
            if opc[0] == 0xF3 {
                p = &[0xF3];
                opc.remove(0);
            }
            out.modrm(p, w, &opc, d, rm_of(src)?, &[], false);
            return Ok(());
        }
        if stem == "IMUL3" {
            let [Op::Imm(v), src, dst] = args else {
                return bad();
            };
            let (d, _) = gp(dst).ok_or("bad destination")?;
            let (w, p) = width(size);
            if fits8(*v) {
                out.modrm(p, w, &[0x6B], d, rm_of(src)?, &[*v as u8], false);
            } else {
                out.modrm(
                    p,
                    w,
                    &[0x69],
                    d,
                    rm_of(src)?,
                    &imm_bytes(*v, size.min(4)),
                    false,
                );
            }
            return Ok(());
        }
        match stem {
            "TEST" => {
                let [a, b] = args else { return bad() };
                let (w, p) = width(size);
                let byte_rex = |o: &Op| size == 1 && byte_rex(o);
                match (a, b) {
                    (Op::Imm(v), dst) if gp(dst).is_some_and(|(r, _)| r == 0) => {
                        // TEST with AL/AX/EAX/RAX has a short form without ModRM.
                        out.bytes.extend_from_slice(p);
                        if w {
                            out.bytes.push(0x48);
                        }
                        out.bytes.push(if size == 1 { 0xA8 } else { 0xA9 });
                        out.bytes.extend_from_slice(&imm_bytes(*v, size.min(4)));
                    }
                    (Op::Imm(v), dst) => {
                        if size == 1 {
                            out.modrm(p, w, &[0xF6], 0, rm_of(dst)?, &[*v as u8], byte_rex(dst));
                        } else {
                            out.modrm(
                                p,
                                w,
                                &[0xF7],
                                0,
                                rm_of(dst)?,
                                &imm_bytes(*v, size.min(4)),
                                false,
                            );
                        }
                    }
                    (x, y) => {
                        let (r, _) = gp(x).ok_or("bad operand")?;
                        out.modrm(
                            p,
                            w,
                            &[if size == 1 { 0x84 } else { 0x85 }],
                            r,
                            rm_of(y)?,
                            &[],
                            byte_rex(x) || byte_rex(y),
                        );
                    }
                }
                return Ok(());
            }
            "XCHG" | "XADD" | "CMPXCHG" => {
                let [src, dst] = args else { return bad() };
                let byte_rex = |o: &Op| size == 1 && byte_rex(o);
                let (r, _) = gp(src).ok_or("bad operand")?;
                let (w, p) = width(size);
                let opc: &[u8] = match (stem, size) {
                    ("XCHG", 1) => &[0x86],
                    ("XCHG", _) => &[0x87],
                    ("XADD", 1) => &[0x0F, 0xC0],
                    ("XADD", _) => &[0x0F, 0xC1],
                    ("CMPXCHG", 1) => &[0x0F, 0xB0],
                    _ => &[0x0F, 0xB1],
                };
                out.modrm(p, w, opc, r, rm_of(dst)?, &[], byte_rex(src));
                return Ok(());
            }
            "BT" | "BTS" | "BTR" | "BTC" => {
                let [a, b] = args else { return bad() };
                let (w, p) = width(size);
                let (ext, opc) = match stem {
                    "BT" => (4, 0xA3),
                    "BTS" => (5, 0xAB),
                    "BTR" => (6, 0xB3),
                    _ => (7, 0xBB),
                };
                match a {
                    Op::Imm(v) => {
                        out.modrm(p, w, &[0x0F, 0xBA], ext, rm_of(b)?, &[*v as u8], false)
                    }
                    _ => {
                        let (r, _) = gp(a).ok_or("bad operand")?;
                        out.modrm(p, w, &[0x0F, opc], r, rm_of(b)?, &[], false);
                    }
                }
                return Ok(());
            }
            "BSWAP" => {
                let [dst] = args else { return bad() };
                let (r, _) = gp(dst).ok_or("bad operand")?;
                let rex = (u8::from(size == 8) << 3) | (r >> 3);
                if rex != 0 {
                    out.bytes.push(0x40 | rex);
                }
                out.bytes.extend_from_slice(&[0x0F, 0xC8 + (r & 7)]);
                return Ok(());
            }
            "PUSH" | "POP" if size == 8 => {
                let [x] = args else { return bad() };
                match x {
                    Op::Reg(_) => {
                        let (r, _) = gp(x).ok_or("bad operand")?;
                        if r >= 8 {
                            out.bytes.push(0x41);
                        }
                        out.bytes
                            .push(if stem == "PUSH" { 0x50 } else { 0x58 } + (r & 7));
                    }
                    Op::Imm(v) if stem == "PUSH" => {
                        if fits8(*v) {
                            out.bytes.extend_from_slice(&[0x6A, *v as u8]);
                        } else {
                            out.bytes.push(0x68);
                            out.bytes.extend_from_slice(&(*v as i32).to_le_bytes());
                        }
                    }
                    Op::Mem(_) => {
                        let (opc, ext) = if stem == "PUSH" { (0xFF, 6) } else { (0x8F, 0) };
                        out.modrm(&[], false, &[opc], ext, rm_of(x)?, &[], false);
                    }
                    _ => return bad(),
                }
                return Ok(());
            }
            "CRC32" => {
                let [src, dst] = args else { return bad() };
                let byte_rex = |o: &Op| size == 1 && byte_rex(o);
                let (d, _) = gp(dst).ok_or("bad operand")?;
                let (p, opc): (&[u8], u8) = match size {
                    1 => (&[0xF2], 0xF0),
                    2 => (&[0x66, 0xF2], 0xF1),
                    _ => (&[0xF2], 0xF1),
                };
                out.modrm(
                    p,
                    size == 8,
                    &[0x0F, 0x38, opc],
                    d,
                    rm_of(src)?,
                    &[],
                    byte_rex(src),
                );
                return Ok(());
            }
            "ADCX" | "ADOX" => {
                let [src, dst] = args else { return bad() };
                let (d, _) = gp(dst).ok_or("bad operand")?;
                let p: &[u8] = if stem == "ADCX" { &[0x66] } else { &[0xF3] };
                out.modrm(
                    p,
                    size == 8,
                    &[0x0F, 0x38, 0xF6],
                    d,
                    rm_of(src)?,
                    &[],
                    false,
                );
                return Ok(());
            }
            "RORX" => {
                let [Op::Imm(v), src, dst] = args else {
                    return bad();
                };
                let (d, _) = gp(dst).ok_or("bad operand")?;
                out.vex(3, 3, size == 8, false, 0, 0xF0, d, rm_of(src)?, &[*v as u8]);
                return Ok(());
            }
            "ANDN" | "MULX" | "SHLX" | "SHRX" | "SARX" | "BZHI" | "PDEP" | "PEXT" => {
                let [a, b, dst] = args else { return bad() };
                let (d, _) = gp(dst).ok_or("bad operand")?;
                let w = size == 8;
                match stem {
                    // ANDNL src2, src1, dst: dst = ^src1 & src2.
                    "ANDN" => {
                        let (v, _) = gp(b).ok_or("bad operand")?;
                        out.vex(0, 2, w, false, v, 0xF2, d, rm_of(a)?, &[]);
                    }
                    // MULXQ src, lo, hi: hi:lo = DX * src.
                    "MULX" => {
                        let (v, _) = gp(b).ok_or("bad operand")?;
                        out.vex(3, 2, w, false, v, 0xF6, d, rm_of(a)?, &[]);
                    }
                    "PDEP" | "PEXT" => {
                        let (v, _) = gp(b).ok_or("bad operand")?;
                        let pp = if stem == "PDEP" { 3 } else { 2 };
                        out.vex(pp, 2, w, false, v, 0xF5, d, rm_of(a)?, &[]);
                    }
                    // SHLXQ count, src, dst; BZHIQ index, src, dst.
                    _ => {
                        let (v, _) = gp(a).ok_or("bad operand")?;
                        let (pp, opc) = match stem {
                            "SHLX" => (1, 0xF7),
                            "SHRX" => (3, 0xF7),
                            "SARX" => (2, 0xF7),
                            _ => (0, 0xF5),
                        };
                        out.vex(pp, 2, w, false, v, opc, d, rm_of(b)?, &[]);
                    }
                }
                return Ok(());
            }
            _ => {}
        }
    }
    // Conditional moves and sets: CMOVQEQ, SETEQ.
    if let Some(rest) = op.strip_prefix("CMOV")
        && rest.len() > 1
        && let Some(size) = size_of(rest.chars().next().unwrap_or(' '))
        && let Some(c) = cond(&rest[1..])
    {
        let [src, dst] = args else { return bad() };
        let (d, _) = gp(dst).ok_or("bad operand")?;
        let (w, p) = width(size);
        out.modrm(p, w, &[0x0F, 0x40 + c], d, rm_of(src)?, &[], false);
        return Ok(());
    }
    if let Some(c) = op.strip_prefix("SET").and_then(cond) {
        let [dst] = args else { return bad() };
        out.modrm(
            &[],
            false,
            &[0x0F, 0x90 + c],
            0,
            rm_of(dst)?,
            &[],
            byte_rex(dst),
        );
        return Ok(());
    }
    // Zero/sign extensions.
    let ext = match op {
        "MOVBLZX" => Some((false, vec![0x0F, 0xB6])),
        "MOVBQZX" => Some((true, vec![0x0F, 0xB6])),
        "MOVWLZX" => Some((false, vec![0x0F, 0xB7])),
        "MOVWQZX" => Some((true, vec![0x0F, 0xB7])),
        "MOVBLSX" => Some((false, vec![0x0F, 0xBE])),
        "MOVBQSX" => Some((true, vec![0x0F, 0xBE])),
        "MOVWLSX" => Some((false, vec![0x0F, 0xBF])),
        "MOVWQSX" => Some((true, vec![0x0F, 0xBF])),
        "MOVLQSX" => Some((true, vec![0x63])),
        "MOVLQZX" => Some((false, vec![0x8B])),
        _ => None,
    };
    if let Some((w, opc)) = ext {
        let [src, dst] = args else { return bad() };
        let (d, _) = gp(dst).ok_or("bad operand")?;
        let byte_src = op.starts_with("MOVB") && byte_rex(src);
        out.modrm(&[], w, &opc, d, rm_of(src)?, &[], byte_src);
        return Ok(());
    }
    // SSE moves with distinct load and store opcodes.
    let ldst: Option<(&[u8], &[u8], &[u8])> = match op {
        "MOVSD" => Some((&[0xF2], &[0x0F, 0x10], &[0x0F, 0x11])),
        "MOVSS" => Some((&[0xF3], &[0x0F, 0x10], &[0x0F, 0x11])),
        "MOVOU" => Some((&[0xF3], &[0x0F, 0x6F], &[0x0F, 0x7F])),
        "MOVO" | "MOVOA" => Some((&[0x66], &[0x0F, 0x6F], &[0x0F, 0x7F])),
        "MOVUPS" => Some((&[], &[0x0F, 0x10], &[0x0F, 0x11])),
        "MOVAPS" => Some((&[], &[0x0F, 0x28], &[0x0F, 0x29])),
        "MOVAPD" => Some((&[0x66], &[0x0F, 0x28], &[0x0F, 0x29])),
        "MOVUPD" => Some((&[0x66], &[0x0F, 0x10], &[0x0F, 0x11])),
        _ => None,
    };
    if let Some((p, ld, st)) = ldst {
        let [src, dst] = args else { return bad() };
        if let (Some(s), true) = (vreg(src), is_mem(dst)) {
            out.modrm(p, false, st, s, rm_of(dst)?, &[], false);
        } else {
            let d = vreg(dst).ok_or("bad operand")?;
            out.modrm(p, false, ld, d, rm_of(src)?, &[], false);
        }
        return Ok(());
    }
    if let Some((p, w, opc)) = sse_table(op) {
        let [src, dst] = args else { return bad() };
        let d = vreg(dst).ok_or("bad operand")?;
        out.modrm(p, w, opc, d, rm_of(src)?, &[], false);
        return Ok(());
    }
    if let Some((p, w, opc)) = sse_imm_table(op) {
        let [Op::Imm(v), src, dst] = args else {
            return bad();
        };
        let d = vreg(dst).ok_or("bad operand")?;
        out.modrm(p, w, opc, d, rm_of(src)?, &[*v as u8], false);
        return Ok(());
    }
    match op {
        // CMPSD src, dst, $pred (the predicate comes last in Plan 9).
        "CMPSD" | "CMPSS" | "CMPPS" | "CMPPD" => {
            let [src, dst, Op::Imm(v)] = args else {
                return bad();
            };
            let d = vreg(dst).ok_or("bad operand")?;
            let p: &[u8] = match op {
                "CMPSD" => &[0xF2],
                "CMPSS" => &[0xF3],
                "CMPPD" => &[0x66],
                _ => &[],
            };
            out.modrm(p, false, &[0x0F, 0xC2], d, rm_of(src)?, &[*v as u8], false);
            return Ok(());
        }
        "CVTSD2SL" | "CVTTSD2SL" | "CVTSD2SQ" | "CVTTSD2SQ" => {
            let [src, dst] = args else { return bad() };
            let (d, _) = gp(dst).ok_or("bad operand")?;
            let opc = if op.starts_with("CVTT") { 0x2C } else { 0x2D };
            out.modrm(
                &[0xF2],
                op.ends_with('Q'),
                &[0x0F, opc],
                d,
                rm_of(src)?,
                &[],
                false,
            );
            return Ok(());
        }
        "PMOVMSKB" => {
            let [src, dst] = args else { return bad() };
            let (d, _) = gp(dst).ok_or("bad operand")?;
            out.modrm(&[0x66], false, &[0x0F, 0xD7], d, rm_of(src)?, &[], false);
            return Ok(());
        }
        "PEXTRD" | "PEXTRQ" | "PEXTRB" | "PEXTRW" => {
            let [Op::Imm(v), src, dst] = args else {
                return bad();
            };
            let s = vreg(src).ok_or("bad operand")?;
            let opc = match op {
                "PEXTRB" => 0x14,
                "PEXTRW" => 0x15,
                _ => 0x16,
            };
            out.modrm(
                &[0x66],
                op == "PEXTRQ",
                &[0x0F, 0x3A, opc],
                s,
                rm_of(dst)?,
                &[*v as u8],
                false,
            );
            return Ok(());
        }
        // gc's MOVD between general and X registers is MOVQ (64-bit).
        "MOVD" => return mov("MOVQ", args, out).or_else(|_| bad()),
        "PSRLDQ" | "PSLLDQ" | "PSRLQ" | "PSLLQ" | "PSRLL" | "PSLLL" | "PSRAL" | "PSRLW"
        | "PSLLW" => {
            let [Op::Imm(v), dst] = args else {
                return bad();
            };
            let d = vreg(dst).ok_or("bad operand")?;
            let (opc, ext) = match op {
                "PSRLDQ" => (0x73, 3),
                "PSLLDQ" => (0x73, 7),
                "PSRLQ" => (0x73, 2),
                "PSLLQ" => (0x73, 6),
                "PSRLL" => (0x72, 2),
                "PSLLL" => (0x72, 6),
                "PSRAL" => (0x72, 4),
                "PSRLW" => (0x71, 2),
                _ => (0x71, 6),
            };
            out.modrm(
                &[0x66],
                false,
                &[0x0F, opc],
                ext,
                Rm::Reg(d),
                &[*v as u8],
                false,
            );
            return Ok(());
        }
        "SHA256RNDS2" => {
            // SHA256RNDS2 X0, src, dst: X0 is implicit.
            let [_, src, dst] = args else { return bad() };
            let d = vreg(dst).ok_or("bad operand")?;
            out.modrm(&[], false, &[0x0F, 0x38, 0xCB], d, rm_of(src)?, &[], false);
            return Ok(());
        }
        _ => {}
    }
    if let Some(r) = crate::evex::encode(op, args, out) {
        return r;
    }
    vex_enc(op, args, out).unwrap_or_else(bad)
}

/// `(REX.W, operand-size prefix)` for an operand size.
fn width(size: u8) -> (bool, &'static [u8]) {
    match size {
        8 => (true, &[]),
        2 => (false, &[0x66]),
        _ => (false, &[]),
    }
}

fn alu_enc(ext: u8, size: u8, src: &Op, dst: &Op, out: &mut Out) -> R<()> {
    let (w, p) = width(size);
    let byte_rex = |o: &Op| size == 1 && byte_rex(o);
    let base = ext * 8;
    match src {
        Op::Imm(v) => {
            let v = *v;
            if size == 1 {
                if gp(dst) == Some((0, 1)) {
                    out.bytes.push(base + 4);
                    out.bytes.push(v as u8);
                } else {
                    out.modrm(p, w, &[0x80], ext, rm_of(dst)?, &[v as u8], byte_rex(dst));
                }
            } else if fits8(v) {
                out.modrm(p, w, &[0x83], ext, rm_of(dst)?, &[v as u8], false);
            } else {
                if size == 8 && !fits32(v) {
                    return Err("immediate out of range".into());
                }
                if matches!(gp(dst), Some((0, _))) {
                    out.bytes.extend_from_slice(p);
                    if w {
                        out.bytes.push(0x48);
                    }
                    out.bytes.push(base + 5);
                    out.bytes.extend_from_slice(&imm_bytes(v, size.min(4)));
                } else {
                    out.modrm(
                        p,
                        w,
                        &[0x81],
                        ext,
                        rm_of(dst)?,
                        &imm_bytes(v, size.min(4)),
                        false,
                    );
                }
            }
        }
        Op::Reg(_) => {
            let (s, _) = gp(src).ok_or("bad source")?;
            let opc = if size == 1 { base } else { base + 1 };
            out.modrm(
                p,
                w,
                &[opc],
                s,
                rm_of(dst)?,
                &[],
                byte_rex(src) || byte_rex(dst),
            );
        }
        Op::Mem(_) => {
            let (d, _) = gp(dst).ok_or("bad destination")?;
            let opc = if size == 1 { base + 2 } else { base + 3 };
            out.modrm(p, w, &[opc], d, rm_of(src)?, &[], byte_rex(dst));
        }
    }
    Ok(())
}

fn mov(op: &str, args: &[Op], out: &mut Out) -> R<()> {
    let [src, dst] = args else {
        return Err("two operands".into());
    };
    let size = match op {
        "MOVQ" => 8,
        "MOVL" => 4,
        "MOVW" => 2,
        _ => 1,
    };
    let (w, p) = width(size);
    let byte_rex = |o: &Op| size == 1 && byte_rex(o);
    // Vector registers: MOVQ/MOVL between general registers, memory and X registers.
    if vreg(src).is_some() || vreg(dst).is_some() {
        return match (vreg(src), vreg(dst)) {
            (Some(s), Some(d)) => {
                out.modrm(&[0xF3], false, &[0x0F, 0x7E], d, Rm::Reg(s), &[], false);
                Ok(())
            }
            (None, Some(d)) if is_mem(src) && size == 8 => {
                out.modrm(&[0xF3], false, &[0x0F, 0x7E], d, rm_of(src)?, &[], false);
                Ok(())
            }
            (Some(s), None) if is_mem(dst) && size == 8 => {
                out.modrm(&[0x66], false, &[0x0F, 0xD6], s, rm_of(dst)?, &[], false);
                Ok(())
            }
            (None, Some(d)) => {
                out.modrm(&[0x66], w, &[0x0F, 0x6E], d, rm_of(src)?, &[], false);
                Ok(())
            }
            (Some(s), None) => {
                out.modrm(&[0x66], w, &[0x0F, 0x7E], s, rm_of(dst)?, &[], false);
                Ok(())
            }
            _ => Err("bad operands".into()),
        };
    }
    match (src, dst) {
        (Op::Imm(v), Op::Reg(_)) => {
            let (r, _) = gp(dst).ok_or("bad destination")?;
            let v = *v;
            match size {
                8 if (0..=0xFFFF_FFFF).contains(&v) => {
                    if r >= 8 {
                        out.bytes.push(0x41);
                    }
                    out.bytes.push(0xB8 + (r & 7));
                    out.bytes.extend_from_slice(&(v as u32).to_le_bytes());
                }
                8 if fits32(v) => {
                    out.modrm(&[], true, &[0xC7], 0, Rm::Reg(r), &imm_bytes(v, 4), false)
                }
                8 => {
                    out.bytes.push(0x48 | (r >> 3));
                    out.bytes.push(0xB8 + (r & 7));
                    out.bytes.extend_from_slice(&v.to_le_bytes());
                }
                1 => {
                    if r >= 8 || byte_rex(dst) {
                        out.bytes.push(0x40 | (r >> 3));
                    }
                    out.bytes.push(0xB0 + (r & 7));
                    out.bytes.push(v as u8);
                }
                _ => {
                    out.bytes.extend_from_slice(p);
                    if r >= 8 {
                        out.bytes.push(0x41);
                    }
                    out.bytes.push(0xB8 + (r & 7));
                    out.bytes.extend_from_slice(&imm_bytes(v, size));
                }
            }
        }
        (Op::Imm(v), Op::Mem(_)) => {
            if size == 8 && !fits32(*v) {
                return Err("immediate out of range".into());
            }
            let opc = if size == 1 { 0xC6 } else { 0xC7 };
            out.modrm(
                p,
                w,
                &[opc],
                0,
                rm_of(dst)?,
                &imm_bytes(*v, size.min(4)),
                false,
            );
        }
        (Op::Reg(_), _) => {
            let (s, _) = gp(src).ok_or("bad source")?;
            let opc = if size == 1 { 0x88 } else { 0x89 };
            out.modrm(
                p,
                w,
                &[opc],
                s,
                rm_of(dst)?,
                &[],
                byte_rex(src) || byte_rex(dst),
            );
        }
        (Op::Mem(_), Op::Reg(_)) => {
            let (d, _) = gp(dst).ok_or("bad destination")?;
            let opc = if size == 1 { 0x8A } else { 0x8B };
            out.modrm(p, w, &[opc], d, rm_of(src)?, &[], byte_rex(dst));
        }
        _ => return Err("bad operands".into()),
    }
    Ok(())
}

/// VEX-encoded instructions (AVX, AVX2, FMA).
fn vex_enc(op: &str, args: &[Op], out: &mut Out) -> Option<R<()>> {
    let ymm = |o: &Op| {
        matches!(
            o,
            Op::Reg(Reg {
                class: RegClass::Y,
                ..
            })
        )
    };
    if let Some((pp, map, w, opc)) = vex_table(op) {
        let imm_first = map == 3;
        let (imm, rest) = if imm_first {
            match args {
                [Op::Imm(v), rest @ ..] => (vec![*v as u8], rest),
                _ => return Some(Err(format!("{op}: missing immediate"))),
            }
        } else {
            (vec![], args)
        };
        let [src2, src1, dst] = rest else {
            return Some(Err(format!("{op}: unsupported operand combination")));
        };
        let (Some(d), Some(v)) = (vreg(dst), vreg(src1)) else {
            return Some(Err(format!("{op}: unsupported operand combination")));
        };
        let l = ymm(dst) || ymm(src1);
        let rm = match rm_of(src2) {
            Ok(r) => r,
            Err(e) => return Some(Err(e)),
        };
        out.vex(pp, map, w, l, v, opc, d, rm, &imm);
        return Some(Ok(()));
    }
    let r = (|| -> R<()> {
        match op {
            "VMOVDQU" | "VMOVDQA" => {
                let [src, dst] = args else {
                    return Err("two operands".into());
                };
                let pp = if op == "VMOVDQU" { 2 } else { 1 };
                // Between registers gc uses the store form (opcode 7F), unlike MOVOU.
                if let (Some(s), true) = (vreg(src), is_mem(dst) || vreg(dst).is_some()) {
                    out.vex(pp, 1, false, ymm(src), 0, 0x7F, s, rm_of(dst)?, &[]);
                } else {
                    let d = vreg(dst).ok_or("bad operand")?;
                    out.vex(pp, 1, false, ymm(dst), 0, 0x6F, d, rm_of(src)?, &[]);
                }
                Ok(())
            }
            "VPSHUFD" => {
                let [Op::Imm(v), src, dst] = args else {
                    return Err("operands".into());
                };
                let d = vreg(dst).ok_or("bad operand")?;
                out.vex(1, 1, false, ymm(dst), 0, 0x70, d, rm_of(src)?, &[*v as u8]);
                Ok(())
            }
            "VPSRLD" | "VPSLLD" | "VPSRLQ" | "VPSLLQ" | "VPSRLDQ" | "VPSLLDQ" | "VPSRAD" => {
                let [Op::Imm(v), src, dst] = args else {
                    return Err("operands".into());
                };
                let d = vreg(dst).ok_or("bad operand")?;
                let s = vreg(src).ok_or("bad operand")?;
                let (opc, ext) = match op {
                    "VPSRLD" => (0x72, 2),
                    "VPSLLD" => (0x72, 6),
                    "VPSRAD" => (0x72, 4),
                    "VPSRLQ" => (0x73, 2),
                    "VPSLLQ" => (0x73, 6),
                    "VPSRLDQ" => (0x73, 3),
                    _ => (0x73, 7),
                };
                out.vex(1, 1, false, ymm(dst), d, opc, ext, Rm::Reg(s), &[*v as u8]);
                Ok(())
            }
            "VPMOVMSKB" => {
                let [src, dst] = args else {
                    return Err("operands".into());
                };
                let (d, _) = gp(dst).ok_or("bad operand")?;
                out.vex(1, 1, false, ymm(src), 0, 0xD7, d, rm_of(src)?, &[]);
                Ok(())
            }
            "VPTEST" => {
                let [src, dst] = args else {
                    return Err("operands".into());
                };
                let d = vreg(dst).ok_or("bad operand")?;
                out.vex(1, 2, false, ymm(dst), 0, 0x17, d, rm_of(src)?, &[]);
                Ok(())
            }
            "VPBROADCASTB" | "VBROADCASTI128" | "VPBROADCASTD" | "VPBROADCASTQ" => {
                let [src, dst] = args else {
                    return Err("operands".into());
                };
                let d = vreg(dst).ok_or("bad operand")?;
                let opc = match op {
                    "VPBROADCASTB" => 0x78,
                    "VPBROADCASTD" => 0x58,
                    "VPBROADCASTQ" => 0x59,
                    _ => 0x5A,
                };
                out.vex(1, 2, false, ymm(dst), 0, opc, d, rm_of(src)?, &[]);
                Ok(())
            }
            _ => Err(format!("unsupported instruction {op}")),
        }
    })();
    Some(r)
}
