//! gc's equality and hash algorithms for runtime type data: which closure a descriptor's `Equal`
//! (and a `MapType`'s `Hasher`) points at, and the generated `type:.eq.<sig>` /
//! `type:.hash.<sig>` functions behind them (shared/reference/go1.27-abi.md §1.5, §3.7).
//!
//! Everything is driven by gc's *eq signature* of a type (reflectdata/alg.go eqSignature): a
//! string such as `M8SM24F` listing the comparisons to make in memory order. Types with the same
//! signature share one function, and the function's name is derived from the signature, so the
//! signature has to be byte-for-byte gc's: it is visible in symbol tables and in tracebacks of
//! panics raised while comparing interfaces.
//!
//! Alphabet: `M<n>` n bytes of regular memory, `K<n>` n bytes to skip (padding, blank fields;
//! dropped at the very end), `F` float32, `G` float64, `S` string, `I` non-empty interface,
//! `E` empty interface, `[<n><body>]` a loop of n iterations over body. gc's `A<n>` alignment
//! prefix is only emitted on targets that cannot merge loads; amd64 can, so it never appears.

use frontend::types::{BasicKind, Program, Type, TypeId};

use crate::builder::FnBuilder;
use crate::ir::{
    BinOp, BlockId, CallConv, Callee, Cmp, DataObject, DataReloc, DataSection, FCmp, Function,
    Inst, RelocKind, Terminator, Ty, Var,
};
use crate::layout::Layouts;

/// What a descriptor's Equal (or a MapType's Hasher) points to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AlgRef {
    /// A runtime closure symbol, e.g. "runtime.memequal64·f", "runtime.strequal·f",
    /// "runtime.strhash·f" (defined by rt/src/alg.rs).
    Runtime(&'static str),
    /// `type:.eqfunc.M24` = {runtime.memequal_varlen, 24} (or `type:.hashfunc.M200` =
    /// {runtime.memhash_varlen, 200}): the runtime function reads the size from closure word 1.
    VarLen {
        closure_sym: String,
        func: &'static str,
        size: u64,
    },
    /// `type:.eqfunc.<sig>` = {type:.eq.<sig>} with a generated function (or the hash analogue
    /// `type:.hashfunc.<sig>` = {type:.hash.<sig>}).
    Generated {
        closure_sym: String,
        func_sym: String,
        sig: String,
    },
}

impl AlgRef {
    /// The symbol the descriptor's Equal / Hasher word relocates against.
    pub fn closure_symbol(&self) -> &str {
        match self {
            AlgRef::Runtime(s) => s,
            AlgRef::VarLen { closure_sym, .. } | AlgRef::Generated { closure_sym, .. } => {
                closure_sym
            }
        }
    }

    /// The closure object the compiler must emit (gc: DUPOK RODATA in `.go.type`); `None` for
    /// runtime closures, which rt defines itself. Local, because every module that needs one
    /// emits its own copy (rgo's linker has no DUPOK).
    pub fn closure_object(&self) -> Option<DataObject> {
        let (name, func, size) = match self {
            AlgRef::Runtime(_) => return None,
            AlgRef::VarLen {
                closure_sym,
                func,
                size,
            } => (closure_sym, *func, Some(*size)),
            AlgRef::Generated {
                closure_sym,
                func_sym,
                ..
            } => (closure_sym, func_sym.as_str(), None),
        };
        let mut bytes = vec![0u8; 8];
        if let Some(n) = size {
            bytes.extend_from_slice(&n.to_le_bytes());
        }
        Some(DataObject {
            name: name.clone(),
            section: DataSection::GoType,
            align: 8,
            size: bytes.len() as u64,
            bytes,
            relocs: vec![DataReloc {
                offset: 0,
                kind: RelocKind::Abs64,
                target: func.to_string(),
                addend: 0,
            }],
            global: false,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// gc's AlgKind, reduced to what matters here.

/// types.AlgType collapsed: gc distinguishes AMEM8, ASTRING, AFLOAT64, … but the signature
/// builder and comparability only ask "plain memory?" and "comparable at all?".
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Alg {
    /// AMEM: compare and hash the bytes.
    Mem,
    /// ANOEQ / ANOALG: not comparable.
    NoEq,
    /// Every other comparable algorithm (floats, strings, interfaces, padded or mixed aggregates).
    Other,
}

/// types.CalcSize's alg computation (types/size.go).
fn alg_kind(prog: &Program, lay: &Layouts, t: TypeId) -> Alg {
    let u = prog.underlying(t);
    match prog.ty(u) {
        Type::Basic(k) => {
            use BasicKind::*;
            match k {
                Float32 | Float64 | Complex64 | Complex128 | String => Alg::Other,
                UntypedFloat | UntypedComplex | UntypedString => Alg::Other,
                Invalid => Alg::NoEq,
                _ => Alg::Mem,
            }
        }
        Type::Pointer(_) | Type::Chan(..) => Alg::Mem,
        Type::Interface(_) => Alg::Other,
        Type::Func(_) | Type::Map(..) | Type::Slice(_) => Alg::NoEq,
        Type::Array(e, n) => match alg_kind(prog, lay, *e) {
            a @ (Alg::Mem | Alg::NoEq) => a,
            // A zero-length array of comparable elements has nothing to compare; a
            // one-element array is its element.
            Alg::Other if *n == 0 => Alg::Mem,
            Alg::Other => Alg::Other,
        },
        Type::Struct(fields) => {
            // A lone non-blank field makes the struct behave exactly like the field.
            if fields.len() == 1 && fields[0].name != "_" {
                return alg_kind(prog, lay, fields[0].typ);
            }
            let offs = lay.field_offsets(u);
            let size = lay.size(u);
            let mut alg = Alg::Mem;
            for (i, f) in fields.iter().enumerate() {
                let a = match alg_kind(prog, lay, f.typ) {
                    Alg::NoEq => return Alg::NoEq,
                    Alg::Mem => {
                        // Blank and padded fields need a special compare (types.IsPaddedField:
                        // the field does not end where the next one, or the struct, starts).
                        let end = offs.get(i + 1).copied().unwrap_or(size);
                        if f.name == "_" || offs[i] + lay.size(f.typ) != end {
                            Alg::Other
                        } else {
                            Alg::Mem
                        }
                    }
                    Alg::Other => Alg::Other,
                };
                if a == Alg::Other {
                    alg = Alg::Other;
                }
            }
            alg
        }
        Type::Tuple(_) | Type::Named(_) | Type::TypeParam(_) => Alg::NoEq,
    }
}

/// gc's compare.IsRegularMemory (= AlgType == AMEM), the rule for TFlag RegularMemory (§1.2).
/// Note the cases where it differs from a naive "no floats/strings/padding" walk: `[0]string`
/// and structs containing such arrays are regular memory.
pub fn is_regular_memory(prog: &Program, lay: &Layouts, t: TypeId) -> bool {
    alg_kind(prog, lay, t) == Alg::Mem
}

/// Whether `==` is defined on `t` (so its descriptor gets an Equal function).
pub fn is_comparable(prog: &Program, lay: &Layouts, t: TypeId) -> bool {
    alg_kind(prog, lay, t) != Alg::NoEq
}

// ---------------------------------------------------------------------------------------------
// Signatures.

/// gc's eqSigBuilder: runs of regular memory and of skipped bytes are queued so that adjacent
/// fields merge (`struct{a, b int32}` is `M8`, not `M4M4`).
struct SigBuilder<'a, 'p> {
    prog: &'a Program,
    lay: &'a Layouts<'p>,
    out: String,
    reg: u64,
    skip: u64,
}

impl SigBuilder<'_, '_> {
    fn flush(&mut self, at_end: bool) {
        if self.reg > 0 {
            self.out.push_str(&format!("M{}", self.reg));
            self.reg = 0;
        }
        if self.skip > 0 {
            // Trailing padding needs no comparison, so the signature just ends early.
            if !at_end {
                self.out.push_str(&format!("K{}", self.skip));
            }
            self.skip = 0;
        }
    }

    fn regular(&mut self, n: u64) {
        // gc flushes whenever no memory run is open, even for n == 0 (a zero-size AMEM array
        // emits a pending skip); kept identical so that signatures match byte for byte.
        if self.reg == 0 {
            self.flush(false);
        }
        self.reg += n;
    }

    fn skip(&mut self, n: u64) {
        if self.skip == 0 {
            self.flush(false);
        }
        self.skip += n;
    }

    fn tag(&mut self, c: char) {
        self.flush(false);
        self.out.push(c);
    }

    fn build(&mut self, t: TypeId) {
        let (prog, lay) = (self.prog, self.lay);
        let u = prog.underlying(t);
        match prog.ty(u) {
            Type::Basic(k) => {
                use BasicKind::*;
                match k {
                    Float32 => self.tag('F'),
                    Float64 => self.tag('G'),
                    Complex64 => {
                        self.tag('F');
                        self.tag('F');
                    }
                    Complex128 => {
                        self.tag('G');
                        self.tag('G');
                    }
                    String => self.tag('S'),
                    _ => self.regular(lay.size(u)),
                }
            }
            Type::Pointer(_) | Type::Chan(..) => self.regular(8),
            Type::Interface(it) => self.tag(if it.methods.is_empty() { 'E' } else { 'I' }),
            Type::Struct(fields) => {
                let offs = lay.field_offsets(u);
                let mut off = 0;
                for (f, &foff) in fields.iter().zip(&offs) {
                    if f.name == "_" {
                        continue;
                    }
                    if off < foff {
                        self.skip(foff - off);
                    }
                    self.build(f.typ);
                    off = foff + lay.size(f.typ);
                }
                let size = lay.size(u);
                if off < size {
                    self.skip(size - off);
                }
            }
            &Type::Array(et, n) => {
                if alg_kind(prog, lay, u) == Alg::Mem {
                    self.regular(lay.size(u));
                    return;
                }
                match n {
                    0 => {}
                    1 => self.build(et),
                    _ => {
                        let es = lay.size(et);
                        if es == 0 {
                            return;
                        }
                        // Loops are unrolled so that one iteration compares about 32 bytes; the
                        // remainder and a single iteration are written out flat.
                        let unroll = (32 / es).max(1);
                        let mut n = n;
                        while n % unroll != 0 {
                            self.build(et);
                            n -= 1;
                        }
                        if n == 0 {
                            return;
                        }
                        if n == unroll {
                            for _ in 0..n {
                                self.build(et);
                            }
                            return;
                        }
                        self.flush(false);
                        self.out.push_str(&format!("[{}", n / unroll));
                        for _ in 0..unroll {
                            self.build(et);
                        }
                        // Inside a loop body the trailing skip is kept: it is part of the stride.
                        self.flush(false);
                        self.out.push(']');
                    }
                }
            }
            // Not comparable; callers check comparability first.
            Type::Func(_)
            | Type::Map(..)
            | Type::Slice(_)
            | Type::Tuple(_)
            | Type::Named(_)
            | Type::TypeParam(_) => {}
        }
    }
}

/// gc's eq signature of `t`; `None` if `t` is not comparable.
pub fn eq_signature(prog: &Program, lay: &Layouts, t: TypeId) -> Option<String> {
    if !is_comparable(prog, lay, t) {
        return None;
    }
    let mut b = SigBuilder {
        prog,
        lay,
        out: String::new(),
        reg: 0,
        skip: 0,
    };
    b.build(t);
    b.flush(true);
    Some(b.out)
}

/// Equal of a comparable type (reflectdata.geneq); `None` → Equal = nil. Internal noalg types
/// (map groups) never reach here: their descriptors are synthesised with Equal = nil.
pub fn eq_alg(prog: &Program, lay: &Layouts, t: TypeId) -> Option<AlgRef> {
    eq_signature(prog, lay, t).map(|s| eq_alg_for_sig(&s))
}

/// MapType.Hasher for key type `t` (reflectdata.genhash); `None` if `t` is not comparable.
pub fn hash_alg(prog: &Program, lay: &Layouts, t: TypeId) -> Option<AlgRef> {
    eq_signature(prog, lay, t).map(|s| hash_alg_for_sig(&s))
}

/// geneqSig: the shared runtime closures for the common signatures, a varlen closure for any
/// other pure memory run, a generated function for everything else. On amd64 gc treats every
/// pointer as 8-aligned for this choice (CanMergeLoads), so M2/M4/M8/M16 always qualify.
pub fn eq_alg_for_sig(sig: &str) -> AlgRef {
    let rt = match sig {
        "" => Some("runtime.memequal0·f"),
        "M1" => Some("runtime.memequal8·f"),
        "M2" => Some("runtime.memequal16·f"),
        "M4" => Some("runtime.memequal32·f"),
        "M8" => Some("runtime.memequal64·f"),
        "M16" => Some("runtime.memequal128·f"),
        "S" => Some("runtime.strequal·f"),
        "I" => Some("runtime.interequal·f"),
        "E" => Some("runtime.nilinterequal·f"),
        "F" => Some("runtime.f32equal·f"),
        "G" => Some("runtime.f64equal·f"),
        "FF" => Some("runtime.c64equal·f"),
        "GG" => Some("runtime.c128equal·f"),
        _ => None,
    };
    if let Some(s) = rt {
        return AlgRef::Runtime(s);
    }
    if let Some(n) = pure_memory(sig) {
        return AlgRef::VarLen {
            closure_sym: format!("type:.eqfunc.{sig}"),
            func: "runtime.memequal_varlen",
            size: n,
        };
    }
    AlgRef::Generated {
        closure_sym: format!("type:.eqfunc.{sig}"),
        func_sym: eq_func_name(sig),
        sig: sig.to_string(),
    }
}

/// genhashSig: as [`eq_alg_for_sig`] with the hash closures.
pub fn hash_alg_for_sig(sig: &str) -> AlgRef {
    let rt = match sig {
        "" => Some("runtime.memhash0·f"),
        "M1" => Some("runtime.memhash8·f"),
        "M2" => Some("runtime.memhash16·f"),
        "M4" => Some("runtime.memhash32·f"),
        "M8" => Some("runtime.memhash64·f"),
        "M16" => Some("runtime.memhash128·f"),
        "S" => Some("runtime.strhash·f"),
        "I" => Some("runtime.interhash·f"),
        "E" => Some("runtime.nilinterhash·f"),
        "F" => Some("runtime.f32hash·f"),
        "G" => Some("runtime.f64hash·f"),
        "FF" => Some("runtime.c64hash·f"),
        "GG" => Some("runtime.c128hash·f"),
        _ => None,
    };
    if let Some(s) = rt {
        return AlgRef::Runtime(s);
    }
    if let Some(n) = pure_memory(sig) {
        return AlgRef::VarLen {
            closure_sym: format!("type:.hashfunc.{sig}"),
            func: "runtime.memhash_varlen",
            size: n,
        };
    }
    AlgRef::Generated {
        closure_sym: format!("type:.hashfunc.{sig}"),
        func_sym: hash_func_name(sig),
        sig: sig.to_string(),
    }
}

/// `type:.eq.<sig>`.
pub fn eq_func_name(sig: &str) -> String {
    format!("type:.eq.{sig}")
}

/// `type:.hash.<sig>`.
pub fn hash_func_name(sig: &str) -> String {
    format!("type:.hash.{sig}")
}

/// `Some(n)` if the signature is exactly `M<n>`.
fn pure_memory(sig: &str) -> Option<u64> {
    let digits = sig.strip_prefix('M')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

// ---------------------------------------------------------------------------------------------
// Signature parsing.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op<'s> {
    Mem(u64),
    Skip(u64),
    F32,
    F64,
    Str,
    Iface,
    Eface,
    /// `[n body]`: body is the element signature text (without brackets).
    Array(u64, &'s str),
}

fn parse_num(s: &str) -> (u64, &str) {
    let end = s
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(s.len());
    let n = s[..end]
        .parse()
        .unwrap_or_else(|_| panic!("bad number in eq signature at {s:?}"));
    (n, &s[end..])
}

fn parse_sig(mut sig: &str) -> Vec<Op<'_>> {
    let mut ops = Vec::new();
    if let Some(rest) = sig.strip_prefix('A') {
        // An alignment prefix only constrains load widths; amd64 loads are unaligned-safe.
        sig = parse_num(rest).1;
    }
    while let Some(c) = sig.chars().next() {
        sig = &sig[1..];
        let op = match c {
            'M' | 'K' => {
                let (n, rest) = parse_num(sig);
                sig = rest;
                if c == 'M' { Op::Mem(n) } else { Op::Skip(n) }
            }
            'F' => Op::F32,
            'G' => Op::F64,
            'S' => Op::Str,
            'I' => Op::Iface,
            'E' => Op::Eface,
            '[' => {
                let (n, rest) = parse_num(sig);
                let mut depth = 1;
                let close = rest
                    .bytes()
                    .position(|b| {
                        match b {
                            b'[' => depth += 1,
                            b']' => depth -= 1,
                            _ => {}
                        }
                        depth == 0
                    })
                    .unwrap_or_else(|| panic!("unbalanced brackets in eq signature {rest:?}"));
                sig = &rest[close + 1..];
                Op::Array(n, &rest[..close])
            }
            _ => panic!("bad eq signature character {c:?}"),
        };
        ops.push(op);
    }
    ops
}

/// Size in bytes of the memory a signature describes (gc's sigSize).
fn sig_size(sig: &str) -> u64 {
    parse_sig(sig)
        .iter()
        .map(|op| match *op {
            Op::Mem(n) | Op::Skip(n) => n,
            Op::F32 => 4,
            Op::F64 => 8,
            Op::Str | Op::Iface | Op::Eface => 16,
            Op::Array(n, body) => n * sig_size(body),
        })
        .sum()
}

/// gc's sigTrimSkip: a loop body's trailing `K<n>` matters for the stride but not for the
/// element comparison, so the per-element eq function is named without it.
fn trim_skip(s: &str) -> &str {
    match s.rfind('K') {
        Some(i) if s[i + 1..].bytes().all(|b| b.is_ascii_digit()) => &s[..i],
        _ => s,
    }
}

/// Signatures of the element functions `sig`'s loops call, in order: `type:.eq.<body>` for the
/// equality function (trailing skips trimmed, as gc does).
pub fn eq_helper_sigs(sig: &str) -> Vec<String> {
    parse_sig(sig)
        .iter()
        .filter_map(|op| match op {
            Op::Array(_, body) => Some(trim_skip(body).to_string()),
            _ => None,
        })
        .collect()
}

/// As [`eq_helper_sigs`] for `type:.hash.<body>` (gc does not trim the hash body's skip).
pub fn hash_helper_sigs(sig: &str) -> Vec<String> {
    parse_sig(sig)
        .iter()
        .filter_map(|op| match op {
            Op::Array(_, body) => Some(body.to_string()),
            _ => None,
        })
        .collect()
}

/// `type:.eq.<sig>` and every element function it needs (transitively), each once. gc generates
/// the element functions even when a runtime closure exists for the body (`type:.eq.SS`).
pub fn generate_eq_functions(sig: &str) -> Vec<Function> {
    collect_functions(sig, eq_helper_sigs, |s| {
        generate_eq_function(&eq_func_name(s), s)
    })
}

/// `type:.hash.<sig>` and every element function it needs, each once.
pub fn generate_hash_functions(sig: &str) -> Vec<Function> {
    collect_functions(sig, hash_helper_sigs, |s| {
        generate_hash_function(&hash_func_name(s), s)
    })
}

fn collect_functions(
    sig: &str,
    helpers: fn(&str) -> Vec<String>,
    generate: impl Fn(&str) -> Function,
) -> Vec<Function> {
    let mut done: Vec<String> = Vec::new();
    let mut work = vec![sig.to_string()];
    let mut out = Vec::new();
    while let Some(s) = work.pop() {
        if done.contains(&s) {
            continue;
        }
        out.push(generate(&s));
        work.extend(helpers(&s));
        done.push(s);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Generated functions.

/// gc's autogenerated functions have file `<autogenerated>` and line 1 (§1.5).
fn new_builder(name: &str) -> FnBuilder {
    let mut b = FnBuilder::new(name.to_string(), CallConv::Go, "<autogenerated>".into(), 1);
    // DUPOK in gc; local here so that modules can each carry their copy.
    b.func.global = false;
    b.line(1);
    b
}

/// A loop `for i := start; i < end; i += step { body(p+i) }` where `body` emits the per-element
/// work given the index register; leaves the builder in the exit block.
fn emit_loop(
    b: &mut FnBuilder,
    start: u64,
    end: u64,
    step: u64,
    body: impl FnOnce(&mut FnBuilder, Var),
) {
    let idx = b.var(Ty::I64);
    b.emit(Inst::Iconst {
        dst: idx,
        ty: Ty::I64,
        value: start as i64,
    });
    let (head, body_b, exit) = (b.block(), b.block(), b.block());
    b.jump(head);
    b.switch_to(head);
    let endv = b.iconst(Ty::I64, end as i64);
    let c = b.icmp(Cmp::ULt, idx, endv);
    b.branch(c, body_b, exit);
    b.switch_to(body_b);
    body(b, idx);
    let stepv = b.iconst(Ty::I64, step as i64);
    b.emit(Inst::Binary {
        dst: idx,
        op: BinOp::Add,
        a: idx,
        b: stepv,
    });
    b.jump(head);
    b.switch_to(exit);
}

struct EqGen {
    b: FnBuilder,
    ctx: Var,
    p: Var,
    q: Var,
    neq: BlockId,
    off: u64,
    /// Offsets of strings whose lengths were compared but whose bytes were not yet: gc
    /// postpones the (possibly long) content comparisons until an interface, a loop or the end.
    pending_strings: Vec<u64>,
}

impl EqGen {
    /// Continue if `cond` holds, else return false.
    fn test(&mut self, cond: Var) {
        let next = self.b.block();
        self.b.branch(cond, next, self.neq);
        self.b.switch_to(next);
    }

    fn compare_int(&mut self, ty: Ty, off: u64) {
        let x = self.b.load(ty, self.p, off as i64);
        let y = self.b.load(ty, self.q, off as i64);
        let c = self.b.icmp(Cmp::Eq, x, y);
        self.test(c);
    }

    fn compare_float(&mut self, ty: Ty) {
        let x = self.b.load(ty, self.p, self.off as i64);
        let y = self.b.load(ty, self.q, self.off as i64);
        // Ordered equality: NaN is unequal to everything, +0 == -0.
        let c = self.b.fcmp(FCmp::Eq, x, y);
        self.test(c);
        self.off += ty.bytes() as u64;
    }

    fn memequal(&mut self, px: Var, qx: Var, n: Var) {
        let r = self.b.ccall("runtime.memequal", vec![px, qx, n], &[Ty::I8])[0];
        self.test(r);
    }

    /// n bytes of regular memory: one runtime.memequal call above 64 bytes, otherwise the widest
    /// loads that fit, finishing a run of at least 8 (or 4) bytes with one overlapping load
    /// instead of several narrow ones, as gc does when unaligned loads are allowed.
    fn compare_memory(&mut self, n: u64) {
        if n > 64 {
            let px = self.b.add_imm(self.p, self.off as i64);
            let qx = self.b.add_imm(self.q, self.off as i64);
            let nv = self.b.iconst(Ty::I64, n as i64);
            self.memequal(px, qx, nv);
            self.off += n;
            return;
        }
        let n0 = n;
        let mut n = n;
        while n != 0 {
            let ty = if n >= 8 {
                Ty::I64
            } else if (5..=7).contains(&n) && n0 >= 8 {
                self.off -= 8 - n;
                n = 8;
                Ty::I64
            } else if n >= 4 {
                Ty::I32
            } else if n == 3 && n0 >= 4 {
                self.off -= 1;
                n = 4;
                Ty::I32
            } else if n >= 2 {
                Ty::I16
            } else {
                Ty::I8
            };
            self.compare_int(ty, self.off);
            self.off += ty.bytes() as u64;
            n -= ty.bytes() as u64;
        }
    }

    fn flush_strings(&mut self) {
        for off in std::mem::take(&mut self.pending_strings) {
            let px = self.b.load(Ty::I64, self.p, off as i64);
            let qx = self.b.load(Ty::I64, self.q, off as i64);
            // The lengths are already known to be equal.
            let n = self.b.load(Ty::I64, self.p, off as i64 + 8);
            self.memequal(px, qx, n);
        }
    }

    fn op(&mut self, op: Op<'_>) {
        match op {
            Op::Mem(n) => self.compare_memory(n),
            Op::Skip(n) => self.off += n,
            Op::F32 => self.compare_float(Ty::F32),
            Op::F64 => self.compare_float(Ty::F64),
            Op::Str => {
                self.pending_strings.push(self.off);
                self.compare_int(Ty::I64, self.off + 8);
                self.off += 16;
            }
            Op::Iface | Op::Eface => {
                // Earlier fields must all be equal before an interface comparison may panic on
                // an uncomparable dynamic type, so the postponed string contents go first.
                self.flush_strings();
                let off = self.off as i64;
                let tx = self.b.load(Ty::I64, self.p, off);
                let ty = self.b.load(Ty::I64, self.q, off);
                let c = self.b.icmp(Cmp::Eq, tx, ty);
                self.test(c);
                let dx = self.b.load(Ty::I64, self.p, off + 8);
                let dy = self.b.load(Ty::I64, self.q, off + 8);
                let f = if op == Op::Eface {
                    "runtime.efaceeq"
                } else {
                    "runtime.ifaceeq"
                };
                let r = self.b.ccall(f, vec![tx, dx, dy], &[Ty::I8])[0];
                self.test(r);
                self.off += 16;
            }
            Op::Array(n, body) => {
                self.flush_strings();
                let es = sig_size(body);
                let callee = eq_func_name(trim_skip(body));
                let (ctx, p, q, neq) = (self.ctx, self.p, self.q, self.neq);
                // (Saturating: only types larger than gc's address-space limit get near overflow.)
                let end = self.off.saturating_add(n.saturating_mul(es));
                emit_loop(&mut self.b, self.off, end, es, |b, i| {
                    let pi = b.bin(BinOp::Add, p, i);
                    let qi = b.bin(BinOp::Add, q, i);
                    let r = b.var(Ty::I8);
                    b.emit(Inst::Call {
                        callee: Callee::Direct(callee),
                        conv: CallConv::Go,
                        args: vec![ctx, pi, qi],
                        results: vec![r],
                    });
                    let next = b.block();
                    b.branch(r, next, neq);
                    b.switch_to(next);
                });
                self.off = end;
            }
        }
    }
}

/// The generated equality function for `sig` (gc's eqFunc): Go convention `(ctx, p, q) -> i8`
/// (1 = equal), named `name`. Comparisons run in signature order and stop at the first
/// difference; string contents are compared after the following scalars (and before any
/// interface or loop); loops call `type:.eq.<body>` (see [`generate_eq_functions`]).
pub fn generate_eq_function(name: &str, sig: &str) -> Function {
    let mut b = new_builder(name);
    let ctx = b.param(Ty::I64);
    let p = b.param(Ty::I64);
    let q = b.param(Ty::I64);
    b.func.results = vec![Ty::I8];
    let neq = b.block();
    let mut g = EqGen {
        b,
        ctx,
        p,
        q,
        neq,
        off: 0,
        pending_strings: Vec::new(),
    };
    for op in parse_sig(sig) {
        g.op(op);
    }
    g.flush_strings();
    let mut b = g.b;
    let one = b.iconst(Ty::I8, 1);
    b.terminate(Terminator::Return(vec![one]));
    b.switch_to(neq);
    let zero = b.iconst(Ty::I8, 0);
    b.terminate(Terminator::Return(vec![zero]));
    b.finish()
}

/// The generated hash function for `sig` (gc's hashFunc): Go convention `(ctx, p, seed) -> i64`,
/// chaining the runtime hash functions over the signature's parts in order (skips ignored).
/// Memory runs use `runtime.memhash32`/`memhash64` for 4/8 bytes and `runtime.memhash(p, h, n)`
/// otherwise; loops call `type:.hash.<body>` (see [`generate_hash_functions`]).
pub fn generate_hash_function(name: &str, sig: &str) -> Function {
    let mut b = new_builder(name);
    let ctx = b.param(Ty::I64);
    let p = b.param(Ty::I64);
    let seed = b.param(Ty::I64);
    b.func.results = vec![Ty::I64];
    // The running hash, reassigned by every call.
    let h = b.var(Ty::I64);
    b.emit(Inst::Copy { dst: h, src: seed });
    // rt's algorithm functions take a closure context first (they double as closure code);
    // the fixed-size ones ignore it.
    let zero = b.iconst(Ty::I64, 0);
    let mut off = 0u64;
    let ccall_into = |b: &mut FnBuilder, f: &str, args: Vec<Var>| {
        b.emit(Inst::Call {
            callee: Callee::Direct(f.to_string()),
            conv: CallConv::C,
            args,
            results: vec![h],
        });
    };
    for op in parse_sig(sig) {
        let pa = |b: &mut FnBuilder| b.add_imm(p, off as i64);
        match op {
            Op::Mem(n) => {
                let pp = pa(&mut b);
                match n {
                    4 => ccall_into(&mut b, "runtime.memhash32", vec![zero, pp, h]),
                    8 => ccall_into(&mut b, "runtime.memhash64", vec![zero, pp, h]),
                    _ => {
                        let nv = b.iconst(Ty::I64, n as i64);
                        ccall_into(&mut b, "runtime.memhash", vec![pp, h, nv]);
                    }
                }
                off += n;
            }
            Op::Skip(n) => off += n,
            Op::F32 | Op::F64 | Op::Str | Op::Iface | Op::Eface => {
                let (f, size) = match op {
                    Op::F32 => ("runtime.f32hash", 4),
                    Op::F64 => ("runtime.f64hash", 8),
                    Op::Str => ("runtime.strhash", 16),
                    Op::Iface => ("runtime.interhash", 16),
                    _ => ("runtime.nilinterhash", 16),
                };
                let pp = pa(&mut b);
                ccall_into(&mut b, f, vec![zero, pp, h]);
                off += size;
            }
            Op::Array(n, body) => {
                let es = sig_size(body);
                let callee = hash_func_name(body);
                emit_loop(&mut b, off, off + n * es, es, |b, i| {
                    let pi = b.bin(BinOp::Add, p, i);
                    b.emit(Inst::Call {
                        callee: Callee::Direct(callee),
                        conv: CallConv::Go,
                        args: vec![ctx, pi, h],
                        results: vec![h],
                    });
                });
                off += n * es;
            }
        }
    }
    b.terminate(Terminator::Return(vec![h]));
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontend::ast::NodeIdGen;
    use frontend::source::FileSet;
    use frontend::types::{ParsedPackage, check_program};

    fn check(src: &str) -> Program {
        let mut fset = FileSet::new();
        fset.add("alg_test.go".into(), src.into());
        let mut ids = NodeIdGen::new();
        let file = frontend::parser::parse_file(&fset, 0, &mut ids)
            .unwrap_or_else(|d| panic!("parse: {}", frontend::diag::render(&fset, &d)));
        let render = fset.clone();
        let pkg = ParsedPackage {
            path: "main".into(),
            files: vec![file],
            import_map: Default::default(),
        };
        check_program(fset, vec![pkg])
            .unwrap_or_else(|d| panic!("check: {}", frontend::diag::render(&render, &d)))
    }

    fn named(prog: &Program, name: &str) -> TypeId {
        let pkg = prog.package_by_path("main").expect("package main");
        let o = prog
            .scope_lookup(pkg.scope, name)
            .unwrap_or_else(|| panic!("no type {name}"));
        prog.obj(o).typ
    }

    /// Types (as `type <name> <def>`) and gc 1.27.3's Equal / Hasher for them, read from the
    /// descriptors of a real gc binary (closure PCs resolved with `go tool nm`; varlen sizes
    /// from closure word 1). Generated names are `type:.eq.<sig>` / `type:.hash.<sig>`.
    const GC_TABLE: &[(&str, &str, &str)] = &[
        // (name, definition, signature)
        ("Pad", "struct { a int8; b int64 }", "M1K7M8"),
        ("TailPad", "struct { a int64; b int8 }", "M9"),
        ("Blank", "struct { a int32; _ int32; b int64 }", "M4K4M8"),
        (
            "T",
            "struct { a int64; s string; b, c, d int64; f float32 }",
            "M8SM24F",
        ),
        (
            "Mixed",
            "struct { i int32; j uint32; s string; e error }",
            "M8SI",
        ),
        ("WithArr", "struct { a [3]int; f float64 }", "M24G"),
        ("Eface", "struct { x any; n int }", "EM8"),
        ("Floats", "struct { a, b float64 }", "GG"),
        ("C", "struct { c complex64; d complex128 }", "FFGG"),
        ("Strs4", "struct { a, b, c, d string }", "SSSS"),
        (
            "Nested",
            "struct { p Pad; arr [3]Pad }",
            "M1K7M9K7M9K7M9K7M8",
        ),
        ("Small", "struct { a, b int16; c int8 }", "M5"),
        ("OneF", "struct { f float64 }", "G"),
        ("Empty", "struct{}", ""),
        ("Big", "struct { a [100]byte; s string }", "M100K4S"),
        (
            "Odd",
            "struct { a [3]byte; b int16; s string }",
            "M3K1M2K2S",
        ),
        ("Five", "struct { a [5]byte; s string }", "M5K3S"),
        ("Arr10F", "[10]float64", "GG[2GGGG]"),
        ("LastZero", "struct { a int64; z struct{} }", "M8"),
        ("S2", "[2]string", "SS"),
        ("S3", "[3]string", "SSS"),
        ("S4", "[4]string", "[2SS]"),
        ("S5", "[5]string", "S[2SS]"),
        ("S8", "[8]string", "[4SS]"),
        ("I3", "[3]int", "M24"),
        ("B200", "[200]byte", "M200"),
        ("F3", "[3]float32", "FFF"),
        ("F9", "[9]float32", "FFFFFFFFF"),
        ("E2", "[2]any", "EE"),
        ("Err4", "[4]error", "[2II]"),
        ("Pad2", "[2]Pad", "M1K7M9K7M8"),
        ("TailPad3", "[3]TailPad", "M9K7M9K7M9"),
        ("Pad100", "[100]Pad", "[50M1K7M9K7M8]"),
        ("Blank7", "[7]Blank", "M4K4M8[3M4K4M12K4M8]"),
        ("SS23", "[2][3]string", "[2SSS]"),
        ("S1", "[1]string", "S"),
        ("Pad1", "[1]Pad", "M1K7M8"),
        ("S0", "[0]string", ""),
        ("F32", "float32", "F"),
        ("C64", "complex64", "FF"),
        ("C128", "complex128", "GG"),
        ("Str", "string", "S"),
        ("Any", "any", "E"),
        ("IErr", "error", "I"),
        ("I8", "int8", "M1"),
        ("I16", "int16", "M2"),
        ("I32", "int32", "M4"),
        ("I64", "int64", "M8"),
        ("I64x2", "[2]int64", "M16"),
        ("I8x3", "[3]int8", "M3"),
        ("Anon1", "struct { a, b, c int8; d int64 }", "M3K5M8"),
        ("Anon2", "struct { a [7]byte; s string }", "M7K1S"),
        ("Anon3", "struct { a [65]byte; b int8; s string }", "M66K6S"),
        ("Anon4", "struct { s string; a [3]string }", "SSSS"),
        ("Anon5", "struct { s string; e any; t string }", "SES"),
        (
            "Anon6",
            "[5]struct { a int32; f float32 }",
            "M4FM4FM4FM4FM4F",
        ),
        ("Anon7", "[3]struct { a int64; s string; e any }", "[3M8SE]"),
        (
            "Anon8",
            "struct { x [2]struct { s string; b int8 } }",
            "[2SM1K7]",
        ),
        ("GB", "struct { f float64; _ [24]byte }", "G"),
        ("GB3", "[3]GB", "[3GK24]"),
        (
            "Z0",
            "struct { a int8; _ int8; z [0]int; b int8 }",
            "M1K7M1",
        ),
        ("RM", "struct { a [0]string; b int }", "M8"),
        ("BlankOnly", "struct { _ int }", ""),
        (
            "PtrEtc",
            "struct { p *int; c chan int; u uintptr; b bool }",
            "M25",
        ),
        ("Big2", "struct { x [70]byte; y [3]int16 }", "M76"),
        ("Big2x2", "[2]Big2", "M152"),
        ("I16x40", "[40]int16", "M80"),
        ("F17", "[17]float64", "G[4GGGG]"),
        ("Anon9", "struct { a int8; e error }", "M1K7I"),
        ("C64x2", "[2]complex64", "FFFF"),
        ("C128x6", "[6]complex128", "[3GGGG]"),
        ("Anon10", "struct { a, b float32; c int32 }", "FFM4"),
    ];

    fn table_program() -> Program {
        let mut src = String::from("package main\n\n");
        for (name, def, _) in GC_TABLE {
            src.push_str(&format!("type {name} {def}\n"));
        }
        src.push_str(
            "type Small2 struct { a, b int16 }\ntype Fn func()\ntype Sl []int\ntype Mp map[int]int\n\
             type HasSl struct { a int; s []int }\ntype BlankSl struct { _ []int }\n\
             type ZeroFn [0]func()\n\nfunc main() {}\n",
        );
        check(&src)
    }

    #[test]
    fn signatures_match_gc() {
        let prog = table_program();
        let lay = Layouts::new(&prog);
        for (name, def, sig) in GC_TABLE {
            let t = named(&prog, name);
            assert_eq!(
                eq_signature(&prog, &lay, t).as_deref(),
                Some(*sig),
                "{name} = {def}"
            );
        }
        for name in ["Fn", "Sl", "Mp", "HasSl", "BlankSl", "ZeroFn"] {
            let t = named(&prog, name);
            assert_eq!(eq_signature(&prog, &lay, t), None, "{name}");
            assert_eq!(eq_alg(&prog, &lay, t), None, "{name}");
            assert_eq!(hash_alg(&prog, &lay, t), None, "{name}");
        }
    }

    #[test]
    fn closures_match_gc() {
        let prog = table_program();
        let lay = Layouts::new(&prog);
        let rt = |n| AlgRef::Runtime(n);
        let gen_eq = |s: &str| AlgRef::Generated {
            closure_sym: format!("type:.eqfunc.{s}"),
            func_sym: format!("type:.eq.{s}"),
            sig: s.into(),
        };
        let varlen_eq = |n: u64| AlgRef::VarLen {
            closure_sym: format!("type:.eqfunc.M{n}"),
            func: "runtime.memequal_varlen",
            size: n,
        };
        let cases = [
            ("Empty", rt("runtime.memequal0·f"), rt("runtime.memhash0·f")),
            ("I8", rt("runtime.memequal8·f"), rt("runtime.memhash8·f")),
            ("I16", rt("runtime.memequal16·f"), rt("runtime.memhash16·f")),
            ("I32", rt("runtime.memequal32·f"), rt("runtime.memhash32·f")),
            (
                "LastZero",
                rt("runtime.memequal64·f"),
                rt("runtime.memhash64·f"),
            ),
            (
                "I64x2",
                rt("runtime.memequal128·f"),
                rt("runtime.memhash128·f"),
            ),
            ("S1", rt("runtime.strequal·f"), rt("runtime.strhash·f")),
            (
                "IErr",
                rt("runtime.interequal·f"),
                rt("runtime.interhash·f"),
            ),
            (
                "Any",
                rt("runtime.nilinterequal·f"),
                rt("runtime.nilinterhash·f"),
            ),
            ("F32", rt("runtime.f32equal·f"), rt("runtime.f32hash·f")),
            ("OneF", rt("runtime.f64equal·f"), rt("runtime.f64hash·f")),
            ("C64", rt("runtime.c64equal·f"), rt("runtime.c64hash·f")),
            (
                "Floats",
                rt("runtime.c128equal·f"),
                rt("runtime.c128hash·f"),
            ),
        ];
        for (name, eq, hash) in cases {
            let t = named(&prog, name);
            assert_eq!(eq_alg(&prog, &lay, t), Some(eq), "{name}");
            assert_eq!(hash_alg(&prog, &lay, t), Some(hash), "{name}");
        }
        for (name, n) in [("TailPad", 9), ("Small", 5), ("I3", 24), ("B200", 200)] {
            let t = named(&prog, name);
            assert_eq!(eq_alg(&prog, &lay, t), Some(varlen_eq(n)), "{name}");
            let Some(AlgRef::VarLen {
                closure_sym,
                func,
                size,
            }) = hash_alg(&prog, &lay, t)
            else {
                panic!("{name}: hash not varlen");
            };
            assert_eq!(
                (closure_sym.as_str(), func, size),
                (
                    format!("type:.hashfunc.M{n}").as_str(),
                    "runtime.memhash_varlen",
                    n
                )
            );
        }
        let t = named(&prog, "T");
        assert_eq!(eq_alg(&prog, &lay, t), Some(gen_eq("M8SM24F")));
        let Some(AlgRef::Generated { func_sym, .. }) = hash_alg(&prog, &lay, t) else {
            panic!("T: hash not generated");
        };
        assert_eq!(func_sym, "type:.hash.M8SM24F");
    }

    #[test]
    fn closure_objects() {
        let v = eq_alg_for_sig("M24").closure_object().unwrap();
        assert_eq!(v.name, "type:.eqfunc.M24");
        assert_eq!(v.size, 16);
        assert_eq!(&v.bytes[8..], &24u64.to_le_bytes());
        assert_eq!(v.relocs[0].target, "runtime.memequal_varlen");
        let g = hash_alg_for_sig("SS").closure_object().unwrap();
        assert_eq!((g.name.as_str(), g.size), ("type:.hashfunc.SS", 8));
        assert_eq!(g.relocs[0].target, "type:.hash.SS");
        assert!(eq_alg_for_sig("S").closure_object().is_none());
    }

    #[test]
    fn regular_memory_is_gc_amem() {
        let prog = table_program();
        let lay = Layouts::new(&prog);
        let yes = ["I3", "S0", "RM", "Empty", "I8x3", "Big2x2", "Small2"];
        let no = [
            "Pad",
            "TailPad",
            "Blank",
            "LastZero",
            "BlankOnly",
            "OneF",
            "Str",
            "S1",
            "PtrEtc",
        ];
        for n in yes {
            assert!(is_regular_memory(&prog, &lay, named(&prog, n)), "{n}");
        }
        for n in no {
            assert!(!is_regular_memory(&prog, &lay, named(&prog, n)), "{n}");
        }
    }

    #[test]
    fn helper_functions_named_like_gc() {
        // gc: type:.eq.G but type:.hash.GK24 for [3]GB; type:.eq.SM1 / type:.hash.SM1K7.
        assert_eq!(eq_helper_sigs("[3GK24]"), vec!["G"]);
        assert_eq!(hash_helper_sigs("[3GK24]"), vec!["GK24"]);
        assert_eq!(eq_helper_sigs("[2SM1K7]"), vec!["SM1"]);
        assert_eq!(hash_helper_sigs("[2SM1K7]"), vec!["SM1K7"]);
        assert_eq!(eq_helper_sigs("M4K4M8[3M4K4M12K4M8]"), vec!["M4K4M12K4M8"]);
        let names: Vec<String> = generate_eq_functions("S[2SS]")
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, vec!["type:.eq.S[2SS]", "type:.eq.SS"]);
        assert_eq!(sig_size("M4K4M8[3M4K4M12K4M8]"), 112);
        assert_eq!(trim_skip("[2M1K7]"), "[2M1K7]");
    }

    // ---- A small interpreter for the generated IR ---------------------------------------------

    const BASE: u64 = 0x1000;
    /// A dynamic type word whose equality panics (an uncomparable dynamic type).
    const PANIC_TYPE: u64 = 0xdead;

    #[derive(Default)]
    struct Machine {
        mem: Vec<u8>,
        /// Calls to runtime functions, as (name, first pointer argument relative to `origin`).
        log: Vec<(String, i64)>,
        origin: u64,
        /// Loads of the entry function's `p` argument region: (offset, width).
        loads: Vec<(i64, u32)>,
    }

    impl Machine {
        fn alloc(&mut self, bytes: &[u8]) -> u64 {
            while !self.mem.len().is_multiple_of(16) {
                self.mem.push(0);
            }
            let a = BASE + self.mem.len() as u64;
            self.mem.extend_from_slice(bytes);
            a
        }
        fn read(&self, addr: u64, n: u32) -> u64 {
            let i = (addr - BASE) as usize;
            let mut b = [0u8; 8];
            b[..n as usize].copy_from_slice(&self.mem[i..i + n as usize]);
            u64::from_le_bytes(b)
        }
        fn bytes(&self, addr: u64, n: u64) -> &[u8] {
            if n == 0 {
                return &[];
            }
            let i = (addr - BASE) as usize;
            &self.mem[i..i + n as usize]
        }

        /// Runs `f`; `Err` models a Go panic.
        fn run(&mut self, f: &Function, args: &[u64], top: bool) -> Result<u64, String> {
            let mut v = vec![0u64; f.vars.len()];
            for (p, a) in f.params.iter().zip(args) {
                v[p.0 as usize] = *a;
            }
            let mut blk = 0usize;
            loop {
                let b = &f.blocks[blk];
                for inst in &b.insts {
                    match inst {
                        Inst::Line(_) => {}
                        Inst::Iconst { dst, value, .. } => v[dst.0 as usize] = *value as u64,
                        Inst::Copy { dst, src } => v[dst.0 as usize] = v[src.0 as usize],
                        Inst::Binary { dst, op, a, b } => {
                            assert_eq!(*op, BinOp::Add);
                            v[dst.0 as usize] = v[a.0 as usize].wrapping_add(v[b.0 as usize]);
                        }
                        Inst::Icmp { dst, cmp, a, b } => {
                            let (x, y) = (v[a.0 as usize], v[b.0 as usize]);
                            v[dst.0 as usize] = match cmp {
                                Cmp::Eq => (x == y) as u64,
                                Cmp::ULt => (x < y) as u64,
                                c => panic!("unexpected {c:?}"),
                            };
                        }
                        Inst::Fcmp { dst, cmp, a, b } => {
                            assert_eq!(*cmp, FCmp::Eq);
                            let (x, y) = (v[a.0 as usize], v[b.0 as usize]);
                            v[dst.0 as usize] = match f.vars[a.0 as usize] {
                                Ty::F32 => f32::from_bits(x as u32) == f32::from_bits(y as u32),
                                _ => f64::from_bits(x) == f64::from_bits(y),
                            } as u64;
                        }
                        Inst::Load { dst, addr, offset } => {
                            let ty = f.vars[dst.0 as usize];
                            let a = v[addr.0 as usize].wrapping_add(*offset as i64 as u64);
                            if top && *addr == f.params[1] {
                                self.loads.push((*offset as i64, ty.bytes()));
                            }
                            v[dst.0 as usize] = self.read(a, ty.bytes());
                        }
                        Inst::Call {
                            callee: Callee::Direct(name),
                            conv,
                            args,
                            results,
                        } => {
                            let a: Vec<u64> = args.iter().map(|x| v[x.0 as usize]).collect();
                            let r = match conv {
                                CallConv::Go => {
                                    let g = if let Some(s) = name.strip_prefix("type:.eq.") {
                                        generate_eq_function(name, s)
                                    } else {
                                        let s = name.strip_prefix("type:.hash.").unwrap();
                                        generate_hash_function(name, s)
                                    };
                                    self.run(&g, &a, false)?
                                }
                                CallConv::C => self.runtime(name, &a)?,
                            };
                            if let Some(d) = results.first() {
                                v[d.0 as usize] = r;
                            }
                        }
                        i => panic!("unexpected instruction {i}"),
                    }
                }
                match &b.term {
                    Terminator::Jump(t) => blk = t.0 as usize,
                    Terminator::Branch { cond, then, els } => {
                        blk = if v[cond.0 as usize] != 0 {
                            then.0
                        } else {
                            els.0
                        } as usize
                    }
                    Terminator::Return(r) => return Ok(v[r[0].0 as usize]),
                    t => panic!("unexpected terminator {t}"),
                }
            }
        }

        fn runtime(&mut self, name: &str, a: &[u64]) -> Result<u64, String> {
            let rel = |p: u64| p as i64 - self.origin as i64;
            let short = name.trim_start_matches("runtime.").to_string();
            match name {
                "runtime.memequal" => {
                    self.log.push((format!("memequal{}", a[2]), rel(a[0])));
                    Ok((self.bytes(a[0], a[2]) == self.bytes(a[1], a[2])) as u64)
                }
                "runtime.efaceeq" | "runtime.ifaceeq" => {
                    self.log.push((short, a[0] as i64));
                    if a[0] == PANIC_TYPE {
                        return Err("comparing uncomparable type".into());
                    }
                    Ok((a[1] == a[2]) as u64)
                }
                "runtime.memhash" => {
                    self.log.push((format!("memhash{}", a[2]), rel(a[0])));
                    Ok(a[1].wrapping_mul(31).wrapping_add(a[2]))
                }
                _ => {
                    // (ctx, p, seed) hash functions.
                    assert_eq!(a[0], 0, "{name}: ctx");
                    self.log.push((short, rel(a[1])));
                    Ok(a[2].wrapping_mul(31).wrapping_add(1))
                }
            }
        }

        fn eq(&mut self, sig: &str, x: &[u8], y: &[u8]) -> Result<bool, String> {
            let (p, q) = (self.alloc(x), self.alloc(y));
            self.origin = p;
            self.log.clear();
            self.loads.clear();
            let f = generate_eq_function(&eq_func_name(sig), sig);
            self.run(&f, &[0, p, q], true).map(|r| r == 1)
        }
    }

    /// Builds a value image from (offset, bytes) pieces.
    fn image(size: usize, parts: &[(usize, &[u8])]) -> Vec<u8> {
        let mut v = vec![0u8; size];
        for (off, b) in parts {
            v[*off..off + b.len()].copy_from_slice(b);
        }
        v
    }

    fn string_header(m: &mut Machine, s: &[u8]) -> [u8; 16] {
        let p = m.alloc(s);
        let mut h = [0u8; 16];
        h[..8].copy_from_slice(&p.to_le_bytes());
        h[8..].copy_from_slice(&(s.len() as u64).to_le_bytes());
        h
    }

    #[test]
    fn eq_struct_fields() {
        // struct { a int64; s string; b, c, d int64; f float32 } = M8SM24F
        let mut m = Machine::default();
        let s1 = string_header(&mut m, b"hello");
        let s2 = string_header(&mut m, b"hello");
        let s3 = string_header(&mut m, b"hellO");
        let val = |s: &[u8; 16], d: u64, f: f32| {
            image(
                56,
                &[
                    (0, &7u64.to_le_bytes()),
                    (8, s),
                    (24, &1u64.to_le_bytes()),
                    (32, &2u64.to_le_bytes()),
                    (40, &d.to_le_bytes()),
                    (48, &f.to_bits().to_le_bytes()),
                ],
            )
        };
        let sig = "M8SM24F";
        assert_eq!(m.eq(sig, &val(&s1, 3, 1.5), &val(&s2, 3, 1.5)), Ok(true));
        // gc's order: a, len(s), b..d, f, then the string bytes.
        assert_eq!(
            m.loads,
            vec![
                (0, 8),
                (16, 8),
                (24, 8),
                (32, 8),
                (40, 8),
                (48, 4),
                (8, 8),
                (16, 8)
            ]
        );
        let names: Vec<&str> = m.log.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["memequal5"]);
        assert_eq!(m.eq(sig, &val(&s1, 3, 1.5), &val(&s3, 3, 1.5)), Ok(false));
        assert_eq!(m.eq(sig, &val(&s1, 3, 1.5), &val(&s2, 4, 1.5)), Ok(false));
        assert!(
            m.log.is_empty(),
            "a scalar difference stops before the string bytes"
        );
        assert_eq!(m.eq(sig, &val(&s1, 3, 0.0), &val(&s2, 3, -0.0)), Ok(true));
        assert_eq!(
            m.eq(sig, &val(&s1, 3, f32::NAN), &val(&s1, 3, f32::NAN)),
            Ok(false)
        );
    }

    #[test]
    fn eq_skips_padding_and_blank() {
        let mut m = Machine::default();
        // struct { a int8; b int64 } = M1K7M8: padding bytes differ.
        let x = image(16, &[(0, &[1]), (1, &[9; 7]), (8, &5u64.to_le_bytes())]);
        let y = image(16, &[(0, &[1]), (1, &[3; 7]), (8, &5u64.to_le_bytes())]);
        assert_eq!(m.eq("M1K7M8", &x, &y), Ok(true));
        assert_eq!(m.loads, vec![(0, 1), (8, 8)]);
        let z = image(16, &[(0, &[2]), (8, &5u64.to_le_bytes())]);
        assert_eq!(m.eq("M1K7M8", &x, &z), Ok(false));
    }

    #[test]
    fn eq_memory_load_widths() {
        let mut m = Machine::default();
        let x = [0u8; 100];
        let widths = |m: &mut Machine, sig: &str| {
            m.eq(sig, &x, &x).unwrap();
            m.loads.clone()
        };
        // Overlapping final loads once a run is at least 8 (or 4) bytes, as gc.
        assert_eq!(widths(&mut m, "M15"), vec![(0, 8), (7, 8)]);
        assert_eq!(widths(&mut m, "M7"), vec![(0, 4), (3, 4)]);
        assert_eq!(widths(&mut m, "M5K3S")[..2], [(0, 4), (4, 1)]);
        assert_eq!(widths(&mut m, "M3K1M2"), vec![(0, 2), (2, 1), (4, 2)]);
        assert_eq!(
            widths(&mut m, "M64"),
            (0..8).map(|i| (i * 8, 8)).collect::<Vec<_>>()
        );
        // Above 64 bytes one runtime.memequal call.
        m.eq("M66K6S", &x, &x).unwrap();
        assert_eq!(m.log[0], ("memequal66".to_string(), 0));
        // Differences in the last byte of a run are seen.
        let mut y = [0u8; 100];
        y[14] = 1;
        assert_eq!(m.eq("M15", &x, &y), Ok(false));
        y[14] = 0;
        y[65] = 1;
        assert_eq!(m.eq("M66K6S", &x, &y), Ok(false));
    }

    #[test]
    fn eq_interfaces_in_gc_order() {
        // struct { s string; e any; t string } = SES: the first string's bytes are compared
        // before efaceeq may panic; the second string's after.
        let mut m = Machine::default();
        let a = string_header(&mut m, b"ab");
        let b = string_header(&mut m, b"aB");
        let e = |t: u64, d: u64| {
            let mut w = [0u8; 16];
            w[..8].copy_from_slice(&t.to_le_bytes());
            w[8..].copy_from_slice(&d.to_le_bytes());
            w
        };
        let val = |s: &[u8; 16], iface: [u8; 16], t: &[u8; 16]| {
            image(48, &[(0, s), (16, &iface), (32, t)])
        };
        let x = val(&a, e(PANIC_TYPE, 1), &a);
        // Different first string: no panic, unequal.
        assert_eq!(m.eq("SES", &x, &val(&b, e(PANIC_TYPE, 1), &a)), Ok(false));
        // Equal first string: efaceeq panics even though the last string differs.
        assert!(m.eq("SES", &x, &val(&a, e(PANIC_TYPE, 1), &b)).is_err());
        // Different dynamic types: unequal without calling efaceeq.
        assert_eq!(m.eq("SES", &x, &val(&a, e(7, 1), &a)), Ok(false));
        assert!(!m.log.iter().any(|(n, _)| n == "efaceeq"));
        let (x, y) = (val(&a, e(7, 1), &a), val(&a, e(7, 1), &a));
        assert_eq!(m.eq("SES", &x, &y), Ok(true));
        let names: Vec<&str> = m.log.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["memequal2", "efaceeq", "memequal2"]);
        // Non-empty interfaces use ifaceeq with the itab word.
        assert_eq!(
            m.eq(
                "M1K7I",
                &image(32, &[(8, &e(9, 4))]),
                &image(32, &[(8, &e(9, 4))])
            ),
            Ok(true)
        );
        assert_eq!(m.log, vec![("ifaceeq".to_string(), 9)]);
    }

    #[test]
    fn eq_loops() {
        let mut m = Machine::default();
        // [7]struct { a int32; _ int32; b int64 } = M4K4M8[3M4K4M12K4M8]: blank words ignored,
        // every element compared.
        let mut x = vec![0u8; 112];
        for i in 0..7 {
            x[i * 16] = i as u8;
            x[i * 16 + 8] = 10 + i as u8;
        }
        let mut y = x.clone();
        for i in 0..7 {
            y[i * 16 + 4] = 0xff; // blank
        }
        let sig = "M4K4M8[3M4K4M12K4M8]";
        assert_eq!(m.eq(sig, &x, &y), Ok(true));
        for byte in [0, 8, 16, 24, 6 * 16, 6 * 16 + 8, 5 * 16 + 8] {
            let mut z = x.clone();
            z[byte] ^= 1;
            assert_eq!(m.eq(sig, &x, &z), Ok(false), "byte {byte}");
        }
        // [5]string = S[2SS]: the leading string's bytes are compared before the loop.
        let s: Vec<[u8; 16]> = (0..5)
            .map(|i| string_header(&mut m, &[b'a' + i; 3]))
            .collect();
        let t: Vec<[u8; 16]> = (0..5)
            .map(|i| string_header(&mut m, &[b'a' + i; 3]))
            .collect();
        let arr = |v: &[[u8; 16]]| v.concat();
        assert_eq!(m.eq("S[2SS]", &arr(&s), &arr(&t)), Ok(true));
        assert_eq!(m.log.len(), 5);
        let mut u = t.clone();
        u[4] = string_header(&mut m, b"eeE");
        assert_eq!(m.eq("S[2SS]", &arr(&s), &arr(&u)), Ok(false));
    }

    fn hash_log(sig: &str, size: usize) -> Vec<(String, i64)> {
        let mut m = Machine::default();
        let p = m.alloc(&vec![0u8; size]);
        m.origin = p;
        let f = generate_hash_function(&hash_func_name(sig), sig);
        m.run(&f, &[0, p, 42], true).unwrap();
        m.log
    }

    #[test]
    fn hash_chains_runtime_functions_like_gc() {
        let l = |v: &[(&str, i64)]| -> Vec<(String, i64)> {
            v.iter().map(|(n, o)| (n.to_string(), *o)).collect()
        };
        // Matches gc's type:.hash.M8SM24F disassembly: memhash64, strhash, memhash(24), f32hash.
        assert_eq!(
            hash_log("M8SM24F", 56),
            l(&[
                ("memhash64", 0),
                ("strhash", 8),
                ("memhash24", 24),
                ("f32hash", 48)
            ])
        );
        assert_eq!(
            hash_log("M1K7M4K4I", 32),
            l(&[("memhash1", 0), ("memhash32", 8), ("interhash", 16)])
        );
        // Loops call type:.hash.<body> (untrimmed) for each element.
        assert_eq!(
            hash_log("[3GK24]", 96),
            l(&[("f64hash", 0), ("f64hash", 32), ("f64hash", 64)])
        );
        assert_eq!(
            hash_log("E[2FFGG]", 64),
            l(&[
                ("nilinterhash", 0),
                ("f32hash", 16),
                ("f32hash", 20),
                ("f64hash", 24),
                ("f64hash", 32),
                ("f32hash", 40),
                ("f32hash", 44),
                ("f64hash", 48),
                ("f64hash", 56),
            ])
        );
    }

    #[test]
    fn hash_and_eq_functions_are_well_formed() {
        for (_, _, sig) in GC_TABLE {
            for f in generate_eq_functions(sig)
                .into_iter()
                .chain(generate_hash_functions(sig))
            {
                assert_eq!(f.params.len(), 3);
                assert_eq!(f.file, "<autogenerated>");
                assert_eq!(f.start_line, 1);
                let mut returns = 0;
                for b in &f.blocks {
                    if let Terminator::Return(r) = &b.term {
                        assert_eq!(f.vars[r[0].0 as usize], f.results[0]);
                        returns += 1;
                    }
                }
                assert!(returns > 0, "{} returns", f.name);
            }
        }
    }
}
