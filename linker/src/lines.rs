//! The `.rgo.lines` input section: per-function line tables from the compiler.
//!
//! Format (all integers little-endian, no alignment, no relocations; a non-alloc `SHT_PROGBITS`
//! section named `.rgo.lines`, at most one per object):
//!
//! ```text
//! u32 version                      = 3
//! then records until the end of the section:
//!   u32 name_len;  [name_len]u8 name   function symbol name, exactly as in the object's symtab
//!                                      (a defined STT_FUNC of the same object)
//!   u32 file_len;  [file_len]u8 file   absolute source path of the function
//!   i32 start_line                     line of the `func` keyword (_func.startLine)
//!   i32 args                           argument size in bytes (_func.args); i32::MIN = unknown
//!   u32 func_id                        gc funcID (0 normal, 23 wrapper, ...); 0xFFFFFFFF = let the
//!                                      linker derive it from the name
//!   u32 nlines; nlines × { u32 pcoff; i32 line }
//!                                      the line in effect from `pcoff` (bytes from the function
//!                                      entry) up to the next entry's pcoff or the function end;
//!                                      pcoff strictly increasing; [0, first pcoff) gets start_line
//!   u32 nsp;    nsp × { u32 pcoff; i32 sp }
//!                                      SP delta (bytes pushed since entry) from pcoff on; nsp = 0
//!                                      lets the linker derive it from the prologue
//!   u32 narginfo; [narginfo]u8 arginfo gc's FUNCDATA_ArgInfo bytes (ending in 0xff); 0 = none
//!   i32 arg_fp_off                     where the described argument area lies: its offset from
//!                                      the frame pointer (the saved-rbp slot) after the prologue
//!   u32 nparams; nparams × { u32 len, name; u8 indirect; u32 off; u32 len, type }
//!                                      the parameters for DWARF: at byte `off` of the argument
//!                                      area (indirect: a pointer to the value is there); `type`
//!                                      as midend lower/arginfo.rs `debug_type` encodes it
//!   u32 nlocals; nlocals × { u32 len, name; u32 line; u32 len, type;
//!                            u32 nranges; nranges × { u32 start; u32 end; u32 len, expr } }
//!                                      the local variables for DWARF: the declaring line, the
//!                                      type as for parameters, and DWARF location expressions
//!                                      (frame base = CFA) valid over [start, end) pc offsets
//! ```

use crate::LinkError;
use std::collections::HashMap;

pub const LINES_SECTION: &str = ".rgo.lines";
pub const LINES_VERSION: u32 = 3;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FuncLines {
    pub file: String,
    pub start_line: i32,
    pub args: i32,
    pub func_id: Option<u8>,
    pub lines: Vec<(u32, i32)>,
    pub sp: Vec<(u32, i32)>,
    /// gc's ArgInfo bytes (empty: none) and the argument area's offset from the frame pointer.
    pub arg_info: Vec<u8>,
    pub arg_fp_off: i32,
    pub params: Vec<DebugParam>,
    pub locals: Vec<DebugLocal>,
}

/// A local variable as the compiler describes it for DWARF.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DebugLocal {
    pub name: String,
    pub line: u32,
    pub ty: Vec<u8>,
    /// `(start, end, location expression)` over pc offsets from the function entry.
    pub ranges: Vec<(u32, u32, Vec<u8>)>,
}

/// A parameter as the compiler describes it for DWARF.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DebugParam {
    pub name: String,
    pub indirect: bool,
    pub off: u32,
    pub ty: Vec<u8>,
}

struct Rd<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Rd<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.p.checked_add(n)?;
        let s = self.b.get(self.p..end)?;
        self.p = end;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn i32(&mut self) -> Option<i32> {
        self.u32().map(|v| v as i32)
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        self.take(n)
            .map(|s| String::from_utf8_lossy(s).into_owned())
    }
    fn pairs(&mut self) -> Option<Vec<(u32, i32)>> {
        let n = self.u32()? as usize;
        // Each pair is 8 bytes: refuse counts the section cannot hold before allocating.
        if n > (self.b.len() - self.p) / 8 {
            return None;
        }
        (0..n).map(|_| Some((self.u32()?, self.i32()?))).collect()
    }
}

/// Parse a `.rgo.lines` section into function name → table.
pub(crate) fn parse(obj: &str, data: &[u8]) -> Result<HashMap<String, FuncLines>, LinkError> {
    let err = |msg: String| LinkError::Input {
        input: obj.to_string(),
        msg: format!("{LINES_SECTION}: {msg}"),
    };
    let mut r = Rd { b: data, p: 0 };
    let v = r.u32().ok_or_else(|| err("truncated header".into()))?;
    if v != LINES_VERSION {
        return Err(err(format!("unsupported version {v}")));
    }
    let mut out = HashMap::new();
    while r.p < data.len() {
        let at = r.p;
        let rec = (|| {
            let name = r.str()?;
            let file = r.str()?;
            let start_line = r.i32()?;
            let args = r.i32()?;
            let fid = r.u32()?;
            let lines = r.pairs()?;
            let sp = r.pairs()?;
            let n = r.u32()? as usize;
            let arg_info = r.take(n)?.to_vec();
            let arg_fp_off = r.i32()?;
            let np = r.u32()? as usize;
            if np > data.len() {
                return None;
            }
            let mut params = Vec::with_capacity(np);
            for _ in 0..np {
                let name = r.str()?;
                let indirect = r.take(1)?[0] != 0;
                let off = r.u32()?;
                let n = r.u32()? as usize;
                let ty = r.take(n)?.to_vec();
                params.push(DebugParam {
                    name,
                    indirect,
                    off,
                    ty,
                });
            }
            let nl = r.u32()? as usize;
            if nl > data.len() {
                return None;
            }
            let mut locals = Vec::with_capacity(nl);
            for _ in 0..nl {
                let name = r.str()?;
                let line = r.u32()?;
                let n = r.u32()? as usize;
                let ty = r.take(n)?.to_vec();
                let nr = r.u32()? as usize;
                if nr > data.len() {
                    return None;
                }
                let mut ranges = Vec::with_capacity(nr);
                for _ in 0..nr {
                    let start = r.u32()?;
                    let end = r.u32()?;
                    let n = r.u32()? as usize;
                    ranges.push((start, end, r.take(n)?.to_vec()));
                }
                locals.push(DebugLocal {
                    name,
                    line,
                    ty,
                    ranges,
                });
            }
            Some((
                name,
                FuncLines {
                    file,
                    start_line,
                    args,
                    func_id: u8::try_from(fid).ok(),
                    lines,
                    sp,
                    arg_info,
                    arg_fp_off,
                    params,
                    locals,
                },
            ))
        })();
        let (name, fl) = rec.ok_or_else(|| err(format!("truncated record at offset {at}")))?;
        if fl.lines.windows(2).any(|w| w[0].0 >= w[1].0)
            || fl.sp.windows(2).any(|w| w[0].0 >= w[1].0)
        {
            return Err(err(format!("function {name}: pc offsets not increasing")));
        }
        out.insert(name, fl);
    }
    Ok(out)
}

/// One `.rgo.lines` record as the compiler produces it; [`LineRecord::encode`] is the reference
/// encoder (append after a `u32` [`LINES_VERSION`] header).
#[derive(Clone, Debug, Default)]
pub struct LineRecord<'a> {
    pub name: &'a str,
    pub file: &'a str,
    pub start_line: i32,
    pub args: i32,
    pub func_id: Option<u8>,
    pub lines: &'a [(u32, i32)],
    pub sp: &'a [(u32, i32)],
    pub arg_info: &'a [u8],
    pub arg_fp_off: i32,
    pub params: &'a [DebugParam],
    pub locals: &'a [DebugLocal],
}

impl LineRecord<'_> {
    pub fn encode(&self, out: &mut Vec<u8>) {
        let put = |o: &mut Vec<u8>, v: u32| o.extend_from_slice(&v.to_le_bytes());
        put(out, self.name.len() as u32);
        out.extend_from_slice(self.name.as_bytes());
        put(out, self.file.len() as u32);
        out.extend_from_slice(self.file.as_bytes());
        put(out, self.start_line as u32);
        put(out, self.args as u32);
        put(out, self.func_id.map_or(u32::MAX, u32::from));
        for tab in [self.lines, self.sp] {
            put(out, tab.len() as u32);
            for &(pc, v) in tab {
                put(out, pc);
                put(out, v as u32);
            }
        }
        put(out, self.arg_info.len() as u32);
        out.extend_from_slice(self.arg_info);
        put(out, self.arg_fp_off as u32);
        put(out, self.params.len() as u32);
        for p in self.params {
            put(out, p.name.len() as u32);
            out.extend_from_slice(p.name.as_bytes());
            out.push(u8::from(p.indirect));
            put(out, p.off);
            put(out, p.ty.len() as u32);
            out.extend_from_slice(&p.ty);
        }
        put(out, self.locals.len() as u32);
        for l in self.locals {
            put(out, l.name.len() as u32);
            out.extend_from_slice(l.name.as_bytes());
            put(out, l.line);
            put(out, l.ty.len() as u32);
            out.extend_from_slice(&l.ty);
            put(out, l.ranges.len() as u32);
            for (start, end, expr) in &l.ranges {
                put(out, *start);
                put(out, *end);
                put(out, expr.len() as u32);
                out.extend_from_slice(expr);
            }
        }
    }
}

/// A line record for the Rust runtime's `runtime.gopanic` at gc's position: gc's traceback
/// shows a gopanic frame (one that ran a deferred call which panicked again) at the line of
/// the deferred call `fn()` in `gopanic` of `$GOROOT/src/runtime/panic.go`. The position is
/// read from the sources of the GOROOT rgo builds against, so it follows gc's runtime. `None`
/// when the file or the function is not found (the frame then shows the object's name).
pub(crate) fn gopanic_lines(goroot: &str) -> Option<FuncLines> {
    let file = format!("{}/src/runtime/panic.go", goroot.trim_end_matches('/'));
    let text = std::fs::read_to_string(&file).ok()?;
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("func gopanic("))?;
    let body_end = lines[start..].iter().position(|l| *l == "}")? + start;
    let call = (start..body_end).find(|&i| lines[i].trim() == "fn()")?;
    Some(FuncLines {
        file,
        start_line: start as i32 + 1,
        // gopanic(e any): one eface.
        args: 16,
        func_id: None,
        lines: vec![(0, call as i32 + 1)],
        sp: Vec::new(),
        arg_info: Vec::new(),
        arg_fp_off: 0,
        params: Vec::new(),
        locals: Vec::new(),
    })
}
