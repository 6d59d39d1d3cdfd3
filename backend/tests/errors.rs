//! Malformed IR is reported as a BackendError naming the function, never a panic.

mod common;
use common::*;
use midend::ir::*;

fn module(f: Function) -> Module {
    Module {
        package: "main".into(),
        functions: vec![f],
        data: vec![],
        marks: vec![],
    }
}

fn compile_err(m: &Module) -> backend::BackendError {
    for t in [1, 2] {
        if backend::compile_module(m, &opts(t)).is_ok() {
            panic!("expected an error");
        }
    }
    let e = backend::compile_module(m, &opts(1)).unwrap_err();
    // The dump validates the same way.
    assert!(backend::clif_dump(m, &opts(1)).is_err() || e.function.is_none());
    e
}

type Case = Box<dyn Fn(&mut FB, &[Var])>;

fn simple() -> (FB, Vec<Var>) {
    FB::new("main.bad", CallConv::Go, &[Ty::I64, Ty::I64], &[Ty::I64])
}

#[test]
fn undefined_var() {
    let (mut b, _) = simple();
    let dst = b.var(Ty::I64);
    b.push(Inst::Copy { dst, src: Var(99) });
    b.ret(&[dst]);
    let e = compile_err(&module(b.finish()));
    assert_eq!(e.function.as_deref(), Some("main.bad"));
    assert!(e.to_string().contains("v99 is not a declared var"), "{e}");
    assert!(e.to_string().contains("b0 inst 0"), "{e}");
}

#[test]
fn undefined_block() {
    let (mut b, p) = simple();
    b.term(Terminator::Branch {
        cond: p[1],
        then: BlockId(0),
        els: BlockId(7),
    });
    let e = compile_err(&module(b.finish()));
    assert!(e.to_string().contains("b7 does not exist"), "{e}");
}

#[test]
fn type_mismatches() {
    let cases: Vec<Case> = vec![
        Box::new(|b, p| {
            let x = b.iconst(Ty::I32, 1);
            let d = b.var(Ty::I64);
            b.push(Inst::Binary {
                dst: d,
                op: BinOp::Add,
                a: p[1],
                b: x,
            });
            b.ret(&[d]);
        }),
        Box::new(|b, p| {
            let d = b.var(Ty::F64);
            b.push(Inst::Binary {
                dst: d,
                op: BinOp::FAdd,
                a: p[1],
                b: p[1],
            });
            b.ret(&[p[1]]);
        }),
        Box::new(|b, p| {
            let d = b.var(Ty::I32);
            b.push(Inst::Copy { dst: d, src: p[1] });
            b.ret(&[p[1]]);
        }),
        Box::new(|b, p| {
            let d = b.var(Ty::I32);
            b.push(Inst::Convert {
                dst: d,
                conv: Conv::Sext,
                a: p[1],
            });
            b.ret(&[p[1]]);
        }),
        Box::new(|b, p| {
            let d = b.var(Ty::F32);
            b.push(Inst::Convert {
                dst: d,
                conv: Conv::Bitcast,
                a: p[1],
            });
            b.ret(&[p[1]]);
        }),
        Box::new(|b, _| {
            let a = b.iconst(Ty::I32, 0);
            let d = b.var(Ty::I64);
            b.push(Inst::Load {
                dst: d,
                addr: a,
                offset: 0,
            });
            b.ret(&[d]);
        }),
        Box::new(|b, _| {
            let x = b.iconst(Ty::I32, 0);
            b.ret(&[x]);
        }),
        Box::new(|b, p| b.ret(&[p[0], p[1]])),
        Box::new(|b, _| {
            let d = b.var(Ty::I64);
            b.push(Inst::Iconst {
                dst: d,
                ty: Ty::I32,
                value: 0,
            });
            b.ret(&[d]);
        }),
        Box::new(|b, _| {
            let f = b.f64const(1.0);
            b.term(Terminator::Branch {
                cond: f,
                then: BlockId(0),
                els: BlockId(0),
            });
        }),
        Box::new(|b, p| {
            let r = b.call(
                Callee::Direct("runtime.f".into()),
                CallConv::C,
                &[p[1]],
                &[Ty::I64; 3],
            );
            b.ret(&r[..1]);
        }),
        Box::new(|b, p| {
            b.term(Terminator::Switch {
                value: p[1],
                cases: vec![(1, BlockId(0)), (1, BlockId(0))],
                default: BlockId(0),
            });
        }),
        Box::new(|b, p| {
            let t = b.conv(Conv::Trunc, p[1], Ty::I8);
            // -1 and 255 are the same i8 case.
            b.term(Terminator::Switch {
                value: t,
                cases: vec![(-1, BlockId(0)), (255, BlockId(0))],
                default: BlockId(0),
            });
        }),
        Box::new(|b, p| {
            let d = b.var(Ty::I64);
            b.push(Inst::SlotAddr {
                dst: d,
                slot: SlotId(3),
            });
            b.ret(&[p[1]]);
        }),
        Box::new(|b, p| {
            b.slot(8, 3);
            b.ret(&[p[1]]);
        }),
    ];
    for (i, case) in cases.iter().enumerate() {
        let (mut b, p) = simple();
        case(&mut b, &p);
        let e = compile_err(&module(b.finish()));
        assert_eq!(e.function.as_deref(), Some("main.bad"), "case {i}: {e}");
        println!("case {i}: {e}");
    }
}

#[test]
fn no_blocks_and_bad_params() {
    let (b, _) = simple();
    let mut f = b.finish();
    f.blocks.clear();
    compile_err(&module(f));
    let (b, _) = simple();
    let mut f = b.finish();
    f.params.push(Var(1000));
    compile_err(&module(f));
}

#[test]
fn module_level_errors() {
    let (mut b, p) = simple();
    b.ret(&[p[1]]);
    let f = b.finish();
    // duplicate symbol
    let mut m = module(f.clone());
    m.functions.push(f.clone());
    let e = backend::compile_module(&m, &opts(1)).unwrap_err();
    assert!(e.to_string().contains("defined twice"), "{e}");
    // data vs function
    let mut m = module(f.clone());
    m.data
        .push(data("main.bad", DataSection::Rodata, 1, vec![], 0));
    assert!(backend::compile_module(&m, &opts(1)).is_err());
    // relocation outside the object, contents larger than size, bss contents
    let mut d = data("main.d", DataSection::Rodata, 8, vec![0; 8], 8);
    d.relocs.push(DataReloc {
        offset: 4,
        kind: RelocKind::Abs64,
        target: "x".into(),
        addend: 0,
    });
    let mut m = module(f.clone());
    m.data.push(d);
    assert!(
        backend::compile_module(&m, &opts(1))
            .unwrap_err()
            .to_string()
            .contains("outside")
    );
    let mut m = module(f.clone());
    m.data
        .push(data("main.d", DataSection::Rodata, 8, vec![0; 9], 8));
    assert!(backend::compile_module(&m, &opts(1)).is_err());
    let mut m = module(f.clone());
    m.data.push(data("main.d", DataSection::Bss, 8, vec![1], 8));
    assert!(backend::compile_module(&m, &opts(1)).is_err());
    let mut m = module(f);
    m.data.push(data("main.d", DataSection::Data, 3, vec![], 8));
    assert!(backend::compile_module(&m, &opts(1)).is_err());
}

#[test]
fn unused_and_uninitialised_vars_are_fine() {
    // A var read before any definition reads as zero (cranelift-frontend's rule), and
    // unreachable blocks compile.
    let (mut b, _) = simple();
    let u = b.var(Ty::I64);
    let dead = b.block();
    b.ret(&[u]);
    b.at(dead);
    b.term(Terminator::Jump(dead));
    backend::compile_module(&module(b.finish()), &opts(1)).unwrap();
}
