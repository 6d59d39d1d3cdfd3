//! Output sections, chunks, address assignment and relocation.
//!
//! Every byte of an allocated output section comes from a *chunk*: a range of an input section (a
//! whole section, or one symbol's piece of a split `.go.type`/Go `.text` section) or a buffer the
//! linker synthesised (pclntab, moduledata, …). Chunks get offsets inside their output section
//! first (sizes never depend on addresses), then sections get gc's fixed addresses, then every
//! relocation — input or synthetic — is applied with the same resolver.

use crate::dwarf;
use crate::elf::{self, Image, OutSym};
use crate::fips::{fips_sum, is_fips_symbol};
use crate::gotype::{self, TypeAtom};
use crate::input::{InSec, Rel, SymDef};
use crate::lines::{self, FuncLines};
use crate::pclntab::{self, PcFunc};
use crate::resolve::{Target, World, out_of};
use crate::synth;
use crate::{Input, LinkError, LinkOptions, LinkReport, SymbolInfo};
use object::elf as E;
use std::collections::HashMap;

/// Input section of the backend's landing-pad records (docs/abi.md).
pub(crate) const EXCTAB_SECTION: &str = ".rgo.exctab";
/// Input section of the backend's stack maps for the collector (backend/src/stackmaps.rs),
/// kept contiguous between runtime.stackmaps/estackmaps.
pub(crate) const STACKMAPS_SECTION: &str = ".rgo.stackmaps";
/// Reflect call adapter records `{key, adapter}` of all objects (docs/abi.md), kept contiguous
/// between runtime.adapters/eadapters.
pub(crate) const ADAPTERS_SECTION: &str = ".rgo.adapters";

pub(crate) const BASE: u64 = 0x400000;
pub(crate) const TEXT_ADDR: u64 = 0x401000;
pub(crate) const PAGE: u64 = 0x1000;
/// gc's funcAlign on amd64.
const FUNC_ALIGN: u64 = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum OutSec {
    Text,
    Rodata,
    Gopclntab,
    GoType,
    GoFunc,
    GoBuildinfo,
    GoFipsinfo,
    GoModule,
    Noptrdata,
    Data,
    Bss,
    Noptrbss,
}

impl OutSec {
    pub const ALL: [OutSec; 12] = [
        OutSec::Text,
        OutSec::Rodata,
        OutSec::Gopclntab,
        OutSec::GoType,
        OutSec::GoFunc,
        OutSec::GoBuildinfo,
        OutSec::GoFipsinfo,
        OutSec::GoModule,
        OutSec::Noptrdata,
        OutSec::Data,
        OutSec::Bss,
        OutSec::Noptrbss,
    ];
    pub fn idx(self) -> usize {
        self as usize
    }
    pub fn name(self) -> &'static str {
        match self {
            OutSec::Text => ".text",
            OutSec::Rodata => ".rodata",
            OutSec::Gopclntab => ".gopclntab",
            OutSec::GoType => ".go.type",
            OutSec::GoFunc => ".go.func",
            OutSec::GoBuildinfo => ".go.buildinfo",
            OutSec::GoFipsinfo => ".go.fipsinfo",
            OutSec::GoModule => ".go.module",
            OutSec::Noptrdata => ".noptrdata",
            OutSec::Data => ".data",
            OutSec::Bss => ".bss",
            OutSec::Noptrbss => ".noptrbss",
        }
    }
    /// Section alignment as gc writes it in the section headers.
    pub fn align(self) -> u64 {
        match self {
            OutSec::Text => 64,
            OutSec::Gopclntab | OutSec::GoFunc => 8,
            OutSec::GoType | OutSec::GoBuildinfo => 16,
            _ => 32,
        }
    }
    pub fn nobits(self) -> bool {
        matches!(self, OutSec::Bss | OutSec::Noptrbss)
    }
    pub fn exec(self) -> bool {
        self == OutSec::Text
    }
    pub fn writable(self) -> bool {
        self >= OutSec::GoBuildinfo
    }
}

/// Map an allocated input section to its output section (docs/abi.md table). `Ok(None)` means the
/// section is dropped; `Err` means it is something rgo cannot link.
pub(crate) fn classify(s: &InSec, is_go: bool) -> Result<Option<OutSec>, String> {
    let n = s.name.as_str();
    let pre = |p: &str| n == p || n.starts_with(&format!("{p}."));
    if !s.is_alloc()
        || n == ".eh_frame"
        || pre(".note")
        || pre(".comment")
        || n.starts_with(".debug")
        || n.starts_with(".llvm")
        || s.sh_type == E::SHT_GROUP
    {
        return Ok(None);
    }
    if s.flags & u64::from(E::SHF_TLS) != 0 {
        return Err("thread-local storage is not supported".into());
    }
    if pre(".init_array")
        || pre(".fini_array")
        || pre(".preinit_array")
        || pre(".ctors")
        || pre(".dtors")
    {
        return Err("constructors/destructors are not supported".into());
    }
    if pre(".gopclntab") {
        return Err(".gopclntab is made by the linker".into());
    }
    if s.is_exec() {
        return Ok(Some(OutSec::Text));
    }
    Ok(Some(match n {
        ".go.type" | ".go.itab" => OutSec::GoType,
        ".go.func" => OutSec::GoFunc,
        _ if pre(".noptrdata") => OutSec::Noptrdata,
        _ if pre(".noptrbss") => OutSec::Noptrbss,
        // Relocations are resolved at link time, so RELRO data is plain read-only data here.
        _ if n.starts_with(".data.rel.ro") => OutSec::Rodata,
        _ if !s.is_write() => OutSec::Rodata,
        _ if s.is_nobits() => {
            if is_go && pre(".bss") {
                OutSec::Bss
            } else {
                OutSec::Noptrbss
            }
        }
        _ => {
            if is_go && pre(".data") {
                OutSec::Data
            } else {
                OutSec::Noptrdata
            }
        }
    }))
}

pub(crate) fn align_up(v: u64, a: u64) -> u64 {
    if a <= 1 { v } else { v.div_ceil(a) * a }
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Src {
    /// `start..start+size` of input section `sec` of object `obj`.
    In {
        obj: usize,
        sec: usize,
        start: u64,
    },
    Synth(usize),
}

#[derive(Clone, Debug)]
pub(crate) struct Chunk {
    pub src: Src,
    pub out: OutSec,
    pub align: u64,
    pub size: u64,
    /// Offset inside the output section (set by `place`).
    pub off: u64,
}

/// An absolute 64-bit relocation in linker-made data.
#[derive(Clone, Debug)]
pub(crate) struct SRel {
    pub off: u64,
    pub target: Target,
    pub name: String,
    pub addend: i64,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Synth {
    pub data: Vec<u8>,
    pub relocs: Vec<SRel>,
    /// What the data is, for diagnostics.
    pub name: String,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Loc {
    Chunk(usize, u64),
    Start(OutSec),
    End(OutSec),
}

/// A symbol the linker defines.
#[derive(Clone, Debug)]
pub(crate) struct LDef {
    pub name: String,
    pub loc: Loc,
    pub size: u64,
    pub func: bool,
    pub global: bool,
    pub visible: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Relax {
    MovToLea,
    Call,
    Jmp,
}

fn relax_kind(data: &[u8], r: &Rel) -> Option<Relax> {
    if !matches!(r.r_type, E::R_X86_64_GOTPCRELX | E::R_X86_64_REX_GOTPCRELX) || r.addend != -4 {
        return None;
    }
    let off = usize::try_from(r.offset).ok()?;
    if off < 2 {
        return None;
    }
    let (op, modrm) = (*data.get(off - 2)?, *data.get(off - 1)?);
    if op == 0x8b && modrm & 0xc7 == 0x05 {
        return Some(Relax::MovToLea);
    }
    if r.r_type == E::R_X86_64_GOTPCRELX && op == 0xff {
        return match modrm {
            0x15 => Some(Relax::Call),
            0x25 => Some(Relax::Jmp),
            _ => None,
        };
    }
    None
}

pub(crate) struct Lay<'w, 'a> {
    pub w: &'w World<'a>,
    pub chunks: Vec<Chunk>,
    pub synths: Vec<Synth>,
    pub order: [Vec<usize>; 12],
    pub size: [u64; 12],
    pub addr: [u64; 12],
    /// (obj, sec) → chunk ids sorted by start.
    pub by_sec: HashMap<(usize, usize), Vec<usize>>,
    pub ldefs: HashMap<usize, LDef>,
    /// (obj, sec) → symbol indices defined in it.
    pub sec_syms: HashMap<(usize, usize), Vec<usize>>,
}

impl<'w, 'a> Lay<'w, 'a> {
    fn new(w: &'w World<'a>) -> Self {
        let mut sec_syms: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (oi, o) in w.objs.iter().enumerate() {
            for (si, s) in o.syms.iter().enumerate() {
                if let SymDef::Sec(sec, _) = s.def
                    && s.st_type != E::STT_SECTION
                    && s.st_type != E::STT_FILE
                {
                    sec_syms.entry((oi, sec)).or_default().push(si);
                }
            }
        }
        Lay {
            w,
            chunks: Vec::new(),
            synths: Vec::new(),
            order: Default::default(),
            size: [0; 12],
            addr: [0; 12],
            by_sec: HashMap::new(),
            ldefs: HashMap::new(),
            sec_syms,
        }
    }

    fn push_in(
        &mut self,
        out: OutSec,
        obj: usize,
        sec: usize,
        start: u64,
        size: u64,
        align: u64,
    ) -> usize {
        let id = self.chunks.len();
        self.chunks.push(Chunk {
            src: Src::In { obj, sec, start },
            out,
            align,
            size,
            off: 0,
        });
        self.by_sec.entry((obj, sec)).or_default().push(id);
        id
    }

    pub fn push_synth(&mut self, out: OutSec, align: u64, s: Synth) -> usize {
        let id = self.chunks.len();
        self.chunks.push(Chunk {
            src: Src::Synth(self.synths.len()),
            out,
            align,
            size: s.data.len() as u64,
            off: 0,
        });
        self.synths.push(s);
        id
    }

    /// Append a chunk id to its output section's order.
    pub(crate) fn append(&mut self, id: usize) {
        let out = self.chunks[id].out;
        self.order[out.idx()].push(id);
    }

    /// Relocation to a name the linker resolves (input definition or linker symbol).
    pub fn srel(&self, off: u64, name: &str) -> Result<SRel, LinkError> {
        let target = self.w.lookup(name).ok_or_else(|| {
            LinkError::Layout(format!("linker reference to unknown symbol \"{name}\""))
        })?;
        Ok(SRel {
            off,
            target,
            name: name.to_string(),
            addend: 0,
        })
    }

    pub fn define(
        &mut self,
        name: &str,
        loc: Loc,
        size: u64,
        func: bool,
        global: bool,
        visible: bool,
    ) {
        if let Some(Target::Linker(id)) = self.w.lookup(name) {
            self.ldefs.insert(
                id,
                LDef {
                    name: name.to_string(),
                    loc,
                    size,
                    func,
                    global,
                    visible,
                },
            );
        }
    }

    fn place(&mut self, out: OutSec) {
        let mut cur = 0u64;
        for &id in &self.order[out.idx()] {
            let c = &mut self.chunks[id];
            c.off = align_up(cur, c.align);
            cur = c.off + c.size;
        }
        self.size[out.idx()] = cur;
    }

    fn chunk_addr(&self, id: usize) -> u64 {
        let c = &self.chunks[id];
        self.addr[c.out.idx()] + c.off
    }

    /// Chunk holding offset `off` of input section (obj, sec).
    fn chunk_at(&self, obj: usize, sec: usize, off: u64) -> Option<usize> {
        let ids = self.by_sec.get(&(obj, sec))?;
        let i = ids.partition_point(|&id| match self.chunks[id].src {
            Src::In { start, .. } => start <= off,
            Src::Synth(_) => true,
        });
        ids.get(i.checked_sub(1)?).copied()
    }

    fn in_addr(&self, obj: usize, sec: usize, off: u64) -> Option<u64> {
        if self.w.is_dead(obj, sec, off) {
            return None;
        }
        let id = self.chunk_at(obj, sec, off)?;
        match self.chunks[id].src {
            Src::In { start, .. } => Some(self.chunk_addr(id) + (off - start)),
            Src::Synth(_) => None,
        }
    }

    fn loc_addr(&self, loc: Loc) -> u64 {
        match loc {
            Loc::Chunk(id, o) => self.chunk_addr(id) + o,
            Loc::Start(s) => self.addr[s.idx()],
            Loc::End(s) => self.addr[s.idx()] + self.size[s.idx()],
        }
    }

    /// Output section and address of a linker-defined symbol.
    fn linker_sym(&self, name: &str) -> Result<(OutSec, u64), LinkError> {
        let d = match self.w.lookup(name) {
            Some(Target::Linker(id)) => self.ldefs.get(&id),
            _ => None,
        }
        .ok_or_else(|| LinkError::Layout(format!("linker symbol {name} is not defined")))?;
        Ok((self.loc_sec(d.loc), self.loc_addr(d.loc)))
    }

    fn loc_sec(&self, loc: Loc) -> OutSec {
        match loc {
            Loc::Chunk(id, _) => self.chunks[id].out,
            Loc::Start(s) | Loc::End(s) => s,
        }
    }

    /// S + A for a target. `None` for targets that were not laid out.
    fn value(&self, t: Target, addend: i64) -> Option<i128> {
        let a = i128::from(addend);
        Some(match t {
            Target::Sec {
                obj,
                sec,
                value,
                section_sym,
            } => {
                if section_sym {
                    // Section symbol + addend: the addend selects the piece of a split section.
                    let size = self.w.sec(obj, sec).size;
                    let key = addend.clamp(0, size as i64) as u64;
                    if self.w.is_dead(obj, sec, key) {
                        return None;
                    }
                    let id = self.chunk_at(obj, sec, key)?;
                    let Src::In { start, .. } = self.chunks[id].src else {
                        return None;
                    };
                    i128::from(self.chunk_addr(id)) - i128::from(start) + a
                } else {
                    i128::from(self.in_addr(obj, sec, value)?) + a
                }
            }
            Target::Abs(v) => i128::from(v) + a,
            Target::Linker(id) => i128::from(self.loc_addr(self.ldefs.get(&id)?.loc)) + a,
            Target::Undef { .. } => a,
        })
    }

    /// S for a target (None if it was not laid out).
    pub(crate) fn value_of(&self, t: Target) -> Option<i128> {
        self.value(t, 0)
    }

    /// Whether offset `off` of input section (obj, sec) was laid out.
    pub(crate) fn has_piece(&self, obj: usize, sec: usize, off: u64) -> bool {
        self.chunk_at(obj, sec, off)
            .is_some_and(|id| match self.chunks[id].src {
                Src::In { start, .. } => off >= start && off - start <= self.chunks[id].size,
                Src::Synth(_) => false,
            })
    }

    fn target_exec(&self, t: Target) -> bool {
        match t {
            Target::Sec { obj, sec, .. } => self.w.sec(obj, sec).is_exec(),
            Target::Linker(id) => self
                .ldefs
                .get(&id)
                .is_some_and(|d| self.loc_sec(d.loc).exec()),
            _ => false,
        }
    }
}

/// Index of a data output section in the FIPS piece lists.
fn fips_idx(out: OutSec) -> usize {
    match out {
        OutSec::Rodata => 0,
        OutSec::Noptrdata => 1,
        _ => 2,
    }
}

/// Whether input section (obj, sec) defines any FIPS module data symbol.
fn has_fips_data(l: &Lay, obj: usize, sec: usize) -> bool {
    l.sec_syms.get(&(obj, sec)).is_some_and(|syms| {
        syms.iter()
            .any(|&y| is_fips_symbol(&l.w.objs[obj].syms[y].name, false))
    })
}

/// A function of the final .text, for pclntab and the symbol table.
struct TextSym {
    obj: usize,
    sym: usize,
    off: u64,
}

fn rel_err(w: &World, obj: usize, sec: usize, r: &Rel, msg: impl Into<String>) -> LinkError {
    let o = &w.objs[obj];
    LinkError::Reloc {
        object: o.name.clone(),
        section: o.secs[sec].name.clone(),
        offset: r.offset,
        symbol: o
            .syms
            .get(r.sym)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        msg: msg.into(),
    }
}

/// Object visiting order: runtime archive members first, then Go objects in input order.
fn obj_order(w: &World) -> Vec<usize> {
    let mut v: Vec<usize> = (0..w.objs.len()).collect();
    v.sort_by_key(|&i| w.objs[i].order);
    v
}

pub(crate) fn link_world(
    mut w: World,
    inputs: &[Input],
    opts: &LinkOptions,
) -> Result<(Vec<u8>, LinkReport), LinkError> {
    if opts.host_symbols || opts.plugin_path.is_some() {
        for (pkg, _) in &opts.pkghashes {
            w.linker_id(&crate::plugin::pkghash_name(pkg));
        }
        if opts.plugin_path.is_some() {
            w.linker_id("go:link.pkghashes");
            w.linker_id("go:link.pkghashbytes");
        }
    }
    let mut l = Lay::new(&w);
    let objs = obj_order(&w);

    // Line tables, per object.
    let mut lines_of: HashMap<usize, HashMap<String, FuncLines>> = HashMap::new();
    for (oi, o) in w.objs.iter().enumerate() {
        for s in &o.secs {
            if s.name == lines::LINES_SECTION && !s.discarded {
                lines_of.insert(oi, lines::parse(&o.name, s.data)?);
            }
        }
    }

    // gc's source position for the Rust gopanic, which tracebacks show as `panic(...)`.
    if let Some(root) = opts.goroot.as_deref()
        && let Some(Target::Sec { obj, .. }) = w.lookup("runtime.gopanic")
        && !w.objs[obj].is_go
        && let Some(fl) = lines::gopanic_lines(root)
    {
        lines_of
            .entry(obj)
            .or_default()
            .insert("runtime.gopanic".to_string(), fl);
    }

    // ---- .text: runtime first, Go objects split into functions, each 32-byte aligned.
    let mut text_syms: Vec<TextSym> = Vec::new();
    // FIPS module code, placed after all other code between go:textfipsstart/end.
    let mut fips_text: Vec<usize> = Vec::new();
    for &oi in &objs {
        let o = &w.objs[oi];
        for si in 0..o.secs.len() {
            if out_of(&w, oi, si) != Some(OutSec::Text) {
                continue;
            }
            let s = &o.secs[si];
            let align = s.align.max(FUNC_ALIGN);
            // The same function starts the dead-code pass cut the section at, so its atoms
            // and these chunks coincide.
            let funcs = crate::deadcode::split_points(&w, oi, si, true);
            let mut bounds: Vec<u64> = vec![0];
            if o.is_go {
                bounds.extend(funcs.iter().map(|f| f.0));
            }
            bounds.sort();
            bounds.dedup();
            for (i, &b) in bounds.iter().enumerate() {
                let mut end = bounds.get(i + 1).copied().unwrap_or(s.size);
                // A Go function's piece ends at its symbol's end: the compiler's padding is
                // replaced by gc's 0xCC fill.
                if o.is_go
                    && let Some(&(_, sym)) = funcs.iter().find(|f| f.0 == b)
                    && o.syms[sym].size > 0
                {
                    end = end.min(b + o.syms[sym].size);
                }
                if o.is_go && w.is_dead(oi, si, b) {
                    continue;
                }
                let id = l.push_in(OutSec::Text, oi, si, b, end - b, align);
                // A piece is FIPS code when the function starting it is (split Go code), or
                // when every function of an unsplit section (assembly) is.
                let fips = if o.is_go {
                    funcs
                        .iter()
                        .find(|f| f.0 == b)
                        .is_some_and(|&(_, sym)| is_fips_symbol(&o.syms[sym].name, true))
                } else {
                    !funcs.is_empty()
                        && funcs
                            .iter()
                            .all(|&(_, sym)| is_fips_symbol(&o.syms[sym].name, true))
                };
                if fips {
                    fips_text.push(id);
                } else {
                    l.append(id);
                }
            }
            for (v, sym) in funcs {
                if o.is_go && w.is_dead(oi, si, v) {
                    continue;
                }
                text_syms.push(TextSym {
                    obj: oi,
                    sym,
                    off: v,
                });
            }
        }
    }
    // FIPS markers as gc places them, at the very end of text, around the FIPS code (gc sorts
    // text by symbol kind, and STEXTFIPS sorts after STEXT).
    let fips_s = l.push_synth(
        OutSec::Text,
        FUNC_ALIGN,
        Synth {
            data: vec![0xcc],
            ..Default::default()
        },
    );
    l.append(fips_s);
    for id in fips_text {
        l.append(id);
    }
    let fips_e = l.push_synth(
        OutSec::Text,
        FUNC_ALIGN,
        Synth {
            data: vec![0xcc],
            ..Default::default()
        },
    );
    l.append(fips_e);
    l.place(OutSec::Text);
    l.addr[OutSec::Text.idx()] = TEXT_ADDR;
    l.define(
        "runtime.text",
        Loc::Start(OutSec::Text),
        0,
        true,
        false,
        true,
    );
    l.define(
        "runtime.etext",
        Loc::End(OutSec::Text),
        0,
        true,
        false,
        true,
    );
    l.define(
        "go:textfipsstart",
        Loc::Chunk(fips_s, 0),
        1,
        true,
        false,
        true,
    );
    l.define(
        "go:textfipsend",
        Loc::Chunk(fips_e, 0),
        1,
        true,
        false,
        true,
    );

    // ---- plain data sections from inputs.
    let mut type_atoms: Vec<TypeAtom> = Vec::new();
    // Landing-pad records of all objects, kept contiguous between runtime.exctab/eexctab.
    let mut exctab_chunks: Vec<usize> = Vec::new();
    let mut adapter_chunks: Vec<usize> = Vec::new();
    let mut stackmap_chunks: Vec<usize> = Vec::new();
    // The first chunk of a non-Go object in .noptrdata and in .noptrbss: the runtime's own
    // statics (which may hold heap pointers) start there, after every Go object's pointer-free
    // data, so the collector scans only [runtime.rtnoptrdata, runtime.enoptrdata) and
    // [runtime.rtnoptrbss, runtime.enoptrbss) of those sections (rt/src/mgcmark.rs).
    let mut first_rt_noptrdata: Option<usize> = None;
    // The FIPS module's .rodata, .noptrdata and .data pieces (see `fips_idx`).
    let mut fips_data: [Vec<usize>; 3] = Default::default();
    let mut first_rt_noptrbss: Option<usize> = None;
    let go_first: Vec<usize> = {
        let mut v: Vec<usize> = objs.iter().copied().filter(|&i| w.objs[i].is_go).collect();
        v.extend(objs.iter().copied().filter(|&i| !w.objs[i].is_go));
        v
    };
    for &oi in &go_first {
        let o = &w.objs[oi];
        for si in 0..o.secs.len() {
            let Some(out) = out_of(&w, oi, si) else {
                continue;
            };
            let s = &o.secs[si];
            match out {
                OutSec::Text => {}
                OutSec::GoType => {
                    // Split at symbol boundaries so descriptors can be sorted one by one.
                    let mut starts: Vec<(u64, usize)> = l
                        .sec_syms
                        .get(&(oi, si))
                        .into_iter()
                        .flatten()
                        .filter_map(|&sym| match o.syms[sym].def {
                            SymDef::Sec(_, v) if v < s.size => Some((v, sym)),
                            _ => None,
                        })
                        .collect();
                    starts.sort();
                    let mut bounds: Vec<u64> = vec![0];
                    bounds.extend(starts.iter().map(|x| x.0));
                    bounds.dedup();
                    for (i, &b) in bounds.iter().enumerate() {
                        let end = bounds.get(i + 1).copied().unwrap_or(s.size);
                        // Alignment the piece had inside its section, capped at 8 as gc's.
                        let natural = if b == 0 {
                            s.align
                        } else {
                            1u64 << b.trailing_zeros().min(3)
                        };
                        // Primary name: a global at this offset if any, else any symbol.
                        let here: Vec<usize> =
                            starts.iter().filter(|x| x.0 == b).map(|x| x.1).collect();
                        let prim = here
                            .iter()
                            .copied()
                            .find(|&y| !o.syms[y].is_local())
                            .or_else(|| here.first().copied());
                        // DUPOK type data defined by several objects (weak globals): only the
                        // copy the symbol resolved to is laid out, so every type has exactly
                        // one descriptor (type identity is descriptor identity).
                        if let Some(y) = prim {
                            let sy = &o.syms[y];
                            if sy.is_weak()
                                && !sy.is_local()
                                && w.globals.get(&sy.name).is_some_and(|g| g.obj != oi)
                            {
                                continue;
                            }
                        }
                        if w.is_dead(oi, si, b) {
                            continue;
                        }
                        let id = l.push_in(out, oi, si, b, end - b, natural.clamp(1, 8));
                        let (name, size) = prim
                            .map(|y| (o.syms[y].name.clone(), o.syms[y].size))
                            .unwrap_or_default();
                        let size = if size == 0 { end - b } else { size };
                        let itab = s.name == ".go.itab" || name.starts_with("go:itab.");
                        let seq = type_atoms.len();
                        type_atoms.push(TypeAtom {
                            chunk: id,
                            name,
                            size,
                            itab,
                            key: None,
                            seq,
                        });
                    }
                }
                _ if s.name == EXCTAB_SECTION
                    || s.name == STACKMAPS_SECTION
                    || s.name == ADAPTERS_SECTION =>
                {
                    // Record tables: each record (each function's group of stack-map records,
                    // which point back to the group's first) is kept only while the symbol its
                    // first word relocates against (its function, an adapter's key) lives.
                    let (pieces, chunks) = if s.name == EXCTAB_SECTION {
                        (fixed_records(s.size, 24), &mut exctab_chunks)
                    } else if s.name == ADAPTERS_SECTION {
                        (fixed_records(s.size, 16), &mut adapter_chunks)
                    } else {
                        (stackmap_groups(s.data), &mut stackmap_chunks)
                    };
                    for (at, n) in pieces {
                        let dead = s.relocs.iter().find(|r| r.offset == at).is_some_and(|r| {
                            matches!(w.resolve(oi, r.sym), Target::Sec { obj, sec, value, .. }
                                if w.is_dead(obj, sec, value))
                        });
                        if !dead {
                            chunks.push(l.push_in(OutSec::Rodata, oi, si, at, n, s.align));
                        }
                    }
                }
                OutSec::Rodata | OutSec::Noptrdata | OutSec::Data
                    if o.is_go && has_fips_data(&l, oi, si) =>
                {
                    // Split at symbols: the FIPS module's data moves between the section's
                    // FIPS markers, the rest stays in place.
                    let mut starts: Vec<(u64, bool)> = l
                        .sec_syms
                        .get(&(oi, si))
                        .into_iter()
                        .flatten()
                        .filter_map(|&sym| match o.syms[sym].def {
                            SymDef::Sec(_, v) if v < s.size => {
                                Some((v, is_fips_symbol(&o.syms[sym].name, false)))
                            }
                            _ => None,
                        })
                        .collect();
                    // At one offset a non-FIPS name (a zero-size or aliased symbol) keeps the
                    // piece out of the module.
                    starts.sort_by_key(|&(v, fips)| (v, fips));
                    starts.dedup_by_key(|x| x.0);
                    if starts.first().is_none_or(|x| x.0 != 0) {
                        starts.insert(0, (0, false));
                    }
                    for (i, &(b, fips)) in starts.iter().enumerate() {
                        let end = starts.get(i + 1).map_or(s.size, |x| x.0);
                        // The alignment the piece had inside its section.
                        let natural = if b == 0 {
                            s.align
                        } else {
                            (1u64 << b.trailing_zeros()).min(s.align.max(1))
                        };
                        let id = l.push_in(out, oi, si, b, end - b, natural.max(1));
                        if fips {
                            fips_data[fips_idx(out)].push(id);
                        } else {
                            l.append(id);
                        }
                    }
                }
                _ => {
                    let id = l.push_in(out, oi, si, 0, s.size, s.align);
                    l.append(id);
                    if !o.is_go {
                        match out {
                            OutSec::Noptrdata => {
                                first_rt_noptrdata.get_or_insert(id);
                            }
                            OutSec::Noptrbss => {
                                first_rt_noptrbss.get_or_insert(id);
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
    }
    for (name, first, sec) in [
        ("runtime.rtnoptrdata", first_rt_noptrdata, OutSec::Noptrdata),
        ("runtime.rtnoptrbss", first_rt_noptrbss, OutSec::Noptrbss),
    ] {
        let loc = first.map_or(Loc::End(sec), |id| Loc::Chunk(id, 0));
        l.define(name, loc, 0, false, false, false);
    }
    {
        // runtime.exctab .. runtime.eexctab: {return PC, landing pad PC, FP - SP} records the
        // runtime searches when it recovers from a panic (docs/abi.md).
        let marker = |l: &mut Lay| {
            let id = l.push_synth(OutSec::Rodata, 8, Synth::default());
            l.append(id);
            id
        };
        let start = marker(&mut l);
        for id in exctab_chunks {
            l.append(id);
        }
        let end = marker(&mut l);
        l.define(
            "runtime.exctab",
            Loc::Chunk(start, 0),
            0,
            false,
            false,
            true,
        );
        l.define("runtime.eexctab", Loc::Chunk(end, 0), 0, false, false, true);
        // runtime.stackmaps .. runtime.estackmaps: the collector's per-call-site records
        // (backend/src/stackmaps.rs, rt/src/mgcstack.rs).
        let start = marker(&mut l);
        for id in stackmap_chunks {
            l.append(id);
        }
        let end = marker(&mut l);
        l.define(
            "runtime.stackmaps",
            Loc::Chunk(start, 0),
            0,
            false,
            false,
            true,
        );
        l.define(
            "runtime.estackmaps",
            Loc::Chunk(end, 0),
            0,
            false,
            false,
            true,
        );
        // runtime.adapters .. runtime.eadapters: {function entry or func type descriptor,
        // adapter} records that reflect.call and makeFuncStub search.
        let start = marker(&mut l);
        for id in adapter_chunks {
            l.append(id);
        }
        let end = marker(&mut l);
        l.define(
            "runtime.adapters",
            Loc::Chunk(start, 0),
            0,
            false,
            false,
            true,
        );
        l.define(
            "runtime.eadapters",
            Loc::Chunk(end, 0),
            0,
            false,
            false,
            true,
        );
    }

    // ---- init tasks (first in .noptrdata, as gc) and lastmoduledatap.
    let tasks = synth::inittasks(&w, opts)?;
    {
        let mut s = Synth {
            name: "go:main.inittasks".into(),
            ..Default::default()
        };
        for (i, t) in tasks.iter().enumerate() {
            s.data.extend_from_slice(&[0; 8]);
            s.relocs
                .push(l.srel(8 * i as u64, &format!("{t}..inittask"))?);
        }
        let n = s.data.len() as u64;
        let id = l.push_synth(OutSec::Noptrdata, 8, s);
        l.order[OutSec::Noptrdata.idx()].insert(0, id);
        l.define("go:main.inittasks", Loc::Chunk(id, 0), n, false, true, true);
    }
    if matches!(w.lookup("runtime.lastmoduledatap"), Some(Target::Linker(_))) {
        let s = Synth {
            data: vec![0; 8],
            relocs: vec![l.srel(0, "runtime.firstmoduledata")?],
            ..Default::default()
        };
        let id = l.push_synth(OutSec::Noptrdata, 8, s);
        l.append(id);
        l.define(
            "runtime.lastmoduledatap",
            Loc::Chunk(id, 0),
            8,
            false,
            true,
            true,
        );
    }
    for (sec, a, b) in [
        (
            OutSec::Noptrdata,
            "go:noptrdatafipsstart",
            "go:noptrdatafipsend",
        ),
        (OutSec::Data, "go:datafipsstart", "go:datafipsend"),
    ] {
        for (i, n) in [a, b].into_iter().enumerate() {
            if i == 1 {
                for id in std::mem::take(&mut fips_data[fips_idx(sec)]) {
                    l.append(id);
                }
            }
            let id = l.push_synth(
                sec,
                1,
                Synth {
                    data: vec![0],
                    ..Default::default()
                },
            );
            l.append(id);
            l.define(n, Loc::Chunk(id, 0), 1, false, false, true);
        }
    }
    for s in [
        OutSec::Noptrdata,
        OutSec::Data,
        OutSec::Bss,
        OutSec::Noptrbss,
    ] {
        l.place(s);
    }

    // ---- .rodata tail: GC programs, textsectionmap, buildinfo.ref, GOT, FIPS markers.
    let words = |s: OutSec| l.size[s.idx()] / 8;
    let gcdata = synth::gcprog(words(OutSec::Data), opts.data_mask);
    let gcbss = synth::gcprog(words(OutSec::Bss), opts.data_mask);
    for (name, end, prog) in [
        ("runtime.gcdata", "runtime.egcdata", gcdata),
        ("runtime.gcbss", "runtime.egcbss", gcbss),
    ] {
        let n = prog.len() as u64;
        let id = l.push_synth(
            OutSec::Rodata,
            1,
            Synth {
                data: prog,
                ..Default::default()
            },
        );
        l.append(id);
        l.define(name, Loc::Chunk(id, 0), n, false, false, true);
        l.define(end, Loc::Chunk(id, n), 0, false, false, true);
    }
    let text_size = l.size[OutSec::Text.idx()];
    {
        let mut d = vec![0u8; 24];
        d[8..16].copy_from_slice(&text_size.to_le_bytes());
        let s = Synth {
            data: d,
            relocs: vec![l.srel(16, "runtime.text")?],
            ..Default::default()
        };
        let id = l.push_synth(OutSec::Rodata, 8, s);
        l.append(id);
        l.define(
            "runtime.textsectionmap",
            Loc::Chunk(id, 0),
            24,
            false,
            true,
            true,
        );
        let s = Synth {
            data: vec![0; 8],
            relocs: vec![l.srel(0, "go:buildinfo")?],
            ..Default::default()
        };
        let id = l.push_synth(OutSec::Rodata, 8, s);
        l.append(id);
        l.define("go:buildinfo.ref", Loc::Chunk(id, 0), 8, false, true, true);
    }
    // GOT slots for GOTPCREL references that cannot be relaxed (no gc equivalent; read-only).
    let mut got: HashMap<Target, usize> = HashMap::new();
    let mut got_syn = Synth {
        name: "go:got".into(),
        ..Default::default()
    };
    for &oi in &objs {
        for (si, s) in w.objs[oi].secs.iter().enumerate() {
            if out_of(&w, oi, si).is_none() {
                continue;
            }
            for r in &s.relocs {
                let gotref = matches!(
                    r.r_type,
                    E::R_X86_64_GOTPCREL | E::R_X86_64_GOTPCRELX | E::R_X86_64_REX_GOTPCRELX
                );
                if gotref && relax_kind(s.data, r).is_none() {
                    let t = w.resolve(oi, r.sym);
                    if let std::collections::hash_map::Entry::Vacant(e) = got.entry(t) {
                        let off = got_syn.data.len() as u64;
                        e.insert(got_syn.relocs.len());
                        got_syn.data.extend_from_slice(&[0; 8]);
                        got_syn.relocs.push(SRel {
                            off,
                            target: t,
                            addend: 0,
                            name: w.objs[oi].syms[r.sym].name.clone(),
                        });
                    }
                }
            }
        }
    }
    let got_chunk = if got_syn.data.is_empty() {
        None
    } else {
        let id = l.push_synth(OutSec::Rodata, 8, got_syn);
        l.append(id);
        Some(id)
    };
    // Package hashes (gc's go:link.pkghash.* and moduledata.pkghashes), for the version check
    // between a plugin and its host.
    if opts.host_symbols || opts.plugin_path.is_some() {
        crate::plugin::pkghash_symbols(&mut l, opts)?;
    }
    if opts.plugin_path.is_some() {
        crate::plugin::pkghashes_table(&mut l, opts)?;
    }
    if opts.host_symbols {
        let s = crate::plugin::host_symbols(&l);
        let n = s.data.len() as u64;
        let id = l.push_synth(OutSec::Rodata, 8, s);
        l.append(id);
        l.define("go:rgo.hostsyms", Loc::Chunk(id, 0), n, false, true, true);
    }
    if let Some(pp) = &opts.plugin_path {
        let n = pp.len() as u64;
        let id = l.push_synth(
            OutSec::Rodata,
            1,
            Synth {
                data: pp.as_bytes().to_vec(),
                ..Default::default()
            },
        );
        l.append(id);
        l.define(
            "go:link.thispluginpath",
            Loc::Chunk(id, 0),
            n,
            false,
            true,
            true,
        );
    }
    for (i, n) in ["go:rodatafipsstart", "go:rodatafipsend"]
        .into_iter()
        .enumerate()
    {
        if i == 1 {
            for id in std::mem::take(&mut fips_data[fips_idx(OutSec::Rodata)]) {
                l.append(id);
            }
        }
        let id = l.push_synth(
            OutSec::Rodata,
            1,
            Synth {
                data: vec![0],
                ..Default::default()
            },
        );
        l.append(id);
        l.define(n, Loc::Chunk(id, 0), 1, false, false, true);
    }
    l.place(OutSec::Rodata);

    // ---- .gopclntab.
    let mut funcs: Vec<PcFunc> = Vec::new();
    let mut fips_funcs = Vec::new();
    for t in &text_syms {
        let y = &w.objs[t.obj].syms[t.sym];
        let sec = y.def_sec();
        let Some(cid) = l.chunk_at(t.obj, sec, t.off) else {
            continue;
        };
        let Src::In { start, .. } = l.chunks[cid].src else {
            continue;
        };
        let off = l.chunks[cid].off + (t.off - start);
        let data = w.sec(t.obj, sec).data;
        let lines = lines_of.get(&t.obj).and_then(|m| m.get(&y.name));
        funcs.push(PcFunc {
            name: y.name.clone(),
            off,
            size: y.size,
            code: data.get(t.off as usize..).unwrap_or(&[]),
            lines,
            cu: t.obj,
        });
    }
    for (id, name) in [(fips_s, "go:textfipsstart"), (fips_e, "go:textfipsend")] {
        fips_funcs.push(PcFunc {
            name: name.into(),
            off: l.chunks[id].off,
            size: 1,
            code: &[],
            lines: None,
            cu: usize::MAX,
        });
    }
    funcs.extend(fips_funcs);
    funcs.sort_by_key(|f| f.off);
    funcs.dedup_by_key(|f| f.off);
    let pcln = pclntab::build(&mut funcs, &|i| w.objs[i].name.clone())?;
    let debug = if opts.dwarf && !opts.strip {
        dwarf::build(
            &funcs,
            l.addr[OutSec::Text.idx()],
            &|i| w.objs[i].name.clone(),
            opts.goroot.as_deref(),
        )?
    } else {
        Vec::new()
    };
    let pcs = (
        funcs[0].off,
        funcs[funcs.len() - 1].off + funcs[funcs.len() - 1].size,
    );
    let nfunc = funcs.len();
    let pcln_len = pcln.data.len() as u64;
    let pid = l.push_synth(
        OutSec::Gopclntab,
        8,
        Synth {
            data: pcln.data.clone(),
            ..Default::default()
        },
    );
    l.append(pid);
    l.place(OutSec::Gopclntab);
    l.define("runtime.pclntab", Loc::Chunk(pid, 0), 0, false, false, true);
    l.define(
        "runtime.pcheader",
        Loc::Chunk(pid, 0),
        0,
        false,
        false,
        false,
    );
    for (n, o) in [
        ("runtime.funcnametab", pcln.funcnametab),
        ("runtime.cutab", pcln.cutab),
        ("runtime.filetab", pcln.filetab),
        ("runtime.pctab", pcln.pctab),
        ("runtime.functab", pcln.functab),
    ] {
        l.define(n, Loc::Chunk(pid, o.0), o.1, false, false, false);
    }
    l.define(
        "go:func.*",
        Loc::Chunk(pid, pcln.gofunc),
        0,
        false,
        false,
        true,
    );
    l.define(
        "runtime.findfunctab",
        Loc::Chunk(pid, pcln.findfunctab.0),
        pcln.findfunctab.1,
        false,
        false,
        true,
    );
    l.define(
        "runtime.epclntab",
        Loc::Chunk(pid, pcln_len),
        0,
        false,
        false,
        true,
    );

    // ---- .go.type: gap, typelinks by string, the rest by size, itabs last.
    for a in &mut type_atoms {
        if !a.itab && gotype::is_typelink_name(&a.name) {
            a.key = Some(type_key(&l, a, opts));
        }
    }
    let gap = l.push_synth(
        OutSec::GoType,
        8,
        Synth {
            data: vec![0; 8],
            ..Default::default()
        },
    );
    l.append(gap);
    let (tl, rest, itabs) = gotype::order(type_atoms);
    for &id in tl.iter().chain(&rest).chain(&itabs) {
        l.append(id);
    }
    l.place(OutSec::GoType);
    let gt_size = l.size[OutSec::GoType.idx()];
    let typedesclen = tl
        .last()
        .map_or(8, |&id| l.chunks[id].off + l.chunks[id].size);
    let itaboffset = itabs.first().map_or(gt_size, |&id| l.chunks[id].off);
    let itabsize = gt_size - itaboffset;
    l.define(
        "runtime.types",
        Loc::Start(OutSec::GoType),
        0,
        false,
        false,
        true,
    );
    l.define(
        "runtime.etypes",
        Loc::End(OutSec::GoType),
        0,
        false,
        false,
        true,
    );
    l.define("type:*", Loc::Chunk(gap, 8), 0, false, true, true);
    l.define(
        "go:funcdesc",
        Loc::Start(OutSec::GoFunc),
        0,
        false,
        false,
        true,
    );
    l.place(OutSec::GoFunc);

    // ---- RW segment head: build info, FIPS info, moduledata.
    let bi = synth::buildinfo(opts);
    let bi_len = bi.len() as u64;
    let id = l.push_synth(
        OutSec::GoBuildinfo,
        16,
        Synth {
            data: bi,
            ..Default::default()
        },
    );
    l.append(id);
    l.define("go:buildinfo", Loc::Chunk(id, 0), bi_len, false, true, true);
    let fips = synth::fipsinfo(&l)?;
    let id = l.push_synth(OutSec::GoFipsinfo, 32, fips);
    l.append(id);
    l.define("go:fipsinfo", Loc::Chunk(id, 0), 120, false, true, true);
    let md = synth::moduledata(
        &l,
        &pcln,
        nfunc,
        pcs,
        typedesclen,
        itaboffset,
        itabsize,
        tasks.len(),
        plugin_info(&w, opts),
        opts.pkghashes.len() as u64,
    )?;
    let id = l.push_synth(OutSec::GoModule, 32, md);
    l.append(id);
    l.define(
        "runtime.firstmoduledata",
        Loc::Chunk(id, 0),
        568,
        false,
        true,
        true,
    );
    for s in [OutSec::GoBuildinfo, OutSec::GoFipsinfo, OutSec::GoModule] {
        l.place(s);
    }
    for (s, a, b) in [
        (OutSec::Rodata, "runtime.rodata", "runtime.erodata"),
        (OutSec::Noptrdata, "runtime.noptrdata", "runtime.enoptrdata"),
        (OutSec::Data, "runtime.data", "runtime.edata"),
        (OutSec::Bss, "runtime.bss", "runtime.ebss"),
        (OutSec::Noptrbss, "runtime.noptrbss", "runtime.enoptrbss"),
    ] {
        l.define(a, Loc::Start(s), 0, false, false, true);
        l.define(b, Loc::End(s), 0, false, false, true);
    }
    for n in ["runtime.covctrs", "runtime.ecovctrs", "runtime.end"] {
        l.define(n, Loc::End(OutSec::Noptrbss), 0, false, false, true);
    }

    // ---- addresses.
    let mut prev_end = TEXT_ADDR + l.size[OutSec::Text.idx()];
    for s in &OutSec::ALL[1..] {
        let start = match s {
            OutSec::Rodata | OutSec::GoBuildinfo => align_up(prev_end, PAGE),
            _ => align_up(prev_end, s.align()),
        };
        l.addr[s.idx()] = start;
        prev_end = start + l.size[s.idx()];
    }
    if prev_end >= 0x8000_0000 {
        return Err(LinkError::Layout(format!(
            "image too large: ends at {prev_end:#x} (R_X86_64_32 needs < 2 GiB)"
        )));
    }

    // ---- contents and relocation (a plugin also records what its loader must patch).
    let plugin = opts.plugin_path.is_some();
    let mut dynrels: Vec<crate::plugin::DynRel> = Vec::new();
    let mut bufs: Vec<Vec<u8>> = OutSec::ALL
        .iter()
        .map(|s| {
            if s.nobits() {
                Vec::new()
            } else {
                vec![if s.exec() { 0xcc } else { 0 }; l.size[s.idx()] as usize]
            }
        })
        .collect();
    for id in 0..l.chunks.len() {
        let c = l.chunks[id].clone();
        if c.out.nobits() {
            continue;
        }
        let buf = &mut bufs[c.out.idx()];
        let base = c.off as usize;
        match c.src {
            Src::Synth(si) => {
                let s = &l.synths[si];
                buf[base..base + s.data.len()].copy_from_slice(&s.data);
                for r in &s.relocs {
                    let v = l.value(r.target, r.addend).ok_or_else(|| {
                        LinkError::Layout(format!(
                            "{}: references \"{}\", which has no address",
                            s.name, r.name
                        ))
                    })?;
                    let at = base + r.off as usize;
                    buf[at..at + 8].copy_from_slice(&(v as u64).to_le_bytes());
                    if plugin {
                        let place = l.addr[c.out.idx()] + c.off + r.off;
                        dynrels.extend(synth_dynrel(&l, r, place));
                    }
                }
            }
            Src::In { obj, sec, start } => {
                let s = w.sec(obj, sec);
                let end = start + c.size;
                if let Some(src) = s.data.get(start as usize..end as usize) {
                    buf[base..base + src.len()].copy_from_slice(src);
                }
                let p0 = l.addr[c.out.idx()] + c.off;
                let rel32 = matches!(s.name.as_str(), ".go.type" | ".go.func" | ".go.itab");
                let first = s.relocs.partition_point(|r| r.offset < start);
                for r in s.relocs[first..].iter().take_while(|r| r.offset < end) {
                    let at = base + (r.offset - start) as usize;
                    let p = i128::from(p0 + (r.offset - start));
                    apply(&l, &got, got_chunk, obj, sec, r, rel32, p, buf, at)?;
                    if plugin {
                        dynrels.extend(in_dynrel(&l, obj, sec, r, rel32, p as u64));
                    }
                }
            }
        }
    }

    // ---- the FIPS module's checksum, over the final bytes of the four marker ranges.
    {
        let mut sects: Vec<&[u8]> = Vec::new();
        for (a, b) in [
            ("go:textfipsstart", "go:textfipsend"),
            ("go:rodatafipsstart", "go:rodatafipsend"),
            ("go:noptrdatafipsstart", "go:noptrdatafipsend"),
            ("go:datafipsstart", "go:datafipsend"),
        ] {
            let (sa, start) = l.linker_sym(a)?;
            let (sb, end) = l.linker_sym(b)?;
            let base = l.addr[sa.idx()];
            let range = (start.checked_sub(base), end.checked_sub(base));
            let bytes = match range {
                (Some(s), Some(e)) if sa == sb && s <= e => {
                    bufs[sa.idx()].get(s as usize..e as usize)
                }
                _ => None,
            };
            sects.push(bytes.ok_or_else(|| {
                LinkError::Layout(format!("FIPS range {a}..{b} is not inside one section"))
            })?);
        }
        let sum = fips_sum(&sects);
        let (sec, at) = l.linker_sym("go:fipsinfo")?;
        let off = (at - l.addr[sec.idx()]) as usize + 16;
        bufs[sec.idx()][off..off + 32].copy_from_slice(&sum);
    }

    // ---- symbols.
    let entry = if plugin {
        // A plugin has no entry point: the loader runs its package inits.
        0
    } else {
        let entry_t = w.lookup(&opts.entry).ok_or_else(|| {
            LinkError::Undefined(vec![crate::Undefined {
                symbol: opts.entry.clone(),
                referenced_by: vec!["entry point".into()],
            }])
        })?;
        l.value(entry_t, 0)
            .ok_or_else(|| LinkError::Layout("entry symbol has no address".into()))? as u64
    };
    let mut syms: Vec<OutSym> = Vec::new();
    let mut report_syms: Vec<SymbolInfo> = Vec::new();
    let mut lds: Vec<&LDef> = l.ldefs.values().collect();
    lds.sort_by(|a, b| a.name.cmp(&b.name));
    for d in lds {
        let sec = l.loc_sec(d.loc);
        let value = l.loc_addr(d.loc);
        report_syms.push(SymbolInfo {
            name: d.name.clone(),
            addr: value,
            size: d.size,
            section: sec.name().into(),
            in_symtab: d.visible,
        });
        if d.visible {
            let st_type = if d.func { E::STT_FUNC } else { E::STT_OBJECT };
            syms.push(OutSym {
                name: d.name.clone(),
                value,
                size: d.size,
                st_type,
                global: d.global,
                sec,
            });
        }
    }
    for &oi in &objs {
        let o = &w.objs[oi];
        for (si, y) in o.syms.iter().enumerate() {
            let SymDef::Sec(sec, v) = y.def else { continue };
            if y.name.is_empty()
                || y.name.starts_with(".L")
                || matches!(y.st_type, E::STT_SECTION | E::STT_FILE)
            {
                continue;
            }
            if !y.is_local()
                && !w
                    .globals
                    .get(&y.name)
                    .is_some_and(|g| g.obj == oi && g.sym == si)
            {
                continue;
            }
            let Some(out) = out_of(&w, oi, sec) else {
                continue;
            };
            let Some(value) = l.in_addr(oi, sec, v) else {
                continue;
            };
            let visible = symtab_visible(&y.name, out);
            report_syms.push(SymbolInfo {
                name: y.name.clone(),
                addr: value,
                size: y.size,
                section: out.name().into(),
                in_symtab: visible,
            });
            if visible {
                let st_type = match y.st_type {
                    E::STT_FUNC => E::STT_FUNC,
                    E::STT_NOTYPE if out.exec() => E::STT_FUNC,
                    _ => E::STT_OBJECT,
                };
                syms.push(OutSym {
                    name: y.name.clone(),
                    value,
                    size: y.size,
                    st_type,
                    global: !y.is_local(),
                    sec: out,
                });
            }
        }
    }

    // ---- notes and the file.
    let ids = synth::build_ids(inputs, opts);
    let mut debug = debug;
    if plugin {
        let md = w
            .lookup("runtime.firstmoduledata")
            .and_then(|t| l.value(t, 0))
            .ok_or_else(|| LinkError::Layout("plugin without moduledata".into()))?;
        // minpc and maxpc are written as numbers, not through relocations.
        for off in [160, 168] {
            dynrels.push(crate::plugin::DynRel {
                at: md as u64 + off,
                kind: crate::plugin::DynKind::Relative64,
                name: None,
                addend: 0,
                fallback: crate::plugin::Fallback::None,
            });
        }
        let end = l.addr[OutSec::Noptrbss.idx()] + l.size[OutSec::Noptrbss.idx()];
        debug.push((
            ".rgo.plugin",
            crate::plugin::encode(
                BASE,
                end,
                md as u64,
                &dynrels,
                &crate::plugin::type_descriptors(&l),
            ),
        ));
    }
    let mut img = Image {
        dyn_object: plugin,
        bufs,
        addr: l.addr,
        size: l.size,
        entry,
        go_buildid: ids.go.clone(),
        gnu_buildid: ids.gnu,
        syms,
        strip: opts.strip,
        debug,
    };
    let (mut bytes, sections) = elf::write(&mut img)?;
    let go_id = synth::finish_content_id(&mut bytes, &ids.go);

    let report = LinkReport {
        entry,
        sections,
        symbols: report_syms,
        objects: objs.iter().map(|&i| w.objs[i].name.clone()).collect(),
        build_id: go_id,
        nfunc,
        typedesclen,
        itaboffset,
        itabsize,
        inittasks: tasks,
    };
    Ok((bytes, report))
}

/// moduledata's plugin fields: (length of the plugin path, number of ptab entries).
fn plugin_info(w: &World, opts: &LinkOptions) -> Option<(u64, u64)> {
    let pp = opts.plugin_path.as_ref()?;
    let nptab = w
        .globals
        .get("go:plugin.tabs")
        .map_or(0, |g| w.objs[g.obj].syms[g.sym].size / 8);
    Some((pp.len() as u64, nptab))
}

/// The loader's record for an absolute address the linker wrote into its own data at link
/// address `place` (plugin/mod docs: interposable symbols by name, the rest relative).
fn synth_dynrel(l: &Lay, r: &SRel, place: u64) -> Option<crate::plugin::DynRel> {
    use crate::plugin::{DynKind, DynRel, Fallback, fallback, interposable};
    let global = l.w.globals.contains_key(&r.name) || matches!(r.target, Target::Undef { .. });
    if interposable(&r.name, r.target, global) {
        return Some(DynRel {
            at: place,
            kind: DynKind::Sym64,
            name: Some(r.name.clone()),
            addend: r.addend,
            fallback: fallback(l, r.target),
        });
    }
    if matches!(r.target, Target::Abs(_)) {
        return None;
    }
    Some(DynRel {
        at: place,
        kind: DynKind::Relative64,
        name: None,
        addend: 0,
        fallback: Fallback::None,
    })
}

/// The loader's record for relocation `r` of an input section, applied at link address `p`.
fn in_dynrel(
    l: &Lay,
    obj: usize,
    sec: usize,
    r: &Rel,
    rel32_is_off: bool,
    p: u64,
) -> Option<crate::plugin::DynRel> {
    use crate::plugin::{DynKind, DynRel, Fallback, fallback, interposable};
    let w = l.w;
    let sym = w.objs[obj].syms.get(r.sym)?;
    let t = w.resolve(obj, r.sym);
    let by_name = interposable(&sym.name, t, !sym.is_local() && r.sym != 0);
    let mut at = p;
    let mut addend = r.addend;
    let kind = match r.r_type {
        E::R_X86_64_64 => {
            if by_name {
                DynKind::Sym64
            } else if matches!(t, Target::Abs(_)) {
                return None;
            } else {
                DynKind::Relative64
            }
        }
        E::R_X86_64_PC32 | E::R_X86_64_PLT32 if by_name => DynKind::SymPc32,
        E::R_X86_64_GOTPCREL | E::R_X86_64_GOTPCRELX | E::R_X86_64_REX_GOTPCRELX if by_name => {
            match relax_kind(w.sec(obj, sec).data, r) {
                // A GOT slot: the slot itself is recorded with the linker's data.
                None => return None,
                Some(Relax::Jmp) => {
                    // `jmp rel32` starts a byte earlier (see apply).
                    at = p - 1;
                    addend = -4;
                    DynKind::SymPc32
                }
                Some(_) => DynKind::SymPc32,
            }
        }
        E::R_X86_64_32S if by_name => DynKind::Sym32s,
        E::R_X86_64_32 if by_name && !rel32_is_off => DynKind::Sym32,
        E::R_X86_64_32S | E::R_X86_64_32 if !rel32_is_off && !matches!(t, Target::Abs(_)) => {
            DynKind::Relative32
        }
        _ => return None,
    };
    let named = !matches!(kind, DynKind::Relative64 | DynKind::Relative32);
    Some(DynRel {
        at,
        kind,
        name: named.then(|| sym.name.clone()),
        addend,
        fallback: if named {
            fallback(l, t)
        } else {
            Fallback::None
        },
    })
}

/// gc hides type data, itabs, funcvals and string data from .symtab.
fn symtab_visible(name: &str, out: OutSec) -> bool {
    if name == "type:*" {
        return true;
    }
    !(out == OutSec::GoType
        || out == OutSec::GoFunc
        || name.starts_with("type:")
        || name.starts_with("go:itab.")
        || name.starts_with("go:string.")
        || name.starts_with("runtime.gcbits."))
}

/// The typelink sort key of a descriptor: its type string read through Str (nameOff at +40,
/// resolved through the R_X86_64_32 relocation there), or the symbol name without `type:`.
fn type_key(l: &Lay, a: &TypeAtom, opts: &LinkOptions) -> String {
    let fallback = a.name.strip_prefix("type:").unwrap_or(&a.name).to_string();
    if opts.type_order == crate::TypeOrder::SymbolName {
        return fallback;
    }
    let Src::In { obj, sec, start } = l.chunks[a.chunk].src else {
        return fallback;
    };
    let s = l.w.sec(obj, sec);
    let tflag = s.data.get(start as usize + 20).copied().unwrap_or(0);
    let Some(r) = s
        .relocs
        .iter()
        .find(|r| r.offset == start + 40 && r.r_type == E::R_X86_64_32)
    else {
        return fallback;
    };
    let Target::Sec {
        obj: o2,
        sec: s2,
        value,
        section_sym,
    } = l.w.resolve(obj, r.sym)
    else {
        return fallback;
    };
    let noff = if section_sym {
        r.addend
    } else {
        value as i64 + r.addend
    };
    let Ok(noff) = usize::try_from(noff) else {
        return fallback;
    };
    match gotype::read_name(l.w.sec(o2, s2).data.get(noff..).unwrap_or(&[])) {
        Some(n) if tflag & 0x02 != 0 && !n.is_empty() => n[1..].to_string(),
        Some(n) => n,
        None => fallback,
    }
}

#[allow(clippy::too_many_arguments)]
fn apply(
    l: &Lay,
    got: &HashMap<Target, usize>,
    got_chunk: Option<usize>,
    obj: usize,
    sec: usize,
    r: &Rel,
    rel32_is_off: bool,
    p: i128,
    buf: &mut [u8],
    at: usize,
) -> Result<(), LinkError> {
    let w = l.w;
    let t = w.resolve(obj, r.sym);
    let err = |m: String| rel_err(w, obj, sec, r, m);
    // The target lies in a piece the dead-code pass removed.
    let removed = match t {
        Target::Sec {
            obj,
            sec,
            value,
            section_sym,
        } => w.is_dead(
            obj,
            sec,
            if section_sym {
                r.addend.max(0) as u64
            } else {
                value
            },
        ),
        _ => false,
    };
    let val = |a: i64| {
        l.value(t, a)
            .ok_or_else(|| err("target was not linked (discarded or dropped section)".into()))
    };
    let put = |buf: &mut [u8], bytes: &[u8]| -> Result<(), LinkError> {
        buf.get_mut(at..at + bytes.len())
            .ok_or_else(|| err("relocation outside its section".into()))?
            .copy_from_slice(bytes);
        Ok(())
    };
    let fit32s = |v: i128| {
        i32::try_from(v).map_err(|_| err(format!("value {v:#x} overflows a signed 32-bit field")))
    };
    match r.r_type {
        E::R_X86_64_NONE => Ok(()),
        E::R_X86_64_64 if rel32_is_off && removed => {
            // An itab slot of a method the dead-code pass removed (gc's weak itab relocation).
            let u = w
                .lookup("runtime.unreachableMethod")
                .and_then(|t| l.value(t, 0))
                .ok_or_else(|| err("runtime.unreachableMethod is not linked".into()))?;
            put(buf, &(u as u64).to_le_bytes())
        }
        E::R_X86_64_64 => put(buf, &(val(r.addend)? as u64).to_le_bytes()),
        E::R_X86_64_PC64 => put(buf, &((val(r.addend)? - p) as u64).to_le_bytes()),
        E::R_X86_64_PC32 | E::R_X86_64_PLT32 => {
            put(buf, &fit32s(val(r.addend)? - p)?.to_le_bytes())
        }
        E::R_X86_64_32S => put(buf, &fit32s(val(r.addend)?)?.to_le_bytes()),
        E::R_X86_64_32 if rel32_is_off => {
            // docs/abi.md: section-relative offsets (nameOff/typeOff/textOff).
            let v: i128 = match t {
                // A method-table offset to a removed method or type (gc writes -1).
                _ if removed => -1,
                Target::Undef { func, .. } => {
                    if func {
                        -1
                    } else {
                        0
                    }
                }
                Target::Abs(_) => {
                    return Err(err("absolute symbol as a section-relative offset".into()));
                }
                _ => {
                    let base = if l.target_exec(t) {
                        l.addr[OutSec::Text.idx()]
                    } else {
                        l.addr[OutSec::GoType.idx()]
                    };
                    val(r.addend)? - i128::from(base)
                }
            };
            put(buf, &fit32s(v)?.to_le_bytes())
        }
        E::R_X86_64_32 => {
            let v = val(r.addend)?;
            let v = u32::try_from(v)
                .map_err(|_| err(format!("value {v:#x} overflows an unsigned 32-bit field")))?;
            put(buf, &v.to_le_bytes())
        }
        E::R_X86_64_GOTPCREL | E::R_X86_64_GOTPCRELX | E::R_X86_64_REX_GOTPCRELX => {
            let data = w.sec(obj, sec).data;
            match relax_kind(data, r) {
                Some(k) => {
                    let s = val(0)?;
                    match k {
                        Relax::MovToLea => {
                            buf[at - 2] = 0x8d;
                            put(buf, &fit32s(s + i128::from(r.addend) - p)?.to_le_bytes())
                        }
                        Relax::Call => {
                            // call *foo@GOTPCREL(%rip) → addr32 call foo
                            buf[at - 2] = 0x67;
                            buf[at - 1] = 0xe8;
                            put(buf, &fit32s(s + i128::from(r.addend) - p)?.to_le_bytes())
                        }
                        Relax::Jmp => {
                            // jmp *foo@GOTPCREL(%rip) → jmp foo; nop
                            buf[at - 2] = 0xe9;
                            let v = fit32s(s - (p + 3))?;
                            buf.get_mut(at - 1..at + 4)
                                .ok_or_else(|| err("relocation outside its section".into()))?
                                .copy_from_slice(&[
                                    v as u8,
                                    (v >> 8) as u8,
                                    (v >> 16) as u8,
                                    (v >> 24) as u8,
                                    0x90,
                                ]);
                            Ok(())
                        }
                    }
                }
                None => {
                    let slot = got
                        .get(&t)
                        .copied()
                        .ok_or_else(|| err("missing GOT slot".into()))?;
                    let g = got_chunk.ok_or_else(|| err("missing GOT".into()))?;
                    let gaddr = i128::from(l.chunk_addr(g) + 8 * slot as u64);
                    put(
                        buf,
                        &fit32s(gaddr + i128::from(r.addend) - p)?.to_le_bytes(),
                    )
                }
            }
        }
        other => Err(err(format!("unsupported relocation type {other}"))),
    }
}

/// The `(offset, length)` records of `size` bytes each of a table of `size_total` bytes (the last
/// one shorter if the table is truncated).
fn fixed_records(size_total: u64, size: u64) -> Vec<(u64, u64)> {
    (0..size_total)
        .step_by(size as usize)
        .map(|at| (at, size.min(size_total - at)))
        .collect()
}

/// The per-function groups `(offset, length)` of a `.rgo.stackmaps` input section (format in
/// backend/src/stackmaps.rs): a group starts at a record whose back-distance field (offset 16)
/// is zero. A truncated record ends the walk; what follows it is one last group, so malformed
/// input is never split inside a record.
fn stackmap_groups(data: &[u8]) -> Vec<(u64, u64)> {
    let u16_at = |o: usize| {
        data.get(o..o + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
    };
    let u32_at = |o: usize| {
        data.get(o..o + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let mut groups: Vec<(u64, u64)> = Vec::new();
    let mut at = 0usize;
    while at < data.len() {
        let (Some(back), Some(nptr), Some(nroot), Some(nclob), Some(nobj)) = (
            u32_at(at + 16),
            u16_at(at + 20),
            u16_at(at + 22),
            u16_at(at + 24),
            u16_at(at + 26),
        ) else {
            break;
        };
        let len = (28 + 4 * nptr + 8 * nroot + 4 * nclob + 8 * nobj).next_multiple_of(8);
        if back == 0 || groups.is_empty() {
            groups.push((at as u64, 0));
        }
        at = (at + len).min(data.len());
        if let Some(g) = groups.last_mut() {
            g.1 = at as u64 - g.0;
        }
    }
    if at < data.len() {
        match groups.last_mut() {
            Some(g) => g.1 = data.len() as u64 - g.0,
            None => groups.push((0, data.len() as u64)),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::stackmap_groups;

    /// One record: `back` bytes to its function's first record, `nptr` pointer words.
    fn record(back: u32, nptr: u16) -> Vec<u8> {
        let mut r = vec![0u8; 16];
        r.extend_from_slice(&back.to_le_bytes());
        r.extend_from_slice(&nptr.to_le_bytes());
        r.extend_from_slice(&[0u8; 6]);
        for i in 0..nptr {
            r.extend_from_slice(&u32::from(i).to_le_bytes());
        }
        while r.len() % 8 != 0 {
            r.push(0);
        }
        r
    }

    #[test]
    fn stackmap_groups_split_at_first_records() {
        // f: records at 0 (32 bytes) and 32 (40 bytes, back 32); g: one record at 72.
        let mut data = record(0, 1);
        data.extend(record(32, 3));
        data.extend(record(0, 0));
        assert_eq!(stackmap_groups(&data), vec![(0, 72), (72, 32)]);
        // A truncated tail stays with the last group instead of being split inside a record.
        data.extend_from_slice(&[0u8; 5]);
        assert_eq!(stackmap_groups(&data), vec![(0, 72), (72, 37)]);
    }
}
