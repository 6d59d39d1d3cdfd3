//! Locating and decoding `runtime.moduledata` (reference §6) without symbols.
//!
//! gc keeps `runtime.firstmoduledata` alone in `.go.module`; a stripped binary still has section
//! headers, but we do not rely on them: if there is no `.go.module`, every 8-aligned word of the
//! writable segments is tried as a moduledata start. A candidate must point at a pcHeader with
//! the 1.20+ magic and its derived tables must agree with the header, which makes false positives
//! practically impossible.

use super::image::Image;

/// The 1.20+ pclntab magic (still used by 1.27).
pub const PCLN_MAGIC: u32 = 0xFFFF_FFF1;
/// Size of moduledata in 1.27 (the `next` pointer ends at 568).
pub const MODULEDATA_SIZE: u64 = 568;

/// How a moduledata field is stored, for decoding and printing.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FieldKind {
    /// A uintptr holding an address.
    Addr,
    /// A uintptr holding a plain number (length, offset).
    Value,
    /// A slice header {ptr, len, cap}.
    Slice,
    /// A string header {ptr, len}.
    Str,
    /// A single byte.
    Byte,
    /// A runtime bitvector {n int32; pad; bytedata *uint8}.
    Bitvector,
}

/// The 1.27 layout, in order. Offsets are from the start of moduledata.
pub const FIELDS: &[(&str, u64, FieldKind)] = &[
    ("pcHeader", 0, FieldKind::Addr),
    ("funcnametab", 8, FieldKind::Slice),
    ("cutab", 32, FieldKind::Slice),
    ("filetab", 56, FieldKind::Slice),
    ("pctab", 80, FieldKind::Slice),
    ("pclntable", 104, FieldKind::Slice),
    ("ftab", 128, FieldKind::Slice),
    ("findfunctab", 152, FieldKind::Addr),
    ("minpc", 160, FieldKind::Addr),
    ("maxpc", 168, FieldKind::Addr),
    ("text", 176, FieldKind::Addr),
    ("etext", 184, FieldKind::Addr),
    ("noptrdata", 192, FieldKind::Addr),
    ("enoptrdata", 200, FieldKind::Addr),
    ("data", 208, FieldKind::Addr),
    ("edata", 216, FieldKind::Addr),
    ("bss", 224, FieldKind::Addr),
    ("ebss", 232, FieldKind::Addr),
    ("noptrbss", 240, FieldKind::Addr),
    ("enoptrbss", 248, FieldKind::Addr),
    ("covctrs", 256, FieldKind::Addr),
    ("ecovctrs", 264, FieldKind::Addr),
    ("end", 272, FieldKind::Addr),
    ("gcdata", 280, FieldKind::Addr),
    ("gcbss", 288, FieldKind::Addr),
    ("types", 296, FieldKind::Addr),
    ("typedesclen", 304, FieldKind::Value),
    ("etypes", 312, FieldKind::Addr),
    ("itaboffset", 320, FieldKind::Value),
    ("itabsize", 328, FieldKind::Value),
    ("rodata", 336, FieldKind::Addr),
    ("gofunc", 344, FieldKind::Addr),
    ("epclntab", 352, FieldKind::Addr),
    ("textsectmap", 360, FieldKind::Slice),
    ("ptab", 384, FieldKind::Slice),
    ("pluginpath", 408, FieldKind::Str),
    ("pkghashes", 424, FieldKind::Slice),
    ("inittasks", 448, FieldKind::Slice),
    ("modulename", 472, FieldKind::Str),
    ("modulehashes", 488, FieldKind::Slice),
    ("hasmain", 512, FieldKind::Byte),
    ("bad", 513, FieldKind::Byte),
    ("gcdatamask", 520, FieldKind::Bitvector),
    ("gcbssmask", 536, FieldKind::Bitvector),
    ("typemap", 552, FieldKind::Addr),
    ("next", 560, FieldKind::Addr),
];

/// A slice header as stored in moduledata.
#[derive(Clone, Copy, Debug, Default)]
pub struct SliceHdr {
    pub ptr: u64,
    pub len: u64,
}

/// The fields the decoders need, already read.
#[derive(Clone, Debug, Default)]
pub struct Moduledata {
    pub addr: u64,
    pub pc_header: u64,
    pub funcnametab: SliceHdr,
    pub cutab: SliceHdr,
    pub filetab: SliceHdr,
    pub pctab: SliceHdr,
    pub pclntable: SliceHdr,
    pub ftab: SliceHdr,
    pub text: u64,
    pub etext: u64,
    pub types: u64,
    pub typedesclen: u64,
    pub etypes: u64,
    pub itaboffset: u64,
    pub itabsize: u64,
    pub textsectmap: SliceHdr,
    pub inittasks: SliceHdr,
}

fn slice_at(img: &Image, a: u64) -> Option<SliceHdr> {
    Some(SliceHdr {
        ptr: img.u64(a)?,
        len: img.u64(a + 8)?,
    })
}

/// Reads and validates a moduledata candidate at `addr`.
pub fn read_moduledata(img: &Image, addr: u64) -> Option<Moduledata> {
    img.bytes(addr, MODULEDATA_SIZE)?;
    let f = |off: u64| img.u64(addr + off);
    let md = Moduledata {
        addr,
        pc_header: f(0)?,
        funcnametab: slice_at(img, addr + 8)?,
        cutab: slice_at(img, addr + 32)?,
        filetab: slice_at(img, addr + 56)?,
        pctab: slice_at(img, addr + 80)?,
        pclntable: slice_at(img, addr + 104)?,
        ftab: slice_at(img, addr + 128)?,
        text: f(176)?,
        etext: f(184)?,
        types: f(296)?,
        typedesclen: f(304)?,
        etypes: f(312)?,
        itaboffset: f(320)?,
        itabsize: f(328)?,
        textsectmap: slice_at(img, addr + 360)?,
        inittasks: slice_at(img, addr + 448)?,
    };
    // The pcHeader checks moduledataverify1 performs, plus consistency of the table pointers with
    // the header's offsets: together they reject random data.
    let ph = md.pc_header;
    if img.u32(ph)? != PCLN_MAGIC || img.u8(ph + 4)? != 0 || img.u8(ph + 5)? != 0 {
        return None;
    }
    if img.u8(ph + 6)? != 1 || img.u8(ph + 7)? != 8 {
        return None;
    }
    if md.funcnametab.ptr != ph.wrapping_add(img.u64(ph + 32)?)
        || md.pclntable.ptr != ph.wrapping_add(img.u64(ph + 64)?)
        || md.ftab.ptr != md.pclntable.ptr
    {
        return None;
    }
    if md.text > md.etext || md.types > md.etypes {
        return None;
    }
    Some(md)
}

/// Finds firstmoduledata: in `.go.module` first, else by scanning writable file-backed memory.
pub fn find_moduledata(img: &Image) -> Option<Moduledata> {
    let mut ranges = Vec::new();
    if let Some(s) = img.section(".go.module") {
        ranges.push((s.addr, s.addr + s.size));
    }
    for s in &img.sections {
        if s.writable && s.has_bits && s.name != ".go.module" {
            ranges.push((s.addr, s.addr + s.size));
        }
    }
    ranges.extend(img.writable_ranges());
    for (start, end) in ranges {
        let mut a = (start + 7) & !7;
        while a + MODULEDATA_SIZE <= end {
            // Cheap pre-filter: the first word must point at the pclntab magic.
            if let Some(ph) = img.u64(a)
                && img.u32(ph) == Some(PCLN_MAGIC)
                && let Some(md) = read_moduledata(img, a)
            {
                return Some(md);
            }
            a += 8;
        }
    }
    None
}
