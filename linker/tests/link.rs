//! End-to-end tests: link hand-made objects, run the result, check gc's layout invariants, decode
//! the pclntab with an independent decoder, and (when the pinned toolchain is present) read the
//! executable with Go's own tools.

mod common;

use common::*;
use linker::{Input, InputKind, LinkError, LinkOptions, link, link_with_report};
use object::{Object, ObjectSection, ObjectSymbol};
use std::process::Command;

fn u32_at(b: &[u8], o: usize) -> u32 {
    u32::from_le_bytes(b[o..o + 4].try_into().unwrap())
}
fn u64_at(b: &[u8], o: usize) -> u64 {
    u64::from_le_bytes(b[o..o + 8].try_into().unwrap())
}

fn linked() -> (Vec<u8>, linker::LinkReport) {
    let inp = Inputs::new();
    link_with_report(&inp.list(), &LinkOptions::default())
        .unwrap_or_else(|e| panic!("link failed: {e}"))
}

fn section<'a>(f: &'a object::File, name: &str) -> (u64, &'a [u8]) {
    let s = f
        .section_by_name(name)
        .unwrap_or_else(|| panic!("no section {name}"));
    (s.address(), s.data().unwrap())
}

fn sym_addr(f: &object::File, name: &str) -> Option<u64> {
    f.symbols()
        .find(|s| s.name() == Ok(name))
        .map(|s| s.address())
}

#[test]
fn runs_and_exits_with_computed_status() {
    let (bytes, _) = linked();
    let p = write_exe("exit42", &bytes);
    let st = Command::new(&p).status().unwrap();
    assert_eq!(st.code(), Some(42), "helper() + x must be 42");
}

#[test]
fn deterministic() {
    let (a, _) = linked();
    let (b, _) = linked();
    assert!(a == b);
}

#[test]
fn elf_layout_like_gc() {
    let (bytes, rep) = linked();
    // Header: ET_EXEC, 6 phdrs at 64, section headers at 0x190, shstrndx last.
    assert_eq!(&bytes[..4], b"\x7fELF");
    assert_eq!(u16::from_le_bytes([bytes[16], bytes[17]]), 2);
    assert_eq!(u64_at(&bytes, 32), 64);
    assert_eq!(u64_at(&bytes, 40), 0x190);
    let phnum = u16::from_le_bytes([bytes[56], bytes[57]]) as usize;
    let shnum = u16::from_le_bytes([bytes[60], bytes[61]]) as usize;
    assert_eq!(phnum, 6);
    assert_eq!(
        u16::from_le_bytes([bytes[62], bytes[63]]) as usize,
        shnum - 1
    );
    let ptypes: Vec<u32> = (0..phnum).map(|i| u32_at(&bytes, 64 + 56 * i)).collect();
    assert_eq!(ptypes, vec![6, 4, 1, 1, 1, 0x6474e551]);
    let pflags: Vec<u32> = (0..phnum)
        .map(|i| u32_at(&bytes, 64 + 56 * i + 4))
        .collect();
    assert_eq!(pflags, vec![4, 4, 5, 4, 6, 6]);

    let f = object::File::parse(&*bytes).unwrap();
    let names: Vec<&str> = f.sections().map(|s| s.name().unwrap()).collect();
    assert_eq!(
        names,
        vec![
            ".note.go.buildid",
            ".note.gnu.build-id",
            ".text",
            ".rodata",
            ".gopclntab",
            ".go.type",
            ".go.func",
            ".go.buildinfo",
            ".go.fipsinfo",
            ".go.module",
            ".noptrdata",
            ".data",
            ".bss",
            ".noptrbss",
            ".debug_abbrev",
            ".debug_line",
            ".debug_frame",
            ".debug_info",
            ".debug_rnglists",
            ".symtab",
            ".strtab",
            ".shstrtab"
        ]
    );
    let sec = |n: &str| f.section_by_name(n).unwrap();
    assert_eq!(sec(".note.go.buildid").address(), 0x400f78);
    assert_eq!(
        sec(".note.gnu.build-id").address() + sec(".note.gnu.build-id").size(),
        0x401000
    );
    assert_eq!(sec(".text").address(), 0x401000);
    assert_eq!(sec(".rodata").address() % 0x1000, 0);
    assert_eq!(sec(".go.buildinfo").address() % 0x1000, 0);
    for s in f.sections() {
        if s.address() != 0 {
            // file offset = vaddr - 0x400000
            let (off, _) = s.file_range().unwrap_or((s.address() - 0x400000, 0));
            assert_eq!(off, s.address() - 0x400000, "{}", s.name().unwrap());
        }
    }
    // Section order is address order, with gc's alignment.
    let addrs: Vec<u64> = f
        .sections()
        .filter(|s| s.address() != 0)
        .map(|s| s.address())
        .collect();
    assert!(addrs.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(sec(".go.module").size(), 568);
    assert_eq!(sec(".go.fipsinfo").size(), 120);
    // Functions 32-byte aligned, 0xCC padding.
    let main = sym_addr(&f, "main.main").unwrap();
    let helper = sym_addr(&f, "main.helper").unwrap();
    assert_eq!(main % 32, 0);
    assert_eq!(helper % 32, 0);
    let (ta, text) = section(&f, ".text");
    assert_eq!(text[(main - ta) as usize + 25], 0xcc);
    // Runtime code precedes Go code; unreferenced archive code was dropped.
    assert!(sym_addr(&f, "_rt0_amd64_linux").unwrap() < main);
    assert!(sym_addr(&f, "runtime.deadcode").is_none());
    assert!(!rep.objects.iter().any(|o| o.contains("unused.o")));
    assert_eq!(f.entry(), sym_addr(&f, "_rt0_amd64_linux").unwrap());
    println!("{}", rep.describe());
}

#[test]
fn symtab_like_gc() {
    let (bytes, _) = linked();
    let f = object::File::parse(&*bytes).unwrap();
    let syms: Vec<_> = f.symbols().collect();
    assert_eq!(syms[0].name().unwrap(), "go.go");
    assert_eq!(syms[0].kind(), object::SymbolKind::File);
    // locals first, then globals
    let first_global = syms.iter().position(|s| s.is_global()).unwrap();
    assert!(syms[first_global..].iter().all(|s| s.is_global()));
    let names: Vec<&str> = syms.iter().map(|s| s.name().unwrap()).collect();
    for n in [
        "runtime.text",
        "runtime.etext",
        "runtime.types",
        "runtime.pclntab",
        "runtime.findfunctab",
        "go:func.*",
    ] {
        let s = syms
            .iter()
            .find(|s| s.name() == Ok(n))
            .unwrap_or_else(|| panic!("missing {n}"));
        assert!(s.is_local(), "{n} is local in gc");
    }
    for n in [
        "main.main",
        "main.helper",
        "main.x",
        "runtime.firstmoduledata",
        "runtime.lastmoduledatap",
        "go:buildinfo",
        "type:*",
        "main..inittask",
    ] {
        let s = syms
            .iter()
            .find(|s| s.name() == Ok(n))
            .unwrap_or_else(|| panic!("missing {n}"));
        assert!(s.is_global(), "{n}");
    }
    // Hidden as in gc: type descriptors, itabs, funcvals.
    for n in [
        "type:main.T",
        "type:*main.T",
        "go:itab.*main.T,main.I",
        "main.helper·f",
        "type:.namedata.*main.T.",
    ] {
        assert!(!names.contains(&n), "{n} must be hidden");
    }
    // nm letters: text T, data D, bss B.
    let kind_of = |n: &str| {
        let s = syms.iter().find(|s| s.name() == Ok(n)).unwrap();
        f.section_by_index(s.section_index().unwrap())
            .unwrap()
            .name()
            .unwrap()
            .to_string()
    };
    assert_eq!(kind_of("main.main"), ".text");
    assert_eq!(kind_of("main.x"), ".data");
    assert_eq!(kind_of("b.ptrs"), ".bss");
    assert_eq!(kind_of("runtime.rtvar"), ".noptrdata");
}

#[test]
fn go_type_order_and_offsets() {
    let (bytes, rep) = linked();
    let f = object::File::parse(&*bytes).unwrap();
    let (types, gt) = section(&f, ".go.type");
    let a = |n: &str| {
        rep.symbols
            .iter()
            .find(|s| s.name == n)
            .unwrap_or_else(|| panic!("{n}"))
            .addr
    };
    // gap, then typelinks sorted by string: "*main.T" < "[]int" < "func()"
    assert_eq!(a("type:*"), types + 8);
    assert_eq!(a("type:*main.T"), types + 8);
    assert!(a("type:*main.T") < a("type:[]int"));
    assert!(a("type:[]int") < a("type:func()"));
    assert_eq!(rep.typedesclen, a("type:func()") + 56 - types);
    // others by size: names (7, 9 bytes) before the 64-byte main.T, after the typelinks
    assert!(a("type:.namedata.[]int.") < a("type:.namedata.*main.T."));
    assert!(a("type:.namedata.*main.T.") < a("type:main.T"));
    assert!(a("type:func()") < a("type:.namedata.[]int."));
    // itab at the tail
    assert_eq!(a("go:itab.*main.T,main.I"), types + rep.itaboffset);
    assert_eq!(rep.itabsize, 32);
    assert_eq!(types + gt.len() as u64, a("go:itab.*main.T,main.I") + 32);
    // section-relative offsets (docs/abi.md private R_X86_64_32 rule)
    let t = (a("type:main.T") - types) as usize;
    assert_eq!(
        u32_at(gt, t + 40) as u64,
        a("type:.namedata.*main.T.") - types
    );
    assert_eq!(u32_at(gt, t + 44) as u64, a("type:*main.T") - types);
    assert_eq!(u32_at(gt, t + 48) as u64, a("main.helper") - 0x401000);
    assert_eq!(u32_at(gt, t + 52), u32::MAX, "weak missing method is -1");
    let pt = (a("type:*main.T") - types) as usize;
    assert_eq!(u64_at(gt, pt + 48), a("type:main.T"));
    let it = (rep.itaboffset) as usize;
    assert_eq!(u64_at(gt, it + 8), a("type:*main.T"));
    assert_eq!(u64_at(gt, it + 24), a("main.helper"));
    let (_, gf) = section(&f, ".go.func");
    assert_eq!(u64_at(gf, 0), a("main.helper"));
}

#[test]
fn moduledata_and_inittasks() {
    let (bytes, rep) = linked();
    let f = object::File::parse(&*bytes).unwrap();
    let (_, md) = section(&f, ".go.module");
    let s = |n: &str| sym_addr(&f, n).unwrap_or_else(|| panic!("{n}"));
    let (pcaddr, pcln) = section(&f, ".gopclntab");
    assert_eq!(u64_at(md, 0), pcaddr);
    assert_eq!(u64_at(md, 176), 0x401000);
    assert_eq!(u64_at(md, 184), s("runtime.etext"));
    assert_eq!(
        u64_at(md, 160),
        u64_at(md, 176) + u64::from(u32_at(pcln, u64_at(pcln, 64) as usize))
    );
    assert_eq!(u64_at(md, 296), s("runtime.types"));
    assert_eq!(u64_at(md, 304), rep.typedesclen);
    assert_eq!(u64_at(md, 312), s("runtime.etypes"));
    assert_eq!(u64_at(md, 320), rep.itaboffset);
    assert_eq!(u64_at(md, 136), rep.nfunc as u64 + 1);
    assert_eq!(u64_at(md, 208), s("runtime.data"));
    assert_eq!(u64_at(md, 272), s("runtime.end"));
    assert_eq!(md[512], 1);
    // inittasks: runtime-less set here: b (has fns), a skipped (nfns 0), main last.
    assert_eq!(rep.inittasks, vec!["b".to_string(), "main".to_string()]);
    assert_eq!(u64_at(md, 456), 2);
    let (nd_addr, nd) = section(&f, ".noptrdata");
    let tasks = (u64_at(md, 448) - nd_addr) as usize;
    assert_eq!(u64_at(nd, tasks), s("b..inittask"));
    assert_eq!(u64_at(nd, tasks + 8), s("main..inittask"));
    let lmd = (s("runtime.lastmoduledatap") - nd_addr) as usize;
    assert_eq!(u64_at(nd, lmd), s("runtime.firstmoduledata"));
    // textsectionmap: {0, len, runtime.text}
    let (ro_addr, ro) = section(&f, ".rodata");
    let tsm = (s("runtime.textsectionmap") - ro_addr) as usize;
    assert_eq!(u64_at(ro, tsm), 0);
    assert_eq!(u64_at(ro, tsm + 16), 0x401000);
    // gcbss: .bss holds b.ptrs (8 words) → literal bit, repeat 7, end
    let gcbss = (s("runtime.gcbss") - ro_addr) as usize;
    assert_eq!(&ro[gcbss..gcbss + 5], &[1, 0, 0x81, 7, 0]);
}

/// An independent pclntab decoder (gc 1.20+ format), used to check the linker's encoder.
struct Pcln<'a> {
    d: &'a [u8],
    text: u64,
}

impl<'a> Pcln<'a> {
    fn hdr(&self, i: usize) -> usize {
        u64_at(self.d, 32 + 8 * i) as usize
    }
    fn nfunc(&self) -> usize {
        u64_at(self.d, 8) as usize
    }
    fn ftab(&self) -> &'a [u8] {
        &self.d[self.hdr(4)..]
    }
    fn func(&self, i: usize) -> &'a [u8] {
        let ft = self.ftab();
        &ft[u32_at(ft, 8 * i + 4) as usize..]
    }
    fn cstr(b: &[u8]) -> String {
        String::from_utf8(b[..b.iter().position(|&c| c == 0).unwrap()].to_vec()).unwrap()
    }
    fn name(&self, i: usize) -> String {
        Self::cstr(&self.d[self.hdr(0) + u32_at(self.func(i), 4) as usize..])
    }
    fn entry(&self, i: usize) -> u64 {
        self.text + u64::from(u32_at(self.ftab(), 8 * i))
    }
    fn find(&self, name: &str) -> usize {
        (0..self.nfunc())
            .find(|&i| self.name(i) == name)
            .unwrap_or_else(|| panic!("no func {name}"))
    }
    fn uvarint(p: &mut &[u8]) -> u64 {
        let (mut v, mut s) = (0u64, 0);
        loop {
            let c = p[0];
            *p = &p[1..];
            v |= u64::from(c & 0x7f) << s;
            if c & 0x80 == 0 {
                return v;
            }
            s += 7;
        }
    }
    fn pcvalue(&self, off: u32, entry: u64, pc: u64) -> i64 {
        let mut p = &self.d[self.hdr(3) + off as usize..];
        let (mut val, mut cur, mut first) = (-1i64, entry, true);
        loop {
            let uv = Self::uvarint(&mut p);
            if uv == 0 && !first {
                return -1;
            }
            first = false;
            val += ((uv >> 1) as i64) ^ -((uv & 1) as i64);
            cur += Self::uvarint(&mut p);
            if pc < cur {
                return val;
            }
        }
    }
    fn line(&self, i: usize, pc: u64) -> i64 {
        self.pcvalue(u32_at(self.func(i), 24), self.entry(i), pc)
    }
    fn sp(&self, i: usize, pc: u64) -> i64 {
        self.pcvalue(u32_at(self.func(i), 16), self.entry(i), pc)
    }
    fn file(&self, i: usize, pc: u64) -> String {
        let f = self.func(i);
        let fno = self.pcvalue(u32_at(f, 20), self.entry(i), pc);
        let cu = u32_at(f, 32) as usize;
        let off = u32_at(&self.d[self.hdr(1)..], 4 * (cu + fno as usize)) as usize;
        Self::cstr(&self.d[self.hdr(2) + off..])
    }
    /// runtime.findfunc's bucket lookup.
    fn findfunc(&self, fft: &[u8], minpc: u64, pc: u64) -> usize {
        let x = pc - minpc;
        let b = (x / 4096) as usize;
        let i = ((x % 4096) / 256) as usize;
        let mut idx = u32_at(fft, b * 20) as usize + fft[b * 20 + 4 + i] as usize;
        while self.entry(idx + 1) <= pc {
            idx += 1;
        }
        idx
    }
}

#[test]
fn pclntab_decodes() {
    let (bytes, rep) = linked();
    let f = object::File::parse(&*bytes).unwrap();
    let (_, d) = section(&f, ".gopclntab");
    assert_eq!(u32_at(d, 0), 0xFFFF_FFF1);
    assert_eq!((d[6], d[7]), (1, 8));
    let p = Pcln { d, text: 0x401000 };
    assert_eq!(p.nfunc(), rep.nfunc);
    // ftab sorted, end sentinel = maxpc
    let entries: Vec<u64> = (0..=p.nfunc()).map(|i| p.entry(i)).collect();
    assert!(entries.windows(2).all(|w| w[0] < w[1]));
    let mm = p.find("main.main");
    let main = sym_addr(&f, "main.main").unwrap();
    assert_eq!(p.entry(mm), main);
    assert_eq!(p.line(mm, main), 3);
    assert_eq!(p.line(mm, main + 8), 4);
    assert_eq!(p.line(mm, main + 14), 5);
    assert_eq!(p.line(mm, main + 24), 6);
    assert_eq!(p.file(mm, main + 9), MAIN_GO);
    assert_eq!(u32_at(p.func(mm), 36), 3, "startLine");
    // pcsp from the prologue: 0, 8 after push, 24 after sub rsp,16
    assert_eq!(p.sp(mm, main), 0);
    assert_eq!(p.sp(mm, main + 1), 8);
    assert_eq!(p.sp(mm, main + 8), 24);
    let h = p.find("main.helper");
    assert_eq!(p.line(h, sym_addr(&f, "main.helper").unwrap()), 11);
    // funcIDs and pclntab names without ABI suffix
    let r = p.find("runtime.rt0_go");
    assert_eq!(p.func(r)[40], 16);
    assert_eq!(p.func(r)[41], 7);
    assert!(sym_addr(&f, "runtime.rt0_go.abi0").is_some());
    // findfunctab agrees with the ftab for every entry
    let fft_addr = sym_addr(&f, "runtime.findfunctab").unwrap();
    let (pa, _) = section(&f, ".gopclntab");
    let fft = &d[(fft_addr - pa) as usize..];
    for i in 0..p.nfunc() {
        assert_eq!(p.findfunc(fft, p.entry(0), p.entry(i)), i, "{}", p.name(i));
    }
    assert_eq!(p.name(p.nfunc() - 1), "go:textfipsend");
}

#[test]
fn buildinfo_and_notes() {
    let (bytes, rep) = linked();
    let f = object::File::parse(&*bytes).unwrap();
    let (_, bi) = section(&f, ".go.buildinfo");
    assert_eq!(&bi[..14], b"\xff Go buildinf:");
    assert_eq!((bi[14], bi[15]), (8, 2));
    assert_eq!(bi[32] as usize, "go1.27.3".len());
    assert_eq!(&bi[33..41], b"go1.27.3");
    assert_eq!(bi.len() % 16, 0);
    let text = String::from_utf8_lossy(bi);
    assert!(text.contains("path\tcommand-line-arguments\nbuild\t-buildmode=exe\n"));
    let (_, n) = section(&f, ".note.go.buildid");
    assert_eq!((u32_at(n, 0), u32_at(n, 4), u32_at(n, 8)), (4, 83, 4));
    assert_eq!(&n[12..16], b"Go\0\0");
    let id = std::str::from_utf8(&n[16..16 + 83]).unwrap();
    assert_eq!(id, rep.build_id);
    assert_eq!(id.split('/').count(), 4);
    let (_, g) = section(&f, ".note.gnu.build-id");
    assert_eq!((u32_at(g, 0), u32_at(g, 4), u32_at(g, 8)), (4, 20, 3));
    let (_, fi) = section(&f, ".go.fipsinfo");
    assert_eq!(&fi[..16], b"\xff Go fipsinfo \xff\x00");
    assert_eq!(u64_at(fi, 48), sym_addr(&f, "go:fipsinfo").unwrap());
    assert_eq!(u64_at(fi, 56), sym_addr(&f, "go:textfipsstart").unwrap());
}

#[test]
fn strip_drops_symtab() {
    let inp = Inputs::new();
    let opts = LinkOptions {
        strip: true,
        ..Default::default()
    };
    let bytes = link(&inp.list(), &opts).unwrap();
    let f = object::File::parse(&*bytes).unwrap();
    assert!(f.section_by_name(".symtab").is_none());
    assert!(f.section_by_name(".gopclntab").is_some());
    let st = Command::new(write_exe("stripped", &bytes))
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(42));
}

#[test]
fn undefined_symbols_are_reported() {
    let inp = Inputs::new();
    let only_main = vec![Input {
        name: "main.o".into(),
        data: &inp.main,
        kind: InputKind::Object,
    }];
    let opts = LinkOptions {
        entry: "main.main".into(),
        ..Default::default()
    };
    // main.o alone links (the entry is main.main); drop main.helper's definer to get an error
    let mut o = Obj::new();
    let t = o.section(
        ".text",
        object::SectionKind::Text,
        &[0xe8, 0, 0, 0, 0, 0xc3],
        16,
    );
    o.def("main.main", t, 0, 6, object::SymbolKind::Text, true);
    o.rel(t, 1, "main.missing", -4, object::elf::R_X86_64_PLT32);
    let bad = o.bytes();
    let err = link(
        &[Input {
            name: "bad.o".into(),
            data: &bad,
            kind: InputKind::Object,
        }],
        &opts,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "bad.o: undefined: \"main.missing\"");
    assert!(
        matches!(err, LinkError::Undefined(ref v) if v[0].referenced_by == vec!["bad.o".to_string()])
    );
    assert!(link(&only_main, &opts).is_ok());
}

#[test]
fn duplicate_strong_definition_is_an_error() {
    let inp = Inputs::new();
    let mut list = inp.list();
    list.push(Input {
        name: "main2.o".into(),
        data: &inp.main,
        kind: InputKind::Object,
    });
    let err = link(&list, &LinkOptions::default()).unwrap_err();
    assert!(matches!(err, LinkError::Duplicate { .. }), "{err}");
    assert!(err.to_string().contains("main.o and main2.o"), "{err}");
}

#[test]
fn garbage_input_is_an_error_not_a_panic() {
    let junk = vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0];
    let err = link(
        &[Input {
            name: "junk.o".into(),
            data: &junk,
            kind: InputKind::Object,
        }],
        &LinkOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("junk.o:"), "{err}");
    let err = link(
        &[Input {
            name: "x.a".into(),
            data: b"!<arch>\nzz",
            kind: InputKind::Archive,
        }],
        &LinkOptions::default(),
    )
    .unwrap_err();
    assert!(!err.to_string().is_empty());
}

// ---- the pinned gc toolchain reading our output ----

fn go_tool(args: &[&str]) -> Option<String> {
    let Some(root) = goroot() else {
        println!("note: gc toolchain not found; skipping Go tool checks");
        return None;
    };
    let out = Command::new(root.join("bin/go"))
        .args(args)
        .env("GOROOT", &root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "go {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn go_tools_read_the_output() {
    let (bytes, _) = linked();
    let p = write_exe("gotools", &bytes);
    let ps = p.to_str().unwrap();
    let Some(v) = go_tool(&["version", "-m", ps]) else {
        return;
    };
    assert!(
        v.starts_with(&format!(
            "{ps}: go1.27.3\n\tpath\tcommand-line-arguments\n\tbuild\t-buildmode=exe\n"
        )),
        "{v}"
    );
    let nm = go_tool(&["tool", "nm", ps]).unwrap();
    assert!(nm.lines().any(|l| l.ends_with(" T main.main")), "{nm}");
    assert!(nm.lines().any(|l| l.ends_with(" D main.x")), "{nm}");
    assert!(nm.lines().any(|l| l.ends_with(" B b.ptrs")), "{nm}");
    assert!(
        nm.lines().any(|l| l.ends_with(" R runtime.textsectionmap")),
        "{nm}"
    );
    let od = go_tool(&["tool", "objdump", "-s", "^main.main$", ps]).unwrap();
    assert!(
        od.contains("TEXT main.main(SB) /tmp/rgo-linker-test/main.go"),
        "{od}"
    );
    assert!(od.contains("main.go:4"), "{od}");
    assert!(od.contains("CALL main.helper(SB)"), "{od}");
    // addr2line reads addresses on stdin
    let f = object::File::parse(&*bytes).unwrap();
    let main = sym_addr(&f, "main.main").unwrap();
    let root = goroot().unwrap();
    let mut child = Command::new(root.join("bin/go"))
        .args(["tool", "addr2line", ps])
        .env("GOROOT", &root)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(
        child.stdin.take().unwrap(),
        "{:#x}\n{:#x}",
        main + 8,
        main + 14
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("main.main\n{MAIN_GO}:4\nmain.main\n{MAIN_GO}:5\n")
    );
}

#[test]
fn debug_gosym_reads_the_output() {
    let (bytes, _) = linked();
    let p = write_exe("gosym", &bytes);
    let Some(root) = goroot() else {
        println!("note: gc toolchain not found; skipping debug/gosym check");
        return;
    };
    let dir = p.parent().unwrap().join("gosymprog");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("main.go"),
        r#"package main

import (
	"debug/elf"
	"debug/gosym"
	"fmt"
	"os"
)

func main() {
	f, err := elf.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	pcln, _ := f.Section(".gopclntab").Data()
	text := f.Section(".text").Addr
	t, err := gosym.NewTable(nil, gosym.NewLineTable(pcln, text))
	if err != nil {
		panic(err)
	}
	fn := t.LookupFunc("main.main")
	file, line, _ := t.PCToLine(fn.Entry + 8)
	fmt.Printf("%s %s:%d %d\n", fn.Name, file, line, len(t.Funcs))
	pc, _, _ := t.LineToPC(file, 5)
	fmt.Printf("%#x %#x\n", fn.Entry, pc)
}
"#,
    )
    .unwrap();
    let out = Command::new(root.join("bin/go"))
        .args([
            "run",
            dir.join("main.go").to_str().unwrap(),
            p.to_str().unwrap(),
        ])
        .env("GOROOT", &root)
        .env("GOFLAGS", "-mod=mod")
        .env("GO111MODULE", "off")
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{s}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let f = object::File::parse(&*bytes).unwrap();
    let main = sym_addr(&f, "main.main").unwrap();
    let mut lines = s.lines();
    let first = lines.next().unwrap();
    assert!(first.starts_with(&format!("main.main {MAIN_GO}:4 ")), "{s}");
    assert_eq!(
        lines.next().unwrap(),
        format!("{main:#x} {:#x}", main + 13),
        "{s}"
    );
}

#[test]
fn real_runtime_archive_if_built() {
    let Ok(paths) = glob_rt() else { return };
    for p in paths {
        let data = std::fs::read(&p).unwrap();
        let mut o = Obj::new();
        let t = o.section(".text", object::SectionKind::Text, &[0x31, 0xc0, 0xc3], 16);
        o.def("main.main", t, 0, 3, object::SymbolKind::Text, true);
        let m = o.bytes();
        let inputs = [
            Input {
                name: "main.o".into(),
                data: &m,
                kind: InputKind::Object,
            },
            Input {
                name: p.display().to_string(),
                data: &data,
                kind: InputKind::Archive,
            },
        ];
        match link_with_report(&inputs, &LinkOptions::default()) {
            Ok((bytes, rep)) => println!(
                "linked {}: {} bytes, {} funcs",
                p.display(),
                bytes.len(),
                rep.nfunc
            ),
            // A runtime still in progress may miss symbols; anything else is a linker bug.
            Err(e @ LinkError::Undefined(_)) => {
                println!("note: {} does not link yet:\n{e}", p.display())
            }
            Err(e) => panic!("{}: {e}", p.display()),
        }
    }
}

fn glob_rt() -> Result<Vec<std::path::PathBuf>, ()> {
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target");
    let mut out = Vec::new();
    for prof in std::fs::read_dir(&target).map_err(|_| ())?.flatten() {
        let Ok(build) = std::fs::read_dir(prof.path().join("build")) else {
            continue;
        };
        for b in build.flatten() {
            let p = b.path().join("out/librgort.a");
            if b.file_name().to_string_lossy().starts_with("rgo-") && p.exists() {
                out.push(p);
            }
        }
    }
    if out.is_empty() {
        println!("note: no librgort.a built yet; skipping");
    }
    Ok(out)
}

/// `RGO_LINKER_TEST_ARCHIVE=/path/lib.a`: link a Rust staticlib that defines `_rt0_amd64_linux`
/// and calls `main.main` (returning 42 here), run it, and expect exit status 42.
#[test]
fn external_rust_staticlib_from_env() {
    let Ok(path) = std::env::var("RGO_LINKER_TEST_ARCHIVE") else {
        println!("note: RGO_LINKER_TEST_ARCHIVE not set; skipping");
        return;
    };
    let data = std::fs::read(&path).unwrap();
    let mut o = Obj::new();
    let t = o.section(
        ".text",
        object::SectionKind::Text,
        &[0xb8, 42, 0, 0, 0, 0xc3],
        16,
    );
    o.def("main.main", t, 0, 6, object::SymbolKind::Text, true);
    let m = o.bytes();
    let inputs = [
        Input {
            name: "main.o".into(),
            data: &m,
            kind: InputKind::Object,
        },
        Input {
            name: path.clone(),
            data: &data,
            kind: InputKind::Archive,
        },
    ];
    let (bytes, rep) =
        link_with_report(&inputs, &LinkOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "{} objects, {} funcs, {} bytes",
        rep.objects.len(),
        rep.nfunc,
        bytes.len()
    );
    let out = Command::new(write_exe("rustlib", &bytes)).output().unwrap();
    println!("{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(out.status.code(), Some(42));
}
