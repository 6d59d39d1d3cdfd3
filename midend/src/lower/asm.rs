//! Functions GOROOT implements in amd64 assembly, provided by the compiler (docs/asm.md).
//!
//! gc runs Plan 9 assembly for some functions of the standard library. Until rgo assembles
//! GOROOT's `.s` files itself (DESIGN.md decision 12), each one is provided in one of four ways:
//!
//! * a **build tag** that selects GOROOT's own pure-Go implementation (`purego`,
//!   `math_big_pure_go`: frontend's `load::RGO_BUILD_TAGS`);
//! * a **compiler intrinsic** (this file), for what gc intrinsifies anyway: the atomics of
//!   sync/atomic and internal/runtime/atomic, math's Sqrt/Abs/Copysign, internal/runtime/sys's
//!   GetCallerPC/GetCallerSP/GetClosurePtr;
//! * an **alias** to the Go sibling gc compiles on architectures without the assembly (this
//!   file's [`GO_FALLBACKS`]: `math.archExp` → `math.exp`, ...);
//! * a **Rust function** of the runtime exported under the function's own symbol and called
//!   with the C convention (every other body-less function; call.rs).

use frontend::types::{ObjId, ObjKind, TypeId};

use super::func::FnLower;
use super::value::Value;
use crate::ir::{AtomicOp, BinOp, Callee, Cmp, Inst, UnOp, Var};

/// Body-less functions whose assembly has a Go sibling in the same package with the same
/// signature, which gc itself compiles on architectures without the assembly (the
/// `haveArchX = false` branch of math's `X`). rgo calls the sibling instead. Floor, Ceil,
/// Trunc, Max, Min, Hypot and Log give bit-identical results to gc's assembly; Exp differs
/// in the last bit on about 16% of inputs (docs/asm.md).
pub(crate) const GO_FALLBACKS: &[(&str, &str, &str)] = &[
    ("math", "archCeil", "ceil"),
    ("math", "archExp", "exp"),
    ("math", "archFloor", "floor"),
    ("math", "archHypot", "hypot"),
    ("math", "archLog", "log"),
    ("math", "archMax", "max"),
    ("math", "archMin", "min"),
    ("math", "archTrunc", "trunc"),
];

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
    /// math.Sqrt / math.sqrt (gc: SQRTSD), math.Abs (ANDPD), math.Copysign.
    Float(FloatOp),
    /// internal/runtime/sys.GetCallerPC: the current function's return address.
    CallerPC,
    /// internal/runtime/sys.GetCallerSP: the caller's stack pointer at the call.
    CallerSP,
    /// internal/runtime/sys.GetClosurePtr: the current function's closure context.
    ClosurePtr,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum FloatOp {
    Sqrt,
    Abs,
    Copysign,
}

impl<'a, 'p> FnLower<'a, 'p> {
    /// Whether a direct call of the package-level function `o` is provided by the compiler.
    pub(crate) fn provided(&self, o: ObjId) -> Option<Provided> {
        let prog = self.l.prog;
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
        match (pkg, name) {
            ("math", "Sqrt" | "sqrt") => Some(Provided::Float(FloatOp::Sqrt)),
            ("math", "Abs") => Some(Provided::Float(FloatOp::Abs)),
            ("math", "Copysign") => Some(Provided::Float(FloatOp::Copysign)),
            ("internal/runtime/sys", "GetCallerPC") => Some(Provided::CallerPC),
            ("internal/runtime/sys", "GetCallerSP") => Some(Provided::CallerSP),
            ("internal/runtime/sys", "GetClosurePtr") => Some(Provided::ClosurePtr),
            _ => None,
        }
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
                _ => self.not_provided(o, params, vals, results),
            },
            Provided::CallerPC => {
                // Frame pointers are always kept: the return address sits above the saved rbp.
                let fp = self.b.var(crate::ir::Ty::I64);
                self.b.emit(Inst::FramePointer { dst: fp });
                one(self.b.load(crate::ir::Ty::I64, fp, 8))
            }
            Provided::CallerSP => {
                let fp = self.b.var(crate::ir::Ty::I64);
                self.b.emit(Inst::FramePointer { dst: fp });
                one(self.b.add_imm(fp, 16))
            }
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
            &format!("rgo: {sym} has an unexpected signature for a compiler-provided function"),
        );
        vec![]
    }
}
