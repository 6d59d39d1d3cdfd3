//! A bounds-checked, address-based view of a loaded ELF executable.
//!
//! Go's runtime data is full of absolute pointers and section-relative offsets, so every decoder
//! works on virtual addresses. `Image` maps an address range to file bytes through the PT_LOAD
//! segments (which exist even in stripped binaries) and keeps the section headers and the symbol
//! table only to *describe* addresses. Every read returns `None` instead of panicking when the
//! range is not backed by file bytes.

use std::collections::HashMap;

use object::read::elf::{ElfFile64, ProgramHeader as _};
use object::{LittleEndian, Object, ObjectSection, ObjectSymbol, SymbolKind};

/// A loadable segment: `[vaddr, vaddr+memsz)`, of which the first `filesz` bytes come from the
/// file at `offset`.
#[derive(Debug, Clone)]
struct Segment {
    vaddr: u64,
    memsz: u64,
    offset: u64,
    filesz: u64,
    writable: bool,
}

/// A section header of interest (allocated sections only).
#[derive(Debug, Clone)]
pub struct Section {
    pub name: String,
    pub addr: u64,
    pub size: u64,
    /// False for NOBITS sections (.bss, .noptrbss): their bytes are not in the file.
    pub has_bits: bool,
    pub writable: bool,
}

pub struct Image {
    data: Vec<u8>,
    segments: Vec<Segment>,
    pub sections: Vec<Section>,
    /// Exact address → symbol name (first defined name wins; Go emits few aliases).
    symbols: HashMap<u64, String>,
}

/// Why a file could not be opened as a Go executable image.
#[derive(Debug)]
pub enum ImageError {
    Io(std::io::Error),
    NotElf,
    Unsupported(String),
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageError::Io(e) => write!(f, "{e}"),
            ImageError::NotElf => write!(f, "not an ELF file"),
            ImageError::Unsupported(s) => write!(f, "{s}"),
        }
    }
}

const PT_LOAD: u32 = 1;
const PF_W: u32 = 2;

impl Image {
    pub fn open(path: &str) -> Result<Image, ImageError> {
        let data = std::fs::read(path).map_err(ImageError::Io)?;
        Image::parse(data)
    }

    pub fn parse(data: Vec<u8>) -> Result<Image, ImageError> {
        if data.len() < 16 || &data[..4] != b"\x7fELF" {
            return Err(ImageError::NotElf);
        }
        // EI_CLASS 2 = 64-bit, EI_DATA 1 = little-endian: the only layout gc uses on amd64.
        if data[4] != 2 || data[5] != 1 {
            return Err(ImageError::Unsupported(
                "not a 64-bit little-endian ELF file (only linux/amd64 is supported)".into(),
            ));
        }
        let mut segments = Vec::new();
        let mut sections = Vec::new();
        let mut symbols = HashMap::new();
        {
            let elf = ElfFile64::<LittleEndian>::parse(&data[..])
                .map_err(|e| ImageError::Unsupported(format!("malformed ELF file: {e}")))?;
            let endian = LittleEndian;
            for ph in elf.elf_program_headers() {
                if ph.p_type(endian) != PT_LOAD {
                    continue;
                }
                segments.push(Segment {
                    vaddr: ph.p_vaddr(endian),
                    memsz: ph.p_memsz(endian),
                    offset: ph.p_offset(endian),
                    filesz: ph.p_filesz(endian),
                    writable: ph.p_flags(endian) & PF_W != 0,
                });
            }
            for s in elf.sections() {
                let addr = s.address();
                if addr == 0 {
                    continue; // not allocated (debug info, symtab, ...)
                }
                let name = s.name().unwrap_or("?").to_string();
                let has_bits = s.file_range().is_some();
                let writable = matches!(
                    s.flags(),
                    object::SectionFlags::Elf { sh_flags } if sh_flags & u64::from(object::elf::SHF_WRITE) != 0
                );
                sections.push(Section {
                    name,
                    addr,
                    size: s.size(),
                    has_bits,
                    writable,
                });
            }
            for sym in elf.symbols() {
                if sym.address() == 0 || sym.kind() == SymbolKind::File {
                    continue;
                }
                let Ok(name) = sym.name() else { continue };
                if name.is_empty() {
                    continue;
                }
                symbols
                    .entry(sym.address())
                    .or_insert_with(|| name.to_string());
            }
        }
        if segments.is_empty() {
            return Err(ImageError::Unsupported(
                "no loadable segments (not an executable)".into(),
            ));
        }
        sections.sort_by_key(|s| s.addr);
        Ok(Image {
            data,
            segments,
            sections,
            symbols,
        })
    }

    /// File bytes backing `[addr, addr+len)`, or None if any part is unmapped or zero-fill.
    pub fn bytes(&self, addr: u64, len: u64) -> Option<&[u8]> {
        let end = addr.checked_add(len)?;
        for s in &self.segments {
            if addr >= s.vaddr && end <= s.vaddr.checked_add(s.filesz)? {
                let start = s.offset.checked_add(addr - s.vaddr)?;
                let stop = start.checked_add(len)?;
                let (start, stop) = (usize::try_from(start).ok()?, usize::try_from(stop).ok()?);
                return self.data.get(start..stop);
            }
        }
        None
    }

    /// File bytes from `addr` to the end of its segment's file image.
    pub fn bytes_from(&self, addr: u64) -> Option<&[u8]> {
        for s in &self.segments {
            if addr >= s.vaddr && addr < s.vaddr.checked_add(s.filesz)? {
                return self.bytes(addr, s.vaddr + s.filesz - addr);
            }
        }
        None
    }

    /// Is `addr` inside some loaded segment (file-backed or zero-fill)?
    pub fn mapped(&self, addr: u64) -> bool {
        self.segments
            .iter()
            .any(|s| addr >= s.vaddr && addr - s.vaddr < s.memsz)
    }

    pub fn u8(&self, addr: u64) -> Option<u8> {
        self.bytes(addr, 1).map(|b| b[0])
    }
    pub fn u16(&self, addr: u64) -> Option<u16> {
        self.bytes(addr, 2)
            .and_then(|b| b.try_into().ok())
            .map(u16::from_le_bytes)
    }
    pub fn u32(&self, addr: u64) -> Option<u32> {
        self.bytes(addr, 4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
    }
    pub fn i32(&self, addr: u64) -> Option<i32> {
        self.u32(addr).map(|v| v as i32)
    }
    pub fn u64(&self, addr: u64) -> Option<u64> {
        self.bytes(addr, 8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
    }

    /// A NUL-terminated string at `addr` (at most `max` bytes are examined).
    pub fn cstr(&self, addr: u64, max: usize) -> Option<String> {
        let b = self.bytes_from(addr)?;
        let b = &b[..b.len().min(max)];
        let n = b.iter().position(|&c| c == 0)?;
        Some(String::from_utf8_lossy(&b[..n]).into_owned())
    }

    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    pub fn section_at(&self, addr: u64) -> Option<&Section> {
        // Zero-size marker sections are skipped so an address at a boundary names the real one.
        self.sections
            .iter()
            .find(|s| addr >= s.addr && addr - s.addr < s.size.max(1) && s.size > 0)
            .or_else(|| self.sections.iter().find(|s| addr == s.addr + s.size))
    }

    /// Address ranges of the file-backed writable segments: where gc keeps moduledata and
    /// buildinfo. Used as a fallback when section headers are missing.
    pub fn writable_ranges(&self) -> Vec<(u64, u64)> {
        self.segments
            .iter()
            .filter(|s| s.writable && s.filesz > 0)
            .map(|s| (s.vaddr, s.vaddr + s.filesz))
            .collect()
    }

    pub fn symbol(&self, addr: u64) -> Option<&str> {
        self.symbols.get(&addr).map(String::as_str)
    }

    /// Forgets the symbol table, so output is the same as for a stripped binary (`--no-syms`).
    /// The address of the symbol named `name` (a linear search: for one-off lookups).
    pub fn symbol_addr(&self, name: &str) -> Option<u64> {
        self.symbols
            .iter()
            .filter(|(_, n)| n.as_str() == name)
            .map(|(a, _)| *a)
            .min()
    }

    pub fn drop_symbols(&mut self) {
        self.symbols.clear();
    }

    /// `section+0xoff`, or `LOAD+0xaddr` when no section covers it; `0` for null.
    pub fn describe(&self, addr: u64) -> String {
        if addr == 0 {
            return "0".to_string();
        }
        let base = match self.section_at(addr) {
            Some(s) => format!("{}+{:#x}", s.name, addr - s.addr),
            None if self.mapped(addr) => format!("{addr:#x}"),
            None => format!("{addr:#x} (unmapped)"),
        };
        match self.symbol(addr) {
            Some(sym) => format!("{base} <{sym}>"),
            None => base,
        }
    }
}
