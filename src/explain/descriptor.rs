//! A type descriptor as rgo emitted it, read back from the built executable: the `abi.Type`
//! header field by field with its bytes, the kind-specific part for structs and interfaces,
//! the uncommon type and its method table, and the path `reflect.TypeOf(x).Name()` takes
//! from the descriptor through its `Str` nameOff to the name's bytes.
//!
//! Everything is decoded from the binary (inspect's `Image`/`Ctx`), so the picture shows what
//! the linker wrote, offsets resolved.

use super::model::{Block, Picture, Row, hex};
use crate::inspect::types::{
    Ctx, Tail, TypeDesc, base_size, collect_itabs, collect_types, decode_type, kind_name,
    tflag_names,
};

/// abi.TFlag bits that the name path looks at (internal/abi/type.go).
const TFLAG_UNCOMMON: u8 = 1;
const TFLAG_EXTRA_STAR: u8 = 2;

fn u64_at(cx: &Ctx, a: u64) -> u64 {
    cx.img.u64(a).unwrap_or(0)
}

fn bytes(cx: &Ctx, a: u64, n: u64) -> Vec<u8> {
    cx.img.bytes(a, n).map(<[u8]>::to_vec).unwrap_or_default()
}

/// The address of the descriptor whose string is `name` (`main.T`, `*main.T`), among the
/// types reachable from the typelinks and itabs.
pub fn find_type(cx: &Ctx, name: &str) -> Option<u64> {
    let (itabs, _) = collect_itabs(cx);
    let roots: Vec<u64> = itabs.iter().flat_map(|it| [it.inter, it.typ]).collect();
    let set = collect_types(cx, &roots);
    set.types
        .iter()
        .find(|(_, t)| t.string == name)
        .map(|(a, _)| *a)
}

/// The name of the type descriptor at `a`, for values that point to one.
pub fn type_name_at(cx: &Ctx, a: u64) -> String {
    if a == 0 {
        return "nil".into();
    }
    match decode_type(cx, a) {
        Ok(t) => format!("type:{}", t.string),
        Err(_) => cx.img.describe(a),
    }
}

/// The descriptor block of the type at `addr` (and the blocks it points into), plus the
/// notes. Returns the index of the descriptor block.
pub fn describe(cx: &Ctx, addr: u64, pic: &mut Picture) -> Result<usize, String> {
    let t = decode_type(cx, addr)?;
    let at = pic.blocks.len();
    pic.blocks.push(Block {
        title: format!("type:{}", t.string),
        place: format!("abi.Type in .go.type at {addr:#x}, {} bytes", t.desc_size),
        rows: Vec::new(),
    });
    let mut rows = header_rows(cx, addr, &t);
    tail_rows(cx, addr, &t, &mut rows, pic);
    if let Some(u) = &t.uncommon {
        // The uncommon type follows the kind-specific part (abi.Type.Uncommon).
        let ua = addr + base_size(t.kind);
        rows.push(
            Row::new(
                ua - addr,
                16,
                "uncommonType",
                format!(
                    "pkgPath {:?}, mcount {}, xcount {}",
                    u.pkg_path, u.mcount, u.xcount
                ),
            )
            .with_bytes(&bytes(cx, ua, 16)),
        );
        if !u.methods.is_empty() {
            let moff = u64::from(cx.img.u32(ua + 8).unwrap_or(0));
            let ma = ua + moff;
            let mi = pic.blocks.len();
            rows.last_mut().expect("just pushed").link = Some(mi);
            let mut mrows = Vec::new();
            for (i, m) in u.methods.iter().enumerate() {
                let a = ma + 16 * i as u64;
                let name = &m.name.name;
                mrows.push(
                    Row::new(
                        16 * i as u64,
                        4,
                        &format!("[{i}].Name"),
                        format!("nameOff {:#x} → {name:?}", cx.img.i32(a).unwrap_or(0)),
                    )
                    .with_bytes(&bytes(cx, a, 4)),
                );
                let mtyp = cx
                    .type_off(m.mtyp)
                    .map_or("-1 (unreachable)".to_string(), |x| type_name_at(cx, x));
                mrows.push(
                    Row::new(16 * i as u64 + 4, 4, &format!("[{i}].Mtyp"), mtyp)
                        .with_bytes(&bytes(cx, a + 4, 4)),
                );
                mrows.push(
                    Row::new(
                        16 * i as u64 + 8,
                        4,
                        &format!("[{i}].Ifn"),
                        cx.text_off(m.ifn),
                    )
                    .with_bytes(&bytes(cx, a + 8, 4)),
                );
                mrows.push(
                    Row::new(
                        16 * i as u64 + 12,
                        4,
                        &format!("[{i}].Tfn"),
                        cx.text_off(m.tfn),
                    )
                    .with_bytes(&bytes(cx, a + 12, 4)),
                );
            }
            pic.blocks.push(Block {
                title: format!("methods of {}", t.string),
                place: format!(
                    "[{}]abi.Method after the uncommon type (+{moff})",
                    u.methods.len()
                ),
                rows: mrows,
            });
            pic.notes.push(format!(
                "The method table lists {} method(s) sorted by name; Ifn is the entry an interface call reaches (pointer receiver form), Tfn the one a method expression calls; both are textOffs from runtime.text.",
                u.methods.len()
            ));
        }
    }
    pic.blocks[at].rows = rows;
    Ok(at)
}

/// The 48-byte abi.Type header.
fn header_rows(cx: &Ctx, a: u64, t: &TypeDesc) -> Vec<Row> {
    let b = |o: u64, n: u64| bytes(cx, a + o, n);
    vec![
        Row::new(0, 8, "Size_", t.size.to_string()).with_bytes(&b(0, 8)),
        Row::new(8, 8, "PtrBytes", t.ptrbytes.to_string()).with_bytes(&b(8, 8)),
        Row::new(16, 4, "Hash", format!("{:#010x}", t.hash)).with_bytes(&b(16, 4)),
        Row::new(20, 1, "TFlag", tflag_names(t.tflag)).with_bytes(&b(20, 1)),
        Row::new(21, 1, "Align_", t.align.to_string()).with_bytes(&b(21, 1)),
        Row::new(22, 1, "FieldAlign_", t.field_align.to_string()).with_bytes(&b(22, 1)),
        Row::new(23, 1, "Kind_", kind_name(t.kind)).with_bytes(&b(23, 1)),
        Row::new(24, 8, "Equal", cx.closure(t.equal)).with_bytes(&b(24, 8)),
        Row::new(32, 8, "GCData", gcdata(cx, t)).with_bytes(&b(32, 8)),
        Row::new(
            40,
            4,
            "Str",
            format!(
                "nameOff {:#x} → {:?}",
                cx.img.i32(a + 40).unwrap_or(0),
                t.str_name.name
            ),
        )
        .with_bytes(&b(40, 4)),
        Row::new(
            44,
            4,
            "PtrToThis",
            cx.type_off(t.ptr_to_this)
                .map_or("0 (none)".to_string(), |p| type_name_at(cx, p)),
        )
        .with_bytes(&b(44, 4)),
    ]
}

fn gcdata(cx: &Ctx, t: &TypeDesc) -> String {
    if t.gcdata == 0 {
        return "nil (no pointers)".into();
    }
    let words = t.ptrbytes.div_ceil(8);
    let mask = bytes(cx, t.gcdata, words.div_ceil(8).max(1));
    format!("ptrmask {}", hex(&mask))
}

/// The kind-specific part after the header (structs and interfaces in detail; others by name).
fn tail_rows(cx: &Ctx, a: u64, t: &TypeDesc, rows: &mut Vec<Row>, pic: &mut Picture) {
    let b = |o: u64, n: u64| bytes(cx, a + o, n);
    match &t.tail {
        Tail::Struct { pkg_path, fields } => {
            rows.push(
                Row::new(
                    48,
                    8,
                    "PkgPath",
                    format!("{:?}", pkg_path.clone().unwrap_or_default()),
                )
                .with_bytes(&b(48, 8)),
            );
            let fa = u64_at(cx, a + 56);
            rows.push(
                Row::new(
                    56,
                    24,
                    "Fields",
                    format!("[]StructField len {}", fields.len()),
                )
                .with_bytes(&b(56, 24)),
            );
            if !fields.is_empty() {
                let fi = pic.blocks.len();
                rows.last_mut().expect("just pushed").link = Some(fi);
                let mut frows = Vec::new();
                for (i, f) in fields.iter().enumerate() {
                    let o = 24 * i as u64;
                    frows.push(
                        Row::new(o, 8, &format!("[{i}].Name"), format!("{:?}", f.name.name))
                            .with_bytes(&bytes(cx, fa + o, 8)),
                    );
                    frows.push(
                        Row::new(o + 8, 8, &format!("[{i}].Typ"), type_name_at(cx, f.typ))
                            .with_bytes(&bytes(cx, fa + o + 8, 8)),
                    );
                    frows.push(
                        Row::new(o + 16, 8, &format!("[{i}].Offset"), f.offset.to_string())
                            .with_bytes(&bytes(cx, fa + o + 16, 8)),
                    );
                }
                pic.blocks.push(Block {
                    title: format!("fields of {}", t.string),
                    place: format!("[{}]abi.StructField at {fa:#x}", fields.len()),
                    rows: frows,
                });
            }
        }
        Tail::Interface { pkg_path, methods } => {
            rows.push(
                Row::new(
                    48,
                    8,
                    "PkgPath",
                    format!("{:?}", pkg_path.clone().unwrap_or_default()),
                )
                .with_bytes(&b(48, 8)),
            );
            let names: Vec<&str> = methods.iter().map(|m| m.name.name.as_str()).collect();
            rows.push(
                Row::new(56, 24, "Methods", format!("[]Imethod {names:?}")).with_bytes(&b(56, 24)),
            );
        }
        Tail::Ptr(e) | Tail::Slice(e) => {
            rows.push(Row::new(48, 8, "Elem", type_name_at(cx, *e)).with_bytes(&b(48, 8)));
        }
        _ => {}
    }
}

/// The path of `reflect.TypeOf(x).Name()` through the descriptor at `addr` to the bytes of
/// its name (reflect's rtype.Name, abi's Type.Str and nameOff resolution, runtime's
/// resolveNameOff).
pub fn name_path(cx: &Ctx, addr: u64, desc_block: usize, pic: &mut Picture) -> Result<(), String> {
    let t = decode_type(cx, addr)?;
    let off = cx
        .img
        .i32(addr + 40)
        .ok_or("descriptor header unreadable")?;
    let na = cx.md.types.wrapping_add_signed(i64::from(off));
    let raw = cx.img.bytes_from(na).ok_or("name bytes unmapped")?;
    // abi.name: flags byte, uvarint length, the bytes.
    let flags = raw.first().copied().unwrap_or(0);
    let (mut len, mut n) = (0u64, 1usize);
    let mut shift = 0;
    while let Some(&b) = raw.get(n) {
        len |= u64::from(b & 0x7f) << shift;
        n += 1;
        shift += 7;
        if b & 0x80 == 0 || shift > 63 {
            break;
        }
    }
    let text_end = (n + len as usize).min(raw.len());
    let text = String::from_utf8_lossy(&raw[n..text_end]).into_owned();
    let ni = pic.blocks.len();
    pic.blocks.push(Block {
        title: format!("name {text:?}"),
        place: format!("abi.name at moduledata.types{off:+#x} = {na:#x}"),
        rows: vec![
            Row::new(0, 1, "flags", name_flags(flags)).with_bytes(&raw[..1]),
            Row::new(1, (n - 1) as u64, "len (uvarint)", len.to_string()).with_bytes(&raw[1..n]),
            Row::new(n as u64, len, "bytes", format!("{text:?}")).with_bytes(&raw[n..text_end]),
        ],
    });
    if let Some(r) = pic.blocks[desc_block]
        .rows
        .iter_mut()
        .find(|r| r.field == "Str")
    {
        r.link = Some(ni);
    }
    let star = t.tflag & TFLAG_EXTRA_STAR != 0;
    let string = if star {
        text.get(1..).unwrap_or("")
    } else {
        &text
    };
    let name = string.rsplit('.').next().unwrap_or(string);
    pic.notes.push(format!(
        "reflect.TypeOf(x) returns the *abi.Type stored in the interface's type word: {addr:#x} (type:{}).",
        t.string
    ));
    pic.notes.push(format!(
        "Name() checks TFlagNamed ({}), then String() resolves Str: moduledata.types {:#x} + nameOff {off:#x} = {na:#x} (runtime.resolveNameOff).",
        if t.tflag & 4 != 0 { "set" } else { "not set: Name() returns \"\"" },
        cx.md.types
    ));
    pic.notes.push(format!(
        "The name is {len} bytes after a flags byte and a uvarint length: {text:?}; TFlagExtraStar is {}, so String() is {string:?}, and Name() keeps what follows the last '.': {name:?}.",
        if star { "set (the '*' is dropped)" } else { "clear" }
    ));
    if t.tflag & TFLAG_UNCOMMON != 0 {
        pic.notes.push(
            "TFlagUncommon: an uncommonType follows the kind-specific part (PkgPath and the method table)."
                .into(),
        );
    }
    Ok(())
}

fn name_flags(f: u8) -> String {
    let mut v = Vec::new();
    if f & 1 != 0 {
        v.push("exported");
    }
    if f & 2 != 0 {
        v.push("hasTag");
    }
    if f & 4 != 0 {
        v.push("hasPkgPath");
    }
    if f & 8 != 0 {
        v.push("embedded");
    }
    if v.is_empty() {
        "0".into()
    } else {
        v.join("|")
    }
}
