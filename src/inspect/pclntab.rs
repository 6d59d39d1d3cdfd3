//! The function table of `.gopclntab` (reference §7): names, entries, funcIDs, files.
//!
//! Function names come from here rather than from the symbol table, so stripped binaries still
//! get symbolic method tables, equality closures and itab entries.

use std::collections::HashMap;

use super::image::Image;
use super::moduledata::Moduledata;
use super::name::uvarint;

/// Upper bound on the number of functions we are willing to decode (a sanity cap for malformed
/// headers; real programs have tens of thousands at most).
const MAX_FUNCS: u64 = 4_000_000;

#[derive(Debug, Clone)]
pub struct Func {
    pub entry: u64,
    pub name: String,
    pub args: i32,
    pub deferreturn: u32,
    pub start_line: i32,
    pub func_id: u8,
    pub flag: u8,
    pub npcdata: u32,
    pub nfuncdata: u8,
    pub file: String,
}

pub struct Pclntab {
    pub nfunc: u64,
    pub nfiles: u64,
    pub funcs: Vec<Func>,
    /// entry PC → index into `funcs`.
    by_entry: HashMap<u64, usize>,
    /// Problems met while decoding (reported, never fatal).
    pub errors: Vec<String>,
}

/// funcID names, in the numbering of internal/abi (reference §7.4).
pub const FUNC_IDS: &[&str] = &[
    "normal",
    "abort",
    "asmcgocall",
    "asyncPreempt",
    "cgocallback",
    "corostart",
    "debugCallV2",
    "gcBgMarkWorker",
    "goexit",
    "gogo",
    "gopanic",
    "handleAsyncEvent",
    "mcall",
    "morestack",
    "mstart",
    "panicwrap",
    "rt0_go",
    "runtime_main",
    "runFinalizers",
    "runCleanups",
    "sigpanic",
    "systemstack",
    "systemstack_switch",
    "wrapper",
];

pub fn func_id_name(id: u8) -> String {
    FUNC_IDS
        .get(usize::from(id))
        .map(|s| s.to_string())
        .unwrap_or_else(|| format!("funcID({id})"))
}

pub fn func_flag_names(flag: u8) -> String {
    let mut v = Vec::new();
    for (bit, s) in [(1u8, "TopFrame"), (2, "SPWrite"), (4, "Asm")] {
        if flag & bit != 0 {
            v.push(s.to_string());
        }
    }
    if flag & !7 != 0 {
        v.push(format!("{:#x}", flag & !7));
    }
    if v.is_empty() {
        "-".into()
    } else {
        v.join("|")
    }
}

/// Maps a text offset to an address through moduledata.textsectmap (one entry for
/// ordinary binaries; several only when .text had to be split).
pub fn text_addr(img: &Image, md: &Moduledata, off: u64) -> u64 {
    let n = md.textsectmap.len.min(64);
    for i in 0..n {
        let e = md.textsectmap.ptr + i * 24;
        let (Some(vaddr), Some(end), Some(base)) = (img.u64(e), img.u64(e + 8), img.u64(e + 16))
        else {
            break;
        };
        if off >= vaddr && off < end {
            return base + (off - vaddr);
        }
    }
    md.text.wrapping_add(off)
}

impl Pclntab {
    pub fn decode(img: &Image, md: &Moduledata) -> Pclntab {
        let ph = md.pc_header;
        let nfunc = img.u64(ph + 8).unwrap_or(0);
        let nfiles = img.u64(ph + 16).unwrap_or(0);
        let mut t = Pclntab {
            nfunc,
            nfiles,
            funcs: Vec::new(),
            by_entry: HashMap::new(),
            errors: Vec::new(),
        };
        if nfunc > MAX_FUNCS {
            t.errors
                .push(format!("pcHeader.nfunc {nfunc} is implausible"));
            return t;
        }
        let ftab = md.pclntable.ptr;
        for i in 0..nfunc {
            let (Some(entry_off), Some(func_off)) =
                (img.u32(ftab + i * 8), img.u32(ftab + i * 8 + 4))
            else {
                t.errors.push(format!("ftab entry {i} is out of bounds"));
                break;
            };
            match decode_func(img, md, ftab + u64::from(func_off)) {
                Some(mut f) => {
                    let entry = text_addr(img, md, u64::from(entry_off));
                    if f.entry != entry {
                        t.errors.push(format!(
                            "{}: ftab entry {entry:#x} differs from _func.entryOff {:#x}",
                            f.name, f.entry
                        ));
                    }
                    f.entry = entry;
                    t.by_entry.entry(entry).or_insert(t.funcs.len());
                    t.funcs.push(f);
                }
                None => t.errors.push(format!("_func record {i} is malformed")),
            }
        }
        t
    }

    /// The function whose entry is exactly `pc`.
    pub fn func_at(&self, pc: u64) -> Option<&Func> {
        self.by_entry.get(&pc).map(|&i| &self.funcs[i])
    }
}

fn decode_func(img: &Image, md: &Moduledata, a: u64) -> Option<Func> {
    let entry_off = img.u32(a)?;
    let name_off = img.i32(a + 4)?;
    let args = img.i32(a + 8)?;
    let deferreturn = img.u32(a + 12)?;
    let pcfile = img.u32(a + 20)?;
    let npcdata = img.u32(a + 28)?;
    let cu_offset = img.u32(a + 32)?;
    let start_line = img.i32(a + 36)?;
    let func_id = img.u8(a + 40)?;
    let flag = img.u8(a + 41)?;
    let nfuncdata = img.u8(a + 43)?;
    let name = if name_off >= 0 && (name_off as u64) < md.funcnametab.len {
        img.cstr(md.funcnametab.ptr + name_off as u64, 4096)
            .unwrap_or_else(|| "?".into())
    } else {
        format!("<bad nameOff {name_off}>")
    };
    let file = file_of(img, md, pcfile, cu_offset).unwrap_or_else(|| "?".into());
    Some(Func {
        entry: text_addr(img, md, u64::from(entry_off)),
        name,
        args,
        deferreturn,
        start_line,
        func_id,
        flag,
        npcdata,
        nfuncdata,
        file,
    })
}

/// The file of a function's entry: the first value of its pcfile table, mapped through cutab.
fn file_of(img: &Image, md: &Moduledata, pcfile: u32, cu_offset: u32) -> Option<String> {
    if pcfile == 0 || u64::from(pcfile) >= md.pctab.len {
        return None;
    }
    let b = img.bytes_from(md.pctab.ptr + u64::from(pcfile))?;
    let (uv, _) = uvarint(b)?;
    // Zig-zag: the decoder starts at -1 and adds the first delta.
    let delta = ((uv >> 1) as i64) ^ -((uv & 1) as i64);
    let fileno = delta.checked_sub(1)?;
    if fileno < 0 {
        return None;
    }
    let idx = u64::from(cu_offset).checked_add(fileno as u64)?;
    if idx >= md.cutab.len {
        return None;
    }
    let off = img.u32(md.cutab.ptr + idx * 4)?;
    if off == u32::MAX || u64::from(off) >= md.filetab.len {
        return None;
    }
    img.cstr(md.filetab.ptr + u64::from(off), 4096)
}
