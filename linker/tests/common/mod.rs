//! Test inputs built with `object::write`: a fake runtime archive and Go objects with raw x86.
#![allow(dead_code)]

use linker::{Input, InputKind, LineRecord};
use object::write::{Comdat, Object, Relocation, SectionId, Symbol, SymbolId, SymbolSection};
use object::{
    Architecture, BinaryFormat, ComdatKind, Endianness, RelocationFlags, SectionKind, SymbolFlags,
    SymbolKind, SymbolScope, elf,
};

pub struct Obj {
    pub o: Object<'static>,
}

impl Obj {
    pub fn new() -> Self {
        Obj {
            o: Object::new(BinaryFormat::Elf, Architecture::X86_64, Endianness::Little),
        }
    }
    pub fn section(&mut self, name: &str, kind: SectionKind, data: &[u8], align: u64) -> SectionId {
        let id = self
            .o
            .add_section(Vec::new(), name.as_bytes().to_vec(), kind);
        self.o.section_mut(id).set_data(data.to_vec(), align);
        id
    }
    pub fn nonalloc(&mut self, name: &str, data: &[u8]) -> SectionId {
        let id = self
            .o
            .add_section(Vec::new(), name.as_bytes().to_vec(), SectionKind::Other);
        let s = self.o.section_mut(id);
        s.set_data(data.to_vec(), 1);
        s.flags = object::SectionFlags::Elf { sh_flags: 0 };
        id
    }
    pub fn def(
        &mut self,
        name: &str,
        sec: SectionId,
        value: u64,
        size: u64,
        kind: SymbolKind,
        global: bool,
    ) -> SymbolId {
        self.o.add_symbol(Symbol {
            name: name.as_bytes().to_vec(),
            value,
            size,
            kind,
            scope: if global {
                SymbolScope::Dynamic
            } else {
                SymbolScope::Compilation
            },
            weak: false,
            section: SymbolSection::Section(sec),
            flags: SymbolFlags::None,
        })
    }
    pub fn undef(&mut self, name: &str, kind: SymbolKind) -> SymbolId {
        if let Some(id) = self.o.symbol_id(name.as_bytes()) {
            return id;
        }
        self.o.add_symbol(Symbol {
            name: name.as_bytes().to_vec(),
            value: 0,
            size: 0,
            kind,
            scope: SymbolScope::Dynamic,
            weak: false,
            section: SymbolSection::Undefined,
            flags: SymbolFlags::None,
        })
    }
    pub fn sym(&mut self, name: &str) -> SymbolId {
        self.o
            .symbol_id(name.as_bytes())
            .unwrap_or_else(|| self.undef(name, SymbolKind::Unknown))
    }
    pub fn rel(&mut self, sec: SectionId, offset: u64, sym: &str, addend: i64, r_type: u32) {
        let symbol = self.sym(sym);
        self.o
            .add_relocation(
                sec,
                Relocation {
                    offset,
                    symbol,
                    addend,
                    flags: RelocationFlags::Elf { r_type },
                },
            )
            .unwrap();
    }
    pub fn comdat(&mut self, sig: SymbolId, sec: SectionId) {
        self.o.add_comdat(Comdat {
            kind: ComdatKind::Any,
            symbol: sig,
            sections: vec![sec],
        });
    }
    pub fn bytes(self) -> Vec<u8> {
        self.o.write().unwrap()
    }
}

/// A GNU ar archive (no symbol index: the linker reads every member's symbols).
pub fn ar(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = b"!<arch>\n".to_vec();
    for (name, data) in members {
        let hdr = format!(
            "{:<16}{:<12}{:<6}{:<6}{:<8}{:<10}`\n",
            format!("{name}/"),
            0,
            0,
            0,
            644,
            data.len()
        );
        assert_eq!(hdr.len(), 60);
        out.extend_from_slice(hdr.as_bytes());
        out.extend_from_slice(data);
        if data.len() % 2 == 1 {
            out.push(b'\n');
        }
    }
    out
}

/// A COMDAT-grouped function `dup_fn` (both runtime members carry one; only one may survive).
fn add_dup(o: &mut Obj) {
    let s = o.section(".text.dup_fn", SectionKind::Text, &[0xc3], 16);
    let sym = o.def("dup_fn", s, 0, 1, SymbolKind::Text, true);
    o.comdat(sym, s);
}

/// The fake runtime: `_rt0_amd64_linux` checks the pcHeader magic through
/// runtime.firstmoduledata (REX_GOTPCRELX, relaxed to lea), checks memmove's address through a
/// plain GOTPCREL (a GOT slot), calls main.main and exits with its result.
pub fn runtime_archive() -> Vec<u8> {
    let mut rt0 = Obj::new();
    #[rustfmt::skip]
    let code: Vec<u8> = vec![
        0x48, 0x8b, 0x05, 0, 0, 0, 0,       // 0: mov rax, [rip+firstmoduledata@GOTPCREL]
        0x48, 0x8b, 0x00,                   // 7: mov rax, [rax]      (pcHeader)
        0x8b, 0x00,                         // 10: mov eax, [rax]     (magic)
        0x3d, 0xf1, 0xff, 0xff, 0xff,       // 12: cmp eax, 0xfffffff1
        0x75, 0x1a,                         // 17: jne fail
        0x48, 0x8b, 0x05, 0, 0, 0, 0,       // 19: mov rax, [rip+memmove@GOTPCREL]
        0x48, 0x85, 0xc0,                   // 26: test rax, rax
        0x74, 0x0e,                         // 29: je fail
        0xe8, 0, 0, 0, 0,                   // 31: call main.main
        0x89, 0xc7,                         // 36: mov edi, eax
        0xb8, 0xe7, 0, 0, 0,                // 38: mov eax, 231 (exit_group)
        0x0f, 0x05,                         // 43: syscall
        0xbf, 0x01, 0, 0, 0,                // 45: fail: mov edi, 1
        0xb8, 0xe7, 0, 0, 0,                // 50: mov eax, 231
        0x0f, 0x05,                         // 55: syscall
    ];
    let t = rt0.section(".text._rt0_amd64_linux", SectionKind::Text, &code, 16);
    rt0.def(
        "_rt0_amd64_linux",
        t,
        0,
        code.len() as u64,
        SymbolKind::Text,
        true,
    );
    rt0.undef("runtime.firstmoduledata", SymbolKind::Data);
    rt0.undef("memmove", SymbolKind::Text);
    rt0.undef("main.main", SymbolKind::Text);
    rt0.rel(
        t,
        3,
        "runtime.firstmoduledata",
        -4,
        elf::R_X86_64_REX_GOTPCRELX,
    );
    rt0.rel(t, 22, "memmove", -4, elf::R_X86_64_GOTPCREL);
    rt0.rel(t, 32, "main.main", -4, elf::R_X86_64_PLT32);
    // runtime.rt0_go-named function to exercise funcIDs; referenced so it stays.
    let g = rt0.section(".text.rt0_go", SectionKind::Text, &[0xc3], 16);
    rt0.def("runtime.rt0_go.abi0", g, 0, 1, SymbolKind::Text, true);
    let d = rt0.section(
        ".data.rel.ro.keep",
        SectionKind::ReadOnlyDataWithRel,
        &[0; 8],
        8,
    );
    rt0.def("runtime.keep", d, 0, 8, SymbolKind::Data, true);
    rt0.rel(d, 0, "runtime.rt0_go.abi0", 0, elf::R_X86_64_64);
    rt0.rel(t, 0, "runtime.keep", 0, elf::R_X86_64_NONE);
    // An unreferenced section of an extracted member: garbage-collected.
    let dead = rt0.section(".text.dead", SectionKind::Text, &[0x90; 100], 16);
    rt0.def("runtime.deadcode", dead, 0, 100, SymbolKind::Text, true);
    // Runtime data: goes to .noptrdata / .noptrbss.
    let rd = rt0.section(".data.rtvar", SectionKind::Data, &[7; 16], 8);
    rt0.def("runtime.rtvar", rd, 0, 16, SymbolKind::Data, true);
    rt0.rel(t, 0, "runtime.rtvar", 0, elf::R_X86_64_NONE);
    add_dup(&mut rt0);

    let mut mem = Obj::new();
    let t = mem.section(".text.memmove", SectionKind::Text, &[0xc3], 16);
    mem.def("memmove", t, 0, 1, SymbolKind::Text, true);
    add_dup(&mut mem);

    let mut unused = Obj::new();
    let t = unused.section(".text.unused", SectionKind::Text, &[0xc3], 16);
    unused.def("runtime.unused", t, 0, 1, SymbolKind::Text, true);

    ar(&[
        ("rt0.o", rt0.bytes()),
        ("mem.o", mem.bytes()),
        ("unused.o", unused.bytes()),
    ])
}

pub fn abi_name(flags: u8, s: &str) -> Vec<u8> {
    let mut v = vec![flags, s.len() as u8];
    v.extend_from_slice(s.as_bytes());
    v
}

pub const MAIN_GO: &str = "/tmp/rgo-linker-test/main.go";

/// The Go object: main.main returns main.helper() + main.x (= 2 + 40); type data, an itab, a
/// funcval, an init task and line tables.
pub fn main_object() -> Vec<u8> {
    let mut o = Obj::new();
    #[rustfmt::skip]
    let mut text: Vec<u8> = vec![
        0x55,                               // 0: push rbp
        0x48, 0x89, 0xe5,                   // 1: mov rbp, rsp
        0x48, 0x83, 0xec, 0x10,             // 4: sub rsp, 16
        0xe8, 0, 0, 0, 0,                   // 8: call main.helper
        0x03, 0x05, 0, 0, 0, 0,             // 13: add eax, [rip+main.x]
        0x48, 0x83, 0xc4, 0x10,             // 19: add rsp, 16
        0x5d,                               // 23: pop rbp
        0xc3,                               // 24: ret
    ];
    text.resize(32, 0);
    text.extend_from_slice(&[0xb8, 2, 0, 0, 0, 0xc3]); // 32: main.helper: mov eax, 2; ret
    let t = o.section(".text", SectionKind::Text, &text, 16);
    o.def("main.main", t, 0, 25, SymbolKind::Text, true);
    o.def("main.helper", t, 32, 6, SymbolKind::Text, true);
    o.rel(t, 9, "main.helper", -4, elf::R_X86_64_PLT32);
    let d = o.section(".data", SectionKind::Data, &[40, 0, 0, 0, 0, 0, 0, 0], 8);
    o.def("main.x", d, 0, 8, SymbolKind::Data, true);
    o.rel(t, 15, "main.x", -4, elf::R_X86_64_PC32);

    // .go.type: names, descriptors (typelinks and not), in a deliberately unsorted order.
    let mut gt: Vec<u8> = Vec::new();
    let place = |gt: &mut Vec<u8>, bytes: &[u8], align: usize| -> u64 {
        while !gt.len().is_multiple_of(align) {
            gt.push(0);
        }
        let off = gt.len() as u64;
        gt.extend_from_slice(bytes);
        off
    };
    let n_ptr_t = abi_name(1, "*main.T");
    let n_slice = abi_name(0, "[]int");
    let mut desc_t = vec![0u8; 64]; // type:main.T, with a method textOff at +48
    desc_t[20] = 0x07; // Uncommon|ExtraStar|Named
    desc_t[23] = 25;
    let mut desc_pt = vec![0u8; 56];
    desc_pt[20] = 0x01;
    desc_pt[23] = 22;
    let mut desc_slice = vec![0u8; 56];
    desc_slice[23] = 23;
    let mut desc_func = vec![0u8; 56];
    desc_func[23] = 19;
    let off_func = place(&mut gt, &desc_func, 8);
    let off_slice = place(&mut gt, &desc_slice, 8);
    let off_t = place(&mut gt, &desc_t, 8);
    let off_pt = place(&mut gt, &desc_pt, 8);
    let off_n1 = place(&mut gt, &n_ptr_t, 1);
    let off_n2 = place(&mut gt, &n_slice, 1);
    let g = o.section(".go.type", SectionKind::ReadOnlyData, &gt, 8);
    o.def("type:func()", g, off_func, 56, SymbolKind::Data, true);
    o.def("type:[]int", g, off_slice, 56, SymbolKind::Data, true);
    o.def("type:main.T", g, off_t, 64, SymbolKind::Data, true);
    o.def("type:*main.T", g, off_pt, 56, SymbolKind::Data, true);
    o.def(
        "type:.namedata.*main.T.",
        g,
        off_n1,
        n_ptr_t.len() as u64,
        SymbolKind::Data,
        false,
    );
    o.def(
        "type:.namedata.[]int.",
        g,
        off_n2,
        n_slice.len() as u64,
        SymbolKind::Data,
        false,
    );
    o.rel(
        g,
        off_t + 40,
        "type:.namedata.*main.T.",
        0,
        elf::R_X86_64_32,
    );
    o.rel(
        g,
        off_pt + 40,
        "type:.namedata.*main.T.",
        0,
        elf::R_X86_64_32,
    );
    o.rel(
        g,
        off_slice + 40,
        "type:.namedata.[]int.",
        0,
        elf::R_X86_64_32,
    );
    o.rel(g, off_t + 44, "type:*main.T", 0, elf::R_X86_64_32); // PtrToThis
    o.rel(g, off_t + 48, "main.helper", 0, elf::R_X86_64_32); // a textOff
    o.rel(g, off_pt + 48, "type:main.T", 0, elf::R_X86_64_64); // Elem pointer
    // A weak textOff to a missing method becomes -1.
    let missing = o.o.add_symbol(Symbol {
        name: b"main.T.Gone".to_vec(),
        value: 0,
        size: 0,
        kind: SymbolKind::Text,
        scope: SymbolScope::Dynamic,
        weak: true,
        section: SymbolSection::Undefined,
        flags: SymbolFlags::None,
    });
    o.o.add_relocation(
        g,
        Relocation {
            offset: off_t + 52,
            symbol: missing,
            addend: 0,
            flags: RelocationFlags::Elf {
                r_type: elf::R_X86_64_32,
            },
        },
    )
    .unwrap();

    let it = o.section(".go.itab", SectionKind::ReadOnlyData, &[0; 32], 8);
    o.def("go:itab.*main.T,main.I", it, 0, 32, SymbolKind::Data, true);
    o.rel(it, 8, "type:*main.T", 0, elf::R_X86_64_64);
    o.rel(it, 24, "main.helper", 0, elf::R_X86_64_64);

    let f = o.section(".go.func", SectionKind::ReadOnlyData, &[0; 8], 8);
    o.def("main.helper·f", f, 0, 8, SymbolKind::Data, true);
    o.rel(f, 0, "main.helper", 0, elf::R_X86_64_64);

    // The program's uses of its type data (static interface values, as staticinit writes
    // them): without them the linker's dead-code pass would remove the descriptors and itab.
    let uses = o.section(".go.func", SectionKind::ReadOnlyData, &[0; 40], 8);
    for (i, t) in [
        "type:func()",
        "type:[]int",
        "type:main.T",
        "type:*main.T",
        "go:itab.*main.T,main.I",
    ]
    .iter()
    .enumerate()
    {
        o.rel(uses, 8 * i as u64, t, 0, elf::R_X86_64_64);
    }

    let mut task = vec![0u8; 16];
    task[4] = 1;
    let nd = o.section(".noptrdata", SectionKind::Data, &task, 8);
    o.def("main..inittask", nd, 0, 16, SymbolKind::Data, true);
    o.rel(nd, 8, "main.helper", 0, elf::R_X86_64_64);

    let mut lines = linker::LINES_VERSION.to_le_bytes().to_vec();
    LineRecord {
        name: "main.main",
        file: MAIN_GO,
        start_line: 3,
        args: 0,
        func_id: None,
        lines: &[(0, 3), (8, 4), (13, 5), (19, 6)],
        sp: &[],
        arg_info: &[],
        arg_fp_off: 0,
        params: &[],
        locals: &[],
    }
    .encode(&mut lines);
    LineRecord {
        name: "main.helper",
        file: MAIN_GO,
        start_line: 10,
        args: 0,
        func_id: None,
        lines: &[(0, 11)],
        sp: &[],
        arg_info: &[],
        arg_fp_off: 0,
        params: &[],
        locals: &[],
    }
    .encode(&mut lines);
    o.nonalloc(linker::LINES_SECTION, &lines);
    o.bytes()
}

/// A second package: an init task with functions (`b`) and one without (`a`), plus a bss var.
pub fn pkg_object() -> Vec<u8> {
    let mut o = Obj::new();
    let t = o.section(".text", SectionKind::Text, &[0xc3], 16);
    o.def("b.init", t, 0, 1, SymbolKind::Text, true);
    let mut tb = vec![0u8; 16];
    tb[4] = 1;
    let nd = o.section(
        ".noptrdata",
        SectionKind::Data,
        &[&[0u8; 8][..], &tb].concat(),
        8,
    );
    o.def("a..inittask", nd, 0, 8, SymbolKind::Data, true);
    o.def("b..inittask", nd, 8, 16, SymbolKind::Data, true);
    o.rel(nd, 16, "b.init", 0, elf::R_X86_64_64);
    let b =
        o.o.add_section(Vec::new(), b".bss".to_vec(), SectionKind::UninitializedData);
    o.o.section_mut(b).append_bss(64, 8);
    o.def("b.ptrs", b, 0, 64, SymbolKind::Data, true);
    o.bytes()
}

pub struct Inputs {
    pub rt: Vec<u8>,
    pub main: Vec<u8>,
    pub pkg: Vec<u8>,
}

impl Inputs {
    pub fn new() -> Self {
        Inputs {
            rt: runtime_archive(),
            main: main_object(),
            pkg: pkg_object(),
        }
    }
    pub fn list(&self) -> Vec<Input<'_>> {
        vec![
            Input {
                name: "b.o".into(),
                data: &self.pkg,
                kind: InputKind::Object,
            },
            Input {
                name: "main.o".into(),
                data: &self.main,
                kind: InputKind::Object,
            },
            Input {
                name: "librgort.a".into(),
                data: &self.rt,
                kind: InputKind::Archive,
            },
        ]
    }
}

pub fn goroot() -> Option<std::path::PathBuf> {
    let candidates = [
        std::env::var("GOROOT").ok(),
        Some("/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/go".into()),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(std::path::PathBuf::from)
        .find(|p| p.join("bin/go").exists())
}

pub fn write_exe(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("rgo-linker-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}
