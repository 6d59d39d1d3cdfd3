//! The runtime side of package reflect (rgo's overlay/reflect): the body-less functions reflect
//! declares, exported under gc's names (`reflect.resolveNameOff`, ...) as gc's runtime provides
//! them through linkname, plus `reflect.typelinkArea`, rgo's narrower stand-in for gc's
//! `compiledTypelinks` (the overlay walks the descriptors itself).
//!
//! reflectOffs: types that reflect builds at run time (FuncOf, PointerTo...) live in the heap,
//! so their name and type offsets cannot be relative to a module's type data. As in gc, reflect
//! registers such pointers with `addReflectOff` and stores the returned id (-1, -2, ...) as the
//! offset; the resolvers map an offset found in a structure outside every module back through
//! this table.

use crate::malloc::{mallocgc, persistent_alloc};
use crate::symtab;
use crate::types::Type;

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

/// Two machine words, returned in rax:rdx.
#[repr(C)]
pub struct Words2 {
    pub a: usize,
    pub b: usize,
}

/// reflect.typelinkArea: where the first module's typelink descriptors start and end.
#[unsafe(export_name = "reflect.typelinkArea")]
pub extern "C" fn typelink_area() -> Words2 {
    let (a, b) = symtab::typelink_area();
    Words2 { a, b }
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
