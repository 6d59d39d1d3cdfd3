//! Read-only views of gc's `internal/abi` type descriptors (reference §1–§3). The runtime has no
//! private type representation: everything is read from the bytes the compiler emitted.

use crate::symtab;

pub const KIND_BOOL: u8 = 1;
pub const KIND_INT: u8 = 2;
pub const KIND_INT8: u8 = 3;
pub const KIND_INT16: u8 = 4;
pub const KIND_INT32: u8 = 5;
pub const KIND_INT64: u8 = 6;
pub const KIND_UINT: u8 = 7;
pub const KIND_UINT8: u8 = 8;
pub const KIND_UINT16: u8 = 9;
pub const KIND_UINT32: u8 = 10;
pub const KIND_UINT64: u8 = 11;
pub const KIND_UINTPTR: u8 = 12;
pub const KIND_FLOAT32: u8 = 13;
pub const KIND_FLOAT64: u8 = 14;
pub const KIND_COMPLEX64: u8 = 15;
pub const KIND_COMPLEX128: u8 = 16;
pub const KIND_ARRAY: u8 = 17;
pub const KIND_CHAN: u8 = 18;
pub const KIND_FUNC: u8 = 19;
pub const KIND_INTERFACE: u8 = 20;
pub const KIND_MAP: u8 = 21;
pub const KIND_POINTER: u8 = 22;
pub const KIND_SLICE: u8 = 23;
pub const KIND_STRING: u8 = 24;
pub const KIND_STRUCT: u8 = 25;
pub const KIND_UNSAFE_POINTER: u8 = 26;

pub const TFLAG_UNCOMMON: u8 = 0x01;
pub const TFLAG_EXTRA_STAR: u8 = 0x02;
pub const TFLAG_REGULAR_MEMORY: u8 = 0x08;
pub const TFLAG_DIRECT_IFACE: u8 = 0x20;

/// abi.Type, the 48-byte common header of every descriptor.
#[repr(C)]
pub struct Type {
    pub size: usize,
    pub ptr_bytes: usize,
    pub hash: u32,
    pub tflag: u8,
    pub align: u8,
    pub field_align: u8,
    pub kind: u8,
    pub equal: usize,
    pub gcdata: *const u8,
    pub str_off: i32,
    pub ptr_to_this: i32,
}

// SAFETY: descriptors are immutable data.
unsafe impl Sync for Type {}

impl Type {
    #[inline]
    pub fn has_pointers(&self) -> bool {
        self.ptr_bytes != 0
    }

    /// The type string (`main.MyInt`, `[]int`, …) resolved through moduledata.types.
    pub fn string(&self) -> &'static [u8] {
        let name = symtab::resolve_name_off(self as *const Type as usize, self.str_off);
        let s = name_bytes(name);
        if self.tflag & TFLAG_EXTRA_STAR != 0 && !s.is_empty() {
            &s[1..]
        } else {
            s
        }
    }

    /// Word at byte offset `off` of the kind-specific tail.
    ///
    /// # Safety
    /// The descriptor must be of a kind that has a word at `off`.
    #[inline]
    pub unsafe fn word(&self, off: usize) -> usize {
        unsafe { *((self as *const Type as *const u8).add(off) as *const usize) }
    }

    /// The UncommonType that follows the kind-specific part (named types, types with methods).
    pub fn uncommon(&self) -> Option<&'static UncommonType> {
        if self.tflag & TFLAG_UNCOMMON == 0 {
            return None;
        }
        let fixed = match self.kind {
            KIND_STRUCT | KIND_INTERFACE => 80,
            KIND_POINTER | KIND_SLICE | KIND_FUNC => 56,
            KIND_ARRAY => 72,
            KIND_CHAN => 64,
            KIND_MAP => 136,
            _ => 48,
        };
        // SAFETY: TFlagUncommon says the compiler emitted an UncommonType at that offset.
        Some(unsafe { &*((self as *const Type as *const u8).add(fixed) as *const UncommonType) })
    }

    /// gc's rtype.pkgpath: the uncommon PkgPath, else the struct or interface PkgPath.
    pub fn pkg_path(&self) -> &'static [u8] {
        if let Some(u) = self.uncommon() {
            let base = u as *const UncommonType as usize;
            return name_bytes(symtab::resolve_name_off(base, u.pkg_path));
        }
        match self.kind {
            // SAFETY: StructType.PkgPath and InterfaceType.PkgPath are abi.Name pointers at +48.
            KIND_STRUCT | KIND_INTERFACE => name_bytes(unsafe { self.word(48) } as *const u8),
            _ => &[],
        }
    }

    /// The equality of values of this type is not defined (funcs, maps, slices, and
    /// aggregates holding them): Equal is nil.
    #[inline]
    pub fn comparable(&self) -> bool {
        self.equal != 0
    }

    #[inline]
    pub fn is_direct_iface(&self) -> bool {
        self.tflag & TFLAG_DIRECT_IFACE != 0
    }

    /// ArrayType.Elem / PtrType.Elem / SliceType.Elem (all at +48).
    ///
    /// # Safety
    /// Only for kinds that have an Elem.
    pub unsafe fn elem(&self) -> &'static Type {
        unsafe { &*(self.word(48) as *const Type) }
    }

    /// ArrayType.Len.
    ///
    /// # Safety
    /// Only for arrays.
    pub unsafe fn array_len(&self) -> usize {
        unsafe { self.word(64) }
    }

    /// StructType.Fields.
    ///
    /// # Safety
    /// Only for structs.
    pub unsafe fn fields(&self) -> &'static [StructField] {
        unsafe {
            let p = self.word(56) as *const StructField;
            let n = self.word(64);
            if n == 0 {
                &[]
            } else {
                core::slice::from_raw_parts(p, n)
            }
        }
    }
}

/// abi.StructField.
#[repr(C)]
pub struct StructField {
    pub name: *const u8,
    pub typ: *const Type,
    pub offset: usize,
}

impl StructField {
    /// Blank (`_`) fields are skipped by gc's hash and equality functions.
    pub fn is_blank(&self) -> bool {
        name_bytes(self.name) == b"_"
    }
}

/// abi.UncommonType (reference §3.1).
#[repr(C)]
pub struct UncommonType {
    pub pkg_path: i32,
    pub mcount: u16,
    pub xcount: u16,
    pub moff: u32,
    pub unused: u32,
}

impl UncommonType {
    /// The method table: exported methods first, each group sorted by name (then pkgpath).
    pub fn methods(&self) -> &'static [Method] {
        if self.mcount == 0 {
            return &[];
        }
        // SAFETY: Moff/Mcount describe the array the compiler emitted after the uncommon.
        unsafe {
            let p = (self as *const UncommonType as *const u8).add(self.moff as usize);
            core::slice::from_raw_parts(p as *const Method, self.mcount as usize)
        }
    }
}

/// abi.Method: offsets relative to moduledata.types (Name, Mtyp) and moduledata.text (Ifn, Tfn).
#[repr(C)]
pub struct Method {
    pub name: i32,
    pub mtyp: i32,
    pub ifn: i32,
    pub tfn: i32,
}

/// abi.Imethod.
#[repr(C)]
pub struct Imethod {
    pub name: i32,
    pub typ: i32,
}

/// abi.InterfaceType.
#[repr(C)]
pub struct InterfaceType {
    pub typ: Type,
    pub pkg_path: *const u8,
    pub methods: *const Imethod,
    pub mlen: usize,
    pub mcap: usize,
}

impl InterfaceType {
    pub fn methods(&self) -> &'static [Imethod] {
        if self.mlen == 0 || self.methods.is_null() {
            &[]
        } else {
            // SAFETY: the Methods slice emitted by the compiler.
            unsafe { core::slice::from_raw_parts(self.methods, self.mlen) }
        }
    }
}

/// abi.ITab: `fun` really has max(len(inter.Methods), 1) entries.
#[repr(C)]
pub struct ITab {
    pub inter: *const InterfaceType,
    pub typ: *const Type,
    pub hash: u32,
    pub pad: u32,
    pub fun: [usize; 1],
}

impl ITab {
    /// Bytes occupied by an itab for `inter` (gc's ITab.Size).
    pub fn size_for(inter: &InterfaceType) -> usize {
        24 + 8 * inter.mlen.max(1)
    }
}

/// abi.MapType (reference §3.7).
#[repr(C)]
pub struct MapType {
    pub typ: Type,
    pub key: *const Type,
    pub elem: *const Type,
    pub group: *const Type,
    pub hasher: usize,
    pub group_size: usize,
    pub keys_off: usize,
    pub key_stride: usize,
    pub elems_off: usize,
    pub elem_stride: usize,
    pub elem_off: usize,
    pub flags: u32,
}

pub const MAP_NEED_KEY_UPDATE: u32 = 1;
pub const MAP_INDIRECT_KEY: u32 = 4;
pub const MAP_INDIRECT_ELEM: u32 = 8;

/// The bytes of an abi.Name: flags, uvarint length, bytes (reference §2). Null → empty.
/// `p` always comes from a descriptor field (Str, field names), never from user data.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn name_bytes(p: *const u8) -> &'static [u8] {
    if p.is_null() {
        return &[];
    }
    // SAFETY: p points to an encoded abi.Name emitted by the compiler.
    unsafe {
        let mut len = 0usize;
        let mut shift = 0;
        let mut i = 1;
        loop {
            let b = *p.add(i);
            i += 1;
            len |= ((b & 0x7f) as usize) << shift;
            if b & 0x80 == 0 || shift > 56 {
                break;
            }
            shift += 7;
        }
        core::slice::from_raw_parts(p.add(i), len)
    }
}

/// abi.Name flag byte (0 for null).
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn name_flags(p: *const u8) -> u8 {
    if p.is_null() {
        0
    } else {
        // SAFETY: p points to an encoded abi.Name.
        unsafe { *p }
    }
}

pub fn name_is_exported(p: *const u8) -> bool {
    name_flags(p) & 0x01 != 0
}

/// Reads a uvarint at `p + *i`, advancing `*i`.
///
/// # Safety
/// p + *i is inside an encoded abi.Name.
unsafe fn name_uvarint(p: *const u8, i: &mut usize) -> usize {
    let mut v = 0usize;
    let mut shift = 0;
    loop {
        // SAFETY: forwarded.
        let b = unsafe { *p.add(*i) };
        *i += 1;
        v |= ((b & 0x7f) as usize) << shift;
        if b & 0x80 == 0 || shift > 56 {
            return v;
        }
        shift += 7;
    }
}

/// gc's pkgPath(name): the package path recorded in the name itself (flag 0x04: a NameOff
/// follows the name and the optional tag), or empty.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn name_pkg_path(p: *const u8) -> &'static [u8] {
    let flags = name_flags(p);
    if flags & 0x04 == 0 {
        return &[];
    }
    // SAFETY: p points to an encoded abi.Name whose flags announce the trailing NameOff.
    unsafe {
        let mut i = 1;
        let n = name_uvarint(p, &mut i);
        i += n;
        if flags & 0x02 != 0 {
            let t = name_uvarint(p, &mut i);
            i += t;
        }
        let off = (p.add(i) as *const i32).read_unaligned();
        name_bytes(symtab::resolve_name_off(p as usize, off))
    }
}

/// The Go spelling of a basic kind, used to tell `int` from a named `main.MyInt`.
pub fn basic_kind_name(kind: u8) -> &'static [u8] {
    match kind {
        KIND_BOOL => b"bool",
        KIND_INT => b"int",
        KIND_INT8 => b"int8",
        KIND_INT16 => b"int16",
        KIND_INT32 => b"int32",
        KIND_INT64 => b"int64",
        KIND_UINT => b"uint",
        KIND_UINT8 => b"uint8",
        KIND_UINT16 => b"uint16",
        KIND_UINT32 => b"uint32",
        KIND_UINT64 => b"uint64",
        KIND_UINTPTR => b"uintptr",
        KIND_FLOAT32 => b"float32",
        KIND_FLOAT64 => b"float64",
        KIND_COMPLEX64 => b"complex64",
        KIND_COMPLEX128 => b"complex128",
        KIND_STRING => b"string",
        _ => b"",
    }
}

/// A type's string as a Go string's two words, in rax:rdx.
#[repr(C)]
pub struct TypeString {
    ptr: *const u8,
    len: usize,
}

/// `runtime.typeString(t)`: the type string of descriptor `t` (overlay/runtime/pinner.go's
/// panic messages).
///
/// # Safety
/// `t` is a type descriptor.
#[unsafe(export_name = "runtime.typeString")]
pub unsafe extern "C" fn type_string(t: *const Type) -> TypeString {
    let s = (*t).string();
    TypeString {
        ptr: s.as_ptr(),
        len: s.len(),
    }
}
