//! Reading relocatable ELF x86-64 objects and ar archives into owned, linker-friendly tables.
//!
//! Everything the later passes need is copied out of the `object` views here (names, flags,
//! relocations), so the rest of the linker never touches the parser again and never panics on
//! malformed input: every lookup of an index that came from a file is checked.

use crate::LinkError;
use object::read::elf::{ElfFile64, FileHeader, SectionHeader, Sym};
use object::{
    Object, ObjectComdat, ObjectSection, ObjectSymbol, RelocationFlags, RelocationTarget,
    SymbolSection, elf,
};

/// One relocation of an input section (RELA: the addend is explicit).
#[derive(Clone, Debug)]
pub(crate) struct Rel {
    pub offset: u64,
    pub r_type: u32,
    /// Index into `Obj::syms`.
    pub sym: usize,
    pub addend: i64,
}

#[derive(Clone, Debug)]
pub(crate) struct InSec<'a> {
    pub name: String,
    pub data: &'a [u8],
    pub size: u64,
    pub align: u64,
    pub flags: u64,
    pub sh_type: u32,
    pub relocs: Vec<Rel>,
    /// Member of a COMDAT group whose signature was already seen: never linked.
    pub discarded: bool,
}

impl InSec<'_> {
    pub fn is_alloc(&self) -> bool {
        self.flags & u64::from(elf::SHF_ALLOC) != 0
    }
    pub fn is_exec(&self) -> bool {
        self.flags & u64::from(elf::SHF_EXECINSTR) != 0
    }
    pub fn is_write(&self) -> bool {
        self.flags & u64::from(elf::SHF_WRITE) != 0
    }
    pub fn is_nobits(&self) -> bool {
        self.sh_type == elf::SHT_NOBITS
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SymDef {
    Undef,
    Abs(u64),
    /// Section index (into `Obj::secs`) and offset inside it.
    Sec(usize, u64),
    Common,
}

#[derive(Clone, Debug)]
pub(crate) struct InSym {
    pub name: String,
    pub st_type: u8,
    pub bind: u8,
    pub def: SymDef,
    pub size: u64,
}

impl InSym {
    pub fn is_local(&self) -> bool {
        self.bind == elf::STB_LOCAL
    }
    pub fn is_weak(&self) -> bool {
        self.bind == elf::STB_WEAK
    }
    /// Section index of a section-defined symbol (callers only ask for those).
    pub fn def_sec(&self) -> usize {
        match self.def {
            SymDef::Sec(s, _) => s,
            _ => usize::MAX,
        }
    }
}

#[derive(Debug)]
pub(crate) struct Obj<'a> {
    /// `file.o` or `lib.a(member.o)`, used in every diagnostic.
    pub name: String,
    /// Go objects (inputs of kind Object) are kept whole; archive members are garbage-collected.
    pub is_go: bool,
    /// Sort key giving the runtime archive's code its place before the Go objects.
    pub order: (usize, usize),
    pub secs: Vec<InSec<'a>>,
    /// Indexed by ELF symbol index; entry 0 is the null symbol.
    pub syms: Vec<InSym>,
    /// COMDAT signatures of this object, with the sections of each group.
    pub groups: Vec<(String, Vec<usize>)>,
}

fn perr(input: &str, msg: impl std::fmt::Display) -> LinkError {
    LinkError::Input {
        input: input.to_string(),
        msg: msg.to_string(),
    }
}

/// Parse one relocatable ELF64 x86-64 object.
pub(crate) fn parse_object<'a>(
    name: &str,
    data: &'a [u8],
    is_go: bool,
    order: (usize, usize),
) -> Result<Obj<'a>, LinkError> {
    let file = ElfFile64::<object::Endianness>::parse(data).map_err(|e| perr(name, e))?;
    let endian = file.endian();
    let hdr = file.elf_header();
    if hdr.e_machine(endian) != elf::EM_X86_64 {
        return Err(perr(name, "not an x86-64 object"));
    }
    if hdr.e_type(endian) != elf::ET_REL {
        return Err(perr(name, "not a relocatable object (ET_REL)"));
    }
    let nsec = file.elf_section_table().len();
    let mut secs: Vec<InSec<'a>> = (0..nsec)
        .map(|_| InSec {
            name: String::new(),
            data: &[],
            size: 0,
            align: 1,
            flags: 0,
            sh_type: 0,
            relocs: Vec::new(),
            discarded: false,
        })
        .collect();
    for s in file.sections() {
        let idx = s.index().0;
        let sh = s.elf_section_header();
        let sh_type = sh.sh_type(endian);
        let slot = secs
            .get_mut(idx)
            .ok_or_else(|| perr(name, "section index out of range"))?;
        slot.name =
            String::from_utf8_lossy(s.name_bytes().map_err(|e| perr(name, e))?).into_owned();
        slot.sh_type = sh_type;
        slot.size = s.size();
        slot.align = s.align().max(1);
        slot.flags = sh.sh_flags(endian);
        if sh_type != elf::SHT_NOBITS && sh_type != elf::SHT_NULL {
            slot.data = s
                .data()
                .map_err(|e| perr(name, format!("section {}: {e}", slot.name)))?;
        }
        // Relocations only matter for sections we may link or read.
        let mut relocs = Vec::new();
        for (off, r) in s.relocations() {
            let r_type = match r.flags() {
                RelocationFlags::Elf { r_type } => r_type,
                _ => return Err(perr(name, "non-ELF relocation")),
            };
            let sym = match r.target() {
                RelocationTarget::Symbol(si) => si.0,
                RelocationTarget::Absolute => 0,
                _ => {
                    return Err(perr(
                        name,
                        format!("section {}: unsupported relocation target", slot.name),
                    ));
                }
            };
            relocs.push(Rel {
                offset: off,
                r_type,
                sym,
                addend: r.addend(),
            });
        }
        relocs.sort_by_key(|r| r.offset);
        slot.relocs = relocs;
    }

    let nsym = file.elf_symbol_table().len();
    let mut syms: Vec<InSym> = (0..nsym.max(1))
        .map(|_| InSym {
            name: String::new(),
            st_type: 0,
            bind: 0,
            def: SymDef::Undef,
            size: 0,
        })
        .collect();
    for s in file.symbols() {
        let idx = s.index().0;
        let raw = s.elf_symbol();
        let def = match s.section() {
            SymbolSection::Section(si) => {
                if si.0 >= secs.len() {
                    return Err(perr(name, format!("symbol {idx}: bad section index")));
                }
                SymDef::Sec(si.0, raw.st_value(endian))
            }
            SymbolSection::Absolute => SymDef::Abs(raw.st_value(endian)),
            SymbolSection::Common => SymDef::Common,
            _ => SymDef::Undef,
        };
        let slot = syms
            .get_mut(idx)
            .ok_or_else(|| perr(name, "symbol index out of range"))?;
        slot.name =
            String::from_utf8_lossy(s.name_bytes().map_err(|e| perr(name, e))?).into_owned();
        slot.st_type = raw.st_type();
        slot.bind = raw.st_bind();
        slot.def = def;
        slot.size = raw.st_size(endian);
    }
    for s in &secs {
        for r in &s.relocs {
            if r.sym >= syms.len() {
                return Err(perr(
                    name,
                    format!("section {}: relocation symbol out of range", s.name),
                ));
            }
        }
    }

    let mut groups = Vec::new();
    for c in file.comdats() {
        if c.kind() != object::ComdatKind::Any {
            continue;
        }
        let sig = syms
            .get(c.symbol().0)
            .map(|s| s.name.clone())
            .ok_or_else(|| perr(name, "COMDAT signature symbol out of range"))?;
        let members: Vec<usize> = c
            .sections()
            .map(|i| i.0)
            .filter(|&i| i < secs.len())
            .collect();
        groups.push((sig, members));
    }
    Ok(Obj {
        name: name.to_string(),
        is_go,
        order,
        secs,
        syms,
        groups,
    })
}

/// The ELF members of an ar archive, in archive order: (member name, bytes).
pub(crate) fn archive_members<'a>(
    name: &str,
    data: &'a [u8],
) -> Result<Vec<(String, &'a [u8])>, LinkError> {
    let ar = object::read::archive::ArchiveFile::parse(data).map_err(|e| perr(name, e))?;
    let mut out = Vec::new();
    for m in ar.members() {
        let m = m.map_err(|e| perr(name, e))?;
        let mname = String::from_utf8_lossy(m.name()).into_owned();
        let bytes = m
            .data(data)
            .map_err(|e| perr(name, format!("member {mname}: {e}")))?;
        // Non-ELF members (symbol tables handled by `object`, stray metadata) are skipped.
        if bytes.len() >= 4 && &bytes[..4] == b"\x7fELF" {
            out.push((format!("{name}({mname})"), bytes));
        }
    }
    Ok(out)
}
