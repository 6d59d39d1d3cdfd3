//! Calls that gc implements as compiler intrinsics (cmd/compile/internal/ssagen's intrinsics and
//! the FuncPC builtins): body-less functions of std whose meaning is the code the compiler
//! emits in place of the call, not a runtime entry point.

use frontend::ast::{Expr, ExprKind};
use frontend::types::{ObjId, ObjKind, Type};

use super::FnLower;
use super::value::Value;
use crate::ir::{Inst, Ty};

impl<'a, 'p> FnLower<'a, 'p> {
    /// The value of a call of the intrinsic `o` with `args`, or None when `o` is an ordinary
    /// function.
    /// Functions of GOROOT that have a Go body gc never runs because it compiles their calls
    /// itself (the body only panics): crypto/internal/constanttime.boolToUint8 (1 for true,
    /// 0 for false: rgo's bool already is that byte) and internal/abi.EscapeNonString[T]
    /// (forces v to the heap so its address can't change with stack growth; rgo's goroutine
    /// stacks never move, so only the argument's evaluation remains).
    pub(crate) fn intrinsic_with_body(&mut self, o: ObjId, args: &'p [Expr]) -> Option<Vec<Value>> {
        let prog = self.l.prog;
        let obj = prog.obj(o);
        let pkg = prog.package(obj.pkg?).path.as_str();
        match (pkg, obj.name.as_str()) {
            ("crypto/internal/constanttime", "boolToUint8") if args.len() == 1 => {
                let b = self.expr(&args[0]).scalar()?;
                Some(vec![Value::Flat(vec![b])])
            }
            ("internal/abi", "EscapeNonString") if args.len() == 1 => {
                self.expr(&args[0]);
                Some(Vec::new())
            }
            _ => None,
        }
    }

    pub(crate) fn intrinsic_call(&mut self, o: ObjId, args: &'p [Expr]) -> Option<Vec<Value>> {
        let prog = self.l.prog;
        let obj = prog.obj(o);
        if let Some(v) = self.intrinsic_with_body(o, args) {
            return Some(v);
        }
        if !matches!(
            obj.kind,
            ObjKind::Func {
                has_body: false,
                recv_base: None,
                ..
            }
        ) {
            return None;
        }
        let pkg = prog.package(obj.pkg?).path.as_str();
        match (pkg, obj.name.as_str()) {
            // abi.FuncPCABI0(f) / abi.FuncPCABIInternal(f): the entry PC of the function f.
            // rgo has one ABI per function, so both are the func value's code word.
            ("internal/abi", "FuncPCABI0" | "FuncPCABIInternal") if args.len() == 1 => {
                let a = &args[0];
                // A body-less function called with the C convention: its own entry, not the
                // Go-convention entry its func value has.
                let direct = match &a.unparen().kind {
                    ExprKind::Ident(id) => prog.info.uses.get(&id.id).copied(),
                    ExprKind::Selector { sel, .. } => prog.info.uses.get(&sel.id).copied(),
                    _ => None,
                };
                if let Some(o) = direct
                    && self.is_func_obj(o)
                    && self.is_rust_runtime_func(o)
                {
                    let sym = self.l.func_symbol(o);
                    return Some(vec![Value::Flat(vec![self.b.sym_addr(&sym, 0)])]);
                }
                let fv = if matches!(
                    prog.ty(prog.underlying(self.type_of(a))),
                    Type::Interface(..)
                ) {
                    // An interface holding a func: the data word is the funcval pointer.
                    let v = self.expr(a);
                    *v.flat().get(1)?
                } else {
                    self.expr(a).scalar()?
                };
                let pc = self.b.load(Ty::I64, fv, 0);
                Some(vec![Value::Flat(vec![pc])])
            }
            // sys.GetCallerPC / GetCallerSP: the return address of the calling function and
            // the stack pointer at its call site, read from the frame-pointer chain.
            ("internal/runtime/sys", "GetCallerPC") if args.is_empty() => {
                let fp = self.b.var(Ty::I64);
                self.b.emit(Inst::FramePointer { dst: fp });
                let pc = self.b.load(Ty::I64, fp, 8);
                Some(vec![Value::Flat(vec![pc])])
            }
            ("internal/runtime/sys", "GetCallerSP") if args.is_empty() => {
                let fp = self.b.var(Ty::I64);
                self.b.emit(Inst::FramePointer { dst: fp });
                let sp = self.b.add_imm(fp, 16);
                Some(vec![Value::Flat(vec![sp])])
            }
            _ => None,
        }
    }
}
