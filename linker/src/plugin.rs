//! Plugins (`-buildmode=plugin`) and the hosts that load them. docs/plugin.md tells the whole
//! story; this file holds the two tables the linker writes for it.
//!
//! # How a plugin binds to its host
//!
//! gc links a plugin as an ELF shared object and lets the C dynamic linker bind it: every
//! global symbol of the plugin is preempted by the host's symbol of the same name when the
//! (dynamically linked) host has one, so the plugin's copies of shared packages, their
//! variables, type descriptors, itabs and init tasks are replaced by the host's, and the
//! runtime itself is only the host's. rgo's executables are static and have no dynamic linker,
//! so the same binding is done by rgo's runtime (rt/src/plugin.rs) from two tables:
//!
//! * The host, when it contains package plugin, carries `go:rgo.hostsyms` in `.rodata`: every
//!   global symbol it defines, sorted by name, with its address.
//! * The plugin carries the non-alloc section `.rgo.plugin`: its link-time base and extent,
//!   the address of its moduledata, and one record per place the loader must patch.
//!
//! A plugin is laid out exactly as an executable (same sections, addresses from 0x400000),
//! without the runtime: its Go objects minus package runtime. References to symbols it does
//! not define stay undefined. Every relocation the linker applies is also classified here:
//!
//! * to a global symbol defined by an input object or undefined ("interposable"): a record
//!   with the symbol's name. The loader uses the host's definition when there is one, else the
//!   plugin's own (the record's fallback, relocated), else fails with the name;
//! * an absolute address inside the plugin (`R_X86_64_64` and the 32-bit absolute forms to
//!   local or linker symbols): a "relative" record, the loader adds the load delta;
//! * a PC-relative reference inside the plugin, and the section-relative offsets of type data
//!   (nameOff/typeOff/textOff): nothing, they do not depend on where the plugin is loaded.
//!
//! The loader maps the plugin within ±2 GiB of the host's text (below 2 GiB), so 32-bit
//! PC-relative references to the host and 32-bit absolute addresses still fit.

use crate::LinkError;
use crate::layout::{Lay, Loc, OutSec, SRel, Synth};
use crate::resolve::Target;

/// `.rgo.plugin` starts with this magic and version.
pub(crate) const MAGIC: &[u8; 8] = b"rgoplug1";

/// What a record asks the loader to write at its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum DynKind {
    /// 8 bytes: the value there plus the load delta.
    Relative64 = 0,
    /// 8 bytes: S + A.
    Sym64 = 1,
    /// 4 bytes: S + A − P (P = the place's run-time address).
    SymPc32 = 2,
    /// 4 bytes, zero-extended: S + A.
    Sym32 = 3,
    /// 4 bytes, sign-extended: S + A.
    Sym32s = 4,
    /// 4 bytes: the value there plus the load delta (an absolute 32-bit address).
    Relative32 = 5,
}

/// Where the symbol of a record comes from when the host does not define it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fallback {
    /// Nowhere: the symbol must be the host's.
    None,
    /// The plugin's own definition at this link-time address (the load delta is added).
    Own(u64),
    /// A weak undefined symbol: 0.
    Zero,
}

/// One place the loader patches.
#[derive(Clone, Debug)]
pub(crate) struct DynRel {
    /// Link-time address of the place.
    pub at: u64,
    pub kind: DynKind,
    /// The symbol (for the Sym kinds).
    pub name: Option<String>,
    pub addend: i64,
    pub fallback: Fallback,
}

/// Whether a reference to `name`, resolved to `t`, is bound at load time: global symbols that
/// input objects define (the host may define them too) and undefined ones; never the linker's
/// own symbols, which describe this module.
pub(crate) fn interposable(name: &str, t: Target, global: bool) -> bool {
    if name.starts_with(PKGHASH_PREFIX) {
        // The linker defines them, but the host's copy is what the version check reads.
        return true;
    }
    global && !name.is_empty() && !matches!(t, Target::Linker(_) | Target::Abs(_))
}

const PKGHASH_PREFIX: &str = "go:link.pkghash.";

/// gc's symbol holding a package's hash as a string: `go:link.pkghash.<package>`.
pub(crate) fn pkghash_name(pkg: &str) -> String {
    format!("{PKGHASH_PREFIX}{pkg}")
}

/// Defines `go:link.pkghash.<pkg>` for every package of the link: a string header pointing
/// at the hash bytes that follow it. In a host they are what plugins' version checks read;
/// in a plugin they are the fallback when the host lacks the package.
pub(crate) fn pkghash_symbols(l: &mut Lay, opts: &crate::LinkOptions) -> Result<(), LinkError> {
    for (pkg, hash) in &opts.pkghashes {
        let name = pkghash_name(pkg);
        let mut data = vec![0u8; 16];
        data[8..16].copy_from_slice(&(hash.len() as u64).to_le_bytes());
        data.extend_from_slice(hash);
        let mut r = l.srel(0, &name)?;
        r.addend = 16;
        let id = l.push_synth(
            OutSec::Rodata,
            8,
            Synth {
                data,
                relocs: vec![r],
                name: name.clone(),
            },
        );
        l.append(id);
        l.define(&name, Loc::Chunk(id, 0), 16, false, true, true);
    }
    Ok(())
}

/// A plugin's `moduledata.pkghashes`: one `{modulename string, linktimehash string,
/// runtimehash *string}` (40 bytes) per package it was linked with, in `go:link.pkghashes`;
/// the names and hashes are in `go:link.pkghashbytes`. `runtimehash` points at
/// `go:link.pkghash.<package>`, which the loader binds to the host's when the host has the
/// package: lastmoduleinit compares the two strings.
pub(crate) fn pkghashes_table(l: &mut Lay, opts: &crate::LinkOptions) -> Result<(), LinkError> {
    let mut bytes = Vec::new();
    let mut table = vec![0u8; 40 * opts.pkghashes.len()];
    let mut relocs = Vec::new();
    for (i, (pkg, hash)) in opts.pkghashes.iter().enumerate() {
        let e = 40 * i;
        for (k, text) in [pkg.as_bytes(), &hash[..]].into_iter().enumerate() {
            let mut r = l.srel((e + 16 * k) as u64, "go:link.pkghashbytes")?;
            r.addend = bytes.len() as i64;
            relocs.push(r);
            table[e + 16 * k + 8..e + 16 * k + 16]
                .copy_from_slice(&(text.len() as u64).to_le_bytes());
            bytes.extend_from_slice(text);
        }
        relocs.push(l.srel((e + 32) as u64, &pkghash_name(pkg))?);
    }
    let n = bytes.len() as u64;
    let id = l.push_synth(
        OutSec::Rodata,
        1,
        Synth {
            data: bytes,
            ..Default::default()
        },
    );
    l.append(id);
    l.define(
        "go:link.pkghashbytes",
        Loc::Chunk(id, 0),
        n,
        false,
        false,
        true,
    );
    let n = table.len() as u64;
    let id = l.push_synth(
        OutSec::Rodata,
        8,
        Synth {
            data: table,
            relocs,
            name: "go:link.pkghashes".into(),
        },
    );
    l.append(id);
    l.define(
        "go:link.pkghashes",
        Loc::Chunk(id, 0),
        n,
        false,
        false,
        true,
    );
    Ok(())
}

/// The fallback of an interposable reference.
pub(crate) fn fallback(l: &Lay, t: Target) -> Fallback {
    match t {
        Target::Undef { weak: true, .. } => Fallback::Zero,
        Target::Undef { .. } => Fallback::None,
        _ => match l.value_of(t) {
            Some(v) => Fallback::Own(v as u64),
            None => Fallback::None,
        },
    }
}

/// The `.rgo.plugin` section:
///
/// ```text
/// [8]u8 "rgoplug1"
/// u64 link base (the first PT_LOAD's address), u64 link end (end of the image, bss included)
/// u64 link-time address of the plugin's moduledata
/// u64 number of type descriptors, u64 number of records, u64 size of the name blob
/// records: { u64 at, u8 kind, u8 fallback (0 none, 1 own, 2 zero), u16 0,
///            u32 name offset in the blob (u32::MAX: none), i64 addend, u64 fallback address }
/// type descriptors: { u32 name offset in the blob, u32 0, u64 link-time address }
/// name blob: { u32 len, bytes } per name
/// ```
///
/// The type descriptors are every `type:*` symbol of the plugin's `.go.type`: the loader's
/// typelinksinit maps each one the host also has to the host's, so that the plugin's
/// section-relative typeOffs (which no symbol binding can redirect) resolve to the one
/// descriptor the process uses for that type (gc's moduledata.typemap).
///
/// ```text
/// ```
pub(crate) fn encode(
    base: u64,
    end: u64,
    moduledata: u64,
    rels: &[DynRel],
    types: &[(String, u64)],
) -> Vec<u8> {
    let mut names: Vec<u8> = Vec::new();
    let mut name_off: std::collections::HashMap<&str, u32> = Default::default();
    let mut out = Vec::with_capacity(56 + 32 * rels.len() + 16 * types.len());
    out.extend_from_slice(MAGIC);
    for v in [base, end, moduledata, types.len() as u64, rels.len() as u64] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let blob_len_at = out.len();
    out.extend_from_slice(&[0; 8]);
    for r in rels {
        out.extend_from_slice(&r.at.to_le_bytes());
        out.push(r.kind as u8);
        let (fb, fb_addr) = match r.fallback {
            Fallback::None => (0u8, 0u64),
            Fallback::Own(a) => (1, a),
            Fallback::Zero => (2, 0),
        };
        out.push(fb);
        out.extend_from_slice(&[0, 0]);
        let off = match &r.name {
            Some(n) => *name_off.entry(n.as_str()).or_insert_with(|| {
                let o = names.len() as u32;
                names.extend_from_slice(&(n.len() as u32).to_le_bytes());
                names.extend_from_slice(n.as_bytes());
                o
            }),
            None => u32::MAX,
        };
        out.extend_from_slice(&off.to_le_bytes());
        out.extend_from_slice(&r.addend.to_le_bytes());
        out.extend_from_slice(&fb_addr.to_le_bytes());
    }
    for (name, addr) in types {
        let off = *name_off.entry(name.as_str()).or_insert_with(|| {
            let o = names.len() as u32;
            names.extend_from_slice(&(name.len() as u32).to_le_bytes());
            names.extend_from_slice(name.as_bytes());
            o
        });
        out.extend_from_slice(&off.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&addr.to_le_bytes());
    }
    let blob_len = names.len() as u64;
    out[blob_len_at..blob_len_at + 8].copy_from_slice(&blob_len.to_le_bytes());
    out.extend_from_slice(&names);
    out
}

/// The plugin's type descriptors: (symbol, link-time address), by name.
pub(crate) fn type_descriptors(l: &Lay) -> Vec<(String, u64)> {
    let w = l.w;
    let mut out = Vec::new();
    for (name, g) in &w.globals {
        if !name.starts_with("type:") {
            continue;
        }
        let sym = &w.objs[g.obj].syms[g.sym];
        let crate::input::SymDef::Sec(sec, value) = sym.def else {
            continue;
        };
        if crate::resolve::out_of(w, g.obj, sec) != Some(crate::layout::OutSec::GoType)
            || !l.has_piece(g.obj, sec, value)
        {
            continue;
        }
        let t = Target::Sec {
            obj: g.obj,
            sec,
            value,
            section_sym: false,
        };
        if let Some(v) = l.value_of(t) {
            out.push((name.clone(), v as u64));
        }
    }
    out.sort();
    out
}

/// `go:rgo.hostsyms`, the host's symbol table for its plugins: `u64 n`, then n entries
/// `{u32 name offset from the table's start, u32 name length, u64 address}` sorted by name
/// bytes (the loader searches it by bisection), then the names. The addresses are filled by
/// ordinary linker relocations.
pub(crate) fn host_symbols(l: &Lay) -> Synth {
    let w = l.w;
    let mut entries: Vec<(&str, Target)> = Vec::new();
    for (name, g) in &w.globals {
        if name.is_empty() || name.starts_with(".L") {
            continue;
        }
        let sym = &w.objs[g.obj].syms[g.sym];
        let crate::input::SymDef::Sec(sec, value) = sym.def else {
            continue;
        };
        if crate::resolve::out_of(w, g.obj, sec).is_none() || !l.has_piece(g.obj, sec, value) {
            continue;
        }
        entries.push((
            name.as_str(),
            Target::Sec {
                obj: g.obj,
                sec,
                value,
                section_sym: false,
            },
        ));
    }
    let hashes: Vec<(String, Target)> = w
        .linker_names
        .iter()
        .filter(|n| n.starts_with(PKGHASH_PREFIX))
        .filter_map(|n| Some((n.clone(), w.lookup(n)?)))
        .collect();
    entries.extend(hashes.iter().map(|(n, t)| (n.as_str(), *t)));
    entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let head = 8 + 16 * entries.len();
    let mut data = vec![0u8; head];
    data[0..8].copy_from_slice(&(entries.len() as u64).to_le_bytes());
    let mut relocs = Vec::with_capacity(entries.len());
    for (i, (name, t)) in entries.iter().enumerate() {
        let e = 8 + 16 * i;
        let off = data.len() as u32;
        data[e..e + 4].copy_from_slice(&off.to_le_bytes());
        data[e + 4..e + 8].copy_from_slice(&(name.len() as u32).to_le_bytes());
        data.extend_from_slice(name.as_bytes());
        relocs.push(SRel {
            off: e as u64 + 8,
            target: *t,
            name: name.to_string(),
            addend: 0,
        });
    }
    Synth {
        data,
        relocs,
        name: "go:rgo.hostsyms".into(),
    }
}
