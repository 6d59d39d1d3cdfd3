//! Type descriptors (`internal/abi.Type` and the kind-specific tails, reference §1 and §3) and
//! itabs (§4.2): decoding, the reachability closure, and rendering into diffable text blocks.
//!
//! Everything that is an address in the binary is printed symbolically: types by their type
//! string, functions by their pclntab name, names by their text. That is what lets two binaries'
//! dumps be compared line by line.

use std::collections::{BTreeMap, VecDeque};

use super::image::Image;
use super::moduledata::Moduledata;
use super::name::{Name, decode_name, name_flags, quote};
use super::pclntab::{Pclntab, text_addr};

/// Caps that keep malformed input from running away (real binaries are far below them).
const MAX_TYPES: usize = 500_000;
const MAX_ELEMS: u64 = 100_000;

pub const TFLAG_UNCOMMON: u8 = 0x01;
pub const TFLAG_EXTRA_STAR: u8 = 0x02;
pub const TFLAG_GC_ON_DEMAND: u8 = 0x10;

const KIND_NAMES: &[&str] = &[
    "invalid",
    "bool",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "float32",
    "float64",
    "complex64",
    "complex128",
    "array",
    "chan",
    "func",
    "interface",
    "map",
    "ptr",
    "slice",
    "string",
    "struct",
    "unsafe.Pointer",
];

pub const KIND_ARRAY: u8 = 17;
pub const KIND_CHAN: u8 = 18;
pub const KIND_FUNC: u8 = 19;
pub const KIND_INTERFACE: u8 = 20;
pub const KIND_MAP: u8 = 21;
pub const KIND_PTR: u8 = 22;
pub const KIND_SLICE: u8 = 23;
pub const KIND_STRING: u8 = 24;
pub const KIND_STRUCT: u8 = 25;
pub const KIND_UNSAFE_POINTER: u8 = 26;

pub fn kind_name(k: u8) -> String {
    KIND_NAMES
        .get(usize::from(k))
        .map(|s| s.to_string())
        .unwrap_or_else(|| format!("kind({k})"))
}

/// Kinds without a kind-specific tail: the "basic" types of the `--pkg` filter.
pub fn is_basic_kind(k: u8) -> bool {
    (1..=16).contains(&k) || k == KIND_STRING || k == KIND_UNSAFE_POINTER
}

pub fn tflag_names(t: u8) -> String {
    let mut v = Vec::new();
    for (bit, s) in [
        (0x01u8, "Uncommon"),
        (0x02, "ExtraStar"),
        (0x04, "Named"),
        (0x08, "RegularMemory"),
        (0x10, "GCMaskOnDemand"),
        (0x20, "DirectIface"),
    ] {
        if t & bit != 0 {
            v.push(s.to_string());
        }
    }
    if t & 0xc0 != 0 {
        v.push(format!("{:#x}", t & 0xc0));
    }
    if v.is_empty() {
        "0".into()
    } else {
        v.join("|")
    }
}

/// Shared decoding context: the image plus the tables needed to make addresses symbolic.
pub struct Ctx<'a> {
    pub img: &'a Image,
    pub md: &'a Moduledata,
    pub pcln: &'a Pclntab,
}

impl Ctx<'_> {
    /// Name of the function at `pc`: pclntab first (works when stripped), then the symbol table.
    pub fn func_name(&self, pc: u64) -> String {
        if pc == 0 {
            return "nil".into();
        }
        if let Some(f) = self.pcln.func_at(pc) {
            return f.name.clone();
        }
        if let Some(s) = self.img.symbol(pc) {
            return s.to_string();
        }
        format!("<no func at {}>", self.img.describe(pc))
    }

    /// A closure (funcval) pointer: the name of its code, plus the size word that the
    /// `*_varlen` equality and hash helpers take from the closure (reference §1.5).
    pub fn closure(&self, fv: u64) -> String {
        if fv == 0 {
            return "nil".into();
        }
        let Some(pc) = self.img.u64(fv) else {
            return format!("<bad closure {}>", self.img.describe(fv));
        };
        let name = self.func_name(pc);
        if name.ends_with("_varlen") {
            match self.img.u64(fv + 8) {
                Some(n) => format!("{name} size={n}"),
                None => format!("{name} size=?"),
            }
        } else {
            name
        }
    }

    pub fn name_at(&self, addr: u64) -> Result<Name, String> {
        let b = self
            .img
            .bytes_from(addr)
            .ok_or_else(|| format!("name at {} is unmapped", self.img.describe(addr)))?;
        decode_name(b)
    }

    fn off_addr(&self, off: i32) -> u64 {
        self.md.types.wrapping_add_signed(i64::from(off))
    }

    /// Resolves a NameOff (relative to moduledata.types); 0 is the empty name.
    pub fn name_off(&self, off: i32) -> Result<Name, String> {
        if off == 0 {
            return Ok(Name::default());
        }
        let a = self.off_addr(off);
        if a >= self.md.etypes {
            return Err(format!("nameOff {off:#x} is past etypes"));
        }
        self.name_at(a)
    }

    /// The package path attached to a method name (flag 0x04), as text.
    pub fn pkg_path_of(&self, n: &Name) -> Option<String> {
        let off = n.pkg_path_off?;
        Some(match self.name_off(off) {
            Ok(p) => p.name,
            Err(e) => format!("<{e}>"),
        })
    }

    /// Resolves a TypeOff; 0 and -1 are the nil sentinels of resolveTypeOff.
    pub fn type_off(&self, off: i32) -> Option<u64> {
        if off == 0 || off == -1 {
            None
        } else {
            Some(self.off_addr(off))
        }
    }

    /// A TextOff as a function name; -1 is runtime.unreachableMethod (method removed by the
    /// linker's dead-code pass).
    pub fn text_off(&self, off: i32) -> String {
        if off == -1 {
            return "-1".into();
        }
        self.func_name(text_addr(self.img, self.md, u64::from(off as u32)))
    }

    pub fn is_type_addr(&self, a: u64) -> bool {
        a >= self.md.types
            && a.is_multiple_of(8)
            && a.checked_add(48).is_some_and(|e| e <= self.md.etypes)
    }
}

#[derive(Debug, Clone)]
pub struct Method {
    pub name: Name,
    pub pkg_path: Option<String>,
    pub mtyp: i32,
    pub ifn: i32,
    pub tfn: i32,
}

#[derive(Debug, Clone)]
pub struct Uncommon {
    pub pkg_path: String,
    pub mcount: u16,
    pub xcount: u16,
    pub methods: Vec<Method>,
}

#[derive(Debug, Clone)]
pub struct IMethod {
    pub name: Name,
    pub pkg_path: Option<String>,
    pub typ: i32,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: Name,
    pub typ: u64,
    pub offset: u64,
}

#[derive(Debug, Clone)]
pub struct MapTail {
    pub key: u64,
    pub elem: u64,
    pub group: u64,
    pub hasher: u64,
    pub group_size: u64,
    pub keys_off: u64,
    pub key_stride: u64,
    pub elems_off: u64,
    pub elem_stride: u64,
    pub elem_off: u64,
    pub flags: u32,
}

#[derive(Debug, Clone)]
pub enum Tail {
    None,
    Ptr(u64),
    Slice(u64),
    Array {
        elem: u64,
        slice: u64,
        len: u64,
    },
    Chan {
        elem: u64,
        dir: u64,
    },
    Func {
        ins: Vec<u64>,
        outs: Vec<u64>,
        variadic: bool,
    },
    Interface {
        pkg_path: Option<String>,
        methods: Vec<IMethod>,
    },
    Struct {
        pkg_path: Option<String>,
        fields: Vec<Field>,
    },
    Map(Box<MapTail>),
}

#[derive(Debug, Clone)]
pub struct TypeDesc {
    pub size: u64,
    pub ptrbytes: u64,
    pub hash: u32,
    pub tflag: u8,
    pub align: u8,
    pub field_align: u8,
    pub kind: u8,
    pub equal: u64,
    pub gcdata: u64,
    pub str_name: Name,
    pub string: String,
    pub ptr_to_this: i32,
    pub tail: Tail,
    pub uncommon: Option<Uncommon>,
    /// Bytes the descriptor occupies (abi.Type.DescriptorSize).
    pub desc_size: u64,
    pub typelink: bool,
    /// Inconsistencies noticed while decoding, printed as `warning:` lines.
    pub warnings: Vec<String>,
}

/// The fixed size of each kind's descriptor (reference §3).
pub(crate) fn base_size(kind: u8) -> u64 {
    match kind {
        KIND_PTR | KIND_SLICE | KIND_FUNC => 56,
        KIND_ARRAY => 72,
        KIND_CHAN => 64,
        KIND_INTERFACE | KIND_STRUCT => 80,
        KIND_MAP => 136,
        _ => 48,
    }
}

/// Decodes the descriptor at `a`.
pub fn decode_type(cx: &Ctx, a: u64) -> Result<TypeDesc, String> {
    let img = cx.img;
    if !cx.is_type_addr(a) {
        return Err(format!(
            "type pointer {} is outside .go.type or misaligned",
            img.describe(a)
        ));
    }
    let rd = |off: u64| img.u64(a + off).ok_or("descriptor truncated");
    let kind = img.u8(a + 23).ok_or("descriptor truncated")?;
    if kind == 0 || kind > KIND_UNSAFE_POINTER {
        return Err(format!("invalid kind {kind} at {}", img.describe(a)));
    }
    let tflag = img.u8(a + 20).ok_or("descriptor truncated")?;
    let str_off = img.i32(a + 40).ok_or("descriptor truncated")?;
    let str_name = cx.name_off(str_off)?;
    let string = if tflag & TFLAG_EXTRA_STAR != 0 {
        str_name.name.get(1..).unwrap_or("").to_string()
    } else {
        str_name.name.clone()
    };
    let mut t = TypeDesc {
        size: rd(0)?,
        ptrbytes: rd(8)?,
        hash: img.u32(a + 16).ok_or("descriptor truncated")?,
        tflag,
        align: img.u8(a + 21).ok_or("descriptor truncated")?,
        field_align: img.u8(a + 22).ok_or("descriptor truncated")?,
        kind,
        equal: rd(24)?,
        gcdata: rd(32)?,
        str_name,
        string,
        ptr_to_this: img.i32(a + 44).ok_or("descriptor truncated")?,
        tail: Tail::None,
        uncommon: None,
        desc_size: 0,
        typelink: false,
        warnings: Vec::new(),
    };
    let base = base_size(kind);
    let ucom_size = if tflag & TFLAG_UNCOMMON != 0 { 16 } else { 0 };
    // Variable-length data (func params) follows the uncommon part.
    let var_at = a + base + ucom_size;
    let mut var_size = 0u64;
    let bounded = |n: u64, what: &str| -> Result<u64, String> {
        if n > MAX_ELEMS {
            Err(format!("{what} count {n} is implausible"))
        } else {
            Ok(n)
        }
    };
    t.tail = match kind {
        KIND_PTR => Tail::Ptr(rd(48)?),
        KIND_SLICE => Tail::Slice(rd(48)?),
        KIND_ARRAY => Tail::Array {
            elem: rd(48)?,
            slice: rd(56)?,
            len: rd(64)?,
        },
        KIND_CHAN => Tail::Chan {
            elem: rd(48)?,
            dir: rd(56)?,
        },
        KIND_FUNC => {
            let inc = u64::from(img.u16(a + 48).ok_or("descriptor truncated")?);
            let outc = img.u16(a + 50).ok_or("descriptor truncated")?;
            let variadic = outc & 0x8000 != 0;
            let outc = u64::from(outc & 0x7fff);
            let mut params = Vec::new();
            for i in 0..inc + outc {
                params.push(img.u64(var_at + 8 * i).ok_or("func params truncated")?);
            }
            var_size = 8 * (inc + outc);
            let outs = params.split_off(inc as usize);
            Tail::Func {
                ins: params,
                outs,
                variadic,
            }
        }
        KIND_INTERFACE => {
            let pkg = rd(48)?;
            let ptr = rd(56)?;
            let n = bounded(rd(64)?, "imethod")?;
            let mut methods = Vec::new();
            for i in 0..n {
                let m = ptr + 8 * i;
                let name_off = img.i32(m).ok_or("imethods truncated")?;
                let typ = img.i32(m + 4).ok_or("imethods truncated")?;
                let name = cx.name_off(name_off)?;
                let pkg_path = cx.pkg_path_of(&name);
                methods.push(IMethod {
                    name,
                    pkg_path,
                    typ,
                });
            }
            var_size = 8 * n;
            if n > 0 && ptr != var_at {
                t.warnings.push(format!(
                    "imethods at +{:#x}, expected +{:#x}",
                    ptr.wrapping_sub(a),
                    var_at - a
                ));
            }
            Tail::Interface {
                pkg_path: opt_name(cx, pkg)?,
                methods,
            }
        }
        KIND_STRUCT => {
            let pkg = rd(48)?;
            let ptr = rd(56)?;
            let n = bounded(rd(64)?, "field")?;
            let mut fields = Vec::new();
            for i in 0..n {
                let f = ptr + 24 * i;
                let np = img.u64(f).ok_or("fields truncated")?;
                fields.push(Field {
                    name: cx.name_at(np)?,
                    typ: img.u64(f + 8).ok_or("fields truncated")?,
                    offset: img.u64(f + 16).ok_or("fields truncated")?,
                });
            }
            var_size = 24 * n;
            if n > 0 && ptr != var_at {
                t.warnings.push(format!(
                    "fields at +{:#x}, expected +{:#x}",
                    ptr.wrapping_sub(a),
                    var_at - a
                ));
            }
            Tail::Struct {
                pkg_path: opt_name(cx, pkg)?,
                fields,
            }
        }
        KIND_MAP => Tail::Map(Box::new(MapTail {
            key: rd(48)?,
            elem: rd(56)?,
            group: rd(64)?,
            hasher: rd(72)?,
            group_size: rd(80)?,
            keys_off: rd(88)?,
            key_stride: rd(96)?,
            elems_off: rd(104)?,
            elem_stride: rd(112)?,
            elem_off: rd(120)?,
            flags: img.u32(a + 128).ok_or("descriptor truncated")?,
        })),
        _ => Tail::None,
    };
    let mut mcount = 0;
    if ucom_size != 0 {
        let u = a + base;
        let pkg_off = img.i32(u).ok_or("uncommon truncated")?;
        let mc = img.u16(u + 4).ok_or("uncommon truncated")?;
        let xc = img.u16(u + 6).ok_or("uncommon truncated")?;
        let moff = img.u32(u + 8).ok_or("uncommon truncated")?;
        let expect = 16 + var_size;
        if u64::from(moff) != expect && mc > 0 {
            t.warnings
                .push(format!("uncommon moff {moff:#x}, expected {expect:#x}"));
        }
        let mut methods = Vec::new();
        for i in 0..u64::from(mc) {
            let m = u + u64::from(moff) + 16 * i;
            let name = cx.name_off(img.i32(m).ok_or("methods truncated")?)?;
            let pkg_path = cx.pkg_path_of(&name);
            methods.push(Method {
                name,
                pkg_path,
                mtyp: img.i32(m + 4).ok_or("methods truncated")?,
                ifn: img.i32(m + 8).ok_or("methods truncated")?,
                tfn: img.i32(m + 12).ok_or("methods truncated")?,
            });
        }
        mcount = u64::from(mc);
        t.uncommon = Some(Uncommon {
            pkg_path: cx.name_off(pkg_off)?.name,
            mcount: mc,
            xcount: xc,
            methods,
        });
    }
    t.desc_size = base + ucom_size + var_size + 16 * mcount;
    Ok(t)
}

fn opt_name(cx: &Ctx, p: u64) -> Result<Option<String>, String> {
    if p == 0 {
        Ok(None)
    } else {
        Ok(Some(cx.name_at(p)?.name))
    }
}

impl TypeDesc {
    /// Every type this descriptor points at (what the reachability closure follows).
    pub fn refs(&self, cx: &Ctx) -> Vec<u64> {
        let mut v = Vec::new();
        match &self.tail {
            Tail::None => {}
            Tail::Ptr(e) | Tail::Slice(e) => v.push(*e),
            Tail::Array { elem, slice, .. } => v.extend([*elem, *slice]),
            Tail::Chan { elem, .. } => v.push(*elem),
            Tail::Func { ins, outs, .. } => v.extend(ins.iter().chain(outs).copied()),
            Tail::Interface { methods, .. } => {
                v.extend(methods.iter().filter_map(|m| cx.type_off(m.typ)))
            }
            Tail::Struct { fields, .. } => v.extend(fields.iter().map(|f| f.typ)),
            Tail::Map(m) => v.extend([m.key, m.elem, m.group]),
        }
        if let Some(u) = &self.uncommon {
            v.extend(u.methods.iter().filter_map(|m| cx.type_off(m.mtyp)));
        }
        v.extend(cx.type_off(self.ptr_to_this));
        v.retain(|&a| a != 0);
        v
    }
}

/// All descriptors found: the typelink prefix plus everything reachable.
pub struct TypeSet {
    pub types: BTreeMap<u64, TypeDesc>,
    pub typelinks: usize,
    pub typelinks_sorted: bool,
    /// Pointers that did not decode, with the reason; shown once each.
    pub bad: BTreeMap<u64, String>,
    pub errors: Vec<String>,
}

impl TypeSet {
    pub fn string_of(&self, a: u64) -> String {
        if a == 0 {
            return "nil".into();
        }
        match self.types.get(&a) {
            Some(t) => t.string.clone(),
            None => format!("<bad type {a:#x}>"),
        }
    }
    pub fn string_of_off(&self, cx: &Ctx, off: i32) -> String {
        match off {
            0 => "nil".into(),
            -1 => "-1".into(),
            _ => cx
                .type_off(off)
                .map(|a| self.string_of(a))
                .unwrap_or_default(),
        }
    }
}

/// Walks the typelinks and computes the closure over `roots` (itab types) and typelinks.
pub fn collect_types(cx: &Ctx, roots: &[u64]) -> TypeSet {
    let mut set = TypeSet {
        types: BTreeMap::new(),
        typelinks: 0,
        typelinks_sorted: true,
        bad: BTreeMap::new(),
        errors: Vec::new(),
    };
    let mut queue: VecDeque<u64> = VecDeque::new();
    let end = cx.md.types.saturating_add(cx.md.typedesclen);
    if end > cx.md.etypes {
        set.errors
            .push("typedesclen reaches past etypes; typelinks skipped".into());
    } else {
        let mut a = cx.md.types + 8;
        let mut prev: Option<String> = None;
        while a < end && set.typelinks < MAX_TYPES {
            match decode_type(cx, a) {
                Ok(mut t) => {
                    t.typelink = true;
                    if prev.as_deref().is_some_and(|p| p > t.string.as_str()) {
                        set.typelinks_sorted = false;
                    }
                    prev = Some(t.string.clone());
                    let step = t.desc_size.max(8).div_ceil(8) * 8;
                    queue.extend(t.refs(cx));
                    set.types.insert(a, t);
                    set.typelinks += 1;
                    a += step;
                }
                Err(e) => {
                    set.errors.push(format!(
                        "typelink walk stopped at types+{:#x}: {e}",
                        a - cx.md.types
                    ));
                    break;
                }
            }
        }
        if a != end && set.errors.is_empty() {
            set.errors.push(format!(
                "typelink walk ended at types+{:#x}, typedesclen is {:#x}",
                a - cx.md.types,
                cx.md.typedesclen
            ));
        }
    }
    queue.extend(roots.iter().copied());
    while let Some(a) = queue.pop_front() {
        if set.types.contains_key(&a) || set.bad.contains_key(&a) {
            continue;
        }
        if set.types.len() >= MAX_TYPES {
            set.errors.push("too many types; closure truncated".into());
            break;
        }
        match decode_type(cx, a) {
            Ok(t) => {
                queue.extend(t.refs(cx));
                set.types.insert(a, t);
            }
            Err(e) => {
                set.bad.insert(a, e);
            }
        }
    }
    set
}

/// gcdata as the mask bytes in hex (bit i = word i holds a pointer), or why not.
fn gcdata_text(cx: &Ctx, t: &TypeDesc) -> String {
    if t.tflag & TFLAG_GC_ON_DEMAND != 0 {
        let place = cx
            .img
            .section_at(t.gcdata)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| "?".into());
        return format!("on-demand (slot in {place})");
    }
    if t.ptrbytes == 0 {
        return "none".into();
    }
    let words = t.ptrbytes.div_ceil(8);
    let nbytes = words.div_ceil(8);
    match cx.img.bytes(t.gcdata, nbytes.min(4096)) {
        Some(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
        None => format!("<unreadable {}>", cx.img.describe(t.gcdata)),
    }
}

fn method_name(n: &Name, pkg: &Option<String>) -> String {
    match pkg {
        Some(p) => format!("{} (pkg {p})", n.name),
        None => n.name.clone(),
    }
}

/// Renders one descriptor as a block of lines (the first is the `type ...` header).
pub fn render_type(cx: &Ctx, set: &TypeSet, t: &TypeDesc) -> Vec<String> {
    let mut l = Vec::new();
    let s = |a: u64| set.string_of(a);
    l.push(format!(
        "type {}{}",
        t.string,
        if t.typelink { " [typelink]" } else { "" }
    ));
    l.push(format!(
        "  kind: {}  size: {}  ptrbytes: {}  align: {}  fieldAlign: {}",
        kind_name(t.kind),
        t.size,
        t.ptrbytes,
        t.align,
        t.field_align
    ));
    l.push(format!(
        "  hash: {:08x}  tflag: {} ({:#04x})  str: {}",
        t.hash,
        tflag_names(t.tflag),
        t.tflag,
        name_flags(t.str_name.flags)
    ));
    l.push(format!("  equal: {}", cx.closure(t.equal)));
    l.push(format!("  gcdata: {}", gcdata_text(cx, t)));
    l.push(format!(
        "  ptrToThis: {}",
        match t.ptr_to_this {
            0 => "0".to_string(),
            off => set.string_of_off(cx, off),
        }
    ));
    match &t.tail {
        Tail::None => {}
        Tail::Ptr(e) => l.push(format!("  elem: {}", s(*e))),
        Tail::Slice(e) => l.push(format!("  elem: {}", s(*e))),
        Tail::Array { elem, slice, len } => l.push(format!(
            "  elem: {}  slice: {}  len: {len}",
            s(*elem),
            s(*slice)
        )),
        Tail::Chan { elem, dir } => {
            let d = match dir {
                1 => "recv".to_string(),
                2 => "send".to_string(),
                3 => "both".to_string(),
                d => format!("dir({d})"),
            };
            l.push(format!("  elem: {}  dir: {d}", s(*elem)))
        }
        Tail::Func {
            ins,
            outs,
            variadic,
        } => {
            l.push(format!(
                "  func: in {}  out {}  variadic: {variadic}",
                ins.len(),
                outs.len()
            ));
            for (i, p) in ins.iter().enumerate() {
                l.push(format!("  in[{i}]: {}", s(*p)));
            }
            for (i, p) in outs.iter().enumerate() {
                l.push(format!("  out[{i}]: {}", s(*p)));
            }
        }
        Tail::Interface { pkg_path, methods } => {
            l.push(format!(
                "  interface: pkgpath {}  imethods {}",
                pkg_path
                    .as_deref()
                    .map(quote)
                    .unwrap_or_else(|| "nil".into()),
                methods.len()
            ));
            for m in methods {
                l.push(format!(
                    "  imethod {} [{}]: {}",
                    method_name(&m.name, &m.pkg_path),
                    name_flags(m.name.flags),
                    set.string_of_off(cx, m.typ)
                ));
            }
        }
        Tail::Struct { pkg_path, fields } => {
            l.push(format!(
                "  struct: pkgpath {}  fields {}",
                pkg_path
                    .as_deref()
                    .map(quote)
                    .unwrap_or_else(|| "nil".into()),
                fields.len()
            ));
            for f in fields {
                let mut line = format!(
                    "  field {} [{}]: {}  offset {}",
                    if f.name.name.is_empty() {
                        "_"
                    } else {
                        &f.name.name
                    },
                    name_flags(f.name.flags),
                    s(f.typ),
                    f.offset
                );
                if let Some(tag) = &f.name.tag {
                    line.push_str(&format!("  tag {}", quote(tag)));
                }
                l.push(line);
            }
        }
        Tail::Map(m) => {
            l.push(format!(
                "  key: {}  elem: {}  group: {}",
                s(m.key),
                s(m.elem),
                s(m.group)
            ));
            l.push(format!("  hasher: {}", cx.closure(m.hasher)));
            l.push(format!(
                "  groupsize: {}  keysoff: {}  keystride: {}  elemsoff: {}  elemstride: {}  elemoff: {}",
                m.group_size, m.keys_off, m.key_stride, m.elems_off, m.elem_stride, m.elem_off
            ));
            l.push(format!("  flags: {}", map_flags(m.flags)));
        }
    }
    if let Some(u) = &t.uncommon {
        l.push(format!(
            "  uncommon: pkgpath {}  mcount {}  xcount {}",
            quote(&u.pkg_path),
            u.mcount,
            u.xcount
        ));
        for m in &u.methods {
            l.push(format!(
                "  method {} [{}]: mtyp {}  ifn {}  tfn {}",
                method_name(&m.name, &m.pkg_path),
                name_flags(m.name.flags),
                set.string_of_off(cx, m.mtyp),
                cx.text_off(m.ifn),
                cx.text_off(m.tfn)
            ));
        }
    }
    for w in &t.warnings {
        l.push(format!("  warning: {w}"));
    }
    l
}

pub fn map_flags(f: u32) -> String {
    let mut v = Vec::new();
    for (bit, s) in [
        (1u32, "NeedKeyUpdate"),
        (2, "HashMightPanic"),
        (4, "IndirectKey"),
        (8, "IndirectElem"),
    ] {
        if f & bit != 0 {
            v.push(s.to_string());
        }
    }
    if f & !0xf != 0 {
        v.push(format!("{:#x}", f & !0xf));
    }
    if v.is_empty() {
        "0".into()
    } else {
        format!("{} ({f:#x})", v.join("|"))
    }
}

#[derive(Debug, Clone)]
pub struct Itab {
    /// Where the itab is.
    pub addr: u64,
    pub inter: u64,
    pub typ: u64,
    pub hash: u32,
    pub fun: Vec<u64>,
}

/// Walks the itab area `[types+itaboffset, +itabsize)` using each itab's size (24 + 8·n,
/// n = the interface's method count, at least one Fun slot).
pub fn collect_itabs(cx: &Ctx) -> (Vec<Itab>, Vec<String>) {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    let start = cx.md.types.saturating_add(cx.md.itaboffset);
    let end = start.saturating_add(cx.md.itabsize);
    if end > cx.md.etypes {
        errs.push("itab area reaches past etypes".into());
        return (out, errs);
    }
    let mut a = start;
    while a < end && out.len() < MAX_TYPES {
        let (Some(inter), Some(typ), Some(hash)) =
            (cx.img.u64(a), cx.img.u64(a + 8), cx.img.u32(a + 16))
        else {
            errs.push(format!("itab at types+{:#x} is truncated", a - cx.md.types));
            break;
        };
        let n = match decode_type(cx, inter) {
            Ok(TypeDesc {
                tail: Tail::Interface { methods, .. },
                ..
            }) => methods.len() as u64,
            Ok(_) => {
                errs.push(format!(
                    "itab at types+{:#x}: Inter is not an interface",
                    a - cx.md.types
                ));
                break;
            }
            Err(e) => {
                errs.push(format!("itab at types+{:#x}: {e}", a - cx.md.types));
                break;
            }
        };
        let mut fun = Vec::new();
        for i in 0..n.max(1) {
            fun.push(cx.img.u64(a + 24 + 8 * i).unwrap_or(0));
        }
        fun.truncate(n as usize);
        out.push(Itab {
            addr: a,
            inter,
            typ,
            hash,
            fun,
        });
        a += 24 + 8 * n.max(1);
    }
    if a != end && errs.is_empty() {
        errs.push(format!(
            "itab walk ended at types+{:#x}, expected types+{:#x}",
            a - cx.md.types,
            end - cx.md.types
        ));
    }
    (out, errs)
}

/// Renders an itab as `itab <concrete>,<iface>` plus one line per Fun slot, named after the
/// interface method it implements.
pub fn render_itab(cx: &Ctx, set: &TypeSet, it: &Itab) -> Vec<String> {
    let mut l = Vec::new();
    l.push(format!(
        "itab {},{}",
        set.string_of(it.typ),
        set.string_of(it.inter)
    ));
    let mut hl = format!("  hash: {:08x}", it.hash);
    if let Some(t) = set.types.get(&it.typ)
        && t.hash != it.hash
    {
        hl.push_str(&format!("  warning: type hash is {:08x}", t.hash));
    }
    l.push(hl);
    let names: Vec<String> = match set.types.get(&it.inter).map(|t| &t.tail) {
        Some(Tail::Interface { methods, .. }) => {
            methods.iter().map(|m| m.name.name.clone()).collect()
        }
        _ => Vec::new(),
    };
    for (i, f) in it.fun.iter().enumerate() {
        let m = names.get(i).map(String::as_str).unwrap_or("?");
        l.push(format!("  fun[{i}] {m}: {}", cx.func_name(*f)));
    }
    l
}
