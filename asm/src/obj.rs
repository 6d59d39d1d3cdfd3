//! Writing an assembled file as a relocatable ELF object (the `object` crate, as the backend).
//!
//! Functions go to `.text`, each on gc's 32-byte function alignment with `int3` padding;
//! data goes to the section its GLOBL flags choose (`RODATA` → `.rodata`, `NOPTR` →
//! `.noptrdata` or `.noptrbss`, else `.data` or `.bss`); `name<>` symbols are local;
//! floating-point constants are weak, so every object may carry its own copy.

use crate::{NOPTR, RODATA, RelKind, Unit};
use object::write::{Object, Relocation, SectionId, Symbol, SymbolId, SymbolSection};
use object::{
    Architecture, BinaryFormat, Endianness, RelocationFlags, SectionKind, SymbolFlags, SymbolKind,
    SymbolScope, elf,
};
use std::collections::HashMap;

const FUNC_ALIGN: usize = 32;

/// Serialises `unit`.
pub fn write(unit: &Unit) -> Result<Vec<u8>, String> {
    let mut obj = Object::new(BinaryFormat::Elf, Architecture::X86_64, Endianness::Little);
    let mut syms: HashMap<String, SymbolId> = HashMap::new();
    let target = |s: &str| s.to_string();
    let text = obj.add_section(Vec::new(), b".text".to_vec(), SectionKind::Text);
    let mut code = Vec::new();
    let mut placed = Vec::new();
    for f in &unit.funcs {
        while code.len() % FUNC_ALIGN != 0 {
            code.push(0xCC);
        }
        placed.push(code.len());
        code.extend_from_slice(&f.code);
    }
    obj.append_section_data(text, &code, FUNC_ALIGN as u64);
    for (f, &at) in unit.funcs.iter().zip(&placed) {
        let name = target(&f.name);
        let id = obj.add_symbol(Symbol {
            name: name.clone().into_bytes(),
            value: at as u64,
            size: f.code.len() as u64,
            kind: SymbolKind::Text,
            scope: if f.local {
                SymbolScope::Compilation
            } else {
                SymbolScope::Linkage
            },
            weak: false,
            section: SymbolSection::Section(text),
            flags: SymbolFlags::None,
        });
        if syms.insert(name.clone(), id).is_some() {
            return Err(format!("{}: function {name} defined twice", f.pos));
        }
    }
    let mut sections: HashMap<&str, SectionId> = HashMap::new();
    let mut data_at = Vec::new();
    for d in &unit.data {
        let sname = match (d.flags & RODATA != 0, d.flags & NOPTR != 0, d.init) {
            (true, _, _) => ".rodata",
            (false, true, true) => ".noptrdata",
            (false, true, false) => ".noptrbss",
            (false, false, true) => ".data",
            (false, false, false) => ".bss",
        };
        let kind = match sname {
            ".rodata" => SectionKind::ReadOnlyData,
            ".noptrbss" | ".bss" => SectionKind::UninitializedData,
            _ => SectionKind::Data,
        };
        let sec = *sections
            .entry(sname)
            .or_insert_with(|| obj.add_section(Vec::new(), sname.as_bytes().to_vec(), kind));
        let align = if d.size >= 32 { 32 } else { 8 };
        let off = if kind == SectionKind::UninitializedData {
            obj.append_section_bss(sec, d.size as u64, align)
        } else {
            obj.append_section_data(sec, &d.bytes, align)
        };
        let name = crate::local_name(&d.name, d.local);
        let id = obj.add_symbol(Symbol {
            name: name.clone().into_bytes(),
            value: off,
            size: d.size as u64,
            kind: SymbolKind::Data,
            scope: if d.local {
                SymbolScope::Compilation
            } else {
                SymbolScope::Linkage
            },
            weak: false,
            section: SymbolSection::Section(sec),
            flags: SymbolFlags::None,
        });
        syms.insert(name, id);
        data_at.push((sec, off));
    }
    for (name, bits, width) in &unit.consts {
        let sec = *sections.entry(".rodata").or_insert_with(|| {
            obj.add_section(Vec::new(), b".rodata".to_vec(), SectionKind::ReadOnlyData)
        });
        let bytes = bits.to_le_bytes();
        let off = obj.append_section_data(sec, &bytes[..*width], *width as u64);
        let id = obj.add_symbol(Symbol {
            name: name.clone().into_bytes(),
            value: off,
            size: *width as u64,
            kind: SymbolKind::Data,
            scope: SymbolScope::Linkage,
            weak: true,
            section: SymbolSection::Section(sec),
            flags: SymbolFlags::None,
        });
        syms.insert(name.clone(), id);
    }
    let mut sym_id = |obj: &mut Object, name: &str| -> SymbolId {
        if let Some(&id) = syms.get(name) {
            return id;
        }
        let id = obj.add_symbol(Symbol {
            name: name.as_bytes().to_vec(),
            value: 0,
            size: 0,
            kind: SymbolKind::Unknown,
            scope: SymbolScope::Linkage,
            weak: false,
            section: SymbolSection::Undefined,
            flags: SymbolFlags::None,
        });
        syms.insert(name.to_string(), id);
        id
    };
    let rtype = |k: &RelKind| match k {
        RelKind::Pc32 => elf::R_X86_64_PC32,
        RelKind::Call => elf::R_X86_64_PLT32,
        RelKind::Abs64 => elf::R_X86_64_64,
    };
    for (f, &at) in unit.funcs.iter().zip(&placed) {
        for r in &f.relocs {
            let s = sym_id(&mut obj, &target(&r.sym));
            obj.add_relocation(
                text,
                Relocation {
                    offset: (at + r.at) as u64,
                    symbol: s,
                    addend: r.addend,
                    flags: RelocationFlags::Elf {
                        r_type: rtype(&r.kind),
                    },
                },
            )
            .map_err(|e| format!("relocation in {}: {e}", f.name))?;
        }
    }
    for (d, &(sec, off)) in unit.data.iter().zip(&data_at) {
        for r in &d.relocs {
            let s = sym_id(&mut obj, &target(&r.sym));
            obj.add_relocation(
                sec,
                Relocation {
                    offset: off + r.at as u64,
                    symbol: s,
                    addend: r.addend,
                    flags: RelocationFlags::Elf {
                        r_type: rtype(&r.kind),
                    },
                },
            )
            .map_err(|e| format!("relocation in {}: {e}", d.name))?;
        }
    }
    obj.add_section(Vec::new(), b".note.GNU-stack".to_vec(), SectionKind::Linker);
    obj.write().map_err(|e| format!("writing object: {e}"))
}
