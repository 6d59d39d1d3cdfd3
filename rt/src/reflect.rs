//! The runtime side of packages reflect and internal/reflectlite (GOROOT's, compiled unchanged)
//! and of internal/runtime/maps: the body-less functions they declare, exported under the
//! symbols their call sites use (`reflect.resolveNameOff`, `internal/reflectlite.unsafe_New`,
//! `internal/runtime/maps.newobject`, ...), as gc's runtime provides them through linkname
//! (gc: runtime/runtime1.go, mbarrier.go, map.go, chan.go, select.go, iface.go, slice.go).
//!
//! reflectOffs: types that reflect builds at run time (FuncOf, PointerTo...) live in the heap,
//! so their name and type offsets cannot be relative to a module's type data. As in gc, reflect
//! registers such pointers with `addReflectOff` and stores the returned id (-1, -2, ...) as the
//! offset; the resolvers map an offset found in a structure outside every module back through
//! this table.

use crate::chan::{self, Hchan, Pair};
use crate::iface;
use crate::malloc::{Slice, mallocgc, persistent_alloc};
use crate::maps::{self, Map};
use crate::panic;
use crate::sched;
use crate::select::{self, Scase};
use crate::symtab;
use crate::types::Type;
use crate::types::{InterfaceType, MapType};

/// The registered pointers: id -1 is entry 0, id -2 entry 1, ...
static mut OFFS: *mut usize = core::ptr::null_mut();
static mut OFFS_LEN: usize = 0;
static mut OFFS_CAP: usize = 0;

/// The pointer registered under `id`, or null for an id never handed out.
pub fn reflect_off(id: i32) -> usize {
    if id >= 0 {
        return 0;
    }
    let i = (-(id as i64) - 1) as usize;
    // SAFETY: single-threaded runtime; entries below OFFS_LEN are initialised.
    unsafe { if i < OFFS_LEN { *OFFS.add(i) } else { 0 } }
}

/// reflect.addReflectOff: the id of `ptr`, registering it on first sight.
///
/// # Safety
/// Called by generated code (single-threaded runtime).
#[unsafe(export_name = "reflect.addReflectOff")]
pub unsafe extern "C" fn add_reflect_off(ptr: usize) -> i32 {
    for i in 0..OFFS_LEN {
        if *OFFS.add(i) == ptr {
            return -(i as i32) - 1;
        }
    }
    if OFFS_LEN == OFFS_CAP {
        // Metadata that lives as long as the program: persistent memory, doubled on demand
        // (the old block is simply abandoned, as gc's persistentalloc never frees either).
        let cap = if OFFS_CAP == 0 { 64 } else { OFFS_CAP * 2 };
        let p = persistent_alloc(cap * 8, 8) as *mut usize;
        if OFFS_LEN > 0 {
            core::ptr::copy_nonoverlapping(OFFS, p, OFFS_LEN);
        }
        OFFS = p;
        OFFS_CAP = cap;
    }
    *OFFS.add(OFFS_LEN) = ptr;
    OFFS_LEN += 1;
    -(OFFS_LEN as i32)
}

/// reflect.resolveNameOff: the abi.Name at `off` for the structure at `ptr_in_module`.
#[unsafe(export_name = "reflect.resolveNameOff")]
pub extern "C" fn resolve_name_off(ptr_in_module: usize, off: i32) -> *const u8 {
    symtab::resolve_name_off(ptr_in_module, off)
}

/// reflect.resolveTypeOff: the descriptor at `off` for the structure at `rtype`.
#[unsafe(export_name = "reflect.resolveTypeOff")]
pub extern "C" fn resolve_type_off(rtype: usize, off: i32) -> *const Type {
    symtab::resolve_type_off(rtype, off)
}

/// reflect.resolveTextOff: the code address of a method's Ifn/Tfn.
#[unsafe(export_name = "reflect.resolveTextOff")]
pub extern "C" fn resolve_text_off(rtype: usize, off: i32) -> usize {
    symtab::text_off(rtype, off)
}

/// reflect.unsafe_New: a zeroed object of type `typ`.
///
/// # Safety
/// `typ` is a valid descriptor.
#[unsafe(export_name = "reflect.unsafe_New")]
pub unsafe extern "C" fn unsafe_new(typ: *const Type) -> *mut u8 {
    mallocgc((*typ).size, typ, true)
}

/// reflect.typedmemmove: copies a value of type `typ` from `src` to `dst` (no write barriers
/// to run: rgo has no concurrent collector).
///
/// # Safety
/// `dst` and `src` hold values of `typ`.
#[unsafe(export_name = "reflect.typedmemmove")]
pub unsafe extern "C" fn typedmemmove(typ: *const Type, dst: *mut u8, src: *const u8) {
    if !core::ptr::eq(dst, src) {
        core::ptr::copy(src, dst, (*typ).size);
    }
}

/// A Go string or a pointer pair returned in rax:rdx.
#[repr(C)]
pub struct Str {
    pub ptr: *const u8,
    pub len: usize,
}

/// reflect.unsafe_NewArray (gc's newarray): a zeroed array of `n` values of `typ`.
///
/// # Safety
/// `typ` is a valid descriptor.
#[unsafe(export_name = "reflect.unsafe_NewArray")]
pub unsafe extern "C" fn unsafe_new_array(typ: *const Type, n: isize) -> *mut u8 {
    newarray(typ, n)
}

/// gc's newarray: panics "runtime: allocation size out of range" on a negative or overflowing
/// size.
unsafe fn newarray(typ: *const Type, n: isize) -> *mut u8 {
    if n == 1 {
        return unsafe { mallocgc((*typ).size, typ, true) };
    }
    let size = unsafe { (*typ).size };
    match (n >= 0).then(|| size.checked_mul(n as usize)).flatten() {
        Some(bytes) if bytes <= crate::malloc::MAX_ALLOC => mallocgc(bytes, typ, true),
        _ => panic::plain_panic(b"runtime: allocation size out of range"),
    }
}

/// reflect.typedmemclr: zeroes a value of type `typ`.
///
/// # Safety
/// `ptr` holds a value of `typ`.
#[unsafe(export_name = "reflect.typedmemclr")]
pub unsafe extern "C" fn typedmemclr(typ: *const Type, ptr: *mut u8) {
    unsafe { core::ptr::write_bytes(ptr, 0, (*typ).size) }
}

/// reflect.typedmemclrpartial: zeroes bytes [off, off+size) of a value of `typ`.
///
/// # Safety
/// The range lies inside the value.
#[unsafe(export_name = "reflect.typedmemclrpartial")]
pub unsafe extern "C" fn typedmemclrpartial(
    _typ: *const Type,
    ptr: *mut u8,
    off: usize,
    size: usize,
) {
    unsafe { core::ptr::write_bytes(ptr.add(off), 0, size) }
}

/// reflect.typedarrayclear: zeroes `len` values of `elem`.
///
/// # Safety
/// `ptr` holds `len` values of `elem`.
#[unsafe(export_name = "reflect.typedarrayclear")]
pub unsafe extern "C" fn typedarrayclear(elem: *const Type, ptr: *mut u8, len: isize) {
    unsafe { core::ptr::write_bytes(ptr, 0, (*elem).size * len.max(0) as usize) }
}

/// reflect.typedslicecopy: copies min(len(dst), len(src)) elements, returns the count.
///
/// # Safety
/// Both slices hold values of `elem`.
#[unsafe(export_name = "reflect.typedslicecopy")]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn typedslicecopy(
    elem: *const Type,
    dst: *mut u8,
    dst_len: isize,
    _dst_cap: isize,
    src: *const u8,
    src_len: isize,
    _src_cap: isize,
) -> isize {
    let n = dst_len.min(src_len).max(0);
    if n > 0 && !core::ptr::eq(dst, src) {
        unsafe { core::ptr::copy(src, dst, (*elem).size * n as usize) };
    }
    n
}

/// reflect.typehash: the hash gc's maps use for a key of type `typ` with seed `h`.
///
/// # Safety
/// `p` holds a value of `typ`.
#[unsafe(export_name = "reflect.typehash")]
pub unsafe extern "C" fn typehash(typ: *const Type, p: *const u8, h: usize) -> usize {
    unsafe { crate::alg::typehash(&*typ, p, h as u64) as usize }
}

/// reflect.verifyNotInHeapPtr: whether `p` is not a pointer into the Go heap.
#[unsafe(export_name = "reflect.verifyNotInHeapPtr")]
pub extern "C" fn verify_not_in_heap_ptr(p: usize) -> u8 {
    crate::malloc::span_of(p).is_null() as u8
}

/// reflect.growslice (gc's reflect_growslice): room for `num` more elements beyond the old
/// length; the new slice keeps the old length, and the part past it is zeroed.
///
/// # Safety
/// The old slice holds values of `et`.
#[unsafe(export_name = "reflect.growslice")]
pub unsafe extern "C" fn growslice(
    out: *mut Slice,
    et: *const Type,
    ptr: *mut u8,
    len: i64,
    cap: i64,
    num: i64,
) {
    let num = num - (cap - len);
    unsafe {
        crate::malloc::growslice(out, ptr, cap + num, cap, num, et);
        let size = (*et).size;
        if !(*et).has_pointers() {
            let from = (*out).ptr.add(len as usize * size);
            core::ptr::write_bytes(from, 0, ((*out).cap - len) as usize * size);
        }
        (*out).len = len;
    }
}

/// reflect.unsafeslice: unsafe.Slice's checks (gc's unsafeslice).
///
/// # Safety
/// Called by reflect with a valid descriptor.
#[unsafe(export_name = "reflect.unsafeslice")]
pub unsafe extern "C" fn unsafeslice(et: *const Type, ptr: *const u8, len: isize) {
    let size = unsafe { (*et).size };
    if len < 0 {
        panic::runtime_error(b"unsafe.Slice: len out of range");
    }
    if ptr.is_null() && len > 0 {
        panic::runtime_error(b"unsafe.Slice: ptr is nil and len is not zero");
    }
    match size.checked_mul(len as usize) {
        Some(mem) if mem <= usize::MAX - ptr as usize => {}
        _ => panic::runtime_error(b"unsafe.Slice: len out of range"),
    }
}

/// reflect.memmove.
///
/// # Safety
/// As memmove.
#[unsafe(export_name = "reflect.memmove")]
pub unsafe extern "C" fn reflect_memmove(dst: *mut u8, src: *const u8, n: usize) {
    unsafe { core::ptr::copy(src, dst, n) }
}

/// gc's staticuint64s: 0, 1, ..., 255 as 8-byte words (one-byte values boxed in interfaces
/// point here).
static STATIC_UINT64S: [u64; 256] = {
    let mut a = [0u64; 256];
    let mut i = 0;
    while i < 256 {
        a[i] = i as u64;
        i += 1;
    }
    a
};

/// reflect.getStaticuint64s (linknamed from runtime.getStaticuint64s).
#[unsafe(export_name = "reflect.getStaticuint64s")]
pub extern "C" fn get_static_uint64s() -> *const [u64; 256] {
    &STATIC_UINT64S
}

/// reflect.adjustAIXGCDataForRuntime: GC data needs no adjustment outside AIX.
#[unsafe(export_name = "reflect.adjustAIXGCDataForRuntime")]
pub extern "C" fn adjust_aix_gcdata(addr: *const u8) -> *const u8 {
    addr
}

/// The typelink types of the first module (gc's moduleTypelinks): every descriptor in the
/// typelink prefix of the type data, in order (sorted by type string by the linker), built
/// once.
static mut TYPELINKS: Slice = Slice {
    ptr: core::ptr::null_mut(),
    len: 0,
    cap: 0,
};

/// abi.Type.DescriptorSize: the bytes of a descriptor with its kind-specific part, uncommon
/// part, trailing parameter/field/method arrays and methods.
unsafe fn descriptor_size(t: *const Type) -> usize {
    use crate::types::*;
    unsafe {
        let base = t as *const u8;
        let (basesize, add) = match (*t).kind & 0x1f {
            KIND_ARRAY => (72, 0),
            KIND_CHAN => (64, 0),
            KIND_FUNC => {
                let ins = *(base.add(48) as *const u16) as usize;
                let outs = (*(base.add(50) as *const u16) & 0x7fff) as usize;
                (56, (ins + outs) * 8)
            }
            KIND_INTERFACE => (80, *(base.add(64) as *const usize) * 8),
            KIND_MAP => (core::mem::size_of::<MapType>(), 0),
            KIND_POINTER | KIND_SLICE => (56, 0),
            KIND_STRUCT => (80, *(base.add(64) as *const usize) * 24),
            _ => (48, 0),
        };
        let mut size = basesize;
        if let Some(u) = (*t).uncommon() {
            size += 16 + u.mcount as usize * 16;
        }
        size + add
    }
}

/// reflect.compiledTypelinks: (the first module's typelink types, nil for other modules).
///
/// # Safety
/// `out` points to 6 writable words.
#[unsafe(export_name = "reflect.compiledTypelinks")]
pub unsafe extern "C" fn compiled_typelinks(out: *mut usize) {
    unsafe {
        if TYPELINKS.ptr.is_null() {
            let (start, end) = symtab::typelink_area();
            let mut n = 0usize;
            let mut p = start;
            while p < end {
                p = (p + 7) & !7;
                n += 1;
                p += descriptor_size(p as *const Type);
            }
            let buf = persistent_alloc(n.max(1) * 8, 8) as *mut usize;
            let mut p = start;
            let mut i = 0;
            while p < end {
                p = (p + 7) & !7;
                *buf.add(i) = p;
                i += 1;
                p += descriptor_size(p as *const Type);
            }
            TYPELINKS = Slice {
                ptr: buf as *mut u8,
                len: n as i64,
                cap: n as i64,
            };
        }
        *out = TYPELINKS.ptr as usize;
        *out.add(1) = TYPELINKS.len as usize;
        *out.add(2) = TYPELINKS.cap as usize;
        *out.add(3) = 0;
        *out.add(4) = 0;
        *out.add(5) = 0;
    }
}

// ---- maps (gc's reflect_makemap, reflect_mapaccess, ...) ----------------------------------------

/// reflect.makemap.
///
/// # Safety
/// `t` is a map type descriptor.
#[unsafe(export_name = "reflect.makemap")]
pub unsafe extern "C" fn makemap(t: *const MapType, cap: isize) -> *mut Map {
    unsafe { maps::makemap(t, cap as i64) }
}

/// reflect.mapaccess: the element for `key`, or nil when absent.
///
/// # Safety
/// `m` is nil or a map of type `t`; `key` holds a key.
#[unsafe(export_name = "reflect.mapaccess")]
pub unsafe extern "C" fn mapaccess(t: *const MapType, m: *mut Map, key: *const u8) -> *mut u8 {
    unsafe { maps::mapaccess2(t, m, key).elem }
}

/// reflect.mapaccess_faststr.
///
/// # Safety
/// As [`mapaccess`]; the key is a string.
#[unsafe(export_name = "reflect.mapaccess_faststr")]
pub unsafe extern "C" fn mapaccess_faststr(
    t: *const MapType,
    m: *mut Map,
    kp: *const u8,
    kl: usize,
) -> *mut u8 {
    let key = [kp as usize, kl];
    unsafe { maps::mapaccess2(t, m, key.as_ptr() as *const u8).elem }
}

/// reflect.mapassign0: m[*key] = *val.
///
/// # Safety
/// As [`mapaccess`]; `val` holds an element.
#[unsafe(export_name = "reflect.mapassign0")]
pub unsafe extern "C" fn mapassign0(
    t: *const MapType,
    m: *mut Map,
    key: *const u8,
    val: *const u8,
) {
    unsafe {
        let p = maps::mapassign(t, m, key);
        typedmemmove((*t).elem, p, val);
    }
}

/// reflect.mapassign_faststr0.
///
/// # Safety
/// As [`mapassign0`]; the key is a string.
#[unsafe(export_name = "reflect.mapassign_faststr0")]
pub unsafe extern "C" fn mapassign_faststr0(
    t: *const MapType,
    m: *mut Map,
    kp: *const u8,
    kl: usize,
    val: *const u8,
) {
    let key = [kp as usize, kl];
    unsafe { mapassign0(t, m, key.as_ptr() as *const u8, val) }
}

/// reflect.mapdelete.
///
/// # Safety
/// As [`mapaccess`].
#[unsafe(export_name = "reflect.mapdelete")]
pub unsafe extern "C" fn mapdelete(t: *const MapType, m: *mut Map, key: *const u8) {
    unsafe { maps::mapdelete(t, m, key) }
}

/// reflect.mapdelete_faststr.
///
/// # Safety
/// As [`mapaccess`]; the key is a string.
#[unsafe(export_name = "reflect.mapdelete_faststr")]
pub unsafe extern "C" fn mapdelete_faststr(
    t: *const MapType,
    m: *mut Map,
    kp: *const u8,
    kl: usize,
) {
    let key = [kp as usize, kl];
    unsafe { maps::mapdelete(t, m, key.as_ptr() as *const u8) }
}

/// reflect.maplen.
///
/// # Safety
/// `m` is nil or a map.
#[unsafe(export_name = "reflect.maplen")]
pub unsafe extern "C" fn maplen(m: *const Map) -> isize {
    if m.is_null() {
        0
    } else {
        unsafe { (*m).used as isize }
    }
}

/// internal/reflectlite.maplen.
///
/// # Safety
/// As [`maplen`].
#[unsafe(export_name = "internal/reflectlite.maplen")]
pub unsafe extern "C" fn lite_maplen(m: *const Map) -> isize {
    unsafe { maplen(m) }
}

/// reflect.mapclear.
///
/// # Safety
/// `m` is nil or a map of type `t`.
#[unsafe(export_name = "reflect.mapclear")]
pub unsafe extern "C" fn mapclear(t: *const MapType, m: *mut Map) {
    unsafe { maps::mapclear(t, m) }
}

// ---- channels and select ----------------------------------------------------------------------

/// reflect.makechan.
///
/// # Safety
/// `t` is a chan type descriptor.
#[unsafe(export_name = "reflect.makechan")]
pub unsafe extern "C" fn makechan(t: *const Type, size: isize) -> *mut Hchan {
    unsafe { chan::makechan(t, size as i64) }
}

/// reflect.chanlen.
///
/// # Safety
/// `c` is nil or a channel.
#[unsafe(export_name = "reflect.chanlen")]
pub unsafe extern "C" fn chanlen(c: *const Hchan) -> isize {
    unsafe { chan::chanlen(c) as isize }
}

/// internal/reflectlite.chanlen.
///
/// # Safety
/// `c` is nil or a channel.
#[unsafe(export_name = "internal/reflectlite.chanlen")]
pub unsafe extern "C" fn lite_chanlen(c: *const Hchan) -> isize {
    unsafe { chan::chanlen(c) as isize }
}

/// reflect.chancap.
///
/// # Safety
/// `c` is nil or a channel.
#[unsafe(export_name = "reflect.chancap")]
pub unsafe extern "C" fn chancap(c: *const Hchan) -> isize {
    unsafe { chan::chancap(c) as isize }
}

/// reflect.chanclose.
///
/// # Safety
/// `c` is nil or a channel.
#[unsafe(export_name = "reflect.chanclose")]
pub unsafe extern "C" fn chanclose(c: *mut Hchan) {
    unsafe { chan::closechan(c) }
}

/// reflect.chanrecv: (selected, received); non-blocking when `nb`.
///
/// # Safety
/// `c` is nil or a channel; `val` has room for an element.
#[unsafe(export_name = "reflect.chanrecv")]
pub unsafe extern "C" fn chanrecv(c: *mut Hchan, nb: u8, val: *mut u8) -> Pair {
    let (sel, ok) = unsafe { chan::chanrecv(c, val, nb == 0) };
    Pair {
        a: sel as usize,
        b: ok as usize,
    }
}

/// reflect.chansend0: whether the value was sent; non-blocking when `nb`.
///
/// # Safety
/// `c` is nil or a channel; `val` holds an element.
#[unsafe(export_name = "reflect.chansend0")]
pub unsafe extern "C" fn chansend0(c: *mut Hchan, val: *const u8, nb: u8) -> u8 {
    unsafe { chan::chansend(c, val, nb == 0) as u8 }
}

/// reflect's runtimeSelect (32 bytes).
#[repr(C)]
struct RuntimeSelect {
    dir: isize,
    typ: *const Type,
    ch: *mut Hchan,
    val: *mut u8,
}

const SELECT_SEND: isize = 1;
const SELECT_RECV: isize = 2;

/// reflect.rselect (gc's reflect_rselect): sends first, then receives, through selectgo;
/// returns the index of the chosen case in `cases` (-1: default) and whether a receive got a
/// value. A select with no cases but default blocks forever.
///
/// # Safety
/// `cases` holds `len` runtimeSelect values built by reflect.Select.
#[unsafe(export_name = "reflect.rselect")]
pub unsafe extern "C" fn rselect(cases: *mut u8, len: isize, _cap: isize) -> Pair {
    let cases = unsafe { core::slice::from_raw_parts(cases as *const RuntimeSelect, len as usize) };
    if cases.is_empty() {
        sched::block();
    }
    let n = cases.len();
    let sc = persistent_alloc(n * core::mem::size_of::<Scase>(), 8) as *mut Scase;
    let orig = persistent_alloc(n * 8, 8) as *mut usize;
    let order = persistent_alloc(n * 4, 2) as *mut u16;
    let (mut nsends, mut nrecvs) = (0usize, 0usize);
    let mut dflt = false;
    for rc in cases {
        match rc.dir {
            SELECT_SEND => nsends += 1,
            SELECT_RECV => nrecvs += 1,
            _ => dflt = true,
        }
    }
    let (mut si, mut ri) = (0usize, nsends + nrecvs);
    for (i, rc) in cases.iter().enumerate() {
        let j = match rc.dir {
            SELECT_SEND => {
                si += 1;
                si - 1
            }
            SELECT_RECV => {
                // Receives are laid out from the end, as the compiler does.
                ri -= 1;
                ri
            }
            _ => continue,
        };
        // SAFETY: j < nsends + nrecvs <= n.
        unsafe {
            *sc.add(j) = Scase {
                c: rc.ch,
                elem: rc.val,
            };
            *orig.add(j) = i;
        }
    }
    let total = nsends + nrecvs;
    if total == 0 {
        // Only a default case.
        return Pair {
            a: cases
                .iter()
                .position(|c| c.dir != SELECT_SEND && c.dir != SELECT_RECV)
                .unwrap_or(0),
            b: 0,
        };
    }
    let r = unsafe {
        select::selectgo(
            sc,
            order,
            core::ptr::null_mut(),
            nsends as i64,
            nrecvs as i64,
            (!dflt) as u8,
        )
    };
    let chosen = r.a as isize;
    if chosen < 0 {
        let d = cases
            .iter()
            .position(|c| c.dir != SELECT_SEND && c.dir != SELECT_RECV);
        return Pair {
            a: d.map_or(usize::MAX, |d| d),
            b: 0,
        };
    }
    Pair {
        // SAFETY: chosen < total.
        a: unsafe { *orig.add(chosen as usize) },
        b: r.b,
    }
}

// ---- interfaces -------------------------------------------------------------------------------

/// reflect.ifaceE2I: *dst = the non-empty interface `inter` holding `src`'s value (panics with
/// a TypeAssertionError when src's type lacks a method).
///
/// # Safety
/// `inter` is an interface descriptor, `dst` points to two words.
#[unsafe(export_name = "reflect.ifaceE2I")]
pub unsafe extern "C" fn iface_e2i(
    inter: *const InterfaceType,
    typ: *const Type,
    data: usize,
    dst: *mut usize,
) {
    unsafe {
        *dst = iface::assert_e2i(inter, typ) as usize;
        *dst.add(1) = data;
    }
}

/// internal/reflectlite.ifaceE2I.
///
/// # Safety
/// As [`iface_e2i`].
#[unsafe(export_name = "internal/reflectlite.ifaceE2I")]
pub unsafe extern "C" fn lite_iface_e2i(
    inter: *const InterfaceType,
    typ: *const Type,
    data: usize,
    dst: *mut usize,
) {
    unsafe { iface_e2i(inter, typ, data, dst) }
}

// ---- internal/reflectlite ---------------------------------------------------------------------

/// internal/reflectlite.resolveNameOff.
#[unsafe(export_name = "internal/reflectlite.resolveNameOff")]
pub extern "C" fn lite_resolve_name_off(ptr_in_module: usize, off: i32) -> *const u8 {
    symtab::resolve_name_off(ptr_in_module, off)
}

/// internal/reflectlite.resolveTypeOff.
#[unsafe(export_name = "internal/reflectlite.resolveTypeOff")]
pub extern "C" fn lite_resolve_type_off(rtype: usize, off: i32) -> *const Type {
    symtab::resolve_type_off(rtype, off)
}

/// internal/reflectlite.unsafe_New.
///
/// # Safety
/// `typ` is a valid descriptor.
#[unsafe(export_name = "internal/reflectlite.unsafe_New")]
pub unsafe extern "C" fn lite_unsafe_new(typ: *const Type) -> *mut u8 {
    unsafe { mallocgc((*typ).size, typ, true) }
}

/// internal/reflectlite.typedmemmove.
///
/// # Safety
/// As [`typedmemmove`].
#[unsafe(export_name = "internal/reflectlite.typedmemmove")]
pub unsafe extern "C" fn lite_typedmemmove(typ: *const Type, dst: *mut u8, src: *const u8) {
    unsafe { typedmemmove(typ, dst, src) }
}

// ---- internal/runtime/maps (its linknamed runtime hooks) --------------------------------------

/// internal/runtime/maps.fatal: a fatal error (gc's fatal), not recoverable.
#[unsafe(export_name = "internal/runtime/maps.fatal")]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub extern "C" fn maps_fatal(p: *const u8, n: usize) -> ! {
    // SAFETY: a Go string.
    panic::throw(unsafe { core::slice::from_raw_parts(p, n) })
}

/// internal/runtime/maps.rand.
#[unsafe(export_name = "internal/runtime/maps.rand")]
pub extern "C" fn maps_rand() -> u64 {
    crate::alg::rand64()
}

/// internal/runtime/maps.bootstrapRand (gc's runtime.bootstrapRand).
#[unsafe(export_name = "internal/runtime/maps.bootstrapRand")]
pub extern "C" fn maps_bootstrap_rand() -> u64 {
    crate::alg::rand64()
}

/// internal/runtime/maps.typedmemmove.
///
/// # Safety
/// As [`typedmemmove`].
#[unsafe(export_name = "internal/runtime/maps.typedmemmove")]
pub unsafe extern "C" fn maps_typedmemmove(typ: *const Type, dst: *mut u8, src: *const u8) {
    unsafe { typedmemmove(typ, dst, src) }
}

/// internal/runtime/maps.typedmemclr.
///
/// # Safety
/// As [`typedmemclr`].
#[unsafe(export_name = "internal/runtime/maps.typedmemclr")]
pub unsafe extern "C" fn maps_typedmemclr(typ: *const Type, ptr: *mut u8) {
    unsafe { typedmemclr(typ, ptr) }
}

/// internal/runtime/maps.newobject.
///
/// # Safety
/// `typ` is a valid descriptor.
#[unsafe(export_name = "internal/runtime/maps.newobject")]
pub unsafe extern "C" fn maps_newobject(typ: *const Type) -> *mut u8 {
    unsafe { mallocgc((*typ).size, typ, true) }
}

/// internal/runtime/maps.newarray.
///
/// # Safety
/// `typ` is a valid descriptor.
#[unsafe(export_name = "internal/runtime/maps.newarray")]
pub unsafe extern "C" fn maps_newarray(typ: *const Type, n: isize) -> *mut u8 {
    unsafe { newarray(typ, n) }
}

/// internal/runtime/maps.typeString: the type's string (gc's toRType(typ).string()).
///
/// # Safety
/// `typ` is a valid descriptor.
#[unsafe(export_name = "internal/runtime/maps.typeString")]
pub unsafe extern "C" fn maps_type_string(typ: *const Type) -> Str {
    let s = unsafe { (*typ).string() };
    Str {
        ptr: s.as_ptr(),
        len: s.len(),
    }
}
