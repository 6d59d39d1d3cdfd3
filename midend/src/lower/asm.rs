//! Functions GOROOT implements in amd64 assembly, provided by the compiler (docs/asm.md).
//!
//! gc runs Plan 9 assembly for some functions of the standard library. Until rgo assembles
//! GOROOT's `.s` files itself (DESIGN.md decision 12), each one is provided in one of four ways:
//!
//! * a **compiler intrinsic** (this file), for what gc intrinsifies anyway: the atomics of
//!   sync/atomic and internal/runtime/atomic, math's Sqrt/Abs/Copysign/Floor/Ceil/Trunc/
//!   RoundToEven, math/bits, internal/runtime/sys.GetClosurePtr (GetCallerPC/GetCallerSP and
//!   abi.FuncPC* are in intrinsic.rs);
//! * an **alias** to the Go sibling gc compiles on architectures without the assembly (this
//!   file's [`GO_FALLBACKS`]);
//! * **gc's assembly**, assembled by the `asm` crate (math, internal/bytealg, math/big, the
//!   crypto packages: src/asmpkg.rs), called through a wrapper under the function's symbol
//!   with the C convention, like a Rust function; a func value of it points at a
//!   Go-convention entry ([`FnLower::lower_c_entry`]);
//! * a **Rust function** of the runtime exported under the function's own symbol and called
//!   with the C convention (every other body-less function; call.rs).

use frontend::ast;
use frontend::types::{ObjId, ObjKind, Program, TypeId};

use super::Lowering;
use super::func::FnLower;
use super::value::Value;
use crate::ir::{AtomicOp, BinOp, Callee, Cmp, Function, Inst, UnOp, Var};

/// Body-less functions whose assembly has a Go sibling in the same package with the same
/// signature, which gc itself compiles on architectures without the assembly: rgo calls the
/// sibling instead. None is left: math's and internal/chacha8rand's functions are gc's
/// assembly now (rgo's asm crate; docs/asm.md); the mechanism stays for packages whose
/// assembly rgo cannot use yet.
pub(crate) const GO_FALLBACKS: &[(&str, &str, &str)] = &[];

/// What an atomic function does; the width comes from its signature.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Atomic {
    Load,
    Store,
    /// Read-modify-write returning the old value (or nothing).
    Rmw(AtomicOp),
    /// Add returning the new value (Xadd, AddInt32, ...).
    AddNew,
    Cas,
}

/// The atomic functions of sync/atomic and internal/runtime/atomic that gc intrinsifies on
/// amd64 (cmd/compile/internal/ssagen/intrinsics.go), by package and name.
fn atomic_kind(pkg: &str, name: &str) -> Option<Atomic> {
    use Atomic::*;
    let k = match pkg {
        "sync/atomic" => match name {
            "LoadInt32" | "LoadUint32" | "LoadInt64" | "LoadUint64" | "LoadUintptr"
            | "LoadPointer" => Load,
            "StoreInt32" | "StoreUint32" | "StoreInt64" | "StoreUint64" | "StoreUintptr"
            | "StorePointer" => Store,
            "SwapInt32" | "SwapUint32" | "SwapInt64" | "SwapUint64" | "SwapUintptr"
            | "SwapPointer" => Rmw(AtomicOp::Xchg),
            "CompareAndSwapInt32"
            | "CompareAndSwapUint32"
            | "CompareAndSwapInt64"
            | "CompareAndSwapUint64"
            | "CompareAndSwapUintptr"
            | "CompareAndSwapPointer" => Cas,
            "AddInt32" | "AddUint32" | "AddInt64" | "AddUint64" | "AddUintptr" => AddNew,
            "AndInt32" | "AndUint32" | "AndInt64" | "AndUint64" | "AndUintptr" => {
                Rmw(AtomicOp::And)
            }
            "OrInt32" | "OrUint32" | "OrInt64" | "OrUint64" | "OrUintptr" => Rmw(AtomicOp::Or),
            _ => return None,
        },
        "internal/runtime/atomic" => match name {
            "Load" | "Load8" | "Load64" | "Loadp" | "LoadAcq" | "LoadAcq64" | "LoadAcquintptr"
            | "Loaduintptr" | "Loaduint" | "Loadint32" | "Loadint64" => Load,
            "Store" | "Store8" | "Store64" | "StoreRel" | "StoreRel64" | "StoreReluintptr"
            | "Storeint32" | "Storeint64" | "Storeuintptr" | "StorepNoWB" | "storePointer" => Store,
            "Xchg8" | "Xchg" | "Xchg64" | "Xchgint32" | "Xchgint64" | "Xchguintptr" => {
                Rmw(AtomicOp::Xchg)
            }
            "Xadd" | "Xadd64" | "Xaddint32" | "Xaddint64" | "Xadduintptr" => AddNew,
            "And8" | "And" | "And32" | "And64" | "Anduintptr" => Rmw(AtomicOp::And),
            "Or8" | "Or" | "Or32" | "Or64" | "Oruintptr" => Rmw(AtomicOp::Or),
            "Cas" | "Cas64" | "Casp1" | "Casint32" | "Casint64" | "Casuintptr" | "CasRel"
            | "casPointer" => Cas,
            _ => return None,
        },
        _ => return None,
    };
    Some(k)
}

/// How the compiler provides a call of a function of GOROOT.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Provided {
    /// Call this Go function of the same package instead ([`GO_FALLBACKS`]).
    Fallback(&'static str),
    Atomic(Atomic),
    /// math.Sqrt / math.sqrt (gc: SQRTSD), math.Abs (ANDPD), math.Copysign; math.Floor, Ceil,
    /// Trunc, RoundToEven (gc: ROUNDSD if the CPU has SSE4.1, else a call; rgo: Cranelift's
    /// instructions, which become calls of rt's `floor`, `ceil`, `trunc`, `nearbyint` doing
    /// the same check).
    Float(FloatOp),
    /// math/bits functions gc intrinsifies (TZCNT/BSF, LZCNT/BSR, POPCNT, BSWAP, ROL, MUL,
    /// ADC/SBB); rgo's results are the Go code's exactly.
    Bits(BitsOp),
    /// internal/runtime/sys.GetClosurePtr: the current function's closure context.
    ClosurePtr,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum BitsOp {
    TrailingZeros,
    LeadingZeros,
    Len,
    OnesCount,
    ReverseBytes,
    RotateLeft,
    Mul,
    Add,
    Sub,
}

/// The math/bits functions provided as intrinsics: only the 32- and 64-bit (and uint) forms,
/// whose operands are whole machine words.
fn bits_op(name: &str) -> Option<BitsOp> {
    use BitsOp::*;
    Some(match name {
        "TrailingZeros" | "TrailingZeros64" | "TrailingZeros32" => TrailingZeros,
        "LeadingZeros" | "LeadingZeros64" | "LeadingZeros32" => LeadingZeros,
        "Len" | "Len64" | "Len32" => Len,
        "OnesCount" | "OnesCount64" | "OnesCount32" => OnesCount,
        "ReverseBytes" | "ReverseBytes64" | "ReverseBytes32" | "ReverseBytes16" => ReverseBytes,
        "RotateLeft" | "RotateLeft64" | "RotateLeft32" => RotateLeft,
        "Mul" | "Mul64" => Mul,
        "Add" | "Add64" => Add,
        "Sub" | "Sub64" => Sub,
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum FloatOp {
    Sqrt,
    Abs,
    Copysign,
    Floor,
    Ceil,
    Trunc,
    RoundToEven,
}

/// Whether calls of the package-level function `o` are provided by the compiler.
pub(crate) fn provision(prog: &Program, o: ObjId) -> Option<Provided> {
    let obj = prog.obj(o);
    let ObjKind::Func {
        has_body,
        recv_base: None,
        ..
    } = obj.kind
    else {
        return None;
    };
    let pkg = prog.package(obj.pkg?).path.as_str();
    let name = obj.name.as_str();
    if !has_body
        && let Some((_, _, to)) = GO_FALLBACKS
            .iter()
            .find(|(p, n, _)| *p == pkg && *n == name)
    {
        return Some(Provided::Fallback(to));
    }
    if let Some(k) = atomic_kind(pkg, name) {
        return Some(Provided::Atomic(k));
    }
    if pkg == "math/bits"
        && let Some(op) = bits_op(name)
    {
        return Some(Provided::Bits(op));
    }
    match (pkg, name) {
        ("math", "Sqrt" | "sqrt") => Some(Provided::Float(FloatOp::Sqrt)),
        ("math", "Abs") => Some(Provided::Float(FloatOp::Abs)),
        ("math", "Copysign") => Some(Provided::Float(FloatOp::Copysign)),
        ("math", "Floor") => Some(Provided::Float(FloatOp::Floor)),
        ("math", "Ceil") => Some(Provided::Float(FloatOp::Ceil)),
        ("math", "Trunc") => Some(Provided::Float(FloatOp::Trunc)),
        ("math", "RoundToEven") => Some(Provided::Float(FloatOp::RoundToEven)),
        ("internal/runtime/sys", "GetClosurePtr") => Some(Provided::ClosurePtr),
        _ => None,
    }
}

impl<'a, 'p> FnLower<'a, 'p> {
    /// Whether a direct call of the package-level function `o` is provided by the compiler.
    pub(crate) fn provided(&self, o: ObjId) -> Option<Provided> {
        provision(self.l.prog, o)
    }

    /// The body of a body-less function whose calls the compiler provides (an atomic or a Go
    /// fallback), under the function's own symbol with the Go convention, for the uses that
    /// are not direct calls (func values, method-less references), as gc's assembly exists as
    /// a function too.
    pub(crate) fn lower_provided_decl(
        l: &'a mut Lowering<'p>,
        name: String,
        fd: &'p ast::FuncDecl,
        o: ObjId,
        how: Provided,
    ) -> Function {
        let mut f = FnLower::new(l, name.clone(), fd.pos, name, false);
        let mut params = Vec::new();
        f.collect_fields(&fd.sig.params, &mut params);
        let mut results = Vec::new();
        f.collect_fields(&fd.sig.results, &mut results);
        let ptypes: Vec<TypeId> = params.iter().map(|p| p.1).collect();
        let rtypes: Vec<TypeId> = results.iter().map(|p| p.1).collect();
        let incoming = f.incoming_params(&ptypes, &rtypes);
        let vals = incoming.into_iter().zip(ptypes.iter().copied()).collect();
        f.b.line(f.line_of(fd.pos));
        let out = f.provided_call(o, how, &ptypes, vals, &rtypes);
        f.emit_return(out);
        f.b.finish()
    }

    /// The Go-convention entry of the body-less function `o`, which direct calls reach with
    /// the C convention (a Rust function of the runtime, or gc's assembly behind its
    /// wrapper): it takes the Go convention's parameters and makes the C call, so that a
    /// func value of `o` can be called like any other. Local to the package that uses it,
    /// marked as a wrapper (funcID 23) as gc marks its ABI wrappers.
    pub(crate) fn lower_c_entry(l: &'a mut Lowering<'p>, name: String, o: ObjId) -> Function {
        let prog = l.prog;
        let sym = l.func_symbol(o);
        let pos = prog.obj(o).pos;
        let (ptypes, rtypes) = match prog.ty(prog.obj(o).typ) {
            frontend::types::Type::Func(sig) => (sig.params.clone(), sig.results.clone()),
            _ => (Vec::new(), Vec::new()),
        };
        let mut f = FnLower::new(l, name.clone(), pos, name, false);
        f.b.func.global = false;
        f.b.func.func_id = 23;
        let incoming = f.incoming_params(&ptypes, &rtypes);
        let vals = incoming.into_iter().zip(ptypes.iter().copied()).collect();
        f.b.line(f.line_of(pos));
        let out = f.emit_c_call(&sym, vals, &rtypes);
        f.emit_return(out);
        f.b.finish()
    }

    /// Lowers a direct call of `o`, which [`FnLower::provided`] classified as `how`; `vals` are
    /// the evaluated arguments.
    pub(crate) fn provided_call(
        &mut self,
        o: ObjId,
        how: Provided,
        params: &[TypeId],
        vals: Vec<(Value, TypeId)>,
        results: &[TypeId],
    ) -> Vec<Value> {
        let mut flat: Vec<Var> = Vec::new();
        for (v, t) in vals.iter().cloned() {
            flat.extend(self.to_flat(v, t));
        }
        let one = |v: Var| vec![Value::Flat(vec![v])];
        match how {
            Provided::Fallback(to) => {
                let sym = self.l.func_symbol(o);
                let prefix = sym.rsplit_once('.').map(|(p, _)| p).unwrap_or_default();
                let target = format!("{prefix}.{to}");
                let ctx = self.b.iconst(crate::ir::Ty::I64, 0);
                self.emit_go_call(Callee::Direct(target), ctx, params, vals, results)
            }
            Provided::Float(op) => match (op, flat.as_slice()) {
                (FloatOp::Sqrt, [x]) => one(self.b.un(UnOp::FSqrt, *x)),
                (FloatOp::Abs, [x]) => one(self.b.un(UnOp::FAbs, *x)),
                (FloatOp::Copysign, [x, y]) => one(self.b.bin(BinOp::FCopysign, *x, *y)),
                (FloatOp::Floor, [x]) => one(self.b.un(UnOp::FFloor, *x)),
                (FloatOp::Ceil, [x]) => one(self.b.un(UnOp::FCeil, *x)),
                (FloatOp::Trunc, [x]) => one(self.b.un(UnOp::FTrunc, *x)),
                (FloatOp::RoundToEven, [x]) => one(self.b.un(UnOp::FRoundEven, *x)),
                _ => self.not_provided(o, params, vals, results),
            },
            Provided::Bits(op) => self.bits_call(o, op, flat, params, vals, results),
            Provided::ClosurePtr => one(self.ctx),
            Provided::Atomic(k) => {
                let scalar = |s: &Self, t: TypeId| {
                    let lay = s.l.lay.of(t);
                    (lay.scalars.len() == 1).then(|| lay.scalars[0].1)
                };
                let res_ty = results.first().and_then(|&t| scalar(self, t));
                match (k, flat.as_slice()) {
                    (Atomic::Load, [addr]) if res_ty.is_some_and(|t| !t.is_float()) => {
                        let dst = self.b.var(res_ty.unwrap_or(crate::ir::Ty::I64));
                        self.b.emit(Inst::AtomicLoad { dst, addr: *addr });
                        one(dst)
                    }
                    (Atomic::Store, [addr, value]) => {
                        self.b.emit(Inst::AtomicStore {
                            addr: *addr,
                            value: *value,
                        });
                        vec![]
                    }
                    (Atomic::Rmw(op), [addr, value]) => {
                        let dst = self.b.var(self.b.ty(*value));
                        self.b.emit(Inst::AtomicRmw {
                            dst,
                            op,
                            addr: *addr,
                            value: *value,
                        });
                        if results.is_empty() { vec![] } else { one(dst) }
                    }
                    (Atomic::AddNew, [addr, value]) => {
                        let dst = self.b.var(self.b.ty(*value));
                        self.b.emit(Inst::AtomicRmw {
                            dst,
                            op: AtomicOp::Add,
                            addr: *addr,
                            value: *value,
                        });
                        one(self.b.bin(BinOp::Add, dst, *value))
                    }
                    (Atomic::Cas, [addr, expected, new]) => {
                        let dst = self.b.var(self.b.ty(*expected));
                        self.b.emit(Inst::AtomicCas {
                            dst,
                            addr: *addr,
                            expected: *expected,
                            new: *new,
                        });
                        one(self.b.icmp(Cmp::Eq, dst, *expected))
                    }
                    _ => self.not_provided(o, params, vals, results),
                }
            }
        }
    }

    /// A math/bits intrinsic over the flattened arguments.
    fn bits_call(
        &mut self,
        o: ObjId,
        op: BitsOp,
        flat: Vec<Var>,
        params: &[TypeId],
        vals: Vec<(Value, TypeId)>,
        results: &[TypeId],
    ) -> Vec<Value> {
        use crate::ir::Ty;
        let one = |v: Var| vec![Value::Flat(vec![v])];
        let int_of = |s: &mut Self, v: Var| s.b.int_resize(v, Ty::I64, false);
        let wide = flat.first().is_some_and(|&x| self.b.ty(x) != Ty::I8);
        if !wide {
            return self.not_provided(o, params, vals, results);
        }
        match (op, flat.as_slice()) {
            (BitsOp::TrailingZeros, [x]) => {
                let r = self.b.un(UnOp::Ctz, *x);
                one(int_of(self, r))
            }
            (BitsOp::LeadingZeros, [x]) => {
                let r = self.b.un(UnOp::Clz, *x);
                one(int_of(self, r))
            }
            (BitsOp::Len, [x]) => {
                let width = self.b.ty(*x).bytes() as i64 * 8;
                let r = self.b.un(UnOp::Clz, *x);
                let r = int_of(self, r);
                let w = self.b.iconst(Ty::I64, width);
                one(self.b.bin(BinOp::Sub, w, r))
            }
            (BitsOp::OnesCount, [x]) => {
                let r = self.b.un(UnOp::Popcnt, *x);
                one(int_of(self, r))
            }
            (BitsOp::ReverseBytes, [x]) => one(self.b.un(UnOp::Bswap, *x)),
            (BitsOp::RotateLeft, [x, k]) => one(self.b.bin(BinOp::Rotl, *x, *k)),
            (BitsOp::Mul, [x, y]) if self.b.ty(*x) == Ty::I64 => {
                let hi = self.b.bin(BinOp::UMulHi, *x, *y);
                let lo = self.b.bin(BinOp::Mul, *x, *y);
                vec![Value::Flat(vec![hi]), Value::Flat(vec![lo])]
            }
            // Go's formulas (bits.go): sum = x + y + carry,
            // carryOut = ((x & y) | ((x | y) &^ sum)) >> 63.
            (BitsOp::Add, [x, y, c]) if self.b.ty(*x) == Ty::I64 => {
                let s = self.b.bin(BinOp::Add, *x, *y);
                let sum = self.b.bin(BinOp::Add, s, *c);
                let and = self.b.bin(BinOp::And, *x, *y);
                let or = self.b.bin(BinOp::Or, *x, *y);
                let nsum = self.b.un(UnOp::Not, sum);
                let t = self.b.bin(BinOp::And, or, nsum);
                let t = self.b.bin(BinOp::Or, and, t);
                let sh = self.b.iconst(Ty::I64, 63);
                let carry = self.b.bin(BinOp::UShr, t, sh);
                vec![Value::Flat(vec![sum]), Value::Flat(vec![carry])]
            }
            // diff = x - y - borrow, borrowOut = ((^x & y) | (^(x ^ y) & diff)) >> 63.
            (BitsOp::Sub, [x, y, b]) if self.b.ty(*x) == Ty::I64 => {
                let d = self.b.bin(BinOp::Sub, *x, *y);
                let diff = self.b.bin(BinOp::Sub, d, *b);
                let nx = self.b.un(UnOp::Not, *x);
                let t1 = self.b.bin(BinOp::And, nx, *y);
                let xy = self.b.bin(BinOp::Xor, *x, *y);
                let nxy = self.b.un(UnOp::Not, xy);
                let t2 = self.b.bin(BinOp::And, nxy, diff);
                let t = self.b.bin(BinOp::Or, t1, t2);
                let sh = self.b.iconst(Ty::I64, 63);
                let borrow = self.b.bin(BinOp::UShr, t, sh);
                vec![Value::Flat(vec![diff]), Value::Flat(vec![borrow])]
            }
            _ => self.not_provided(o, params, vals, results),
        }
    }

    /// A function listed as provided whose signature is not the expected one (a GOROOT that
    /// changed it): an error, not a silent miscompilation.
    fn not_provided(
        &mut self,
        o: ObjId,
        _params: &[TypeId],
        _vals: Vec<(Value, TypeId)>,
        _results: &[TypeId],
    ) -> Vec<Value> {
        let obj = self.l.prog.obj(o);
        let (pos, sym) = (obj.pos, self.l.func_symbol(o));
        self.l.error(
            pos,
            format!("rgo: {sym} has an unexpected signature for a compiler-provided function"),
        );
        vec![]
    }
}
