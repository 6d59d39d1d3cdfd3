//! A tiny builder for hand-written IR in the backend's tests.
#![allow(dead_code)]

use midend::ir::*;

pub struct FB {
    pub f: Function,
    cur: usize,
}

impl FB {
    /// A function with the given parameter types; returns the builder and the parameter vars.
    pub fn new(name: &str, conv: CallConv, params: &[Ty], results: &[Ty]) -> (FB, Vec<Var>) {
        let mut fb = FB {
            f: Function {
                name: name.into(),
                global: true,
                conv,
                params: vec![],
                results: results.to_vec(),
                vars: vec![],
                slots: vec![],
                blocks: vec![],
                file: "/tmp/test.go".into(),
                start_line: 10,
                func_id: 0,
                arg_info: None,
                debug_locals: Vec::new(),
            },
            cur: 0,
        };
        let ps: Vec<Var> = params.iter().map(|&t| fb.var(t)).collect();
        fb.f.params = ps.clone();
        fb.block();
        (fb, ps)
    }
    pub fn var(&mut self, t: Ty) -> Var {
        self.f.vars.push(t);
        Var(self.f.vars.len() as u32 - 1)
    }
    pub fn ty(&self, v: Var) -> Ty {
        self.f.vars[v.0 as usize]
    }
    pub fn block(&mut self) -> BlockId {
        self.f.blocks.push(Block {
            insts: vec![],
            term: Terminator::Unreachable,
        });
        BlockId(self.f.blocks.len() as u32 - 1)
    }
    pub fn at(&mut self, b: BlockId) {
        self.cur = b.0 as usize;
    }
    pub fn push(&mut self, i: Inst) {
        self.f.blocks[self.cur].insts.push(i);
    }
    pub fn term(&mut self, t: Terminator) {
        self.f.blocks[self.cur].term = t;
    }
    pub fn slot(&mut self, size: u32, align: u32) -> SlotId {
        self.f.slots.push(StackSlot { size, align });
        SlotId(self.f.slots.len() as u32 - 1)
    }
    pub fn iconst(&mut self, ty: Ty, value: i64) -> Var {
        let dst = self.var(ty);
        self.push(Inst::Iconst { dst, ty, value });
        dst
    }
    pub fn f64const(&mut self, x: f64) -> Var {
        let dst = self.var(Ty::F64);
        self.push(Inst::F64const {
            dst,
            bits: x.to_bits(),
        });
        dst
    }
    pub fn bin(&mut self, op: BinOp, a: Var, b: Var) -> Var {
        let dst = self.var(self.ty(a));
        self.push(Inst::Binary { dst, op, a, b });
        dst
    }
    pub fn icmp(&mut self, cmp: Cmp, a: Var, b: Var) -> Var {
        let dst = self.var(Ty::I8);
        self.push(Inst::Icmp { dst, cmp, a, b });
        dst
    }
    pub fn conv(&mut self, conv: Conv, a: Var, to: Ty) -> Var {
        let dst = self.var(to);
        self.push(Inst::Convert { dst, conv, a });
        dst
    }
    pub fn copy(&mut self, dst: Var, src: Var) {
        self.push(Inst::Copy { dst, src });
    }
    pub fn load(&mut self, ty: Ty, addr: Var, offset: i32) -> Var {
        let dst = self.var(ty);
        self.push(Inst::Load { dst, addr, offset });
        dst
    }
    pub fn store(&mut self, addr: Var, offset: i32, value: Var) {
        self.push(Inst::Store {
            addr,
            offset,
            value,
        });
    }
    pub fn slot_addr(&mut self, slot: SlotId) -> Var {
        let dst = self.var(Ty::I64);
        self.push(Inst::SlotAddr { dst, slot });
        dst
    }
    pub fn sym_addr(&mut self, sym: &str, addend: i64) -> Var {
        let dst = self.var(Ty::I64);
        self.push(Inst::SymAddr {
            dst,
            sym: sym.into(),
            addend,
        });
        dst
    }
    pub fn call(
        &mut self,
        callee: Callee,
        conv: CallConv,
        args: &[Var],
        results: &[Ty],
    ) -> Vec<Var> {
        let rs: Vec<Var> = results.iter().map(|&t| self.var(t)).collect();
        self.push(Inst::Call {
            callee,
            conv,
            args: args.to_vec(),
            results: rs.clone(),
        });
        rs
    }
    pub fn ret(&mut self, vs: &[Var]) {
        self.term(Terminator::Return(vs.to_vec()));
    }
    pub fn finish(self) -> Function {
        self.f
    }
}

pub fn data(name: &str, section: DataSection, align: u32, bytes: Vec<u8>, size: u64) -> DataObject {
    DataObject {
        name: name.into(),
        section,
        align,
        bytes,
        size,
        relocs: vec![],
        global: true,
    }
}

pub fn opts(threads: usize) -> backend::Options {
    backend::Options {
        opt_level: backend::OptLevel::Speed,
        threads,
    }
}

/// A module exercising most of the IR: loops, tail-convention calls with several results,
/// switches, slots and memory operations, conversions, data with both relocation kinds,
/// indirect calls and C-convention calls to undefined symbols. The `rgo_*` functions are SysV
/// entry points a C harness can call (see tests/exec.rs for the expected results).
pub fn sample_module() -> Module {
    use BinOp::*;
    let mut fs = vec![];
    let go = CallConv::Go;
    let c = CallConv::C;
    let i64_ = Ty::I64;

    // main.add(ctx, a, b) = a + b
    let (mut b, p) = FB::new("main.add", go, &[i64_, i64_, i64_], &[i64_]);
    b.push(Inst::Line(11));
    let s = b.bin(Add, p[1], p[2]);
    b.ret(&[s]);
    fs.push(b.finish());

    // main.divmod3(ctx, a, b) = (a/b, a%b, a/b + a%b)
    let (mut b, p) = FB::new("main.divmod3", go, &[i64_, i64_, i64_], &[i64_, i64_, i64_]);
    let q = b.bin(SDiv, p[1], p[2]);
    let r = b.bin(SRem, p[1], p[2]);
    let s = b.bin(Add, q, r);
    b.ret(&[q, r, s]);
    let mut f = b.finish();
    f.global = false;
    fs.push(f);

    // rgo_sum(n) = sum of add(acc, i) for i < n
    let (mut b, p) = FB::new("rgo_sum", c, &[i64_], &[i64_]);
    let (head, body, exit) = (b.block(), b.block(), b.block());
    b.push(Inst::Line(20));
    let acc = b.iconst(i64_, 0);
    let i = b.iconst(i64_, 0);
    b.term(Terminator::Jump(head));
    b.at(head);
    b.push(Inst::Line(21));
    let cond = b.icmp(Cmp::SLt, i, p[0]);
    b.term(Terminator::Branch {
        cond,
        then: body,
        els: exit,
    });
    b.at(body);
    b.push(Inst::Line(22));
    let ctx = b.iconst(i64_, 0);
    let r = b.call(
        Callee::Direct("main.add".into()),
        go,
        &[ctx, acc, i],
        &[i64_],
    );
    b.copy(acc, r[0]);
    let one = b.iconst(i64_, 1);
    let i2 = b.bin(Add, i, one);
    b.copy(i, i2);
    b.term(Terminator::Jump(head));
    b.at(exit);
    b.push(Inst::Line(24));
    b.ret(&[acc]);
    fs.push(b.finish());

    // rgo_divsum(a, b) = q*1000000 + r*1000 + (q+r)
    let (mut b, p) = FB::new("rgo_divsum", c, &[i64_, i64_], &[i64_]);
    let ctx = b.iconst(i64_, 0);
    let r = b.call(
        Callee::Direct("main.divmod3".into()),
        go,
        &[ctx, p[0], p[1]],
        &[i64_; 3],
    );
    let m1 = b.iconst(i64_, 1_000_000);
    let m2 = b.iconst(i64_, 1000);
    let x = b.bin(Mul, r[0], m1);
    let y = b.bin(Mul, r[1], m2);
    let z = b.bin(Add, x, y);
    let z = b.bin(Add, z, r[2]);
    b.ret(&[z]);
    fs.push(b.finish());

    // rgo_switch(x): -1 → 100, 2 → 200, 7 → 700, else 2x
    let (mut b, p) = FB::new("rgo_switch", c, &[i64_], &[i64_]);
    let blocks: Vec<BlockId> = (0..4).map(|_| b.block()).collect();
    b.term(Terminator::Switch {
        value: p[0],
        cases: vec![(-1, blocks[0]), (2, blocks[1]), (7, blocks[2])],
        default: blocks[3],
    });
    for (k, v) in [(0, 100), (1, 200), (2, 700)] {
        b.at(blocks[k]);
        let r = b.iconst(i64_, v);
        b.ret(&[r]);
    }
    b.at(blocks[3]);
    let two = b.iconst(i64_, 2);
    let r = b.bin(Mul, p[0], two);
    b.ret(&[r]);
    fs.push(b.finish());

    // rgo_switch8(x): int8(x) == -1 → 1, == 5 → 2, else 0
    let (mut b, p) = FB::new("rgo_switch8", c, &[i64_], &[i64_]);
    let t = b.conv(Conv::Trunc, p[0], Ty::I8);
    let blocks: Vec<BlockId> = (0..3).map(|_| b.block()).collect();
    b.term(Terminator::Switch {
        value: t,
        cases: vec![(-1, blocks[0]), (5, blocks[1])],
        default: blocks[2],
    });
    for (k, v) in [(0, 1), (1, 2), (2, 0)] {
        b.at(blocks[k]);
        let r = b.iconst(i64_, v);
        b.ret(&[r]);
    }
    fs.push(b.finish());

    // rgo_mem(a): small and large copies/zeroing through stack slots
    let (mut b, p) = FB::new("rgo_mem", c, &[i64_], &[i64_]);
    let (s1, s2, big1, big2) = (
        b.slot(24, 8),
        b.slot(24, 8),
        b.slot(300, 8),
        b.slot(300, 16),
    );
    let a1 = b.slot_addr(s1);
    let a2 = b.slot_addr(s2);
    let one = b.iconst(i64_, 1);
    let x1 = b.bin(Add, p[0], one);
    let x2 = b.bin(Add, x1, one);
    b.store(a1, 0, p[0]);
    b.store(a1, 8, x1);
    b.store(a1, 16, x2);
    b.push(Inst::MemCopy {
        dst: a2,
        src: a1,
        size: 24,
    });
    let l0 = b.load(i64_, a2, 0);
    let l1 = b.load(i64_, a2, 8);
    let l2 = b.load(i64_, a2, 16);
    let sum = b.bin(Add, l0, l1);
    let sum = b.bin(Add, sum, l2);
    let g1 = b.slot_addr(big1);
    let g2 = b.slot_addr(big2);
    let junk = b.iconst(i64_, 0x5555);
    b.store(g1, 0, junk);
    b.store(g1, 150, junk);
    b.push(Inst::MemZero { dst: g1, size: 300 });
    b.store(g1, 292, p[0]);
    b.push(Inst::MemCopy {
        dst: g2,
        src: g1,
        size: 300,
    });
    let z0 = b.load(i64_, g2, 0);
    let z1 = b.load(i64_, g2, 150);
    let z2 = b.load(i64_, g2, 292);
    let sum = b.bin(Add, sum, z0);
    let sum = b.bin(Add, sum, z1);
    let sum = b.bin(Add, sum, z2);
    // small zeroing: 13 bytes of a1 (16-, 8-, 4-, 1-byte tails)
    b.push(Inst::MemZero { dst: a1, size: 13 });
    let w = b.load(i64_, a1, 8);
    let sum = b.bin(Add, sum, w); // (x1 with low 5 bytes cleared)
    b.ret(&[sum]);
    fs.push(b.finish());

    // rgo_float(x) = int64(x * 2.5)
    let (mut b, p) = FB::new("rgo_float", c, &[Ty::F64], &[i64_]);
    let k = b.f64const(2.5);
    let m = b.bin(FMul, p[0], k);
    let r = b.conv(Conv::FToS, m, i64_);
    b.ret(&[r]);
    fs.push(b.finish());

    // rgo_u2f(u) = float64(uint64(u))
    let (mut b, p) = FB::new("rgo_u2f", c, &[i64_], &[Ty::F64]);
    let r = b.conv(Conv::UToF, p[0], Ty::F64);
    b.ret(&[r]);
    fs.push(b.finish());

    // rgo_fmix(x): x < 0 ? -1 : float32 round trip bits >> 32, plus uint8(x) + int16(x)
    let (mut b, p) = FB::new("rgo_fmix", c, &[Ty::F64], &[i64_]);
    let zero = b.f64const(0.0);
    let lt = b.var(Ty::I8);
    b.push(Inst::Fcmp {
        dst: lt,
        cmp: FCmp::Lt,
        a: p[0],
        b: zero,
    });
    let f32v = b.conv(Conv::FTrunc, p[0], Ty::F32);
    let back = b.conv(Conv::FExt, f32v, Ty::F64);
    let bits = b.conv(Conv::Bitcast, back, i64_);
    let sh = b.iconst(Ty::I8, 32);
    let hi = b.bin(UShr, bits, sh);
    let m1 = b.iconst(i64_, -1);
    let sel = b.var(i64_);
    b.push(Inst::Select {
        dst: sel,
        cond: lt,
        a: m1,
        b: hi,
    });
    let u8v = b.conv(Conv::FToU, p[0], Ty::I8);
    let u8w = b.conv(Conv::Zext, u8v, i64_);
    let i16v = b.conv(Conv::FToS, p[0], Ty::I16);
    let i16w = b.conv(Conv::Sext, i16v, i64_);
    let r = b.bin(Add, sel, u8w);
    let r = b.bin(Add, r, i16w);
    b.ret(&[r]);
    fs.push(b.finish());

    // rgo_i8(a, b) = int64(int8(a)*int8(b) << 1) + int64(uint16(a) >> 3) + (a >>s 60)
    let (mut b, p) = FB::new("rgo_i8", c, &[i64_, i64_], &[i64_]);
    let a8 = b.conv(Conv::Trunc, p[0], Ty::I8);
    let b8 = b.conv(Conv::Trunc, p[1], Ty::I8);
    let m = b.bin(Mul, a8, b8);
    let one = b.iconst(i64_, 1);
    let m = b.bin(Shl, m, one);
    let mw = b.conv(Conv::Sext, m, i64_);
    let a16 = b.conv(Conv::Trunc, p[0], Ty::I16);
    let three = b.iconst(Ty::I32, 3);
    let u = b.bin(UShr, a16, three);
    let uw = b.conv(Conv::Zext, u, i64_);
    let sixty = b.iconst(Ty::I8, 60);
    let s = b.bin(SShr, p[0], sixty);
    let r = b.bin(Add, mw, uw);
    let r = b.bin(Add, r, s);
    let nb = b.var(i64_);
    b.push(Inst::Unary {
        dst: nb,
        op: UnOp::Not,
        a: r,
    });
    let ng = b.var(i64_);
    b.push(Inst::Unary {
        dst: ng,
        op: UnOp::Neg,
        a: nb,
    });
    b.ret(&[ng]); // -(^r) == r + 1
    fs.push(b.finish());

    // rgo_data(): table[1] + *ptrs (= table[2]) + zero[1] + *(int64*)(&table+24)
    let (mut b, _) = FB::new("rgo_data", c, &[], &[i64_]);
    let t = b.sym_addr("main.table", 0);
    let x = b.load(i64_, t, 8);
    let pp = b.sym_addr("main.ptrs", 0);
    let p2 = b.load(i64_, pp, 0);
    let y = b.load(i64_, p2, 0);
    let z = b.sym_addr("main.zero", 8);
    let zv = b.load(i64_, z, 0);
    let seven = b.iconst(i64_, 7);
    b.store(z, 0, seven); // main.zero is writable (.noptrbss): the next call sees 7
    let t3 = b.sym_addr("main.table", 24);
    let w = b.load(i64_, t3, 0);
    let r = b.bin(Add, x, y);
    let r = b.bin(Add, r, zv);
    let r = b.bin(Add, r, w);
    b.ret(&[r]);
    fs.push(b.finish());

    // rgo_indirect(a) = (*&main.add)(0, a, a)
    let (mut b, p) = FB::new("rgo_indirect", c, &[i64_], &[i64_]);
    let fp = b.sym_addr("main.add", 0);
    let ctx = b.iconst(i64_, 0);
    let r = b.call(Callee::Indirect(fp), go, &[ctx, p[0], p[0]], &[i64_]);
    b.ret(&r);
    fs.push(b.finish());

    // rgo_ext(x) = rgo_c_helper(x) * 2 + rgo_c_bool(x > 5)
    let (mut b, p) = FB::new("rgo_ext", c, &[i64_], &[i64_]);
    let r = b.call(Callee::Direct("rgo_c_helper".into()), c, &[p[0]], &[i64_]);
    let two = b.iconst(i64_, 2);
    let r2 = b.bin(Mul, r[0], two);
    let five = b.iconst(i64_, 5);
    let gt = b.icmp(Cmp::SGt, p[0], five);
    let bb = b.call(Callee::Direct("rgo_c_bool".into()), c, &[gt], &[Ty::I32]);
    let bw = b.conv(Conv::Sext, bb[0], i64_);
    let r = b.bin(Add, r2, bw);
    b.ret(&[r]);
    fs.push(b.finish());

    // rgo_countdown(n): b0 is re-entered: while n > 0 { n -= 3 }; return n
    let (mut b, p) = FB::new("rgo_countdown", c, &[i64_], &[i64_]);
    let (body, exit) = (b.block(), b.block());
    let zero = b.iconst(i64_, 0);
    let cond = b.icmp(Cmp::SGt, p[0], zero);
    b.term(Terminator::Branch {
        cond,
        then: body,
        els: exit,
    });
    b.at(body);
    let three = b.iconst(i64_, 3);
    let n2 = b.bin(Sub, p[0], three);
    b.copy(p[0], n2);
    b.term(Terminator::Jump(BlockId(0)));
    b.at(exit);
    b.ret(&[p[0]]);
    fs.push(b.finish());

    // rgo_fmin(x, y) / rgo_fmax(x, y): Go's min/max on floats
    for (name, op) in [("rgo_fmin", FMin), ("rgo_fmax", FMax)] {
        let (mut b, p) = FB::new(name, c, &[Ty::F64, Ty::F64], &[Ty::F64]);
        let r = b.bin(op, p[0], p[1]);
        b.ret(&[r]);
        fs.push(b.finish());
    }

    // rgo_dense(x): a dense switch (jump table): x in 0..20 → x*x + 1, else -1
    let (mut b, p) = FB::new("rgo_dense", c, &[i64_], &[i64_]);
    let blocks: Vec<BlockId> = (0..21).map(|_| b.block()).collect();
    b.term(Terminator::Switch {
        value: p[0],
        cases: (0..20).map(|k| (k as i64, blocks[k])).collect(),
        default: blocks[20],
    });
    for (k, &blk) in blocks.iter().enumerate() {
        b.at(blk);
        let v = if k < 20 { (k * k + 1) as i64 } else { -1 };
        let r = b.iconst(i64_, v);
        b.ret(&[r]);
    }
    fs.push(b.finish());

    // main.unreachable(ctx): traps
    let (b, _) = FB::new("main.unreachable", go, &[i64_], &[]);
    let mut f = b.finish();
    f.global = false;
    fs.push(f);

    let mut table_bytes = vec![];
    for v in [10i64, 20, 30, 40] {
        table_bytes.extend_from_slice(&v.to_le_bytes());
    }
    let mut ptrs = data("main.ptrs", DataSection::NoptrData, 8, vec![0; 8], 8);
    ptrs.relocs.push(DataReloc {
        offset: 0,
        kind: RelocKind::Abs64,
        target: "main.table".into(),
        addend: 16,
    });
    let mut ty = data("type:main.T", DataSection::GoType, 8, vec![0; 16], 16);
    ty.relocs.push(DataReloc {
        offset: 8,
        kind: RelocKind::Off32,
        target: "type:.namedata.T".into(),
        addend: 3,
    });
    ty.relocs.push(DataReloc {
        offset: 0,
        kind: RelocKind::Abs64,
        target: "runtime.memequal64·f".into(),
        addend: 0,
    });
    let mut fv = data("main.add·f", DataSection::GoFunc, 8, vec![], 8);
    fv.relocs.push(DataReloc {
        offset: 0,
        kind: RelocKind::Abs64,
        target: "main.add".into(),
        addend: 0,
    });
    let mut local = data("main.local", DataSection::Rodata, 1, b"hi".to_vec(), 2);
    local.global = false;
    Module {
        package: "main".into(),
        functions: fs,
        data: vec![
            data("main.table", DataSection::Rodata, 8, table_bytes, 32),
            ptrs,
            data("main.zero", DataSection::NoptrBss, 16, vec![], 64),
            ty,
            fv,
            local,
        ],
        marks: vec![],
    }
}
