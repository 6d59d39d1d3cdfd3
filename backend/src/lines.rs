//! The `.rgo.lines` section: per-function line tables for rgo's linker (which builds pclntab
//! from them). The byte format is defined by the linker (`linker/src/lines.rs`); the backend
//! cannot depend on the linker crate (data flows one way), so this is a second encoder of the
//! same format, kept byte-compatible by the tests of both crates:
//!
//! ```text
//! u32 version = 3
//! records: u32 name_len, name, u32 file_len, file, i32 start_line, i32 args, u32 func_id,
//!          u32 nlines, nlines × {u32 pcoff, i32 line}, u32 nsp, nsp × {u32 pcoff, i32 sp},
//!          u32 narginfo, [narginfo]u8 arginfo, i32 arg_fp_off,
//!          u32 nparams, nparams × {u32 len, name, u8 indirect, u32 off, u32 len, type},
//!          u32 nlocals, nlocals × {u32 len, name, u32 line, u32 len, type,
//!                                  u32 nranges, nranges × {u32 start, u32 end, u32 len, expr}}
//! ```
//! All little-endian; `[0, first pcoff)` has `start_line`; `args = i32::MIN` means unknown;
//! `nsp = 0` lets the linker derive the SP deltas from the prologue.

use cranelift_codegen::ir::SourceLoc;
use cranelift_codegen::{Final, MachSrcLoc};

pub const LINES_SECTION: &str = ".rgo.lines";
pub const LINES_VERSION: u32 = 3;

/// `args` value meaning "unknown" (the IR does not carry gc's argument-area size yet).
pub(crate) const ARGS_UNKNOWN: i32 = i32::MIN;

/// Turn Cranelift's sorted source-location ranges into `(pcoff, line)` entries: one entry where
/// the line changes, pc offsets strictly increasing. Code without a location (prologue, block
/// glue) keeps the previous line; before the first entry the linker uses the `func` line.
pub(crate) fn line_table(srclocs: &[MachSrcLoc<Final>], lines: &[u32]) -> Vec<(u32, i32)> {
    let mut out: Vec<(u32, i32)> = Vec::new();
    for r in srclocs {
        if r.loc == SourceLoc::default() || r.start >= r.end {
            continue;
        }
        let Some(&line) = lines.get(r.loc.bits() as usize) else {
            continue;
        };
        let line = line as i32;
        match out.last_mut() {
            Some(last) if last.1 == line => {}
            Some(last) if last.0 == r.start => last.1 = line,
            _ => out.push((r.start, line)),
        }
    }
    out
}

pub(crate) struct Record<'a> {
    pub name: &'a str,
    pub file: &'a str,
    pub start_line: i32,
    pub args: i32,
    pub func_id: u8,
    pub lines: &'a [(u32, i32)],
    /// gc's ArgInfo bytes (empty: none) and the spill slot's offset from the frame pointer.
    pub arg_info: &'a [u8],
    pub arg_fp_off: i32,
    pub params: &'a [midend::ir::DebugParam],
    pub locals: &'a [crate::debuglocs::LocalLocs],
}

impl Record<'_> {
    pub(crate) fn encode(&self, out: &mut Vec<u8>) {
        fn put(o: &mut Vec<u8>, v: u32) {
            o.extend_from_slice(&v.to_le_bytes());
        }
        put(out, self.name.len() as u32);
        out.extend_from_slice(self.name.as_bytes());
        put(out, self.file.len() as u32);
        out.extend_from_slice(self.file.as_bytes());
        put(out, self.start_line as u32);
        put(out, self.args as u32);
        put(out, u32::from(self.func_id));
        put(out, self.lines.len() as u32);
        for &(pc, line) in self.lines {
            put(out, pc);
            put(out, line as u32);
        }
        // No SP table: the linker derives it from Cranelift's fixed prologue shape.
        put(out, 0);
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
