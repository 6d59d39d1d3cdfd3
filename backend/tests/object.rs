//! Inspect the objects the backend writes with the `object` crate's read API.

mod common;
use common::*;
use midend::ir::*;
use object::elf;
use object::read::{Object, ObjectSection, ObjectSymbol, RelocationTarget};
use object::{RelocationFlags, SectionKind, SymbolKind};

fn sh_flags(file: &object::File<'_>, name: &str) -> u64 {
    let s = file
        .section_by_name(name)
        .unwrap_or_else(|| panic!("no section {name}"));
    match s.flags() {
        object::SectionFlags::Elf { sh_flags } => sh_flags,
        f => panic!("{name}: {f:?}"),
    }
}

/// (relocation type, target symbol name, addend) of every relocation in `section`.
fn relocs(file: &object::File<'_>, section: &str) -> Vec<(u32, String, u64, i64)> {
    let s = file.section_by_name(section).unwrap();
    s.relocations()
        .map(|(off, r)| {
            let RelocationFlags::Elf { r_type } = r.flags() else {
                panic!()
            };
            let RelocationTarget::Symbol(i) = r.target() else {
                panic!()
            };
            let sym = file.symbol_by_index(i).unwrap();
            (r_type, sym.name().unwrap().to_string(), off, r.addend())
        })
        .collect()
}

#[test]
fn sections_symbols_relocations() {
    let m = sample_module();
    let bytes = backend::compile_module(&m, &opts(1)).unwrap();
    let file = object::File::parse(&*bytes).unwrap();
    assert_eq!(file.architecture(), object::Architecture::X86_64);

    // Sections: names, kinds, flags.
    let text = file.section_by_name(".text").unwrap();
    assert_eq!(text.kind(), SectionKind::Text);
    assert_eq!(text.align(), 32);
    for (name, kind, flags) in [
        (".rodata", SectionKind::ReadOnlyData, elf::SHF_ALLOC),
        (
            ".noptrdata",
            SectionKind::Data,
            elf::SHF_ALLOC | elf::SHF_WRITE,
        ),
        (
            ".noptrbss",
            SectionKind::UninitializedData,
            elf::SHF_ALLOC | elf::SHF_WRITE,
        ),
        (".go.type", SectionKind::ReadOnlyData, elf::SHF_ALLOC),
        (".go.func", SectionKind::ReadOnlyData, elf::SHF_ALLOC),
    ] {
        let s = file
            .section_by_name(name)
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(s.kind(), kind, "{name}");
        assert_eq!(sh_flags(&file, name), u64::from(flags), "{name}");
    }
    assert!(
        file.section_by_name(".eh_frame").is_none(),
        "eh_frame is skipped"
    );
    let bss = file.section_by_name(".noptrbss").unwrap();
    assert_eq!(bss.size(), 64);
    assert_eq!(bss.align(), 16);
    let lines = file.section_by_name(".rgo.lines").unwrap();
    assert!(matches!(
        lines.flags(),
        object::SectionFlags::Elf { sh_flags: 0 }
    ));

    // Symbols: every function 32-byte aligned STT_FUNC with its size; data STT_OBJECT.
    let mut funcs = 0;
    for f in &m.functions {
        let s = file
            .symbol_by_name(&f.name)
            .unwrap_or_else(|| panic!("{}", f.name));
        assert_eq!(s.kind(), SymbolKind::Text, "{}", f.name);
        assert_eq!(s.address() % 32, 0, "{} alignment", f.name);
        assert!(s.size() > 0);
        assert_eq!(s.is_global(), f.global, "{} binding", f.name);
        assert_eq!(s.section_index(), Some(text.index()));
        funcs += 1;
    }
    assert_eq!(funcs, m.functions.len());
    for d in &m.data {
        let s = file
            .symbol_by_name(&d.name)
            .unwrap_or_else(|| panic!("{}", d.name));
        assert_eq!(s.kind(), SymbolKind::Data, "{}", d.name);
        assert_eq!(s.size(), d.size, "{}", d.name);
        assert_eq!(s.address() % u64::from(d.align), 0, "{}", d.name);
        assert_eq!(s.is_global(), d.global, "{}", d.name);
        let sec = file.section_by_index(s.section_index().unwrap()).unwrap();
        assert_eq!(sec.name().unwrap(), d.section.section_name());
    }
    let table = file.symbol_by_name("main.table").unwrap();
    let rodata = file.section_by_name(".rodata").unwrap();
    let off = table.address() as usize;
    assert_eq!(&rodata.data().unwrap()[off..off + 8], &10i64.to_le_bytes());
    // Names with arbitrary bytes are kept verbatim.
    assert!(file.symbol_by_name("main.add·f").is_some());
    // Undefined: only true externals, global.
    let mut undef: Vec<String> = file
        .symbols()
        .filter(|s| s.is_undefined())
        .map(|s| {
            assert!(s.is_global());
            s.name().unwrap().to_string()
        })
        .collect();
    undef.sort();
    assert_eq!(
        undef,
        [
            "memmove",
            "memset",
            "rgo_c_bool",
            "rgo_c_helper",
            "runtime.memequal64·f",
            "type:.namedata.T"
        ]
    );

    // Data relocations: both kinds, with targets and addends.
    let r = relocs(&file, ".go.type");
    assert_eq!(r.len(), 2);
    assert!(r.contains(&(elf::R_X86_64_32, "type:.namedata.T".into(), 8, 3)));
    assert!(r.contains(&(elf::R_X86_64_64, "runtime.memequal64·f".into(), 0, 0)));
    let base = file.symbol_by_name("main.ptrs").unwrap().address();
    assert_eq!(
        relocs(&file, ".noptrdata"),
        [(elf::R_X86_64_64, "main.table".into(), base, 16)]
    );
    assert_eq!(
        relocs(&file, ".go.func"),
        [(elf::R_X86_64_64, "main.add".into(), 0, 0)]
    );

    // Code relocations: direct calls are PLT32 (call rel32), addresses PC32; no absolute
    // relocations and no GOT in code.
    let r = relocs(&file, ".text");
    let code = text.data().unwrap();
    for (t, name, off, addend) in &r {
        assert!(
            matches!(*t, elf::R_X86_64_PLT32 | elf::R_X86_64_PC32),
            "{name}: {t}"
        );
        if *t == elf::R_X86_64_PLT32 {
            assert_eq!(code[*off as usize - 1], 0xE8, "{name}: call rel32");
            assert_eq!(*addend, -4);
        }
    }
    let calls: Vec<&str> = r
        .iter()
        .filter(|x| x.0 == elf::R_X86_64_PLT32)
        .map(|x| x.1.as_str())
        .collect();
    for c in [
        "main.add",
        "main.divmod3",
        "rgo_c_helper",
        "rgo_c_bool",
        "memset",
        "memmove",
    ] {
        assert!(calls.contains(&c), "call to {c}");
    }
    // main.table+24 folded into the lea: addend 24 - 4.
    assert!(
        r.iter()
            .any(|x| x.0 == elf::R_X86_64_PC32 && x.1 == "main.table" && x.3 == 20)
    );
    // func_addr of main.add is a lea, PC32.
    assert!(
        r.iter()
            .any(|x| x.0 == elf::R_X86_64_PC32 && x.1 == "main.add")
    );

    // Padding between functions is int3.
    let add = file.symbol_by_name("main.add").unwrap();
    let end = (add.address() + add.size()) as usize;
    assert!(code[end..32].iter().all(|&b| b == 0xCC));
}

/// Parse `.rgo.lines` (format in linker/src/lines.rs).
/// name, file, start_line, args, func_id, (pcoff, line) entries, nsp
type LineRec = (String, String, i32, i32, u32, Vec<(u32, i32)>, u32);

fn parse_lines(data: &[u8]) -> Vec<LineRec> {
    let mut p = 0;
    let u32_ = |p: &mut usize| {
        let v = u32::from_le_bytes(data[*p..*p + 4].try_into().unwrap());
        *p += 4;
        v
    };
    assert_eq!(u32_(&mut p), 3);
    let mut out = vec![];
    while p < data.len() {
        let n = u32_(&mut p) as usize;
        let name = String::from_utf8(data[p..p + n].to_vec()).unwrap();
        p += n;
        let n = u32_(&mut p) as usize;
        let file = String::from_utf8(data[p..p + n].to_vec()).unwrap();
        p += n;
        let start = u32_(&mut p) as i32;
        let args = u32_(&mut p) as i32;
        let fid = u32_(&mut p);
        let nl = u32_(&mut p);
        let lines = (0..nl)
            .map(|_| (u32_(&mut p), u32_(&mut p) as i32))
            .collect();
        let nsp = u32_(&mut p);
        p += 8 * nsp as usize;
        let narg = u32_(&mut p) as usize;
        p += narg + 4; // arginfo bytes, arg_fp_off
        for _ in 0..u32_(&mut p) {
            let n = u32_(&mut p) as usize;
            p += n + 1 + 4;
            let n = u32_(&mut p) as usize;
            p += n;
        }
        // Locals: name, line, type, ranges.
        for _ in 0..u32_(&mut p) {
            let n = u32_(&mut p) as usize;
            p += n + 4;
            let n = u32_(&mut p) as usize;
            p += n;
            for _ in 0..u32_(&mut p) {
                p += 8;
                let n = u32_(&mut p) as usize;
                p += n;
            }
        }
        out.push((name, file, start, args, fid, lines, nsp));
    }
    out
}

#[test]
fn line_tables() {
    let m = sample_module();
    let bytes = backend::compile_module(&m, &opts(2)).unwrap();
    let file = object::File::parse(&*bytes).unwrap();
    let recs = parse_lines(file.section_by_name(".rgo.lines").unwrap().data().unwrap());
    assert_eq!(recs.len(), m.functions.len());
    for (r, f) in recs.iter().zip(&m.functions) {
        assert_eq!(r.0, f.name);
        assert_eq!(r.1, f.file);
        assert_eq!(r.2, 10);
        assert_eq!(r.3, i32::MIN);
        assert_eq!(r.4, 0);
        assert!(
            r.5.windows(2).all(|w| w[0].0 < w[1].0),
            "{}: increasing",
            f.name
        );
        let size = file.symbol_by_name(&f.name).unwrap().size();
        assert!(r.5.iter().all(|&(pc, _)| u64::from(pc) < size));
    }
    let sum = recs.iter().find(|r| r.0 == "rgo_sum").unwrap();
    let lines: Vec<i32> = sum.5.iter().map(|x| x.1).collect();
    for l in [20, 21, 22, 24] {
        assert!(lines.contains(&l), "rgo_sum lines {lines:?}");
    }
    let add = recs.iter().find(|r| r.0 == "main.add").unwrap();
    assert_eq!(add.5.iter().map(|x| x.1).collect::<Vec<_>>(), [11]);
}

#[test]
fn deterministic_across_threads_and_runs() {
    let m = sample_module();
    let a = backend::compile_module(&m, &opts(1)).unwrap();
    for t in [1, 2, 3, 8] {
        assert_eq!(
            backend::compile_module(&m, &opts(t)).unwrap(),
            a,
            "threads={t}"
        );
    }
}

#[test]
fn no_libcalls_and_stats() {
    let m = sample_module();
    for opt in [backend::OptLevel::None, backend::OptLevel::Speed] {
        let (_, st) = backend::compile_module_with_stats(
            &m,
            &backend::Options {
                opt_level: opt,
                threads: 2,
            },
        )
        .unwrap();
        assert_eq!(st.functions, m.functions.len());
        assert!(st.clif_insts > 100);
        assert!(st.code_bytes > 500);
        assert!(st.libcalls.is_empty(), "{:?}", st.libcalls);
    }
}

#[test]
fn dumps() {
    let m = sample_module();
    let d = backend::clif_dump(&m, &opts(1)).unwrap();
    assert!(d.contains("; function \"main.add\""));
    assert!(d.contains("tail"), "Go functions use the tail convention");
    assert!(d.contains("system_v"));
    assert!(d.contains("u0:0 = \"main.add\""));
    let a = backend::asm_dump(&m, &opts(1)).unwrap();
    assert!(a.contains("; function \"rgo_sum\""));
}

#[test]
fn empty_module() {
    let bytes = backend::compile_module(&Module::default(), &opts(4)).unwrap();
    let file = object::File::parse(&*bytes).unwrap();
    assert!(file.symbols().next().is_none());
}

#[test]
fn large_frames_probe_inline() {
    // A 64 KiB frame: the stack must be probed page by page (guard pages), inline, with no
    // `__cranelift_probestack` libcall.
    for conv in [CallConv::Go, CallConv::C] {
        let (mut b, p) = FB::new("main.big", conv, &[Ty::I64], &[Ty::I64]);
        let s = b.slot(65536, 8);
        let a = b.slot_addr(s);
        b.store(a, 65528, p[0]);
        let v = b.load(Ty::I64, a, 65528);
        b.ret(&[v]);
        let m = Module {
            package: "main".into(),
            functions: vec![b.finish()],
            data: vec![],
            marks: vec![],
        };
        let (bytes, st) = backend::compile_module_with_stats(&m, &opts(1)).unwrap();
        assert!(st.libcalls.is_empty());
        let file = object::File::parse(&*bytes).unwrap();
        assert!(file.symbols().all(|s| !s.is_undefined()), "{conv:?}");
        let asm = backend::asm_dump(&m, &opts(1)).unwrap();
        assert!(
            asm.contains("stack_probe"),
            "{conv:?}: probes expected:\n{asm}"
        );
    }
}
