//! rgo's Plan 9 amd64 assembler: GOROOT's `.s` files to relocatable ELF objects.
//!
//! A file goes through the preprocessor ([`lex`]), becomes statements, and each statement
//! either declares data (`DATA`, `GLOBL`), starts a function (`TEXT`) or is an instruction
//! of the current function. A function is assembled in three steps:
//!
//! 1. **Frame.** gc's assembler (cmd/internal/obj/x86/obj6.go) gives a function with a
//!    non-zero frame size a frame-pointer prologue `PUSHQ BP; MOVQ SP, BP; SUBQ $frame, SP`
//!    and an epilogue `ADDQ $frame, SP; POPQ BP` before each `RET`. Pseudo-register operands
//!    become hardware-SP displacements: `x+0(FP)` is above the return address (and the
//!    saved BP), `x-8(SP)` is below the frame's top; a `PUSHQ`/`POPQ` shifts both by 8 until
//!    it is undone, as in gc. (gc also emits a stack-growth check for functions without
//!    NOSPLIT; rgo's goroutine stacks do not move, so rgo omits it: see README.)
//! 2. **Encoding** of every instruction but branches ([`x86`]).
//! 3. **Branch relaxation.** Branches to labels start in their 2-byte form; offsets are
//!    computed, every branch whose displacement does not fit in a signed byte becomes its
//!    long form, and this repeats until nothing changes. Growing a branch only moves code
//!    apart, so the iteration ends, and it reaches the smallest assignment, the one gc's
//!    span loop also settles on.
//!
//! Symbols get gc's names: `·name` is `pkg.name`, `a∕b·name` is `a/b.name`, `name<>` is a
//! file-local symbol, floating-point immediates become `$f64.<bits>` constants.

mod evex;
pub mod lex;
pub mod obj;
pub mod parse;
pub mod wrapper;
pub mod x86;

use lex::{Error, Pos, Tok};
use parse::{Base, Mem, Num, Operand, Parser, RegClass};
use std::collections::HashMap;
use x86::{MemRef, Op, Out};

/// textflag.h flags rgo looks at.
pub const NOSPLIT: i64 = 4;
pub const RODATA: i64 = 8;
pub const NOPTR: i64 = 16;
pub const NOFRAME: i64 = 512;

/// One assembled function.
#[derive(Clone, Debug)]
pub struct Func {
    /// gc's name (`math.archExp`).
    pub name: String,
    pub flags: i64,
    pub frame: i64,
    /// The argument size of `$frame-args`, when given.
    pub args: Option<i64>,
    /// Declared `<ABIInternal>` (register arguments) rather than ABI0.
    pub abi_internal: bool,
    /// A file-local function (`name<>`).
    pub local: bool,
    pub code: Vec<u8>,
    pub relocs: Vec<Reloc>,
    pub pos: Pos,
    /// The general registers the function may write, one bit per register number (all of
    /// them when it calls or jumps out of itself): the wrapper saves only the callee-saved
    /// ones among them.
    pub clobbers: u16,
}

/// The general registers the instructions of `b` may write: every register named as a
/// register operand (a conservative superset of the destinations), BX for CPUID (which
/// writes EBX implicitly), and all of them when the function calls out or jumps to another
/// symbol (the callee's registers are unknown).
fn clobbered_regs(b: &TextBlock) -> u16 {
    let mut set = 0u16;
    for item in &b.items {
        let Item::Inst { op, args, .. } = item else {
            continue;
        };
        let leaves = match op.as_str() {
            "CALL" => true,
            "JMP" => !matches!(args.as_slice(), [Operand::Label(_) | Operand::PcRel(_)]),
            "CPUID" => {
                set |= 1 << 3;
                false
            }
            _ => false,
        };
        if leaves {
            return u16::MAX;
        }
        for a in args {
            match a {
                Operand::Reg(r) => match r.class {
                    RegClass::Gp(_) => set |= 1 << (r.num & 15),
                    RegClass::HighByte => set |= 1 << ((r.num - 4) & 3),
                    _ => {}
                },
                Operand::RegList(_) => return u16::MAX,
                _ => {}
            }
        }
    }
    set
}

#[derive(Clone, Debug, PartialEq)]
pub enum RelKind {
    /// 32-bit PC-relative (addend already includes the -4 and any immediate after it).
    Pc32,
    /// 32-bit PC-relative call.
    Call,
    /// 64-bit absolute address (DATA).
    Abs64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Reloc {
    pub at: usize,
    pub sym: String,
    pub addend: i64,
    pub kind: RelKind,
}

/// A data symbol (GLOBL) with its contents (DATA).
#[derive(Clone, Debug)]
pub struct Data {
    pub name: String,
    pub local: bool,
    pub flags: i64,
    pub size: usize,
    pub bytes: Vec<u8>,
    /// Whether any DATA initialised it (else it goes to a zero-filled section).
    pub init: bool,
    pub relocs: Vec<Reloc>,
}

/// Everything one `.s` file defines.
#[derive(Clone, Debug, Default)]
pub struct Unit {
    pub funcs: Vec<Func>,
    pub data: Vec<Data>,
    /// `$f64.<bits>` constants: name and value bits.
    pub consts: Vec<(String, u64, usize)>,
}

/// What the caller supplies.
pub struct Options<'a> {
    /// The package's import path (`math`, `crypto/internal/fips140/aes`).
    pub pkg: &'a str,
    /// `#include` lookup.
    pub resolve: &'a lex::Resolver<'a>,
    /// Predefined macros (`GOOS_linux`, `GOARCH_amd64`, `GOAMD64_v1`).
    pub defines: Vec<(String, String)>,
}

/// gc's name of a symbol written in assembly: `·x` → `pkg.x`, `a∕b·x` → `a/b.x`.
pub fn symbol_name(pkg: &str, s: &str) -> String {
    let s = s.replace('∕', "/");
    match s.split_once('·') {
        Some(("", rest)) => format!("{pkg}.{rest}"),
        Some((p, rest)) => format!("{p}.{rest}"),
        None => s,
    }
}

/// A statement inside a TEXT block.
enum Item {
    Label(String),
    Inst {
        op: String,
        args: Vec<Operand>,
        pos: Pos,
    },
}

struct TextBlock {
    name: String,
    abi_internal: bool,
    flags: i64,
    frame: i64,
    args: Option<i64>,
    pos: Pos,
    items: Vec<Item>,
}

/// Assembles one file.
pub fn assemble(file: &str, text: &str, opts: &Options) -> Result<Unit, Error> {
    let mut pp = lex::Preprocessor::new(opts.resolve);
    for (k, v) in &opts.defines {
        pp.define(k, v);
    }
    pp.run(file, text)?;
    let mut unit = Unit::default();
    let mut blocks: Vec<TextBlock> = Vec::new();
    let mut data: Vec<Data> = Vec::new();
    let mut data_idx: HashMap<(String, bool), usize> = HashMap::new();
    let mut pending_data: Vec<(String, bool, i64, usize, Operand, Pos)> = Vec::new();
    let err = |pos: &Pos, msg: String| Error {
        pos: pos.clone(),
        msg,
    };
    for st in &pp.stmts {
        let pos = &st.pos;
        let (head, rest) = st.toks.split_at(1);
        let Tok::Ident(op) = &head[0] else {
            return Err(err(pos, format!("unexpected {}", head[0])));
        };
        if rest.first() == Some(&Tok::Punct(":")) && rest.len() == 1 {
            let Some(b) = blocks.last_mut() else {
                return Err(err(pos, "label outside a TEXT block".into()));
            };
            b.items.push(Item::Label(op.clone()));
            continue;
        }
        let ops = parse::split_operands(rest);
        match op.as_str() {
            "TEXT" => {
                if ops.len() < 2 {
                    return Err(err(pos, "TEXT needs a symbol and a frame size".into()));
                }
                let abi_internal = ops[0].windows(3).any(|w| {
                    w[0] == Tok::Punct("<")
                        && w[1] == Tok::Ident("ABIInternal".into())
                        && w[2] == Tok::Punct(">")
                });
                let (name, local) = sym_of(ops[0], pos, opts.pkg)?;
                let name = local_name(&name, local);
                let (flags, spec) = if ops.len() == 3 {
                    (const_expr(ops[1], pos)?, ops[2])
                } else {
                    (0, ops[1])
                };
                let (frame, args) = parse::frame_spec(spec, pos)?;
                blocks.push(TextBlock {
                    name,
                    abi_internal,
                    flags,
                    frame,
                    args,
                    pos: pos.clone(),
                    items: Vec::new(),
                });
            }
            "GLOBL" => {
                if ops.len() < 2 {
                    return Err(err(pos, "GLOBL needs a symbol and a size".into()));
                }
                let (name, local) = sym_of(ops[0], pos, opts.pkg)?;
                let (flags, size) = if ops.len() == 3 {
                    (const_expr(ops[1], pos)?, ops[2])
                } else {
                    (0, ops[1])
                };
                let size = match size {
                    [Tok::Punct("$"), rest @ ..] => const_expr(rest, pos)?,
                    _ => return Err(err(pos, "GLOBL size must be $constant".into())),
                };
                if !(0..1 << 30).contains(&size) {
                    return Err(err(pos, format!("GLOBL size {size} out of range")));
                }
                let key = (name.clone(), local);
                if data_idx.contains_key(&key) {
                    return Err(err(pos, format!("symbol {name} redeclared")));
                }
                data_idx.insert(key, data.len());
                data.push(Data {
                    name,
                    local,
                    flags,
                    size: size as usize,
                    bytes: vec![0; size as usize],
                    init: false,
                    relocs: Vec::new(),
                });
            }
            "DATA" => {
                // DATA sym+off(SB)/width, value
                if ops.len() != 2 {
                    return Err(err(pos, "DATA needs a location and a value".into()));
                }
                let loc = ops[0];
                let slash = loc
                    .iter()
                    .rposition(|t| *t == Tok::Punct("/"))
                    .ok_or_else(|| err(pos, "DATA without /width".into()))?;
                let width = const_expr(&loc[slash + 1..], pos)?;
                let mut p = Parser::new(&loc[..slash], pos);
                let Operand::Mem(m) = p.operand()? else {
                    return Err(err(pos, "bad DATA location".into()));
                };
                let Some((name, local)) = m.sym else {
                    return Err(err(pos, "bad DATA location".into()));
                };
                let name = symbol_name(opts.pkg, &name);
                let mut p = Parser::new(ops[1], pos);
                let v = p.operand()?;
                pending_data.push((name, local, m.disp, width as usize, v, pos.clone()));
            }
            _ => {
                let Some(b) = blocks.last_mut() else {
                    return Err(err(pos, format!("{op} outside a TEXT block")));
                };
                let mut args = Vec::new();
                for o in &ops {
                    if o.is_empty() {
                        return Err(err(pos, "empty operand".into()));
                    }
                    args.push(Parser::new(o, pos).operand()?);
                }
                b.items.push(Item::Inst {
                    op: op.clone(),
                    args,
                    pos: pos.clone(),
                });
            }
        }
    }
    for (name, local, off, width, v, pos) in pending_data {
        let Some(&i) = data_idx.get(&(name.clone(), local)) else {
            return Err(err(&pos, format!("DATA for {name} without GLOBL")));
        };
        let d = &mut data[i];
        let off = off as usize;
        if off + width > d.size {
            return Err(err(
                &pos,
                format!("DATA {name}+{off}/{width} past the symbol's end"),
            ));
        }
        d.init = true;
        let bytes: Vec<u8> = match (&v, width) {
            (Operand::Imm(x), 1 | 2 | 4 | 8) => x.to_le_bytes()[..width].to_vec(),
            (Operand::FImm(f), 8) => f.to_bits().to_le_bytes().to_vec(),
            (Operand::FImm(f), 4) => (*f as f32).to_bits().to_le_bytes().to_vec(),
            (Operand::Str(s), w) if s.len() <= w => {
                let mut b = s.clone();
                b.resize(w, 0);
                b
            }
            (Operand::Addr(m), 8) if m.base == Some(Base::SB) => {
                let Some((s, l)) = &m.sym else {
                    return Err(err(&pos, "bad address in DATA".into()));
                };
                d.relocs.push(Reloc {
                    at: off,
                    sym: local_name(&symbol_name(opts.pkg, s), *l),
                    addend: m.disp,
                    kind: RelKind::Abs64,
                });
                vec![0; 8]
            }
            _ => return Err(err(&pos, "bad DATA value".into())),
        };
        d.bytes[off..off + width].copy_from_slice(&bytes);
    }
    let mut consts: HashMap<String, (u64, usize)> = HashMap::new();
    for b in blocks {
        let f = assemble_func(b, opts.pkg, &mut consts)?;
        unit.funcs.push(f);
    }
    unit.data = data;
    let mut cs: Vec<(String, u64, usize)> = consts
        .into_iter()
        .map(|(n, (bits, w))| (n, bits, w))
        .collect();
    cs.sort();
    unit.consts = cs;
    Ok(unit)
}

/// The object symbol of a file-local (`<>`) symbol: kept distinct from globals.
pub fn local_name(name: &str, local: bool) -> String {
    if local {
        format!("{name}<>")
    } else {
        name.to_string()
    }
}

fn sym_of(toks: &[Tok], pos: &Pos, pkg: &str) -> Result<(String, bool), Error> {
    let mut p = Parser::new(toks, pos);
    match p.operand()? {
        Operand::Mem(Mem {
            sym: Some((s, local)),
            base: Some(Base::SB),
            ..
        }) => Ok((symbol_name(pkg, &s), local)),
        _ => Err(Error {
            pos: pos.clone(),
            msg: "expected a symbol (name(SB))".into(),
        }),
    }
}

fn const_expr(toks: &[Tok], pos: &Pos) -> Result<i64, Error> {
    let mut p = Parser::new(toks, pos);
    let v = p.expr()?;
    if !p.at_end() {
        return Err(Error {
            pos: pos.clone(),
            msg: "bad constant expression".into(),
        });
    }
    match v {
        Num::Int(v) => Ok(v),
        Num::Float(_) => Err(Error {
            pos: pos.clone(),
            msg: "floating-point constant where an integer is required".into(),
        }),
    }
}

/// A laid-out instruction.
enum Piece {
    Code(Out),
    /// A branch to instruction index `target` (label resolved), with its condition
    /// (None: JMP) and whether it is in its long form.
    Branch {
        cond: Option<u8>,
        target: usize,
        long: bool,
    },
    /// Padding to a power-of-two boundary (PCALIGN).
    Align(u64),
}

/// Multi-byte NOPs for PCALIGN padding, by length (Intel's recommended sequences, up to 9
/// bytes as gc's table).
const NOPS: [&[u8]; 9] = [
    &[0x90],
    &[0x66, 0x90],
    &[0x0F, 0x1F, 0x00],
    &[0x0F, 0x1F, 0x40, 0x00],
    &[0x0F, 0x1F, 0x44, 0x00, 0x00],
    &[0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00],
    &[0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00],
    &[0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
    &[0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

/// gc's abi.StackSmall: a frame this small is checked against the guard directly.
const STACK_SMALL: i64 = 128;
/// gc's abi.StackBig: up to this frame size `SP - (frame - StackSmall)` cannot wrap around.
const STACK_BIG: i64 = 4096;

/// Whether gc's assembler gives the function its stack-split check (obj6.go's preprocess and
/// stacksplit), and the frame size the check uses (the local frame plus the saved BP).
///
/// gc checks every function without NOSPLIT, except a leaf (no CALL but of the runtime's
/// zero-argument panic helpers) whose frame is under StackSmall: it is marked NOSPLIT. The
/// check compares SP (less the part of the frame above StackSmall) with g.stackguard0 and
/// calls runtime·morestack_noctxt when it is at or below it; rgo's runtime
/// (rt/src/stack.rs) reports a stack overflow there or, when the guard holds the preemption
/// request, yields, and the function starts over.
fn stack_check(b: &TextBlock, pkg: &str, has_frame: bool) -> Option<i64> {
    if b.flags & NOSPLIT != 0 {
        return None;
    }
    let autoffset = b.frame.max(0) + if has_frame { 8 } else { 0 };
    if autoffset < STACK_SMALL {
        let leaf = b.items.iter().all(|i| match i {
            Item::Inst { op, args, .. } if op == "CALL" => {
                let zero_arg = match args.as_slice() {
                    [
                        Operand::Mem(Mem {
                            base: Some(Base::SB),
                            sym: Some((name, _)),
                            ..
                        }),
                    ] => matches!(
                        symbol_name(pkg, name).as_str(),
                        "runtime.panicdivide"
                            | "runtime.panicwrap"
                            | "runtime.panicshift"
                            | "runtime.panicBounds"
                            | "runtime.panicExtend"
                    ),
                    _ => false,
                };
                zero_arg && autoffset < STACK_SMALL - 8
            }
            _ => true,
        });
        if leaf {
            return None;
        }
    }
    Some(autoffset)
}

fn assemble_func(
    b: TextBlock,
    pkg: &str,
    consts: &mut HashMap<String, (u64, usize)>,
) -> Result<Func, Error> {
    // gc saves BP unless the function is NOFRAME or a frameless leaf (obj6.go's bpsize).
    let has_call = b
        .items
        .iter()
        .any(|i| matches!(i, Item::Inst { op, .. } if op == "CALL"));
    let has_frame = b.flags & NOFRAME == 0 && (b.frame > 0 || has_call);
    let frame = if has_frame { b.frame.max(0) } else { 0 };
    let mut pieces: Vec<(Piece, Pos)> = Vec::new();
    // Index of the piece each label / instruction number starts at.
    let mut labels: HashMap<String, usize> = HashMap::new();
    let mut inst_piece: Vec<usize> = Vec::new();
    let mut deltasp: i64 = 0;
    let mut pending_pc: Vec<(usize, usize, Pos)> = Vec::new(); // (piece, inst idx target)
    let mut pending_label: Vec<(usize, String, Pos)> = Vec::new();
    let check = stack_check(&b, pkg, has_frame);
    // (piece of the check's first instruction, branches to the morestack call)
    let mut to_morestack: Vec<usize> = Vec::new();
    let mut extra_clobbers = 0u16;
    if let Some(autoffset) = check {
        let reg = |n: u8| {
            Op::Reg(parse::Reg {
                class: RegClass::Gp(8),
                num: n,
            })
        };
        let mem = |base: u8, disp: i64| {
            Op::Mem(MemRef::Abs {
                base: Some(base),
                index: None,
                disp,
            })
        };
        let (sp, r12, r14) = (4, 12, 14);
        let code = |op: &str, args: &[Op], pieces: &mut Vec<(Piece, Pos)>| {
            let mut o = Out::default();
            x86::encode(op, args, &mut o).map_err(|msg| Error {
                pos: b.pos.clone(),
                msg,
            })?;
            pieces.push((Piece::Code(o), b.pos.clone()));
            Ok::<(), Error>(())
        };
        if !b.abi_internal {
            // MOVQ (TLS), R14: g at -8(FS) (rgo's runtime keeps it there as gc's does).
            let mut o = Out::default();
            o.bytes
                .extend_from_slice(&[0x64, 0x4C, 0x8B, 0x34, 0x25, 0xF8, 0xFF, 0xFF, 0xFF]);
            pieces.push((Piece::Code(o), b.pos.clone()));
            extra_clobbers |= 1 << r14;
        }
        let guard = mem(r14, 16); // g.stackguard0
        if autoffset <= STACK_SMALL {
            code("CMPQ", &[reg(sp), guard], &mut pieces)?;
        } else if autoffset <= STACK_BIG {
            let lea = [mem(sp, -(autoffset - STACK_SMALL)), reg(r12)];
            code("LEAQ", &lea, &mut pieces)?;
            code("CMPQ", &[reg(r12), guard], &mut pieces)?;
            extra_clobbers |= 1 << r12;
        } else {
            // SP - (frame - StackSmall) may wrap around: then the stack is surely too small.
            code("MOVQ", &[reg(sp), reg(r12)], &mut pieces)?;
            let n = Op::Imm(autoffset - STACK_SMALL);
            code("SUBQ", &[n, reg(r12)], &mut pieces)?;
            to_morestack.push(pieces.len());
            pieces.push((
                Piece::Branch {
                    cond: x86::jcc("JCS"),
                    target: 0,
                    long: false,
                },
                b.pos.clone(),
            ));
            code("CMPQ", &[reg(r12), guard], &mut pieces)?;
            extra_clobbers |= 1 << r12;
        }
        to_morestack.push(pieces.len());
        pieces.push((
            Piece::Branch {
                cond: x86::jcc("JLS"),
                target: 0,
                long: false,
            },
            b.pos.clone(),
        ));
    }
    if has_frame {
        let mut o = Out::default();
        o.bytes.extend_from_slice(&[0x55, 0x48, 0x89, 0xE5]);
        if frame > 0 {
            sub_add_sp(&mut o, frame, false);
        }
        pieces.push((Piece::Code(o), b.pos.clone()));
    }
    for item in &b.items {
        let (op, args, pos) = match item {
            Item::Label(l) => {
                if labels.insert(l.clone(), pieces.len()).is_some() {
                    return Err(Error {
                        pos: b.pos.clone(),
                        msg: format!("label {l} defined twice"),
                    });
                }
                continue;
            }
            Item::Inst { op, args, pos } => (op.as_str(), args, pos),
        };
        let err = |msg: String| Error {
            pos: pos.clone(),
            msg,
        };
        inst_piece.push(pieces.len());
        match op {
            "FUNCDATA" | "PCDATA" | "NOP" | "NO_LOCAL_POINTERS" => continue,
            "PCALIGN" => {
                let [Operand::Imm(a)] = args.as_slice() else {
                    return Err(err("PCALIGN needs $alignment".into()));
                };
                if !matches!(a, 8 | 16 | 32 | 64) {
                    return Err(err(format!("PCALIGN ${a}: not 8, 16, 32 or 64")));
                }
                pieces.push((Piece::Align(*a as u64), pos.clone()));
                continue;
            }
            _ => {}
        }
        let is_jump = op == "JMP" || x86::jcc(op).is_some();
        if is_jump && args.len() == 1 {
            match &args[0] {
                Operand::Label(l) => {
                    pending_label.push((pieces.len(), l.clone(), pos.clone()));
                    pieces.push((
                        Piece::Branch {
                            cond: x86::jcc(op),
                            target: 0,
                            long: false,
                        },
                        pos.clone(),
                    ));
                    continue;
                }
                Operand::PcRel(n) => {
                    let idx = inst_piece.len() - 1;
                    let t = idx as i64 + n;
                    if t < 0 {
                        return Err(err("branch before the function's start".into()));
                    }
                    pending_pc.push((pieces.len(), t as usize, pos.clone()));
                    pieces.push((
                        Piece::Branch {
                            cond: x86::jcc(op),
                            target: 0,
                            long: false,
                        },
                        pos.clone(),
                    ));
                    continue;
                }
                _ => {}
            }
        }
        let mut o = Out::default();
        // Resolve operands.
        let mut rs = Vec::new();
        for a in args {
            rs.push(resolve_operand(a, pkg, frame, has_frame, deltasp, consts, op).map_err(err)?);
        }
        match op {
            "RET" if args.is_empty() && has_frame => {
                if frame > 0 {
                    sub_add_sp(&mut o, frame, true);
                }
                o.bytes.push(0x5D);
                o.bytes.push(0xC3);
            }
            "CALL" | "JMP" => match rs.as_slice() {
                [Op::Mem(MemRef::Rip { sym, off })] if is_sym_target(&args[0]) => {
                    o.bytes.push(if op == "CALL" { 0xE8 } else { 0xE9 });
                    o.relocs.push(x86::Reloc {
                        at: 1,
                        sym: sym.clone(),
                        addend: off - 4,
                    });
                    o.bytes.extend_from_slice(&[0; 4]);
                }
                [target] => {
                    let ext = if op == "CALL" { 2 } else { 4 };
                    // FF /2 (call) or FF /4 (jmp) through a register or memory.
                    let mut args2 = vec![target.clone()];
                    encode_ff(ext, &mut args2, &mut o).map_err(err)?;
                }
                _ => return Err(err(format!("{op}: bad target"))),
            },
            "MOVQ" | "MOVL" if matches!(args.first(), Some(Operand::Addr(_))) => {
                let lea = if op == "MOVQ" { "LEAQ" } else { "LEAL" };
                x86::encode(lea, &rs, &mut o).map_err(err)?;
            }
            _ => x86::encode(op, &rs, &mut o).map_err(|e| err(e.to_string()))?,
        }
        match op {
            "PUSHQ" | "PUSHFQ" => deltasp += 8,
            "POPQ" | "POPFQ" => deltasp -= 8,
            _ => {}
        }
        pieces.push((Piece::Code(o), pos.clone()));
    }
    inst_piece.push(pieces.len());
    if check.is_some() {
        // The cold end gc appends: CALL runtime·morestack_noctxt, then back to the check.
        let at = pieces.len();
        for pi in to_morestack {
            if let Piece::Branch { target, .. } = &mut pieces[pi].0 {
                *target = at;
            }
        }
        let mut o = Out::default();
        o.bytes.extend_from_slice(&[0xE8, 0, 0, 0, 0]);
        o.relocs.push(x86::Reloc {
            at: 1,
            sym: "runtime.morestack_noctxt".into(),
            addend: -4,
        });
        pieces.push((Piece::Code(o), b.pos.clone()));
        pieces.push((
            Piece::Branch {
                cond: None,
                target: 0,
                long: false,
            },
            b.pos.clone(),
        ));
    }
    for (pi, l, pos) in pending_label {
        let Some(&t) = labels.get(&l) else {
            return Err(Error {
                pos,
                msg: format!("undefined label {l}"),
            });
        };
        if let Piece::Branch { target, .. } = &mut pieces[pi].0 {
            *target = t;
        }
    }
    for (pi, idx, pos) in pending_pc {
        let Some(&t) = inst_piece.get(idx) else {
            return Err(Error {
                pos,
                msg: "branch past the function's end".into(),
            });
        };
        if let Piece::Branch { target, .. } = &mut pieces[pi].0 {
            *target = t;
        }
    }
    // Branch relaxation.
    let size = |p: &Piece, at: u64| -> u64 {
        match p {
            Piece::Code(o) => o.bytes.len() as u64,
            Piece::Branch { long: false, .. } => 2,
            Piece::Branch { cond: None, .. } => 5,
            Piece::Branch { .. } => 6,
            Piece::Align(a) => (a - at % a) % a,
        }
    };
    let mut offs = vec![0u64; pieces.len() + 1];
    loop {
        let mut at = 0;
        for (i, (p, _)) in pieces.iter().enumerate() {
            offs[i] = at;
            at += size(p, at);
        }
        offs[pieces.len()] = at;
        let mut changed = false;
        for i in 0..pieces.len() {
            let end = offs[i] + size(&pieces[i].0, offs[i]);
            if let Piece::Branch {
                target,
                long: long @ false,
                ..
            } = &mut pieces[i].0
            {
                let d = offs[*target] as i64 - end as i64;
                if !(-128..=127).contains(&d) {
                    *long = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut code = Vec::new();
    let mut relocs = Vec::new();
    for (i, (p, _)) in pieces.iter().enumerate() {
        let at = code.len() as u64;
        match p {
            Piece::Code(o) => {
                for r in &o.relocs {
                    let call = o.bytes.first() == Some(&0xE8) && r.at == 1;
                    relocs.push(Reloc {
                        at: at as usize + r.at,
                        sym: r.sym.clone(),
                        addend: r.addend,
                        kind: if call { RelKind::Call } else { RelKind::Pc32 },
                    });
                }
                code.extend_from_slice(&o.bytes);
            }
            Piece::Branch { cond, target, long } => {
                let end = at + size(p, at);
                let d = offs[*target] as i64 - end as i64;
                match (cond, long) {
                    (None, false) => code.extend_from_slice(&[0xEB, d as u8]),
                    (Some(c), false) => code.extend_from_slice(&[0x70 + c, d as u8]),
                    (None, true) => {
                        code.push(0xE9);
                        code.extend_from_slice(&(d as i32).to_le_bytes());
                    }
                    (Some(c), true) => {
                        code.extend_from_slice(&[0x0F, 0x80 + c]);
                        code.extend_from_slice(&(d as i32).to_le_bytes());
                    }
                }
            }
            Piece::Align(a) => {
                let mut n = ((a - at % a) % a) as usize;
                while n > 0 {
                    let k = n.min(NOPS.len());
                    code.extend_from_slice(NOPS[k - 1]);
                    n -= k;
                }
            }
        }
        debug_assert_eq!(code.len() as u64, offs[i + 1]);
    }
    let local = b.name.ends_with("<>");
    // ABIInternal bodies save everything: with the narrower set, math/rand/v2's ChaCha8.Read
    // (around internal/chacha8rand's block<ABIInternal>) read a corrupted field once precise
    // stack maps changed the caller's register allocation; which write the register scan
    // misses there is not found yet.
    let clobbers = if b.abi_internal {
        u16::MAX
    } else {
        clobbered_regs(&b) | extra_clobbers
    };
    Ok(Func {
        name: b.name,
        flags: b.flags,
        frame: b.frame,
        args: b.args,
        abi_internal: b.abi_internal,
        local,
        code,
        relocs,
        pos: b.pos,
        clobbers,
    })
}

fn is_sym_target(o: &Operand) -> bool {
    matches!(
        o,
        Operand::Mem(Mem {
            base: Some(Base::SB),
            index: None,
            ..
        })
    )
}

fn encode_ff(ext: u8, args: &mut [Op], o: &mut Out) -> Result<(), String> {
    // Reuse the PUSH/unary machinery: FF /ext with a 64-bit operand needs no REX.W.
    let name = if ext == 2 { "CALLQ_IND" } else { "JMPQ_IND" };
    match &args[0] {
        Op::Reg(r) if matches!(r.class, RegClass::Gp(8)) => {
            if r.num >= 8 {
                o.bytes.push(0x41);
            }
            o.bytes
                .extend_from_slice(&[0xFF, 0xC0 | (ext << 3) | (r.num & 7)]);
            Ok(())
        }
        Op::Mem(_) => {
            // PUSHQ mem is FF /6; encode it and patch the ModRM reg field.
            let mut tmp = Out::default();
            x86::encode("PUSHQ", &args[..1], &mut tmp)?;
            let i = tmp
                .bytes
                .iter()
                .position(|&b| b == 0xFF)
                .ok_or_else(|| format!("{name}: bad operand"))?;
            tmp.bytes[i + 1] = (tmp.bytes[i + 1] & !0x38) | (ext << 3);
            let base = o.bytes.len();
            o.bytes.extend_from_slice(&tmp.bytes);
            for mut r in tmp.relocs {
                r.at += base;
                o.relocs.push(r);
            }
            Ok(())
        }
        _ => Err(format!("{name}: bad operand")),
    }
}

/// `SUBQ $frame, SP` or `ADDQ $frame, SP` as gc encodes them: a frame of exactly 128 bytes
/// becomes `ADDQ $-128, SP` / `SUBQ $-128, SP`, whose immediate fits in a signed byte.
fn sub_add_sp(o: &mut Out, frame: i64, add: bool) {
    let (ext, v) = match (frame, add) {
        (128, false) => (0, -128),
        (128, true) => (5, -128),
        (_, false) => (5, frame),
        (_, true) => (0, frame),
    };
    if (-128..=127).contains(&v) {
        o.bytes
            .extend_from_slice(&[0x48, 0x83, 0xC0 | (ext << 3) | 4, v as u8]);
    } else {
        o.bytes
            .extend_from_slice(&[0x48, 0x81, 0xC0 | (ext << 3) | 4]);
        o.bytes.extend_from_slice(&(v as i32).to_le_bytes());
    }
}

fn resolve_operand(
    a: &Operand,
    pkg: &str,
    frame: i64,
    has_frame: bool,
    deltasp: i64,
    consts: &mut HashMap<String, (u64, usize)>,
    op: &str,
) -> Result<Op, String> {
    let mem = |m: &Mem| -> Result<MemRef, String> {
        let index = m.index.map(|(r, s)| (r.num, s));
        Ok(match &m.base {
            Some(Base::SB) => {
                let Some((s, local)) = &m.sym else {
                    return Err("(SB) without a symbol".into());
                };
                if index.is_some() {
                    return Err("indexed symbol references are not supported".into());
                }
                MemRef::Rip {
                    sym: local_name(&symbol_name(pkg, s), *local),
                    off: m.disp,
                }
            }
            Some(Base::FP) => MemRef::Abs {
                base: Some(4),
                index,
                disp: m.disp + frame + if has_frame { 8 } else { 0 } + 8 + deltasp,
            },
            Some(Base::PseudoSP) => MemRef::Abs {
                base: Some(4),
                index,
                disp: m.disp + frame + deltasp,
            },
            Some(Base::Reg(r)) => MemRef::Abs {
                base: Some(r.num),
                index,
                disp: m.disp,
            },
            None => MemRef::Abs {
                base: None,
                index,
                disp: m.disp,
            },
        })
    };
    Ok(match a {
        Operand::Reg(r) => Op::Reg(*r),
        Operand::Imm(v) => Op::Imm(*v),
        Operand::FImm(f) => {
            // gc loads floating-point immediates from a read-only constant symbol.
            let single = matches!(
                op,
                "MOVSS" | "ADDSS" | "MULSS" | "SUBSS" | "DIVSS" | "COMISS" | "UCOMISS"
            );
            let (bits, name) = if single {
                let b = (*f as f32).to_bits() as u64;
                (b, format!("$f32.{b:08x}"))
            } else {
                let b = f.to_bits();
                (b, format!("$f64.{b:016x}"))
            };
            consts
                .entry(name.clone())
                .or_insert((bits, if single { 4 } else { 8 }));
            Op::Mem(MemRef::Rip { sym: name, off: 0 })
        }
        Operand::Mem(m) | Operand::Addr(m) => Op::Mem(mem(m)?),
        Operand::Label(l) => return Err(format!("unexpected label {l} as an operand")),
        Operand::PcRel(_) => return Err("n(PC) outside a branch".into()),
        Operand::Str(_) => return Err("string operand outside DATA".into()),
        Operand::RegList(_) => return Err("register list not supported".into()),
    })
}

impl Unit {
    /// Renames functions (and every reference to them): gc calls an assembly function that
    /// Go code reaches through a wrapper `pkg.f.abi0`.
    pub fn rename_funcs(&mut self, map: &HashMap<String, String>) {
        let fix = |s: &mut String| {
            if let Some(n) = map.get(s.as_str()) {
                *s = n.clone();
            }
        };
        for f in &mut self.funcs {
            fix(&mut f.name);
            for r in &mut f.relocs {
                fix(&mut r.sym);
            }
        }
        for d in &mut self.data {
            for r in &mut d.relocs {
                fix(&mut r.sym);
            }
        }
    }
}
