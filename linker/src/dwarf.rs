//! DWARF 5 debug information for debuggers (gdb, delve), generated at link time like
//! cmd/link's dwarf.go, from the same per-function tables the pclntab is built from (so there
//! are no relocations in debug sections):
//!
//! * `.debug_info`: one compile unit per Go package (per input object; the runtime archive's
//!   functions form the `runtime` unit), `DW_LANG_Go`, gc's producer string; one
//!   `DW_TAG_subprogram` per function with gc's symbol name, its pc range, `DW_AT_frame_base =
//!   DW_OP_call_frame_cfa` and the `func` line. Compile units carry their pc ranges in
//!   `.debug_rnglists` (a package's functions need not be contiguous).
//! * `.debug_line`: per unit, the files and, per function, the rows of its pcln table.
//! * `.debug_frame`: one CIE (CFA = rsp+8 at entry, return address at CFA−8) and per function
//!   with Cranelift's frame-pointer prologue (`push rbp; mov rbp, rsp`) an FDE: CFA = rsp+16
//!   after the push (rbp saved at CFA−16), CFA = rbp+16 after the move.
//! * `.debug_gdb_scripts`: gc's reference to `runtime-gdb.py`.
//!
//! Strings are inline (`DW_FORM_string`), as gc writes them; gc compresses its sections
//! (SHF_COMPRESSED, zlib), rgo writes them uncompressed (docs/debugging.md).

use crate::LinkError;
use crate::pclntab::PcFunc;
use gimli::write::{
    Address, AttributeValue, CallFrameInstruction, CommonInformationEntry, Dwarf, EndianVec,
    Expression, FrameDescriptionEntry, FrameTable, LineProgram, LineString, Location, LocationList,
    Range, RangeList, Sections, Unit, UnitEntryId,
};
use gimli::{Encoding, Format, LineEncoding, LittleEndian, X86_64};
use std::collections::HashMap;

/// gc's DW_AT_producer.
const PRODUCER: &str = "Go cmd/compile go1.27.3; regabi";

/// Builds the debug sections, in gc's order, as (name, contents).
pub(crate) fn build(
    funcs: &[PcFunc],
    text_addr: u64,
    unit_name: &dyn Fn(usize) -> String,
    goroot: Option<&str>,
) -> Result<Vec<(&'static str, Vec<u8>)>, LinkError> {
    let encoding = Encoding {
        format: Format::Dwarf32,
        version: 5,
        address_size: 8,
    };
    let err = |what: &str, e: gimli::write::Error| LinkError::Layout(format!("DWARF {what}: {e}"));
    let mut dwarf = Dwarf::new();
    // Functions grouped by unit, in address order within each.
    let mut order: Vec<usize> = Vec::new();
    let mut by_unit: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, f) in funcs.iter().enumerate() {
        if f.size == 0 || f.cu == usize::MAX {
            continue;
        }
        by_unit
            .entry(f.cu)
            .or_insert_with(|| {
                order.push(f.cu);
                Vec::new()
            })
            .push(i);
    }
    for cu in order {
        let members = &by_unit[&cu];
        let name = cu_name(&unit_name(cu));
        let comp_dir = LineString::String(b".".to_vec());
        let mut program = LineProgram::new(
            encoding,
            LineEncoding::default(),
            comp_dir,
            None,
            LineString::String(name.clone().into_bytes()),
            None,
        );
        let dir = program.default_directory();
        let mut file_ids = HashMap::new();
        let mut ranges = Vec::new();
        let mut subprograms = Vec::new();
        for &i in members {
            let f = &funcs[i];
            let addr = text_addr + f.off;
            ranges.push(Range::StartLength {
                begin: Address::Constant(addr),
                length: f.size,
            });
            let Some(l) = f.lines.filter(|l| !l.file.is_empty()) else {
                subprograms.push((i, None));
                continue;
            };
            let file = *file_ids.entry(l.file.clone()).or_insert_with(|| {
                program.add_file(LineString::String(l.file.clone().into_bytes()), dir, None)
            });
            program.begin_sequence(Some(Address::Constant(addr)));
            let mut rows: Vec<(u64, u64)> = vec![(0, l.start_line.max(0) as u64)];
            for &(pc, line) in &l.lines {
                if u64::from(pc) < f.size {
                    rows.push((u64::from(pc), line.max(0) as u64));
                }
            }
            let mut first = true;
            for (pc, line) in rows {
                let row = program.row();
                row.file = file;
                row.line = line;
                row.address_offset = pc;
                row.is_statement = true;
                // The body starts after the prologue (gdb places breakpoints there).
                row.prologue_end = !first;
                first = false;
                program.generate_row();
            }
            program.end_sequence(f.size);
            subprograms.push((i, Some((file, l.start_line))));
        }
        let mut unit = Unit::new(encoding, program);
        let mut types = TypeDies::default();
        let range_list = unit.ranges.add(RangeList(ranges));
        let root = unit.root();
        let r = unit.get_mut(root);
        r.set(
            gimli::DW_AT_name,
            AttributeValue::String(name.clone().into_bytes()),
        );
        r.set(
            gimli::DW_AT_language,
            AttributeValue::Language(gimli::DW_LANG_Go),
        );
        r.set(
            gimli::DW_AT_producer,
            AttributeValue::String(PRODUCER.as_bytes().to_vec()),
        );
        r.set(
            gimli::DW_AT_low_pc,
            AttributeValue::Address(Address::Constant(0)),
        );
        r.set(
            gimli::DW_AT_ranges,
            AttributeValue::RangeListRef(range_list),
        );
        r.set(gimli::DW_AT_comp_dir, AttributeValue::String(b".".to_vec()));
        r.set(gimli::DW_AT_stmt_list, AttributeValue::LineProgramRef);
        for (i, decl) in subprograms {
            let f = &funcs[i];
            let id = unit.add(root, gimli::DW_TAG_subprogram);
            let e = unit.get_mut(id);
            e.set(
                gimli::DW_AT_name,
                AttributeValue::String(crate::pclntab::pcln_name(&f.name).as_bytes().to_vec()),
            );
            e.set(
                gimli::DW_AT_low_pc,
                AttributeValue::Address(Address::Constant(text_addr + f.off)),
            );
            e.set(gimli::DW_AT_high_pc, AttributeValue::Udata(f.size));
            let mut fb = Expression::new();
            fb.op(gimli::DW_OP_call_frame_cfa);
            e.set(gimli::DW_AT_frame_base, AttributeValue::Exprloc(fb));
            if let Some((file, line)) = decl {
                e.set(
                    gimli::DW_AT_decl_file,
                    AttributeValue::FileIndex(Some(file)),
                );
                e.set(
                    gimli::DW_AT_decl_line,
                    AttributeValue::Udata(line.max(0) as u64),
                );
            }
            e.set(gimli::DW_AT_external, AttributeValue::Flag(true));
            if let Some(l) = f.lines {
                for p in &l.params {
                    let Some(ty) = decode_type(&mut Rd { b: &p.ty, p: 0 }) else {
                        continue;
                    };
                    let ty = types.die(&mut unit, root, &ty);
                    let pid = unit.add(id, gimli::DW_TAG_formal_parameter);
                    let pe = unit.get_mut(pid);
                    pe.set(
                        gimli::DW_AT_name,
                        AttributeValue::String(p.name.clone().into_bytes()),
                    );
                    pe.set(gimli::DW_AT_variable_parameter, AttributeValue::Flag(false));
                    pe.set(gimli::DW_AT_type, AttributeValue::UnitRef(ty));
                    // The frame base is the CFA = rbp + 16; the argument area lies at
                    // rbp + arg_fp_off (midend lower/arginfo.rs).
                    let mut loc = Expression::new();
                    loc.op_fbreg(i64::from(l.arg_fp_off) - 16 + i64::from(p.off));
                    if p.indirect {
                        loc.op_deref();
                    }
                    pe.set(gimli::DW_AT_location, AttributeValue::Exprloc(loc));
                }
                let base = text_addr + f.off;
                for v in &l.locals {
                    let Some(ty) = decode_type(&mut Rd { b: &v.ty, p: 0 }) else {
                        continue;
                    };
                    let ty = types.die(&mut unit, root, &ty);
                    let location = match &v.ranges[..] {
                        // No location anywhere: gdb prints `<optimized out>`.
                        [] => None,
                        // One expression for the whole function: a plain location.
                        [(0, end, e)] if u64::from(*end) >= f.size => {
                            Some(AttributeValue::Exprloc(Expression::raw(e.clone())))
                        }
                        ranges => {
                            let list = ranges
                                .iter()
                                .filter(|(a, b, _)| a < b)
                                .map(|(a, b, e)| Location::StartLength {
                                    begin: Address::Constant(base + u64::from(*a)),
                                    length: u64::from(b - a),
                                    data: Expression::raw(e.clone()),
                                })
                                .collect();
                            Some(AttributeValue::LocationListRef(
                                unit.locations.add(LocationList(list)),
                            ))
                        }
                    };
                    let vid = unit.add(id, gimli::DW_TAG_variable);
                    let ve = unit.get_mut(vid);
                    ve.set(
                        gimli::DW_AT_name,
                        AttributeValue::String(v.name.clone().into_bytes()),
                    );
                    if let Some((file, _)) = decl {
                        ve.set(
                            gimli::DW_AT_decl_file,
                            AttributeValue::FileIndex(Some(file)),
                        );
                    }
                    ve.set(
                        gimli::DW_AT_decl_line,
                        AttributeValue::Udata(u64::from(v.line)),
                    );
                    ve.set(gimli::DW_AT_type, AttributeValue::UnitRef(ty));
                    if let Some(location) = location {
                        ve.set(gimli::DW_AT_location, location);
                    }
                }
            }
        }
        dwarf.units.add(unit);
    }
    let mut sections = Sections::new(EndianVec::new(LittleEndian));
    dwarf.write(&mut sections).map_err(|e| err("info", e))?;

    // Call frame information.
    let mut frames = FrameTable::default();
    // `.debug_frame` has its own versions (gc writes CIE version 3).
    let frame_encoding = Encoding {
        version: 3,
        ..encoding
    };
    let mut cie = CommonInformationEntry::new(frame_encoding, 1, -8, X86_64::RA);
    cie.add_instruction(CallFrameInstruction::Cfa(X86_64::RSP, 8));
    cie.add_instruction(CallFrameInstruction::Offset(X86_64::RA, -8));
    let cie_id = frames.add_cie(cie);
    for f in funcs {
        if f.size < 4 || f.cu == usize::MAX {
            continue;
        }
        let mut fde =
            FrameDescriptionEntry::new(Address::Constant(text_addr + f.off), f.size as u32);
        if f.code.starts_with(&[0x55, 0x48, 0x89, 0xe5]) {
            fde.add_instruction(1, CallFrameInstruction::CfaOffset(16));
            fde.add_instruction(1, CallFrameInstruction::Offset(X86_64::RBP, -16));
            fde.add_instruction(4, CallFrameInstruction::CfaRegister(X86_64::RBP));
        }
        frames.add_fde(cie_id, fde);
    }
    frames
        .write_debug_frame(&mut sections.debug_frame)
        .map_err(|e| err("frame", e))?;

    let mut out: Vec<(&'static str, Vec<u8>)> = Vec::new();
    let take = |w: &EndianVec<LittleEndian>| w.slice().to_vec();
    out.push((".debug_abbrev", take(&sections.debug_abbrev)));
    out.push((".debug_line", take(&sections.debug_line)));
    out.push((".debug_frame", take(&sections.debug_frame)));
    if let Some(root) = goroot {
        out.push((".debug_gdb_scripts", gdb_scripts(root)));
    }
    out.push((".debug_info", take(&sections.debug_info)));
    for (name, bytes) in [
        (".debug_loclists", take(&sections.debug_loclists)),
        (".debug_rnglists", take(&sections.debug_rnglists)),
        (".debug_str", take(&sections.debug_str)),
        (".debug_line_str", take(&sections.debug_line_str)),
    ] {
        if !bytes.is_empty() {
            out.push((name, bytes));
        }
    }
    Ok(out)
}

/// A Go type as the compiler describes it (midend lower/arginfo.rs `debug_type`).
enum DType {
    Base {
        name: String,
        size: u64,
        encoding: u8,
    },
    Pointer {
        name: String,
        elem: Box<DType>,
    },
    Struct {
        name: String,
        size: u64,
        fields: Vec<(String, u64, DType)>,
    },
    Array {
        name: String,
        size: u64,
        count: u64,
        elem: Box<DType>,
    },
    /// A pointer-shaped value with an undescribed pointee, or a reference by name to a type
    /// being described (a recursive type, which [`TypeDies`] has registered already).
    Opaque {
        name: String,
    },
}

impl DType {
    fn name(&self) -> &str {
        match self {
            DType::Base { name, .. }
            | DType::Pointer { name, .. }
            | DType::Struct { name, .. }
            | DType::Array { name, .. }
            | DType::Opaque { name, .. } => name,
        }
    }
}

struct Rd<'a> {
    b: &'a [u8],
    p: usize,
}

impl Rd<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.p.checked_add(n)?;
        let s = self.b.get(self.p..end)?;
        self.p = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        Some(String::from_utf8_lossy(self.take(n)?).into_owned())
    }
}

/// Decodes one type description; `None` if it is malformed (the parameter is then left out).
fn decode_type(r: &mut Rd) -> Option<DType> {
    let kind = r.u8()?;
    let name = r.str()?;
    let size = r.u64()?;
    Some(match kind {
        0 => DType::Base {
            name,
            size,
            encoding: r.u8()?,
        },
        1 => DType::Pointer {
            name,
            elem: Box::new(decode_type(r)?),
        },
        2 => {
            let n = r.u32()? as usize;
            let mut fields = Vec::new();
            for _ in 0..n.min(r.b.len()) {
                let fname = r.str()?;
                let off = r.u64()?;
                fields.push((fname, off, decode_type(r)?));
            }
            DType::Struct { name, size, fields }
        }
        3 => {
            let count = r.u64()?;
            DType::Array {
                name,
                size,
                count,
                elem: Box::new(decode_type(r)?),
            }
        }
        4 | 5 => DType::Opaque { name },
        _ => return None,
    })
}

/// The type entries of one unit, one per type name.
#[derive(Default)]
struct TypeDies {
    by_name: HashMap<String, UnitEntryId>,
}

impl TypeDies {
    fn die(&mut self, unit: &mut Unit, root: UnitEntryId, t: &DType) -> UnitEntryId {
        if let Some(&id) = self.by_name.get(t.name()) {
            return id;
        }
        // A map, channel or function value is a pointer to runtime data; gc names it with a
        // typedef (`map[string]int` → `*map<string,int>`), so gdb prints `(map[string]int) 0x…`.
        let typedef = matches!(t, DType::Opaque { name } if name != "unsafe.Pointer");
        let tag = match t {
            DType::Base { .. } => gimli::DW_TAG_base_type,
            DType::Opaque { .. } if typedef => gimli::DW_TAG_typedef,
            DType::Pointer { .. } | DType::Opaque { .. } => gimli::DW_TAG_pointer_type,
            DType::Struct { .. } => gimli::DW_TAG_structure_type,
            DType::Array { .. } => gimli::DW_TAG_array_type,
        };
        let id = unit.add(root, tag);
        // Registered before the parts, so that a recursive type refers to itself.
        self.by_name.insert(t.name().to_string(), id);
        let name = AttributeValue::String(t.name().as_bytes().to_vec());
        unit.get_mut(id).set(gimli::DW_AT_name, name);
        match t {
            DType::Base { size, encoding, .. } => {
                let e = unit.get_mut(id);
                e.set(gimli::DW_AT_byte_size, AttributeValue::Udata(*size));
                e.set(
                    gimli::DW_AT_encoding,
                    AttributeValue::Encoding(gimli::DwAte(*encoding)),
                );
            }
            DType::Pointer { elem, .. } => {
                let el = self.die(unit, root, elem);
                unit.get_mut(id)
                    .set(gimli::DW_AT_type, AttributeValue::UnitRef(el));
            }
            DType::Opaque { .. } if typedef => {
                let p = unit.add(root, gimli::DW_TAG_pointer_type);
                unit.get_mut(id)
                    .set(gimli::DW_AT_type, AttributeValue::UnitRef(p));
            }
            DType::Opaque { .. } => {}
            DType::Struct { size, fields, .. } => {
                unit.get_mut(id)
                    .set(gimli::DW_AT_byte_size, AttributeValue::Udata(*size));
                for (fname, off, fty) in fields {
                    let ft = self.die(unit, root, fty);
                    let m = unit.add(id, gimli::DW_TAG_member);
                    let e = unit.get_mut(m);
                    e.set(
                        gimli::DW_AT_name,
                        AttributeValue::String(fname.clone().into_bytes()),
                    );
                    e.set(
                        gimli::DW_AT_data_member_location,
                        AttributeValue::Udata(*off),
                    );
                    e.set(gimli::DW_AT_type, AttributeValue::UnitRef(ft));
                }
            }
            DType::Array {
                size, count, elem, ..
            } => {
                let el = self.die(unit, root, elem);
                let e = unit.get_mut(id);
                e.set(gimli::DW_AT_byte_size, AttributeValue::Udata(*size));
                e.set(gimli::DW_AT_type, AttributeValue::UnitRef(el));
                let r = unit.add(id, gimli::DW_TAG_subrange_type);
                unit.get_mut(r)
                    .set(gimli::DW_AT_count, AttributeValue::Udata(*count));
            }
        }
        id
    }
}

/// gc's `.debug_gdb_scripts`: a script-file entry (kind 1) naming GOROOT's
/// `src/runtime/runtime-gdb.py`, which gdb loads when auto-load allows it.
fn gdb_scripts(goroot: &str) -> Vec<u8> {
    let mut v = vec![1u8];
    v.extend_from_slice(goroot.as_bytes());
    v.extend_from_slice(b"/src/runtime/runtime-gdb.py");
    v.push(0);
    v
}

/// A unit's name: the package path of an input object (`main.o` → `main`), `runtime` for the
/// runtime archive's members.
fn cu_name(object: &str) -> String {
    if object.starts_with("runtime.a") {
        return "runtime".into();
    }
    object.strip_suffix(".o").unwrap_or(object).to_string()
}
