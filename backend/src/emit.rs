//! Object writing with the `object` crate's write API.
//!
//! cranelift-object is not used: it cannot express `R_X86_64_32` data relocations (gc's
//! nameOff/typeOff/textOff), places read-only data with relocations in writable sections, and
//! does not pad code with `int3`. Writing the object directly gives exact control over section
//! names, flags, symbol kinds/sizes and relocation types, at the cost of mapping Cranelift's
//! relocation kinds ourselves (a handful on x86-64, below).

use crate::BackendError;
use crate::lines::{self, ARGS_UNKNOWN, LINES_SECTION, LINES_VERSION};

/// Non-alloc input section of the marks the linker's method dead-code pass reads.
pub const DEADCODE_SECTION: &str = ".rgo.deadcode";

/// One mark as `u8 kind; str func; str a; str b` (str = u32 length + bytes): kind 1 UseIface
/// (a = type symbol), 2 UseIfaceMethod (a = name, b = signature type symbol), 3 UseNamedMethod
/// (a = name), 4 ReflectMethod.
fn encode_mark(mk: &ir::Mark, out: &mut Vec<u8>) {
    let (kind, a, b): (u8, &str, &str) = match &mk.kind {
        ir::MarkKind::UseIface(t) => (1, t, ""),
        ir::MarkKind::UseIfaceMethod { name, sig } => (2, name, sig),
        ir::MarkKind::UseNamedMethod(n) => (3, n, ""),
        ir::MarkKind::ReflectMethod => (4, "", ""),
    };
    out.push(kind);
    for s in [mk.func.as_str(), a, b] {
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    }
}

/// Input section holding the landing-pad records of `try_call`s (see docs/abi.md).
pub const EXCTAB_SECTION: &str = ".rgo.exctab";
use cranelift_codegen::binemit::Reloc;
use cranelift_codegen::ir::{self as cl, ExternalName, LibCall};
use cranelift_codegen::{CompiledCode, FinalizedRelocTarget};
use midend::ir::{self, DataSection, RelocKind};
use object::write::{Object, Relocation, SectionId, Symbol, SymbolId, SymbolSection};
use object::{
    Architecture, BinaryFormat, Endianness, RelocationFlags, SectionKind, SymbolFlags, SymbolKind,
    SymbolScope, elf,
};
use std::collections::HashMap;

/// gc's funcAlign on amd64: every function starts on a 32-byte boundary.
pub(crate) const FUNC_ALIGN: usize = 32;
/// Padding between functions: `int3`, as gc pads.
const CODE_PAD: u8 = 0xCC;

/// Data sections in the order the object lists them.
const DATA_SECTIONS: [DataSection; 9] = [
    DataSection::Rodata,
    DataSection::NoptrData,
    DataSection::Data,
    DataSection::Bss,
    DataSection::NoptrBss,
    DataSection::GoType,
    DataSection::GoItab,
    DataSection::GoFunc,
    DataSection::RgoAdapters,
];

#[derive(Clone, Debug)]
pub(crate) enum Target {
    Symbol(String),
    /// An offset inside the function itself.
    SelfOffset(u32),
}

#[derive(Clone, Debug)]
pub(crate) struct CodeReloc {
    pub offset: u32,
    pub r_type: u32,
    pub target: Target,
    pub addend: i64,
}

/// One compiled function, detached from Cranelift's data structures so that it can cross
/// threads and outlive the `Context` that produced it.
pub(crate) struct CompiledFunc {
    pub code: Vec<u8>,
    pub relocs: Vec<CodeReloc>,
    pub lines: Vec<(u32, i32)>,
    pub clif_insts: usize,
    /// Libcall symbols Cranelift made this function reference.
    pub libcalls: Vec<String>,
    /// Landing pads of `try_call`s: (return-address offset, handler offset, FP − SP at the call).
    pub landing_pads: Vec<(u32, u32, u32)>,
    /// Where the traceback argument spill slot lies relative to the frame pointer.
    pub arg_fp_off: i32,
    /// The local variables' locations for DWARF.
    pub locals: Vec<crate::debuglocs::LocalLocs>,
    /// The collector's stack-map records of the call sites (stackmaps.rs).
    pub stackmaps: crate::stackmaps::FuncMaps,
}

fn libcall_name(l: LibCall) -> Option<&'static str> {
    Some(match l {
        LibCall::Memcpy => "memcpy",
        LibCall::Memset => "memset",
        LibCall::Memmove => "memmove",
        LibCall::Memcmp => "memcmp",
        LibCall::CeilF32 => "ceilf",
        LibCall::CeilF64 => "ceil",
        LibCall::FloorF32 => "floorf",
        LibCall::FloorF64 => "floor",
        LibCall::TruncF32 => "truncf",
        LibCall::TruncF64 => "trunc",
        LibCall::NearestF32 => "nearbyintf",
        LibCall::NearestF64 => "nearbyint",
        LibCall::FmaF32 => "fmaf",
        LibCall::FmaF64 => "fma",
        _ => return None,
    })
}

impl CompiledFunc {
    pub(crate) fn from_code(
        f: &ir::Function,
        code: &CompiledCode,
        func: &cl::Function,
        names: &[String],
        line_tab: &[u32],
        homes: &crate::debuglocs::SpillHomes,
    ) -> Result<Self, BackendError> {
        let bytes = code.code_buffer().to_vec();
        let mut relocs = Vec::new();
        let mut libcalls = Vec::new();
        for r in code.buffer.relocs() {
            let err = |m: String| BackendError::func(&f.name, m);
            let target = match &r.target {
                FinalizedRelocTarget::ExternalName(ExternalName::User(u)) => {
                    let un = &func.params.user_named_funcs()[*u];
                    let n = names.get(un.index as usize).ok_or_else(|| {
                        err(format!("internal error: unknown external name {un:?}"))
                    })?;
                    Target::Symbol(n.clone())
                }
                FinalizedRelocTarget::ExternalName(ExternalName::LibCall(l)) => {
                    let n = libcall_name(*l).ok_or_else(|| {
                        err(format!("Cranelift needs the unsupported libcall {l}"))
                    })?;
                    if !libcalls.iter().any(|x| x == n) {
                        libcalls.push(n.to_string());
                    }
                    Target::Symbol(n.to_string())
                }
                FinalizedRelocTarget::ExternalName(other) => {
                    return Err(err(format!(
                        "unsupported relocation target {}",
                        other.display(Some(&func.params))
                    )));
                }
                FinalizedRelocTarget::Func(off) => Target::SelfOffset(*off),
            };
            let r_type = match r.kind {
                Reloc::Abs8 => elf::R_X86_64_64,
                Reloc::Abs4 => elf::R_X86_64_32,
                Reloc::X86PCRel4 => elf::R_X86_64_PC32,
                // Cranelift uses X86CallPCRel4 both for `call`/`jmp rel32` and, with colocated
                // symbols, for `lea sym(%rip)`. Calls get PLT32 like a C compiler's; address
                // computations PC32, so standard linkers (the cc-linked tests) see the usual
                // kinds. The byte before the displacement tells them apart: the E8/E9 opcode
                // of call/jmp, versus a ModRM byte with mod=00 for RIP-relative operands.
                Reloc::X86CallPCRel4 => {
                    let op = (r.offset as usize)
                        .checked_sub(1)
                        .and_then(|i| bytes.get(i))
                        .copied();
                    if matches!(op, Some(0xE8 | 0xE9)) {
                        elf::R_X86_64_PLT32
                    } else {
                        elf::R_X86_64_PC32
                    }
                }
                Reloc::X86CallPLTRel4 => elf::R_X86_64_PLT32,
                Reloc::X86GOTPCRel4 => elf::R_X86_64_GOTPCREL,
                k => return Err(err(format!("unsupported Cranelift relocation kind {k:?}"))),
            };
            relocs.push(CodeReloc {
                offset: r.offset,
                r_type,
                target,
                addend: r.addend,
            });
        }
        let lines = lines::line_table(code.buffer.get_srclocs_sorted(), line_tab);
        let mut landing_pads = Vec::new();
        for cs in code.buffer.call_sites() {
            for h in cs.exception_handlers {
                if let cranelift_codegen::FinalizedMachExceptionHandler::Default(off) = h {
                    landing_pads.push((cs.ret_addr, *off, cs.frame_offset.unwrap_or(0)));
                }
            }
        }
        // The argument spill slot is the one after the IR's slots (translate.rs).
        let arg_fp_off = match (&f.arg_info, code.buffer.frame_layout()) {
            (Some(a), Some(fl)) if !a.spill.is_empty() => {
                let slot = cl::StackSlot::from_u32(f.slots.len() as u32);
                i64::from(fl.stackslots[slot].offset) - i64::from(fl.frame_to_fp_offset)
            }
            _ => 0,
        };
        let arg_fp_off = i32::try_from(arg_fp_off)
            .map_err(|_| BackendError::func(&f.name, "frame too large for the traceback"))?;
        Ok(CompiledFunc {
            arg_fp_off,
            locals: crate::debuglocs::locate(f, code, homes),
            stackmaps: crate::stackmaps::encode(f, code),
            code: bytes,
            relocs,
            lines,
            clif_insts: 0,
            libcalls,
            landing_pads,
        })
    }
}

/// Content-addressed symbols that several packages' objects may each define (gc marks them
/// DUPOK): type descriptors and everything named after them, itabs, string data, pointer masks,
/// and the generated equality/hash functions. They are written as weak globals so that the
/// linker keeps one copy and every reference resolves to it — type identity at run time is
/// descriptor identity.
pub(crate) fn is_dupok(name: &str) -> bool {
    name.starts_with("type:")
        || name.starts_with("go:itab.")
        || name.starts_with("go:string.")
        || name.starts_with("runtime.gcbits.")
}

fn section_kind(s: DataSection) -> SectionKind {
    match s {
        DataSection::NoptrData | DataSection::Data => SectionKind::Data,
        DataSection::Bss | DataSection::NoptrBss => SectionKind::UninitializedData,
        // Type data, itabs and static funcvals are read-only, as in gc; the executable is
        // static, so their relocations are resolved at link time.
        DataSection::Rodata
        | DataSection::GoType
        | DataSection::GoItab
        | DataSection::GoFunc
        | DataSection::RgoAdapters => SectionKind::ReadOnlyData,
    }
}

fn pad_to(buf: &mut Vec<u8>, align: usize, fill: u8) {
    let rem = buf.len() % align;
    if rem != 0 {
        buf.resize(buf.len() + align - rem, fill);
    }
}

struct Syms {
    ids: HashMap<String, SymbolId>,
    /// Undefined symbols in first-reference order.
    undefined: Vec<String>,
}

impl Syms {
    fn get(&mut self, obj: &mut Object<'_>, name: &str) -> SymbolId {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = obj.add_symbol(Symbol {
            name: name.as_bytes().to_vec(),
            value: 0,
            size: 0,
            kind: SymbolKind::Unknown,
            scope: SymbolScope::Unknown,
            weak: false,
            section: SymbolSection::Undefined,
            flags: SymbolFlags::None,
        });
        self.ids.insert(name.to_string(), id);
        self.undefined.push(name.to_string());
        id
    }
}

pub(crate) fn write_object(
    m: &ir::Module,
    funcs: &[CompiledFunc],
) -> Result<Vec<u8>, BackendError> {
    let mut obj = Object::new(BinaryFormat::Elf, Architecture::X86_64, Endianness::Little);
    let mut syms = Syms {
        ids: HashMap::new(),
        undefined: Vec::new(),
    };
    let scope = |global: bool| {
        if global {
            SymbolScope::Dynamic
        } else {
            SymbolScope::Compilation
        }
    };
    let dup = |n: &str| BackendError::module(format!("symbol {n:?} is defined twice"));

    // .text: every function, 32-byte aligned, int3 padding.
    let text = obj.add_section(Vec::new(), b".text".to_vec(), SectionKind::Text);
    let mut code = Vec::new();
    let mut func_offsets = Vec::with_capacity(funcs.len());
    for (f, c) in m.functions.iter().zip(funcs) {
        pad_to(&mut code, FUNC_ALIGN, CODE_PAD);
        let off = code.len() as u64;
        func_offsets.push(off);
        code.extend_from_slice(&c.code);
        if syms.ids.contains_key(&f.name) {
            return Err(dup(&f.name));
        }
        let id = obj.add_symbol(Symbol {
            name: f.name.as_bytes().to_vec(),
            value: off,
            size: c.code.len() as u64,
            kind: SymbolKind::Text,
            scope: scope(f.global || is_dupok(&f.name)),
            weak: is_dupok(&f.name),
            section: SymbolSection::Section(text),
            flags: SymbolFlags::None,
        });
        syms.ids.insert(f.name.clone(), id);
    }
    if !code.is_empty() {
        obj.section_mut(text).set_data(code, FUNC_ALIGN as u64);
    }

    // Data, one section per kind, objects in IR order.
    let mut placed: Vec<(SectionId, u64, &ir::DataObject)> = Vec::new();
    for kind in DATA_SECTIONS {
        let objs: Vec<&ir::DataObject> = m.data.iter().filter(|d| d.section == kind).collect();
        if objs.is_empty() {
            continue;
        }
        let sk = section_kind(kind);
        let sec = obj.add_section(Vec::new(), kind.section_name().as_bytes().to_vec(), sk);
        let mut buf = Vec::new();
        let mut bss_size = 0u64;
        let mut max_align = 1u64;
        for d in objs {
            let err = |m: String| BackendError::module(format!("data {:?}: {m}", d.name));
            let align = u64::from(d.align.max(1));
            if !align.is_power_of_two() {
                return Err(err(format!("alignment {align} is not a power of two")));
            }
            max_align = max_align.max(align);
            if d.bytes.len() as u64 > d.size {
                return Err(err(format!(
                    "{} bytes of contents exceed size {}",
                    d.bytes.len(),
                    d.size
                )));
            }
            let off = if kind.is_zeroed() {
                if d.bytes.iter().any(|&b| b != 0) {
                    return Err(err(format!(
                        "non-zero contents in zero-filled section {}",
                        kind.section_name()
                    )));
                }
                if !d.relocs.is_empty() {
                    return Err(err(format!(
                        "relocations in zero-filled section {}",
                        kind.section_name()
                    )));
                }
                bss_size = bss_size.div_ceil(align) * align;
                let off = bss_size;
                bss_size += d.size;
                off
            } else {
                pad_to(&mut buf, align as usize, 0);
                let off = buf.len() as u64;
                buf.extend_from_slice(&d.bytes);
                buf.resize((off + d.size) as usize, 0);
                off
            };
            if syms.ids.contains_key(&d.name) {
                return Err(dup(&d.name));
            }
            let id = obj.add_symbol(Symbol {
                name: d.name.as_bytes().to_vec(),
                value: off,
                size: d.size,
                kind: SymbolKind::Data,
                scope: scope(d.global || is_dupok(&d.name)),
                weak: is_dupok(&d.name),
                section: SymbolSection::Section(sec),
                flags: SymbolFlags::None,
            });
            syms.ids.insert(d.name.clone(), id);
            placed.push((sec, off, d));
        }
        if kind.is_zeroed() {
            obj.section_mut(sec).append_bss(bss_size, max_align);
        } else {
            obj.section_mut(sec).set_data(buf, max_align);
        }
    }

    // Code relocations (after all definitions, so only true externals become undefined).
    for ((f, c), &base) in m.functions.iter().zip(funcs).zip(&func_offsets) {
        for r in &c.relocs {
            let (symbol, addend) = match &r.target {
                Target::Symbol(n) => (syms.get(&mut obj, n), r.addend),
                Target::SelfOffset(o) => (syms.get(&mut obj, &f.name), r.addend + i64::from(*o)),
            };
            obj.add_relocation(
                text,
                Relocation {
                    offset: base + u64::from(r.offset),
                    symbol,
                    addend,
                    flags: RelocationFlags::Elf { r_type: r.r_type },
                },
            )
            .map_err(|e| BackendError::func(&f.name, format!("relocation: {e}")))?;
        }
    }

    // Data relocations.
    for (sec, off, d) in placed {
        for r in &d.relocs {
            let (r_type, width) = match r.kind {
                RelocKind::Abs64 => (elf::R_X86_64_64, 8),
                // In .go.type/.go.itab/.go.func rgo's linker resolves R_X86_64_32 relative to
                // the section base (docs/abi.md); elsewhere it is the plain absolute form.
                RelocKind::Off32 => (elf::R_X86_64_32, 4),
            };
            if u64::from(r.offset) + width > d.size {
                return Err(BackendError::module(format!(
                    "data {:?}: relocation at +{} ({:?}) is outside its {} bytes",
                    d.name, r.offset, r.kind, d.size
                )));
            }
            let symbol = syms.get(&mut obj, &r.target);
            obj.add_relocation(
                sec,
                Relocation {
                    offset: off + u64::from(r.offset),
                    symbol,
                    addend: r.addend,
                    flags: RelocationFlags::Elf { r_type },
                },
            )
            .map_err(|e| BackendError::module(format!("data {:?}: relocation: {e}", d.name)))?;
        }
    }

    // Line tables for the linker's pclntab.
    if !m.functions.is_empty() {
        let mut buf = LINES_VERSION.to_le_bytes().to_vec();
        for (f, c) in m.functions.iter().zip(funcs) {
            lines::Record {
                name: &f.name,
                file: &f.file,
                start_line: f.start_line as i32,
                args: ARGS_UNKNOWN,
                func_id: f.func_id,
                lines: &c.lines,
                arg_info: f.arg_info.as_ref().map_or(&[], |a| &a.bytes[..]),
                arg_fp_off: c.arg_fp_off,
                params: f.arg_info.as_ref().map_or(&[], |a| &a.params[..]),
                locals: &c.locals,
            }
            .encode(&mut buf);
        }
        let sec = obj.add_section(
            Vec::new(),
            LINES_SECTION.as_bytes().to_vec(),
            SectionKind::Other,
        );
        obj.section_mut(sec).set_data(buf, 1);
    }

    // Marks for the linker's method dead-code pass (linker/README.md, `.rgo.deadcode`).
    if !m.marks.is_empty() {
        let mut buf = Vec::new();
        for mk in &m.marks {
            encode_mark(mk, &mut buf);
        }
        let sec = obj.add_section(
            Vec::new(),
            DEADCODE_SECTION.as_bytes().to_vec(),
            SectionKind::Other,
        );
        obj.section_mut(sec).set_data(buf, 1);
    }

    // Landing pads for the runtime's panic recovery: 24-byte records {return PC, landing pad
    // PC, FP − SP}, gathered by the linker between runtime.exctab and runtime.eexctab.
    let pads: Vec<(&ir::Function, &(u32, u32, u32))> = m
        .functions
        .iter()
        .zip(funcs)
        .flat_map(|(f, c)| c.landing_pads.iter().map(move |p| (f, p)))
        .collect();
    if !pads.is_empty() {
        let sec = obj.add_section(
            Vec::new(),
            EXCTAB_SECTION.as_bytes().to_vec(),
            // Read-only: a static link resolves the relocations at link time.
            SectionKind::ReadOnlyData,
        );
        let mut buf = Vec::with_capacity(pads.len() * 24);
        let mut relocs = Vec::new();
        for (f, (ret, pad, frame)) in pads {
            let base = buf.len() as u64;
            buf.extend_from_slice(&[0u8; 16]);
            buf.extend_from_slice(&u64::from(*frame).to_le_bytes());
            let symbol = syms.get(&mut obj, &f.name);
            relocs.push((base, symbol, i64::from(*ret)));
            relocs.push((base + 8, symbol, i64::from(*pad)));
        }
        obj.section_mut(sec).set_data(buf, 8);
        for (offset, symbol, addend) in relocs {
            obj.add_relocation(
                sec,
                Relocation {
                    offset,
                    symbol,
                    addend,
                    flags: RelocationFlags::Elf {
                        r_type: elf::R_X86_64_64,
                    },
                },
            )
            .map_err(|e| BackendError::module(format!("exctab relocation: {e}")))?;
        }
    }

    // Stack maps for the collector (stackmaps.rs): records whose first word is the return PC.
    if funcs.iter().any(|c| !c.stackmaps.bytes.is_empty()) {
        let sec = obj.add_section(
            Vec::new(),
            crate::stackmaps::STACKMAPS_SECTION.as_bytes().to_vec(),
            SectionKind::ReadOnlyData,
        );
        let mut buf = Vec::new();
        let mut relocs = Vec::new();
        for (f, c) in m.functions.iter().zip(funcs) {
            let base = buf.len() as u64;
            buf.extend_from_slice(&c.stackmaps.bytes);
            if c.stackmaps.pcs.is_empty() {
                continue;
            }
            let symbol = syms.get(&mut obj, &f.name);
            for &(off, ret) in &c.stackmaps.pcs {
                relocs.push((base + u64::from(off), symbol, i64::from(ret)));
            }
        }
        obj.section_mut(sec).set_data(buf, 8);
        for (offset, symbol, addend) in relocs {
            obj.add_relocation(
                sec,
                Relocation {
                    offset,
                    symbol,
                    addend,
                    flags: RelocationFlags::Elf {
                        r_type: elf::R_X86_64_64,
                    },
                },
            )
            .map_err(|e| BackendError::module(format!("stackmaps relocation: {e}")))?;
        }
    }

    // A non-executable stack for the system linker (rgo's linker drops .note.*).
    obj.add_section(Vec::new(), b".note.GNU-stack".to_vec(), SectionKind::Linker);

    obj.write()
        .map_err(|e| BackendError::module(format!("writing the object: {e}")))
}
