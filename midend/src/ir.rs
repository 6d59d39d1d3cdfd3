//! rgo's low-level IR: what the midend hands to the backend.
//!
//! All Go semantics are decided before this point: aggregates are flattened into scalar virtual
//! registers or live in memory (stack slots, heap, globals) with explicit loads and stores at gc's
//! offsets; bounds, nil and divide checks are explicit branches to runtime calls; shifts are already
//! clamped. What remains maps one-to-one onto Cranelift IR: the backend's job is register-level
//! translation, the calling conventions of docs/abi.md, and object emission.
//!
//! Virtual registers ([`Var`]) are mutable variables (the backend builds SSA with
//! cranelift-frontend), so the midend never has to place phis.
//!
//! `Display` prints a stable textual form: the midend's debug dump (`rgo build -gcflags=-d=ir`).

use std::fmt;

/// A scalar machine type.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Ty {
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
}

impl Ty {
    pub fn bytes(self) -> u32 {
        match self {
            Ty::I8 => 1,
            Ty::I16 => 2,
            Ty::I32 | Ty::F32 => 4,
            Ty::I64 | Ty::F64 => 8,
        }
    }
    pub fn is_float(self) -> bool {
        matches!(self, Ty::F32 | Ty::F64)
    }
}

/// A virtual register of a function.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Var(pub u32);

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct BlockId(pub u32);

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct SlotId(pub u32);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    /// Signed division; the midend guarantees a non-zero divisor and no `MIN / -1`.
    SDiv,
    UDiv,
    SRem,
    URem,
    And,
    Or,
    Xor,
    /// Shifts: the midend guarantees `0 <= amount < width`.
    Shl,
    SShr,
    UShr,
    FAdd,
    FSub,
    FMul,
    FDiv,
    /// IEEE minimum/maximum as Go's min/max builtins define them: NaN if either operand is NaN,
    /// and -0 < +0.
    FMin,
    FMax,
    /// Float with the magnitude of `a` and the sign of `b` (math.Copysign).
    FCopysign,
    /// Rotation left by `b` modulo the width (any integer type for `b`).
    Rotl,
    /// High word of the unsigned double-width product.
    UMulHi,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnOp {
    Neg,
    /// Bitwise complement.
    Not,
    FNeg,
    /// Correctly rounded square root (SQRTSD; math.Sqrt).
    FSqrt,
    /// Clears the sign bit (math.Abs).
    FAbs,
    /// Rounding to an integral value: toward -Inf, +Inf, zero, to nearest even (ROUNDSD's
    /// modes 1, 2, 3, 0).
    FFloor,
    FCeil,
    FTrunc,
    FRoundEven,
    /// Trailing / leading zero bits (the width for 0), set bits, byte reversal (math/bits).
    Ctz,
    Clz,
    Popcnt,
    Bswap,
}

/// The read-modify-write operations of [`Inst::AtomicRmw`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AtomicOp {
    /// `lock xadd`.
    Add,
    /// `xchg`.
    Xchg,
    And,
    Or,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Cmp {
    Eq,
    Ne,
    SLt,
    SLe,
    SGt,
    SGe,
    ULt,
    ULe,
    UGt,
    UGe,
}

/// Float comparisons with IEEE semantics (ordered, except `Ne` which is true for NaN).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FCmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Conv {
    /// Integer widening with sign extension.
    Sext,
    /// Integer widening with zero extension.
    Zext,
    /// Integer narrowing.
    Trunc,
    /// Float → signed integer, truncating toward zero (out-of-range results are
    /// implementation-defined in Go; the backend saturates).
    FToS,
    FToU,
    SToF,
    UToF,
    /// f32 → f64.
    FExt,
    /// f64 → f32 (round to nearest even).
    FTrunc,
    /// Reinterpret bits between same-sized int and float.
    Bitcast,
}

/// Calling convention of a call or function.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CallConv {
    /// Go functions: Cranelift `tail`, parameter 0 is the closure context.
    Go,
    /// Runtime entry points: SysV `extern "C"`.
    C,
}

#[derive(Clone, Debug)]
pub enum Callee {
    /// A symbol (Go function or runtime entry point) by its linker name.
    Direct(String),
    /// A code pointer held in a register.
    Indirect(Var),
}

#[derive(Clone, Debug)]
pub enum Inst {
    /// Marks the source line of the following instructions (for pclntab and DWARF).
    Line(u32),
    Iconst {
        dst: Var,
        ty: Ty,
        value: i64,
    },
    F32const {
        dst: Var,
        bits: u32,
    },
    F64const {
        dst: Var,
        bits: u64,
    },
    Copy {
        dst: Var,
        src: Var,
    },
    Binary {
        dst: Var,
        op: BinOp,
        a: Var,
        b: Var,
    },
    Unary {
        dst: Var,
        op: UnOp,
        a: Var,
    },
    /// `dst: I8` = 1 if the integer comparison holds, else 0.
    Icmp {
        dst: Var,
        cmp: Cmp,
        a: Var,
        b: Var,
    },
    Fcmp {
        dst: Var,
        cmp: FCmp,
        a: Var,
        b: Var,
    },
    Convert {
        dst: Var,
        conv: Conv,
        a: Var,
    },
    /// `dst = cond != 0 ? a : b`.
    Select {
        dst: Var,
        cond: Var,
        a: Var,
        b: Var,
    },
    /// `dst = *(ty*)(addr + offset)`. May fault on a nil `addr` (the runtime turns the fault into
    /// a Go panic), so the backend must not mark it as non-trapping.
    Load {
        dst: Var,
        addr: Var,
        offset: i32,
    },
    Store {
        addr: Var,
        offset: i32,
        value: Var,
    },
    /// Address of a stack slot.
    SlotAddr {
        dst: Var,
        slot: SlotId,
    },
    /// Address of a data or function symbol (plus addend).
    SymAddr {
        dst: Var,
        sym: String,
        addend: i64,
    },
    /// Copy `size` bytes (non-overlapping or identical).
    MemCopy {
        dst: Var,
        src: Var,
        size: u64,
    },
    /// Zero `size` bytes.
    MemZero {
        dst: Var,
        size: u64,
    },
    Call {
        callee: Callee,
        conv: CallConv,
        args: Vec<Var>,
        results: Vec<Var>,
    },
    /// `dst` = this function's frame pointer (rbp after the prologue).
    FramePointer {
        dst: Var,
    },
    /// Sequentially consistent load of `dst`'s type from `addr` (may fault on nil, like Load).
    AtomicLoad {
        dst: Var,
        addr: Var,
    },
    /// Sequentially consistent store.
    AtomicStore {
        addr: Var,
        value: Var,
    },
    /// Sequentially consistent `*addr = *addr op value`; `dst` receives the old value.
    AtomicRmw {
        dst: Var,
        op: AtomicOp,
        addr: Var,
        value: Var,
    },
    /// Sequentially consistent compare-and-swap (`lock cmpxchg`): `dst` receives the old value;
    /// the store happened iff it equals `expected`.
    AtomicCas {
        dst: Var,
        addr: Var,
        expected: Var,
        new: Var,
    },
}

#[derive(Clone, Debug)]
pub enum Terminator {
    Jump(BlockId),
    /// Jumps to `then` when `cond` (any integer type) is non-zero.
    Branch {
        cond: Var,
        then: BlockId,
        els: BlockId,
    },
    /// Multi-way branch on an integer value.
    Switch {
        value: Var,
        cases: Vec<(i64, BlockId)>,
        default: BlockId,
    },
    Return(Vec<Var>),
    /// Control never gets here (after calls to functions that do not return).
    Unreachable,
    /// A Go-convention call with a landing pad: when the runtime unwinds a panic into this
    /// frame (after `recover`), execution resumes at `unwind` with only the frame pointer and
    /// stack pointer restored. The backend records (return address, landing pad, frame size) in
    /// the `.rgo.exctab` section for the runtime.
    TryCall {
        callee: Callee,
        args: Vec<Var>,
        results: Vec<Var>,
        normal: BlockId,
        unwind: BlockId,
    },
}

#[derive(Clone, Debug)]
pub struct Block {
    pub insts: Vec<Inst>,
    pub term: Terminator,
}

#[derive(Clone, Copy, Debug)]
pub struct StackSlot {
    pub size: u32,
    pub align: u32,
}

#[derive(Clone, Debug)]
pub struct Function {
    /// Linker name, gc's spelling (`main.main`, `main.(*T).M`, `main.f.func1`).
    pub name: String,
    /// Global symbol (exported to other objects) or local (`t` in nm, like gc's closures).
    pub global: bool,
    pub conv: CallConv,
    /// Parameter registers; for `CallConv::Go` the first is the closure context.
    pub params: Vec<Var>,
    pub results: Vec<Ty>,
    /// Type of every virtual register, indexed by `Var.0`.
    pub vars: Vec<Ty>,
    pub slots: Vec<StackSlot>,
    /// `blocks[0]` is the entry block.
    pub blocks: Vec<Block>,
    /// Source file (absolute path as gc records it) and the line of the `func` keyword.
    pub file: String,
    pub start_line: u32,
    /// gc's funcID for pclntab (0 normal, 23 wrapper).
    pub func_id: u8,
    /// How tracebacks print the arguments (lower/arginfo.rs); `None`: no Go parameters.
    pub arg_info: Option<ArgInfo>,
    /// The local variables as debuggers see them (DWARF `DW_TAG_variable`s).
    pub debug_locals: Vec<DebugLocal>,
}

/// gc's `FUNCDATA_ArgInfo` description of a function's parameters plus the stores that put the
/// described words into a frame slot of `size` bytes at entry (lower/arginfo.rs).
#[derive(Clone, Debug, PartialEq)]
pub struct ArgInfo {
    pub bytes: Vec<u8>,
    pub spill: Vec<ArgSpill>,
    pub size: u32,
    /// The parameters as debuggers see them (DWARF formal parameters).
    pub params: Vec<DebugParam>,
}

/// A parameter for DWARF: its name, where its value is in the spill slot (`indirect`: the slot
/// holds a pointer to it), and its type description (midend lower/arginfo.rs `debug_type`).
#[derive(Clone, Debug, PartialEq)]
pub struct DebugParam {
    /// Index among the Go parameters (receiver first).
    pub index: u32,
    pub name: String,
    pub off: u32,
    pub indirect: bool,
    pub ty: Vec<u8>,
}

/// A local variable for DWARF (lower/func.rs `declare_local`): its name, the line that declares
/// it, its type description (lower/arginfo.rs `debug_type`) and where its value lives.
#[derive(Clone, Debug, PartialEq)]
pub struct DebugLocal {
    pub name: String,
    pub line: u32,
    pub ty: Vec<u8>,
    pub loc: DebugLoc,
}

/// Where a local variable's value lives.
#[derive(Clone, Debug, PartialEq)]
pub enum DebugLoc {
    /// In virtual registers: each scalar with its byte offset in the value (the backend asks
    /// Cranelift where each one is at each pc, through value labels).
    Regs(Vec<(u32, Var)>),
    /// In a stack slot of the function, for its whole body.
    Slot(SlotId),
    /// In memory whose address a virtual register holds (a variable moved to the heap).
    Ptr(Var),
}

/// One store of the argument spill: a parameter register at byte `off` of the slot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ArgSpill {
    Word { var: Var, off: u32 },
}

/// Which output section a data object belongs in (docs/abi.md "Input section → output section").
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum DataSection {
    Rodata,
    NoptrData,
    /// Initialised data that holds Go pointers.
    Data,
    /// Zeroed data that holds Go pointers.
    Bss,
    NoptrBss,
    /// Type descriptors, names, eq/hash closures (`.go.type`).
    GoType,
    /// Itabs (`.go.itab`, placed at the tail of `.go.type` by the linker).
    GoItab,
    /// Static funcvals `pkg.f·f` (`.go.func`).
    GoFunc,
    /// Reflect call adapter records `{key, adapter}` (`.rgo.adapters`, gathered by the linker
    /// between `runtime.adapters` and `runtime.eadapters`; docs/abi.md).
    RgoAdapters,
}

impl DataSection {
    /// The input-section name the object file uses.
    pub fn section_name(self) -> &'static str {
        match self {
            DataSection::Rodata => ".rodata",
            DataSection::NoptrData => ".noptrdata",
            DataSection::Data => ".data",
            DataSection::Bss => ".bss",
            DataSection::NoptrBss => ".noptrbss",
            DataSection::GoType => ".go.type",
            DataSection::GoItab => ".go.itab",
            DataSection::GoFunc => ".go.func",
            DataSection::RgoAdapters => ".rgo.adapters",
        }
    }
    pub fn is_zeroed(self) -> bool {
        matches!(self, DataSection::Bss | DataSection::NoptrBss)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RelocKind {
    /// 8-byte absolute address (`R_X86_64_64`).
    Abs64,
    /// 4-byte section-relative offset (gc's nameOff/typeOff/textOff; `R_X86_64_32` inside the
    /// `.go.*` sections, see docs/abi.md).
    Off32,
}

#[derive(Clone, Debug)]
pub struct DataReloc {
    pub offset: u32,
    pub kind: RelocKind,
    pub target: String,
    pub addend: i64,
}

#[derive(Clone, Debug)]
pub struct DataObject {
    pub name: String,
    pub section: DataSection,
    pub align: u32,
    /// Contents; for zeroed sections only `size` matters and `bytes` is empty.
    pub bytes: Vec<u8>,
    pub size: u64,
    pub relocs: Vec<DataReloc>,
    pub global: bool,
}

/// One compilation unit (a package): its functions and data.
#[derive(Clone, Debug, Default)]
pub struct Module {
    /// Import path of the package (`main` for the command).
    pub package: String,
    pub functions: Vec<Function>,
    pub data: Vec<DataObject>,
    /// What the functions do with interfaces, for the linker's method dead-code elimination
    /// (gc's marker relocations R_USEIFACE, R_USEIFACEMETHOD, R_USENAMEDMETHOD and the
    /// ReflectMethod attribute; linker/src/deadcode.rs).
    pub marks: Vec<Mark>,
}

/// A fact about function `func` that the linker's method dead-code pass needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub func: String,
    pub kind: MarkKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// The function converts the type with this descriptor symbol to an interface.
    UseIface(String),
    /// The function calls interface method `name` whose signature has descriptor symbol `sig`.
    UseIfaceMethod { name: String, sig: String },
    /// The function calls a method of a generic interface with this name (matched by name only).
    UseNamedMethod(String),
    /// The function calls reflect's `Method` or `MethodByName` with a name not known at compile
    /// time: every exported method of every type in an interface must stay.
    ReflectMethod,
}

// ---------------------------------------------------------------------------------------------
// Textual form.

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Ty::I8 => "i8",
            Ty::I16 => "i16",
            Ty::I32 => "i32",
            Ty::I64 => "i64",
            Ty::F32 => "f32",
            Ty::F64 => "f64",
        };
        f.write_str(s)
    }
}

impl fmt::Display for Var {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}", self.0)
    }
}

impl fmt::Display for BlockId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b{}", self.0)
    }
}

fn list(vs: &[Var]) -> String {
    vs.iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Inst {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Inst::Line(l) => write!(f, "line {l}"),
            Inst::Iconst { dst, ty, value } => write!(f, "{dst} = iconst.{ty} {value}"),
            Inst::F32const { dst, bits } => write!(f, "{dst} = f32const {}", f32::from_bits(*bits)),
            Inst::F64const { dst, bits } => write!(f, "{dst} = f64const {}", f64::from_bits(*bits)),
            Inst::Copy { dst, src } => write!(f, "{dst} = {src}"),
            Inst::Binary { dst, op, a, b } => write!(f, "{dst} = {op:?} {a}, {b}"),
            Inst::Unary { dst, op, a } => write!(f, "{dst} = {op:?} {a}"),
            Inst::Icmp { dst, cmp, a, b } => write!(f, "{dst} = icmp.{cmp:?} {a}, {b}"),
            Inst::Fcmp { dst, cmp, a, b } => write!(f, "{dst} = fcmp.{cmp:?} {a}, {b}"),
            Inst::Convert { dst, conv, a } => write!(f, "{dst} = {conv:?} {a}"),
            Inst::Select { dst, cond, a, b } => write!(f, "{dst} = select {cond}, {a}, {b}"),
            Inst::Load { dst, addr, offset } => write!(f, "{dst} = load [{addr}{offset:+}]"),
            Inst::Store {
                addr,
                offset,
                value,
            } => write!(f, "store [{addr}{offset:+}] = {value}"),
            Inst::SlotAddr { dst, slot } => write!(f, "{dst} = slotaddr ss{}", slot.0),
            Inst::SymAddr { dst, sym, addend } => write!(f, "{dst} = symaddr {sym:?}{addend:+}"),
            Inst::MemCopy { dst, src, size } => write!(f, "memcopy {dst}, {src}, {size}"),
            Inst::MemZero { dst, size } => write!(f, "memzero {dst}, {size}"),
            Inst::FramePointer { dst } => write!(f, "{dst} = framepointer"),
            Inst::AtomicLoad { dst, addr } => write!(f, "{dst} = atomic_load [{addr}]"),
            Inst::AtomicStore { addr, value } => write!(f, "atomic_store [{addr}] = {value}"),
            Inst::AtomicRmw {
                dst,
                op,
                addr,
                value,
            } => write!(f, "{dst} = atomic_{op:?} [{addr}], {value}"),
            Inst::AtomicCas {
                dst,
                addr,
                expected,
                new,
            } => write!(f, "{dst} = atomic_cas [{addr}], {expected}, {new}"),
            Inst::Call {
                callee,
                conv,
                args,
                results,
            } => {
                if !results.is_empty() {
                    write!(f, "{} = ", list(results))?;
                }
                let c = match conv {
                    CallConv::Go => "call",
                    CallConv::C => "ccall",
                };
                match callee {
                    Callee::Direct(s) => write!(f, "{c} {s:?}({})", list(args)),
                    Callee::Indirect(v) => write!(f, "{c} *{v}({})", list(args)),
                }
            }
        }
    }
}

impl fmt::Display for Terminator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Terminator::Jump(b) => write!(f, "jump {b}"),
            Terminator::Branch { cond, then, els } => write!(f, "br {cond}, {then}, {els}"),
            Terminator::Switch {
                value,
                cases,
                default,
            } => {
                write!(f, "switch {value} [")?;
                for (v, b) in cases {
                    write!(f, "{v}: {b}, ")?;
                }
                write!(f, "default: {default}]")
            }
            Terminator::Return(vs) => write!(f, "return {}", list(vs)),
            Terminator::Unreachable => write!(f, "unreachable"),
            Terminator::TryCall {
                callee,
                args,
                results,
                normal,
                unwind,
            } => {
                if !results.is_empty() {
                    write!(f, "{} = ", list(results))?;
                }
                match callee {
                    Callee::Direct(s) => write!(f, "trycall {s:?}({})", list(args))?,
                    Callee::Indirect(v) => write!(f, "trycall *{v}({})", list(args))?,
                }
                write!(f, " -> {normal}, unwind {unwind}")
            }
        }
    }
}

impl fmt::Display for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let params: Vec<String> = self
            .params
            .iter()
            .map(|v| format!("{v}: {}", self.vars[v.0 as usize]))
            .collect();
        let results: Vec<String> = self.results.iter().map(|t| t.to_string()).collect();
        writeln!(
            f,
            "func {:?} {:?} ({}) -> ({}) {{",
            self.name,
            self.conv,
            params.join(", "),
            results.join(", ")
        )?;
        for (i, s) in self.slots.iter().enumerate() {
            writeln!(f, "  ss{i}: {} bytes, align {}", s.size, s.align)?;
        }
        for (i, b) in self.blocks.iter().enumerate() {
            writeln!(f, "b{i}:")?;
            for inst in &b.insts {
                writeln!(f, "  {inst}")?;
            }
            writeln!(f, "  {}", b.term)?;
        }
        writeln!(f, "}}")
    }
}

impl fmt::Display for Module {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "package {}", self.package)?;
        for d in &self.data {
            write!(
                f,
                "data {:?} {:?} align {} size {}",
                d.name, d.section, d.align, d.size
            )?;
            if !d.bytes.is_empty() {
                write!(f, " bytes ")?;
                for b in &d.bytes {
                    write!(f, "{b:02x}")?;
                }
            }
            writeln!(f)?;
            for r in &d.relocs {
                writeln!(
                    f,
                    "  reloc +{} {:?} {:?}{:+}",
                    r.offset, r.kind, r.target, r.addend
                )?;
            }
        }
        for func in &self.functions {
            write!(f, "{func}")?;
        }
        Ok(())
    }
}
