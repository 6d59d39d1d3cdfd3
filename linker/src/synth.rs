//! Data the linker makes: init task order, data/bss GC programs, build info, FIPS info,
//! moduledata, build IDs.

use crate::input::SymDef;
use crate::layout::{Lay, SRel, Synth, TEXT_ADDR};
use crate::pclntab::{Pcln, put_uvarint};
use crate::resolve::{Target, World};
use crate::{DataMask, Input, LinkError, LinkOptions};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// Packages whose `<pkg>..inittask` has functions, in gc's order: a topological order over import
/// edges that always takes the lexicographically smallest ready package. Without explicit edges,
/// every package imports `runtime` and `main` imports every other package.
pub(crate) fn inittasks(w: &World, opts: &LinkOptions) -> Result<Vec<String>, LinkError> {
    let mut pkgs: BTreeMap<String, u32> = BTreeMap::new();
    let mut names: Vec<&String> = w
        .globals
        .keys()
        .filter(|n| n.ends_with("..inittask"))
        .collect();
    names.sort();
    for name in names {
        let g = w.globals[name];
        let o = &w.objs[g.obj];
        let y = &o.syms[g.sym];
        let SymDef::Sec(sec, v) = y.def else { continue };
        let s = &o.secs[sec];
        let nfns = s
            .data
            .get(v as usize + 4..v as usize + 8)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or_else(|| LinkError::Input {
                input: o.name.clone(),
                msg: format!("{name}: init task outside its section data"),
            })?;
        pkgs.insert(name.trim_end_matches("..inittask").to_string(), nfns);
    }
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in pkgs.keys() {
        deps.entry(p.clone()).or_default();
    }
    if opts.init_deps.is_empty() {
        let all: Vec<String> = pkgs.keys().cloned().collect();
        for p in &all {
            if p != "runtime" && pkgs.contains_key("runtime") {
                deps.entry(p.clone()).or_default().insert("runtime".into());
            }
            if p != "main" && pkgs.contains_key("main") {
                deps.entry("main".into()).or_default().insert(p.clone());
            }
        }
    } else {
        for (a, b) in &opts.init_deps {
            deps.entry(a.clone()).or_default().insert(b.clone());
            deps.entry(b.clone()).or_default();
        }
    }
    let mut order = Vec::new();
    let mut done: BTreeSet<String> = BTreeSet::new();
    while done.len() < deps.len() {
        let next = deps
            .iter()
            .find(|(p, d)| !done.contains(*p) && d.iter().all(|x| done.contains(x)));
        let Some((p, _)) = next else {
            let cyc: Vec<&String> = deps.keys().filter(|p| !done.contains(*p)).collect();
            return Err(LinkError::Layout(format!(
                "import cycle among init tasks: {cyc:?}"
            )));
        };
        let p = p.clone();
        if pkgs.get(&p).is_some_and(|&n| n > 0) {
            order.push(p.clone());
        }
        done.insert(p);
    }
    Ok(order)
}

/// GC program for a `words`-word segment: one literal bit, repeated (reference §1.6).
pub(crate) fn gcprog(words: u64, mask: DataMask) -> Vec<u8> {
    let bit = u8::from(mask == DataMask::AllPointers);
    let mut p = Vec::new();
    if words > 0 {
        p.extend_from_slice(&[0x01, bit]);
        if words > 1 {
            p.push(0x81);
            put_uvarint(&mut p, words - 1);
        }
    }
    p.push(0);
    p
}

const INFO_START: [u8; 16] = [
    0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6,
];
const INFO_END: [u8; 16] = [
    0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2,
];

/// gc's modinfo text for `go build file.go`.
pub(crate) fn default_modinfo(main_path: &str) -> String {
    let mut s = format!("path\t{main_path}\n");
    for kv in [
        "-buildmode=exe",
        "-compiler=gc",
        "CGO_ENABLED=1",
        "CGO_CFLAGS=",
        "CGO_CPPFLAGS=",
        "CGO_CXXFLAGS=",
        "CGO_LDFLAGS=",
        "GOARCH=amd64",
        "GOOS=linux",
        "GOAMD64=v1",
    ] {
        s.push_str("build\t");
        s.push_str(kv);
        s.push('\n');
    }
    s
}

/// `go:buildinfo` (§8.4): header, version, modinfo between sentinels, padded to 16.
pub(crate) fn buildinfo(opts: &LinkOptions) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(b"\xff Go buildinf:");
    b.push(8);
    b.push(0x02);
    b.resize(32, 0);
    put_uvarint(&mut b, opts.build_version.len() as u64);
    b.extend_from_slice(opts.build_version.as_bytes());
    let text = opts
        .modinfo
        .clone()
        .unwrap_or_else(|| default_modinfo(&opts.main_path));
    let mut mi = INFO_START.to_vec();
    mi.extend_from_slice(text.as_bytes());
    mi.extend_from_slice(&INFO_END);
    put_uvarint(&mut b, mi.len() as u64);
    b.extend_from_slice(&mi);
    b.resize(b.len().div_ceil(16) * 16, 0);
    b
}

/// `go:fipsinfo` (120 bytes): magic, the sum (zero here; written over the final bytes after
/// relocation, see fips.rs), self pointer, and the text/rodata/noptrdata/data marker ranges.
pub(crate) fn fipsinfo(l: &Lay) -> Result<Synth, LinkError> {
    let mut d = b"\xff Go fipsinfo \xff\x00".to_vec();
    d.resize(120, 0);
    let mut relocs = vec![l.srel(48, "go:fipsinfo")?];
    for (i, n) in [
        "go:textfipsstart",
        "go:textfipsend",
        "go:rodatafipsstart",
        "go:rodatafipsend",
        "go:noptrdatafipsstart",
        "go:noptrdatafipsend",
        "go:datafipsstart",
        "go:datafipsend",
    ]
    .iter()
    .enumerate()
    {
        relocs.push(l.srel(56 + 8 * i as u64, n)?);
    }
    Ok(Synth {
        data: d,
        relocs,
        name: "go:fipsinfo".into(),
    })
}

/// `runtime.firstmoduledata` (568 bytes, §6).
#[allow(clippy::too_many_arguments)]
pub(crate) fn moduledata(
    l: &Lay,
    p: &Pcln,
    nfunc: usize,
    pcs: (u64, u64),
    typedesclen: u64,
    itaboffset: u64,
    itabsize: u64,
    ntasks: usize,
    plugin: Option<(u64, u64)>,
    opts_npkg: u64,
) -> Result<Synth, LinkError> {
    let mut d = vec![0u8; 568];
    let mut relocs: Vec<SRel> = Vec::new();
    let mut ptr = |off: u64, name: &str| -> Result<(), LinkError> {
        relocs.push(l.srel(off, name)?);
        Ok(())
    };
    let mut put = |off: usize, v: u64| d[off..off + 8].copy_from_slice(&v.to_le_bytes());
    ptr(0, "runtime.pcheader")?;
    for (off, name, len) in [
        (8, "runtime.funcnametab", p.funcnametab.1),
        (32, "runtime.cutab", p.cutab.1 / 4),
        (56, "runtime.filetab", p.filetab.1),
        (80, "runtime.pctab", p.pctab.1),
        (104, "runtime.functab", p.functab.1),
        (128, "runtime.functab", nfunc as u64 + 1),
        (448, "go:main.inittasks", ntasks as u64),
    ] {
        ptr(off, name)?;
        put(off as usize + 8, len);
        put(off as usize + 16, len);
    }
    for (off, name) in [
        (152, "runtime.findfunctab"),
        (176, "runtime.text"),
        (184, "runtime.etext"),
        (192, "runtime.noptrdata"),
        (200, "runtime.enoptrdata"),
        (208, "runtime.data"),
        (216, "runtime.edata"),
        (224, "runtime.bss"),
        (232, "runtime.ebss"),
        (240, "runtime.noptrbss"),
        (248, "runtime.enoptrbss"),
        (256, "runtime.covctrs"),
        (264, "runtime.ecovctrs"),
        (272, "runtime.end"),
        (280, "runtime.gcdata"),
        (288, "runtime.gcbss"),
        (296, "runtime.types"),
        (312, "runtime.etypes"),
        (336, "runtime.rodata"),
        (344, "go:func.*"),
        (352, "runtime.epclntab"),
        (360, "runtime.textsectionmap"),
    ] {
        ptr(off, name)?;
    }
    // minpc/maxpc: first entry and end of the last function (the FIPS end marker).
    put(160, TEXT_ADDR + pcs.0);
    put(168, TEXT_ADDR + pcs.1);
    put(304, typedesclen);
    put(320, itaboffset);
    put(328, itabsize);
    put(368, 1);
    put(376, 1);
    match plugin {
        // A plugin: ptab, pluginpath; no main.
        Some((path_len, nptab)) => {
            if nptab > 0 {
                relocs.push(l.srel(384, "go:plugin.tabs")?);
                d[392..400].copy_from_slice(&nptab.to_le_bytes());
                d[400..408].copy_from_slice(&nptab.to_le_bytes());
            }
            relocs.push(l.srel(408, "go:link.thispluginpath")?);
            d[416..424].copy_from_slice(&path_len.to_le_bytes());
            if let Some(Target::Linker(_)) = l.w.lookup("go:link.pkghashes") {
                let n = opts_npkg;
                if n > 0 {
                    relocs.push(l.srel(424, "go:link.pkghashes")?);
                    d[432..440].copy_from_slice(&n.to_le_bytes());
                    d[440..448].copy_from_slice(&n.to_le_bytes());
                }
            }
        }
        None => d[512] = 1, // hasmain
    }
    Ok(Synth {
        data: d,
        relocs,
        name: "runtime.firstmoduledata".into(),
    })
}

pub(crate) struct BuildIds {
    /// `actionID/x/y/actionID`: the content ID slot is filled after the file is written.
    pub go: String,
    pub gnu: [u8; 20],
}

fn b64url(b: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut s = String::new();
    for c in b.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..=c.len() {
            s.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    s
}

fn id20(h: &[u8]) -> String {
    b64url(&h[..15])
}

/// Deterministic IDs from the inputs and options, in gc's shapes (§8.5).
pub(crate) fn build_ids(inputs: &[Input], opts: &LinkOptions) -> BuildIds {
    let mut h = Sha256::new();
    for i in inputs {
        h.update((i.name.len() as u64).to_le_bytes());
        h.update(i.name.as_bytes());
        h.update([i.kind as u8]);
        h.update((i.data.len() as u64).to_le_bytes());
        h.update(i.data);
    }
    h.update(format!("{opts:?}").as_bytes());
    let action = h.finalize();
    let part = |tag: &[u8]| {
        let mut h = Sha256::new();
        h.update(action);
        h.update(tag);
        h.finalize()
    };
    let a = id20(&action);
    let go = format!("{a}/{}/{}/{a}", id20(&part(b"2")), id20(&part(b"3")));
    let mut g = Sha256::digest(go.as_bytes());
    g[0] ^= 0xff;
    let mut gnu = [0u8; 20];
    gnu.copy_from_slice(&g[..20]);
    BuildIds { go, gnu }
}

/// Replace the placeholder content ID (the 4th component) with a hash of the file, as
/// `go tool buildid -w` does; returns the final build ID.
pub(crate) fn finish_content_id(bytes: &mut [u8], placeholder: &str) -> String {
    let content = id20(&Sha256::digest(&*bytes));
    let Some((head, _)) = placeholder.rsplit_once('/') else {
        return placeholder.to_string();
    };
    let id = format!("{head}/{content}");
    let pat = placeholder.as_bytes();
    if let Some(pos) = bytes.windows(pat.len()).position(|w| w == pat) {
        bytes[pos..pos + id.len()].copy_from_slice(id.as_bytes());
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gcprog_shapes() {
        assert_eq!(gcprog(0, DataMask::NoPointers), vec![0]);
        assert_eq!(gcprog(1, DataMask::NoPointers), vec![1, 0, 0]);
        assert_eq!(
            gcprog(300, DataMask::AllPointers),
            vec![1, 1, 0x81, 0xab, 0x02, 0]
        );
    }

    #[test]
    fn b64() {
        assert_eq!(b64url(&[0xff; 15]).len(), 20);
        assert_eq!(b64url(b"Man"), "TWFu");
    }
}
