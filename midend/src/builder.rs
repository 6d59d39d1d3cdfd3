//! A small helper for building one IR function: virtual registers, blocks, stack slots and the
//! current insertion point.

use crate::ir::*;

pub struct FnBuilder {
    pub func: Function,
    pub cur: BlockId,
    /// Set once the current block got its terminator; instructions emitted afterwards go to a fresh
    /// unreachable block so that lowering code never has to special-case dead code.
    pub terminated: bool,
    pending: Vec<Option<Terminator>>,
    last_line: u32,
    /// The line of the statement being lowered: every block starts with a marker for it, so
    /// that code placed out of line (panic calls, loop exits) keeps its own line instead of
    /// inheriting whatever precedes it in the final layout.
    cur_line: u32,
}

impl FnBuilder {
    pub fn new(name: String, conv: CallConv, file: String, start_line: u32) -> FnBuilder {
        let func = Function {
            name,
            global: true,
            conv,
            params: Vec::new(),
            results: Vec::new(),
            vars: Vec::new(),
            slots: Vec::new(),
            blocks: vec![Block {
                insts: Vec::new(),
                term: Terminator::Unreachable,
            }],
            file,
            start_line,
            func_id: 0,
            arg_info: None,
            debug_locals: Vec::new(),
        };
        FnBuilder {
            func,
            cur: BlockId(0),
            terminated: false,
            pending: vec![None],
            last_line: 0,
            cur_line: 0,
        }
    }

    pub fn var(&mut self, ty: Ty) -> Var {
        self.func.vars.push(ty);
        Var(self.func.vars.len() as u32 - 1)
    }

    pub fn ty(&self, v: Var) -> Ty {
        self.func.vars[v.0 as usize]
    }

    pub fn param(&mut self, ty: Ty) -> Var {
        let v = self.var(ty);
        self.func.params.push(v);
        v
    }

    pub fn block(&mut self) -> BlockId {
        self.func.blocks.push(Block {
            insts: Vec::new(),
            term: Terminator::Unreachable,
        });
        self.pending.push(None);
        BlockId(self.func.blocks.len() as u32 - 1)
    }

    pub fn slot(&mut self, size: u64, align: u64) -> SlotId {
        self.func.slots.push(StackSlot {
            size: size.max(1) as u32,
            align: align.max(1) as u32,
        });
        SlotId(self.func.slots.len() as u32 - 1)
    }

    /// Makes `b` the insertion point.
    pub fn switch_to(&mut self, b: BlockId) {
        self.cur = b;
        self.terminated = self.pending[b.0 as usize].is_some();
    }

    pub fn emit(&mut self, inst: Inst) {
        if self.terminated {
            let dead = self.block();
            self.switch_to(dead);
        }
        let insts = &mut self.func.blocks[self.cur.0 as usize].insts;
        if insts.is_empty() && self.cur_line != 0 && !matches!(inst, Inst::Line(_)) {
            insts.push(Inst::Line(self.cur_line));
        }
        insts.push(inst);
    }

    pub fn terminate(&mut self, t: Terminator) {
        if self.terminated {
            return;
        }
        self.pending[self.cur.0 as usize] = Some(t);
        self.terminated = true;
    }

    pub fn jump(&mut self, b: BlockId) {
        self.terminate(Terminator::Jump(b));
    }

    pub fn branch(&mut self, cond: Var, then: BlockId, els: BlockId) {
        self.terminate(Terminator::Branch { cond, then, els });
    }

    pub fn line(&mut self, line: u32) {
        if line != 0 {
            self.cur_line = line;
        }
        if line != 0 && line != self.last_line && !self.terminated {
            self.last_line = line;
            self.emit(Inst::Line(line));
        }
    }

    /// Forces the next `line` call to emit a marker even if the line is unchanged (after a jump to
    /// another block, the marker of the previous block does not cover the new one).
    pub fn reset_line(&mut self) {
        self.last_line = 0;
    }

    pub fn iconst(&mut self, ty: Ty, value: i64) -> Var {
        let dst = self.var(ty);
        self.emit(Inst::Iconst { dst, ty, value });
        dst
    }

    pub fn f64const(&mut self, v: f64) -> Var {
        let dst = self.var(Ty::F64);
        self.emit(Inst::F64const {
            dst,
            bits: v.to_bits(),
        });
        dst
    }

    pub fn f32const(&mut self, v: f32) -> Var {
        let dst = self.var(Ty::F32);
        self.emit(Inst::F32const {
            dst,
            bits: v.to_bits(),
        });
        dst
    }

    pub fn bin(&mut self, op: BinOp, a: Var, b: Var) -> Var {
        let dst = self.var(self.ty(a));
        self.emit(Inst::Binary { dst, op, a, b });
        dst
    }

    pub fn un(&mut self, op: UnOp, a: Var) -> Var {
        let dst = self.var(self.ty(a));
        self.emit(Inst::Unary { dst, op, a });
        dst
    }

    pub fn icmp(&mut self, cmp: Cmp, a: Var, b: Var) -> Var {
        let dst = self.var(Ty::I8);
        self.emit(Inst::Icmp { dst, cmp, a, b });
        dst
    }

    pub fn fcmp(&mut self, cmp: FCmp, a: Var, b: Var) -> Var {
        let dst = self.var(Ty::I8);
        self.emit(Inst::Fcmp { dst, cmp, a, b });
        dst
    }

    pub fn convert(&mut self, conv: Conv, a: Var, to: Ty) -> Var {
        let dst = self.var(to);
        self.emit(Inst::Convert { dst, conv, a });
        dst
    }

    pub fn select(&mut self, cond: Var, a: Var, b: Var) -> Var {
        let dst = self.var(self.ty(a));
        self.emit(Inst::Select { dst, cond, a, b });
        dst
    }

    pub fn load(&mut self, ty: Ty, addr: Var, offset: i64) -> Var {
        let dst = self.var(ty);
        let (addr, offset) = self.fold_offset(addr, offset);
        self.emit(Inst::Load { dst, addr, offset });
        dst
    }

    pub fn store(&mut self, addr: Var, offset: i64, value: Var) {
        let (addr, offset) = self.fold_offset(addr, offset);
        self.emit(Inst::Store {
            addr,
            offset,
            value,
        });
    }

    fn fold_offset(&mut self, addr: Var, offset: i64) -> (Var, i32) {
        match i32::try_from(offset) {
            Ok(o) => (addr, o),
            Err(_) => {
                let o = self.iconst(Ty::I64, offset);
                (self.bin(BinOp::Add, addr, o), 0)
            }
        }
    }

    pub fn add_imm(&mut self, a: Var, imm: i64) -> Var {
        if imm == 0 {
            return a;
        }
        let c = self.iconst(self.ty(a), imm);
        self.bin(BinOp::Add, a, c)
    }

    pub fn mul_imm(&mut self, a: Var, imm: i64) -> Var {
        if imm == 1 {
            return a;
        }
        let c = self.iconst(self.ty(a), imm);
        self.bin(BinOp::Mul, a, c)
    }

    pub fn slot_addr(&mut self, slot: SlotId) -> Var {
        let dst = self.var(Ty::I64);
        self.emit(Inst::SlotAddr { dst, slot });
        dst
    }

    pub fn sym_addr(&mut self, sym: &str, addend: i64) -> Var {
        let dst = self.var(Ty::I64);
        self.emit(Inst::SymAddr {
            dst,
            sym: sym.to_string(),
            addend,
        });
        dst
    }

    pub fn memcopy(&mut self, dst: Var, src: Var, size: u64) {
        if size > 0 {
            self.emit(Inst::MemCopy { dst, src, size });
        }
    }

    pub fn memzero(&mut self, dst: Var, size: u64) {
        if size > 0 {
            self.emit(Inst::MemZero { dst, size });
        }
    }

    /// A call to a runtime entry point (`extern "C"`).
    pub fn ccall(&mut self, name: &str, args: Vec<Var>, results: &[Ty]) -> Vec<Var> {
        let results: Vec<Var> = results.iter().map(|t| self.var(*t)).collect();
        self.emit(Inst::Call {
            callee: Callee::Direct(name.to_string()),
            conv: CallConv::C,
            args,
            results: results.clone(),
        });
        results
    }

    /// A call to a runtime function that never returns.
    pub fn ccall_noreturn(&mut self, name: &str, args: Vec<Var>) {
        self.ccall(name, args, &[]);
        self.terminate(Terminator::Unreachable);
    }

    /// Integer value widened or narrowed to `to` (sign- or zero-extending per `signed`).
    pub fn int_resize(&mut self, v: Var, to: Ty, signed: bool) -> Var {
        let from = self.ty(v);
        if from == to {
            v
        } else if from.bytes() < to.bytes() {
            self.convert(if signed { Conv::Sext } else { Conv::Zext }, v, to)
        } else {
            self.convert(Conv::Trunc, v, to)
        }
    }

    /// `dst = value` at the very start of the function (before any other instruction), for
    /// per-call state that must be initialised once however control reaches its uses.
    pub fn entry_iconst(&mut self, ty: Ty, value: i64) -> Var {
        let dst = self.var(ty);
        self.func.blocks[0]
            .insts
            .insert(0, Inst::Iconst { dst, ty, value });
        dst
    }

    pub fn finish(mut self) -> Function {
        for (i, t) in self.pending.into_iter().enumerate() {
            self.func.blocks[i].term = t.unwrap_or(Terminator::Unreachable);
        }
        crate::tempslots::forward(&mut self.func);
        self.func
    }
}
