//! Compile-throughput measurement for the README: a generated module of N Go-like functions
//! (loops, loads/stores through slots, calls with several results, switches, float math),
//! compiled single-threaded and on 2 threads at both optimisation levels.
//!
//! `cargo run --release -p backend --example throughput [N]`

use midend::ir::*;
use std::time::Instant;

struct G {
    f: Function,
    cur: usize,
}

impl G {
    fn var(&mut self, t: Ty) -> Var {
        self.f.vars.push(t);
        Var(self.f.vars.len() as u32 - 1)
    }
    fn block(&mut self) -> BlockId {
        self.f.blocks.push(Block {
            insts: vec![],
            term: Terminator::Unreachable,
        });
        BlockId(self.f.blocks.len() as u32 - 1)
    }
    fn push(&mut self, i: Inst) {
        self.f.blocks[self.cur].insts.push(i);
    }
    fn iconst(&mut self, v: i64) -> Var {
        let dst = self.var(Ty::I64);
        self.push(Inst::Iconst {
            dst,
            ty: Ty::I64,
            value: v,
        });
        dst
    }
    fn bin(&mut self, op: BinOp, a: Var, b: Var) -> Var {
        let t = self.f.vars[a.0 as usize];
        let dst = self.var(t);
        self.push(Inst::Binary { dst, op, a, b });
        dst
    }
}

/// One function: a counted loop whose body does `k` rounds of arithmetic, slot traffic, a
/// call and a float computation, followed by a switch.
fn generate(i: usize, n: usize, k: usize) -> Function {
    use BinOp::*;
    let mut g = G {
        f: Function {
            name: format!("main.f{i}"),
            global: true,
            conv: CallConv::Go,
            params: vec![],
            results: vec![Ty::I64, Ty::I64],
            vars: vec![],
            slots: vec![StackSlot { size: 64, align: 8 }],
            blocks: vec![],
            file: "/tmp/gen.go".into(),
            start_line: 1,
            func_id: 0,
            arg_info: None,
            debug_locals: Vec::new(),
        },
        cur: 0,
    };
    let ctx = g.var(Ty::I64);
    let a = g.var(Ty::I64);
    let b = g.var(Ty::I64);
    g.f.params = vec![ctx, a, b];
    let entry = g.block();
    let head = g.block();
    let body = g.block();
    let exit = g.block();
    let cases: Vec<BlockId> = (0..4).map(|_| g.block()).collect();
    let done = g.block();
    g.cur = entry.0 as usize;
    let acc = g.iconst(0);
    let idx = g.iconst(0);
    let facc = g.var(Ty::F64);
    g.push(Inst::F64const {
        dst: facc,
        bits: 1.5f64.to_bits(),
    });
    g.f.blocks[g.cur].term = Terminator::Jump(head);
    g.cur = head.0 as usize;
    let c = g.var(Ty::I8);
    g.push(Inst::Icmp {
        dst: c,
        cmp: Cmp::SLt,
        a: idx,
        b: a,
    });
    g.f.blocks[g.cur].term = Terminator::Branch {
        cond: c,
        then: body,
        els: exit,
    };
    g.cur = body.0 as usize;
    let p = g.var(Ty::I64);
    g.push(Inst::SlotAddr {
        dst: p,
        slot: SlotId(0),
    });
    for r in 0..k {
        g.push(Inst::Line(10 + r as u32));
        let x = g.bin(Add, acc, idx);
        let y = g.bin(Mul, x, b);
        let s = g.iconst((r % 7) as i64 + 1);
        let z = g.bin(Shl, y, s);
        let w = g.bin(Xor, z, acc);
        g.push(Inst::Store {
            addr: p,
            offset: (r % 8) as i32 * 8,
            value: w,
        });
        let l = g.var(Ty::I64);
        g.push(Inst::Load {
            dst: l,
            addr: p,
            offset: ((r + 3) % 8) as i32 * 8,
        });
        let fl = g.var(Ty::F64);
        g.push(Inst::Convert {
            dst: fl,
            conv: Conv::SToF,
            a: l,
        });
        let fm = g.bin(FMul, fl, facc);
        let fs = g.bin(FAdd, fm, facc);
        g.push(Inst::Copy { dst: facc, src: fs });
        let callee = (i * 7 + r) % n;
        let res = [g.var(Ty::I64), g.var(Ty::I64)];
        g.push(Inst::Call {
            callee: Callee::Direct(format!("main.f{callee}")),
            conv: CallConv::Go,
            args: vec![ctx, w, l],
            results: res.to_vec(),
        });
        let t = g.bin(Sub, res[0], res[1]);
        let cmp = g.var(Ty::I8);
        g.push(Inst::Icmp {
            dst: cmp,
            cmp: Cmp::UGt,
            a: t,
            b: x,
        });
        let sel = g.var(Ty::I64);
        g.push(Inst::Select {
            dst: sel,
            cond: cmp,
            a: t,
            b: x,
        });
        let na = g.bin(Add, acc, sel);
        g.push(Inst::Copy { dst: acc, src: na });
    }
    let one = g.iconst(1);
    let ni = g.bin(Add, idx, one);
    g.push(Inst::Copy { dst: idx, src: ni });
    g.f.blocks[g.cur].term = Terminator::Jump(head);
    g.cur = exit.0 as usize;
    let fi = g.var(Ty::I64);
    g.push(Inst::Convert {
        dst: fi,
        conv: Conv::FToS,
        a: facc,
    });
    g.f.blocks[g.cur].term = Terminator::Switch {
        value: acc,
        cases: cases
            .iter()
            .enumerate()
            .map(|(j, &bl)| (j as i64 * 3, bl))
            .collect(),
        default: done,
    };
    for (j, &bl) in cases.iter().enumerate() {
        g.cur = bl.0 as usize;
        let v = g.iconst(j as i64);
        let r = g.bin(Add, acc, v);
        g.push(Inst::Copy { dst: acc, src: r });
        g.f.blocks[g.cur].term = Terminator::Jump(done);
    }
    g.cur = done.0 as usize;
    g.f.blocks[g.cur].term = Terminator::Return(vec![acc, fi]);
    g.f
}

/// CPU seconds this process has used (user + system, from /proc; 10 ms resolution). Wall time
/// on a shared machine depends on the load, CPU time much less.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let k: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let m = Module {
        package: "main".into(),
        functions: (0..n).map(|i| generate(i, n, k)).collect(),
        data: vec![],
        marks: vec![],
    };
    println!("{n} functions, {k} rounds each");
    for opt in [backend::OptLevel::Speed, backend::OptLevel::None] {
        for threads in [1, 2] {
            let opts = backend::Options {
                opt_level: opt,
                threads,
            };
            // Warm-up run, then the best of three.
            let _ = backend::compile_module_with_stats(&m, &opts).expect("compile");
            let mut best = f64::MAX;
            let mut best_cpu = f64::MAX;
            let mut stats = None;
            let mut size = 0;
            for _ in 0..3 {
                let t = Instant::now();
                let c = cpu_seconds();
                let (obj, st) = backend::compile_module_with_stats(&m, &opts).expect("compile");
                best = best.min(t.elapsed().as_secs_f64());
                best_cpu = best_cpu.min(cpu_seconds() - c);
                size = obj.len();
                stats = Some(st);
            }
            let st = stats.expect("stats");
            println!(
                "opt={opt:?} threads={threads}: wall {:.3} s, cpu {:.2} s, {:.0} functions/s, {:.2} M CLIF insts/s ({} insts), code {} KiB, object {} KiB",
                best,
                best_cpu,
                n as f64 / best,
                st.clif_insts as f64 / best / 1e6,
                st.clif_insts,
                st.code_bytes / 1024,
                size / 1024
            );
        }
    }
}
