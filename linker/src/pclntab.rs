//! `.gopclntab` in gc 1.27's format (reference §7): pcHeader, funcnametab, cutab, filetab, pctab,
//! functab (+ `_func` records), the `go:func.*` funcdata area (ArgInfo only), findfunctab.

use crate::LinkError;
use crate::lines::FuncLines;
use std::collections::HashMap;

/// One function of the final text.
pub(crate) struct PcFunc<'x> {
    pub name: String,
    /// Entry offset from runtime.text.
    pub off: u64,
    pub size: u64,
    /// The function's bytes from its entry (for the prologue-derived SP table).
    pub code: &'x [u8],
    pub lines: Option<&'x FuncLines>,
    /// Compilation unit key (the object the function came from).
    pub cu: usize,
}

/// The table and where its pieces are, as (offset, size) from the section start.
pub(crate) struct Pcln {
    pub data: Vec<u8>,
    pub funcnametab: (u64, u64),
    pub cutab: (u64, u64),
    pub filetab: (u64, u64),
    pub pctab: (u64, u64),
    pub functab: (u64, u64),
    pub gofunc: u64,
    pub findfunctab: (u64, u64),
}

pub(crate) const HEADER_SIZE: usize = 72;
pub(crate) const MAGIC: u32 = 0xFFFF_FFF1;
const ARGS_UNKNOWN: i32 = i32::MIN;
/// gc's abi.FUNCDATA_ArgInfo.
const FUNCDATA_ARG_INFO: u8 = 5;
const BUCKET: u64 = 4096;
const SUBBUCKET: u64 = 256;

/// gc's funcID for the runtime functions the traceback treats specially (§7.4), plus the flags
/// gc gives the assembly ones.
pub(crate) fn func_id(name: &str) -> (u8, u8) {
    const TOP: u8 = 1;
    const SPW: u8 = 2;
    const ASM: u8 = 4;
    let Some(r) = name.strip_prefix("runtime.") else {
        return (if name.ends_with("-fm") { 23 } else { 0 }, 0);
    };
    match r {
        "abort" => (1, 0),
        "asmcgocall" => (2, 0),
        "asyncPreempt" => (3, 0),
        "cgocallback" => (4, 0),
        "corostart" => (5, 0),
        "debugCallV2" => (6, 0),
        "gcBgMarkWorker" => (7, 0),
        "goexit" => (8, TOP | ASM),
        "gogo" => (9, 0),
        "gopanic" => (10, 0),
        "handleAsyncEvent" => (11, 0),
        "mcall" => (12, 0),
        "morestack" => (13, 0),
        "mstart" => (14, TOP | ASM),
        "panicwrap" => (15, 0),
        "rt0_go" => (16, TOP | SPW | ASM),
        "main" => (17, 0),
        "runFinalizers" => (18, 0),
        "runCleanups" => (19, 0),
        "sigpanic" => (20, 0),
        "systemstack" => (21, SPW | ASM),
        "systemstack_switch" => (22, 0),
        _ => (if r.ends_with("-fm") { 23 } else { 0 }, 0),
    }
}

/// pclntab names carry no ABI suffix (§8.2).
pub(crate) fn pcln_name(sym: &str) -> &str {
    sym.strip_suffix(".abi0")
        .or_else(|| sym.strip_suffix(".abiinternal"))
        .unwrap_or(sym)
}

pub(crate) fn put_uvarint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Encode runs `(pc, value)` (value holds from pc to the next run's pc, the last one to `size`)
/// with gc's pcvalue encoding: zig-zag value delta from −1, then uvarint pc delta; a 0 byte ends it.
pub(crate) fn encode_pcvalue(runs: &[(u64, i64)], size: u64) -> Vec<u8> {
    // Keep runs that start inside the function, merge equal neighbours (a zero value delta after
    // the first pair would read as the terminator).
    let mut clean: Vec<(u64, i64)> = Vec::new();
    for &(pc, v) in runs {
        if pc >= size.max(1) {
            break;
        }
        match clean.last_mut() {
            Some(last) if last.1 == v => {}
            Some(last) if last.0 == pc => last.1 = v,
            _ => clean.push((pc, v)),
        }
    }
    if clean.first().is_none_or(|r| r.0 != 0) {
        clean.insert(0, (0, clean.first().map_or(0, |r| r.1)));
    }
    let mut out = Vec::new();
    let mut prev = -1i64;
    for (i, &(pc, v)) in clean.iter().enumerate() {
        let end = clean.get(i + 1).map_or(size.max(1), |r| r.0);
        let d = v.wrapping_sub(prev);
        put_uvarint(&mut out, ((d << 1) ^ (d >> 63)) as u64);
        put_uvarint(&mut out, end - pc);
        prev = v;
    }
    out.push(0);
    out
}

/// SP deltas from a Cranelift-style frame prologue: `push rbp` (0 → 8), `mov rbp, rsp`,
/// then `sub rsp, N` (8 → 8+N). Anything else: 0 throughout.
fn prologue_sp(code: &[u8]) -> Vec<(u64, i64)> {
    let mut runs = vec![(0u64, 0i64)];
    if code.first() != Some(&0x55) {
        return runs;
    }
    runs.push((1, 8));
    if code.get(1..4) != Some(&[0x48, 0x89, 0xe5][..]) {
        return runs;
    }
    match code.get(4..7) {
        Some([0x48, 0x83, 0xec]) => {
            if let Some(&n) = code.get(7) {
                runs.push((8, 8 + i64::from(n as i8)));
            }
        }
        Some([0x48, 0x81, 0xec]) => {
            if let Some(b) = code.get(7..11) {
                runs.push((
                    11,
                    8 + i64::from(i32::from_le_bytes([b[0], b[1], b[2], b[3]])),
                ));
            }
        }
        _ => {}
    }
    runs
}

fn align8(v: &mut Vec<u8>) {
    while !v.len().is_multiple_of(8) {
        v.push(0);
    }
}

/// Build the table. `funcs` must be sorted by entry and have distinct entries; each function's
/// `size` is normalised here (0 or overlapping sizes become the distance to the next entry).
pub(crate) fn build(
    funcs: &mut [PcFunc],
    obj_names: &dyn Fn(usize) -> String,
) -> Result<Pcln, LinkError> {
    if funcs.is_empty() {
        return Err(LinkError::Layout("no functions in .text".into()));
    }
    for i in 0..funcs.len() {
        let next = funcs.get(i + 1).map(|f| f.off);
        let f = &mut funcs[i];
        f.size = match next {
            Some(n) if f.size == 0 || f.off + f.size > n => n - f.off,
            None if f.size == 0 => 1,
            _ => f.size,
        };
    }

    // funcnametab
    let mut names: Vec<u8> = Vec::new();
    let mut name_off: HashMap<&str, u32> = HashMap::new();
    let mut fname = Vec::with_capacity(funcs.len());
    for f in funcs.iter() {
        let n = pcln_name(&f.name);
        let off = *name_off.entry(n).or_insert_with(|| {
            let o = names.len() as u32;
            names.extend_from_slice(n.as_bytes());
            names.push(0);
            o
        });
        fname.push(off);
    }

    // Files per compilation unit (object), filetab, cutab.
    let mut filetab: Vec<u8> = Vec::new();
    let mut file_off: HashMap<String, u32> = HashMap::new();
    let mut cus: Vec<(usize, Vec<String>)> = Vec::new();
    let mut cu_idx: HashMap<usize, usize> = HashMap::new();
    let mut func_cu = Vec::with_capacity(funcs.len());
    for f in funcs.iter() {
        let file = match f.lines {
            Some(l) => l.file.clone(),
            None if f.cu == usize::MAX => "<autogenerated>".to_string(),
            None => obj_names(f.cu),
        };
        let ci = *cu_idx.entry(f.cu).or_insert_with(|| {
            cus.push((f.cu, Vec::new()));
            cus.len() - 1
        });
        let files = &mut cus[ci].1;
        let fi = files.iter().position(|x| *x == file).unwrap_or_else(|| {
            files.push(file.clone());
            files.len() - 1
        });
        func_cu.push((ci, fi));
        if !file_off.contains_key(&file) {
            file_off.insert(file.clone(), filetab.len() as u32);
            filetab.extend_from_slice(file.as_bytes());
            filetab.push(0);
        }
    }
    let mut cutab: Vec<u8> = Vec::new();
    let mut cu_base = Vec::with_capacity(cus.len());
    let mut n = 0u32;
    for (_, files) in &cus {
        cu_base.push(n);
        for f in files {
            cutab.extend_from_slice(&file_off[f].to_le_bytes());
            n += 1;
        }
    }

    // pctab (deduplicated) and the per-function offsets.
    let mut pctab: Vec<u8> = vec![0];
    let mut pc_dedup: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut add_tab = |t: Vec<u8>| -> u32 {
        if let Some(&o) = pc_dedup.get(&t) {
            return o;
        }
        let o = pctab.len() as u32;
        pctab.extend_from_slice(&t);
        pc_dedup.insert(t, o);
        o
    };
    struct Rec {
        pcsp: u32,
        pcfile: u32,
        pcln: u32,
        start_line: i32,
        args: i32,
        func_id: u8,
        flag: u8,
        /// Offset of the ArgInfo funcdata from `go:func.*`.
        arg_info: Option<u32>,
    }
    // `go:func.*`: the funcdata blobs (only ArgInfo), deduplicated as gc's content-addressable
    // `*.arginfo*` symbols are.
    let mut gofunc_data: Vec<u8> = Vec::new();
    let mut gofunc_dedup: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut recs = Vec::with_capacity(funcs.len());
    for (i, f) in funcs.iter().enumerate() {
        let sp: Vec<(u64, i64)> = match f.lines {
            Some(l) if !l.sp.is_empty() => {
                l.sp.iter()
                    .map(|&(pc, v)| (u64::from(pc), i64::from(v)))
                    .collect()
            }
            _ => prologue_sp(f.code),
        };
        let (start_line, mut ln) = match f.lines {
            Some(l) => (l.start_line, vec![(0u64, i64::from(l.start_line))]),
            None => (0, vec![(0u64, 0i64)]),
        };
        if let Some(l) = f.lines {
            ln.extend(l.lines.iter().map(|&(pc, v)| (u64::from(pc), i64::from(v))));
        }
        let (id, flag) = func_id(pcln_name(&f.name));
        let id = f.lines.and_then(|l| l.func_id).unwrap_or(id);
        let arg_info = match f.lines {
            Some(l) if !l.arg_info.is_empty() => {
                // gc's bytes, then rgo's trailer: the argument area's offset from the frame
                // pointer (docs/abi.md "Traceback arguments"); gc's reader stops at 0xff.
                let mut blob = l.arg_info.clone();
                blob.extend_from_slice(&l.arg_fp_off.to_le_bytes());
                let next = gofunc_data.len() as u32;
                let off = *gofunc_dedup.entry(blob).or_insert(next);
                if off == next {
                    gofunc_data.extend_from_slice(&l.arg_info);
                    gofunc_data.extend_from_slice(&l.arg_fp_off.to_le_bytes());
                }
                Some(off)
            }
            _ => None,
        };
        recs.push(Rec {
            arg_info,
            pcsp: add_tab(encode_pcvalue(&sp, f.size)),
            pcfile: add_tab(encode_pcvalue(&[(0, func_cu[i].1 as i64)], f.size)),
            pcln: add_tab(encode_pcvalue(&ln, f.size)),
            start_line,
            args: f.lines.map_or(ARGS_UNKNOWN, |l| l.args),
            func_id: id,
            flag,
        });
    }

    // functab: pairs, end entry, then 8-aligned _func records.
    let nf = funcs.len();
    let last = &funcs[nf - 1];
    let maxpc = last.off + last.size;
    let to32 = |v: u64, what: &str| {
        u32::try_from(v).map_err(|_| {
            LinkError::Layout(format!("pclntab: {what} {v:#x} does not fit in 32 bits"))
        })
    };
    let mut functab: Vec<u8> = Vec::new();
    let pairs_len = (2 * nf + 1) * 4;
    let mut rec_off = pairs_len.div_ceil(8) * 8;
    let mut records: Vec<u8> = vec![0; rec_off - pairs_len];
    for (i, f) in funcs.iter().enumerate() {
        functab.extend_from_slice(&to32(f.off, "entry offset")?.to_le_bytes());
        functab.extend_from_slice(&to32(rec_off as u64, "func offset")?.to_le_bytes());
        let r = &recs[i];
        let start = records.len();
        records.extend_from_slice(&to32(f.off, "entry offset")?.to_le_bytes());
        records.extend_from_slice(&fname[i].to_le_bytes());
        records.extend_from_slice(&r.args.to_le_bytes());
        records.extend_from_slice(&0u32.to_le_bytes()); // deferreturn
        records.extend_from_slice(&r.pcsp.to_le_bytes());
        records.extend_from_slice(&r.pcfile.to_le_bytes());
        records.extend_from_slice(&r.pcln.to_le_bytes());
        records.extend_from_slice(&0u32.to_le_bytes()); // npcdata
        records.extend_from_slice(&cu_base[func_cu[i].0].to_le_bytes());
        records.extend_from_slice(&r.start_line.to_le_bytes());
        // funcID, flag, pad, nfuncdata; no pcdata; funcdata up to FUNCDATA_ArgInfo (5), the
        // absent ones ^0 as gc writes them.
        match r.arg_info {
            Some(off) => {
                records.extend_from_slice(&[r.func_id, r.flag, 0, FUNCDATA_ARG_INFO + 1]);
                for _ in 0..FUNCDATA_ARG_INFO {
                    records.extend_from_slice(&u32::MAX.to_le_bytes());
                }
                records.extend_from_slice(&off.to_le_bytes());
            }
            None => records.extend_from_slice(&[r.func_id, r.flag, 0, 0]),
        }
        align8(&mut records);
        rec_off += records.len() - start;
    }
    functab.extend_from_slice(&to32(maxpc, "end of text")?.to_le_bytes());
    functab.extend_from_slice(&records);

    // findfunctab (gc's algorithm: per 256-byte sub-bucket, the smallest function index covering it).
    let min = funcs[0].off;
    let nsub = (maxpc - min).div_ceil(SUBBUCKET) as usize;
    let nbuckets = (maxpc - min).div_ceil(BUCKET) as usize;
    let mut idx = vec![u32::MAX; nsub];
    for (i, f) in funcs.iter().enumerate() {
        let q = funcs.get(i + 1).map_or(maxpc, |g| g.off);
        let mut p = f.off;
        while p < q {
            let s = ((p - min) / SUBBUCKET) as usize;
            idx[s] = idx[s].min(i as u32);
            p += SUBBUCKET;
        }
        let s = ((q - 1 - min) / SUBBUCKET) as usize;
        idx[s] = idx[s].min(i as u32);
    }
    let mut fft: Vec<u8> = Vec::with_capacity(4 * nbuckets + nsub);
    for b in 0..nbuckets {
        let base = idx[b * 16];
        fft.extend_from_slice(&base.to_le_bytes());
        for j in 0..16 {
            let Some(&v) = idx.get(b * 16 + j) else { break };
            let d = v.checked_sub(base).filter(|d| *d < 256).ok_or_else(|| {
                LinkError::Layout(format!("findfunctab: too many functions in bucket {b}"))
            })?;
            fft.push(d as u8);
        }
    }

    // Assemble: header, then each table 8-aligned.
    let mut data = vec![0u8; HEADER_SIZE];
    let mut place = |t: &[u8]| -> (u64, u64) {
        align8(&mut data);
        let o = data.len() as u64;
        data.extend_from_slice(t);
        (o, t.len() as u64)
    };
    let p_names = place(&names);
    let p_cu = place(&cutab);
    let p_file = place(&filetab);
    let p_pc = place(&pctab);
    let functab_len = functab.len() as u64;
    functab.extend_from_slice(&gofunc_data);
    let p_ft = (place(&functab).0, functab_len);
    let gofunc = p_ft.0 + p_ft.1;
    let p_fft = place(&fft);
    let h = &mut data[..HEADER_SIZE];
    h[0..4].copy_from_slice(&MAGIC.to_le_bytes());
    h[6] = 1; // minLC
    h[7] = 8; // ptrSize
    h[8..16].copy_from_slice(&(nf as u64).to_le_bytes());
    h[16..24].copy_from_slice(&(file_off.len() as u64).to_le_bytes());
    for (i, o) in [p_names.0, p_cu.0, p_file.0, p_pc.0, p_ft.0]
        .iter()
        .enumerate()
    {
        h[32 + 8 * i..40 + 8 * i].copy_from_slice(&o.to_le_bytes());
    }
    Ok(Pcln {
        data,
        funcnametab: p_names,
        cutab: p_cu,
        filetab: p_file,
        pctab: p_pc,
        functab: p_ft,
        gofunc,
        findfunctab: p_fft,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pcvalue_matches_gc_example() {
        // §7.5: +70 → 69 for 0x1d bytes, +1 → 70 for 0x1b, +1 → 71 for 0x1e.
        let t = encode_pcvalue(&[(0, 69), (0x1d, 70), (0x38, 71)], 0x56);
        assert_eq!(t, vec![0x8c, 0x01, 0x1d, 0x02, 0x1b, 0x02, 0x1e, 0x00]);
    }

    #[test]
    fn prologue() {
        let code = [0x55, 0x48, 0x89, 0xe5, 0x48, 0x83, 0xec, 0x20, 0x90];
        assert_eq!(prologue_sp(&code), vec![(0, 0), (1, 8), (8, 40)]);
        assert_eq!(prologue_sp(&[0xc3]), vec![(0, 0)]);
    }

    #[test]
    fn func_ids() {
        assert_eq!(func_id("runtime.rt0_go"), (16, 7));
        assert_eq!(func_id("runtime.main"), (17, 0));
        assert_eq!(func_id("main.T.Get-fm"), (23, 0));
        assert_eq!(pcln_name("runtime.rt0_go.abi0"), "runtime.rt0_go");
    }
}
