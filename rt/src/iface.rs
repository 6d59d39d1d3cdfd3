//! Interfaces: itabs (the compiler's static ones plus a run-time table, built by matching an
//! interface's methods against a type's method table as gc's itabInit does), failed type
//! assertions (gc's TypeAssertionError texts), interface equality, error/Stringer panic values,
//! and panicwrap.

use crate::alg::typeequal;
use crate::panic::{self, current_fp};
use crate::print;
use crate::start::{call_go1r2, getg};
use crate::symtab::{self, resolve_name_off, resolve_type_off, text_off};
use crate::types::{ITab, InterfaceType, Type, name_bytes, name_is_exported, name_pkg_path};
use core::ptr::{addr_of_mut, null, null_mut};

// ---- the itab table ---------------------------------------------------------------------------
//
// Open addressing with quadratic probing over (inter, type), as gc's itabTableType; entries are
// pointers to static itabs (the compiler's, at the tail of .go.type) or to itabs built here in
// persistent memory. A built itab whose fun[0] is 0 records that the type does not implement
// the interface (a cached negative answer).

const ITAB_INIT_SIZE: usize = 512;

struct ItabTable {
    entries: *mut *const ITab,
    size: usize,
    count: usize,
}

static mut TABLE: ItabTable = ItabTable {
    entries: null_mut(),
    size: 0,
    count: 0,
};

fn itab_hash(inter: &InterfaceType, typ: &Type) -> usize {
    (inter.typ.hash ^ typ.hash) as usize
}

fn alloc_entries(n: usize) -> *mut *const ITab {
    crate::malloc::persistent_alloc(n * 8, 8) as *mut *const ITab
}

impl ItabTable {
    fn find(&self, inter: *const InterfaceType, typ: *const Type) -> *const ITab {
        let mask = self.size - 1;
        // SAFETY: both descriptors are compiler-emitted.
        let mut h = unsafe { itab_hash(&*inter, &*typ) } & mask;
        let mut i = 1;
        loop {
            // SAFETY: h <= mask < size.
            let m = unsafe { *self.entries.add(h) };
            if m.is_null() {
                return null();
            }
            // SAFETY: table entries are valid itabs.
            if unsafe { (*m).inter == inter && (*m).typ == typ } {
                return m;
            }
            h = (h + i) & mask;
            i += 1;
        }
    }

    /// Inserts `m` unless an itab for the same pair is already present.
    fn add(&mut self, m: *const ITab) {
        let mask = self.size - 1;
        // SAFETY: m is a valid itab.
        let (inter, typ) = unsafe { ((*m).inter, (*m).typ) };
        // SAFETY: itab fields point to compiler-emitted descriptors.
        let mut h = unsafe { itab_hash(&*inter, &*typ) } & mask;
        let mut i = 1;
        loop {
            // SAFETY: h <= mask < size.
            let slot = unsafe { self.entries.add(h) };
            // SAFETY: slot is inside the table.
            let cur = unsafe { *slot };
            if cur.is_null() {
                // SAFETY: as above.
                unsafe { *slot = m };
                self.count += 1;
                return;
            }
            // SAFETY: table entries are valid itabs.
            if unsafe { (*cur).inter == inter && (*cur).typ == typ } {
                return;
            }
            h = (h + i) & mask;
            i += 1;
        }
    }

    /// itabAdd: grows the table at 75% load, then inserts.
    fn insert(&mut self, m: *const ITab) {
        if self.count >= 3 * (self.size / 4) {
            let old = self.entries;
            let old_size = self.size;
            self.size *= 2;
            self.count = 0;
            self.entries = alloc_entries(self.size);
            for k in 0..old_size {
                // SAFETY: k < old_size.
                let e = unsafe { *old.add(k) };
                if !e.is_null() {
                    self.add(e);
                }
            }
        }
        self.add(m);
    }
}

/// The table, created on first use with every module's static itabs (gc's itabsinit).
fn table() -> &'static mut ItabTable {
    // SAFETY: single-threaded runtime (a lock goes here with threads); the table is only reached
    // through this function.
    let t = unsafe { &mut *addr_of_mut!(TABLE) };
    if t.entries.is_null() {
        t.size = ITAB_INIT_SIZE;
        t.entries = alloc_entries(ITAB_INIT_SIZE);
        for (start, end) in symtab::itab_areas() {
            let mut p = start;
            while p + 32 <= end {
                let m = p as *const ITab;
                // SAFETY: the linker placed compiler-emitted itabs back to back in [start, end).
                let inter = unsafe { (*m).inter };
                if inter.is_null() || unsafe { (*m).typ }.is_null() {
                    break;
                }
                t.insert(m);
                // SAFETY: inter is an interface descriptor.
                p += ITab::size_for(unsafe { &*inter });
            }
        }
    }
    t
}

/// gc's itabInit: fills `m.fun` with the code of the type's methods in interface order, both
/// method lists being sorted the same way (a linear merge). Returns the name of the first
/// interface method the type lacks, leaving fun[0] = 0. With `first == false` nothing is
/// written (used to recover the missing name from a cached negative itab).
///
/// # Safety
/// m points to a writable itab with room for the interface's methods.
unsafe fn itab_init(m: *mut ITab, first: bool) -> Option<&'static [u8]> {
    // SAFETY: forwarded contract; the descriptors are compiler-emitted.
    let (inter, typ) = unsafe { (&*(*m).inter, &*(*m).typ) };
    let fun = unsafe { addr_of_mut!((*m).fun) } as *mut usize;
    let ibase = inter as *const InterfaceType as usize;
    let tbase = typ as *const Type as usize;
    let imethods = inter.methods();
    let Some(x) = typ.uncommon() else {
        return imethods
            .first()
            .map(|im| name_bytes(resolve_name_off(ibase, im.name)));
    };
    let tmethods = x.methods();
    let tpkg_default = name_bytes(resolve_name_off(x as *const _ as usize, x.pkg_path));
    let ipkg_default = name_bytes(inter.pkg_path);
    let mut fun0 = 0;
    let mut j = 0;
    'imethods: for (k, im) in imethods.iter().enumerate() {
        let itype = resolve_type_off(ibase, im.typ);
        let iname_p = resolve_name_off(ibase, im.name);
        let iname = name_bytes(iname_p);
        let mut ipkg = name_pkg_path(iname_p);
        if ipkg.is_empty() {
            ipkg = ipkg_default;
        }
        while j < tmethods.len() {
            let t = &tmethods[j];
            let tname_p = resolve_name_off(tbase, t.name);
            if resolve_type_off(tbase, t.mtyp) == itype && name_bytes(tname_p) == iname {
                let mut tpkg = name_pkg_path(tname_p);
                if tpkg.is_empty() {
                    tpkg = tpkg_default;
                }
                if name_is_exported(tname_p) || tpkg == ipkg {
                    let ifn = text_off(tbase, t.ifn);
                    if k == 0 {
                        fun0 = ifn;
                    } else if first {
                        // SAFETY: the itab has room for every interface method.
                        unsafe { *fun.add(k) = ifn };
                    }
                    continue 'imethods;
                }
            }
            j += 1;
        }
        return Some(iname);
    }
    if first {
        // SAFETY: fun[0] always exists.
        unsafe { *fun = fun0 };
    }
    None
}

/// gc's getitab.
fn get_itab(inter: &'static InterfaceType, typ: &'static Type, canfail: bool) -> *const ITab {
    let imethods = inter.methods();
    let Some(first) = imethods.first() else {
        panic::throw(b"internal error - misuse of itab")
    };
    if typ.uncommon().is_none() {
        if canfail {
            return null();
        }
        let name = name_bytes(resolve_name_off(inter as *const _ as usize, first.name));
        type_assertion_error(null(), typ, &inter.typ, name)
    }
    let t = table();
    let mut m = t.find(inter, typ);
    if m.is_null() {
        let p = crate::malloc::persistent_alloc(ITab::size_for(inter), 8) as *mut ITab;
        // SAFETY: fresh zeroed memory of the itab's size.
        unsafe {
            (*p).inter = inter;
            (*p).typ = typ;
            // gc writes 0 here (run-time itabs never take part in type switches); the type's
            // hash is kept so that generated code may read either kind of itab alike.
            (*p).hash = typ.hash;
            itab_init(p, true);
        }
        t.insert(p);
        m = p;
    }
    // SAFETY: m is a valid itab.
    if unsafe { (*m).fun[0] } != 0 {
        return m;
    }
    if canfail {
        return null();
    }
    // A cached negative itab: compute the missing method's name again.
    // SAFETY: with first == false nothing is written.
    let missing = unsafe { itab_init(m as *mut ITab, false) }.unwrap_or(b"");
    type_assertion_error(null(), typ, &inter.typ, missing)
}

/// Panics with gc's `*runtime.TypeAssertionError` text (a runtime.Error without the
/// `runtime error: ` prefix).
fn type_assertion_error(
    iface: *const Type,
    concrete: *const Type,
    asserted: &Type,
    missing: &[u8],
) -> ! {
    // SAFETY: non-null descriptors are compiler-emitted.
    let inter: &[u8] = match unsafe { iface.as_ref() } {
        Some(t) => t.string(),
        None => b"interface",
    };
    let as_ = asserted.string();
    // SAFETY: as above.
    let Some(c) = (unsafe { concrete.as_ref() }) else {
        panic::plain_panic_parts(&[b"interface conversion: ", inter, b" is nil, not ", as_])
    };
    let cs = c.string();
    if !missing.is_empty() {
        panic::plain_panic_parts(&[
            b"interface conversion: ",
            cs,
            b" is not ",
            as_,
            b": missing method ",
            missing,
        ])
    }
    let suffix: &[u8] = if cs != as_ {
        b""
    } else if c.pkg_path() != asserted.pkg_path() {
        b" (types from different packages)"
    } else {
        b" (types from different scopes)"
    };
    panic::plain_panic_parts(&[
        b"interface conversion: ",
        inter,
        b" is ",
        cs,
        b", not ",
        as_,
        suffix,
    ])
}

/// getitab(inter, typ, canfail): the itab for a non-empty interface and a concrete type; null
/// (canfail) or a TypeAssertionError panic when the type lacks a method.
///
/// # Safety
/// inter and typ are compiler-emitted descriptors (typ non-null).
#[unsafe(export_name = "runtime.getitab")]
pub unsafe extern "C" fn getitab(
    inter: *const InterfaceType,
    typ: *const Type,
    canfail: u8,
) -> *const ITab {
    unsafe { get_itab(&*inter, &*typ, canfail != 0) }
}

/// x.(I) for an empty-interface operand with dynamic type `typ` (null: nil interface).
///
/// # Safety
/// inter is an interface descriptor; typ null or a type descriptor.
#[unsafe(export_name = "runtime.assertE2I")]
pub unsafe extern "C" fn assert_e2i(inter: *const InterfaceType, typ: *const Type) -> *const ITab {
    let inter = unsafe { &*inter };
    match unsafe { typ.as_ref() } {
        Some(t) => get_itab(inter, t, false),
        None => type_assertion_error(null(), null(), &inter.typ, b""),
    }
}

/// v, ok := x.(I): null when x is nil or its type does not implement I.
///
/// # Safety
/// As assertE2I.
#[unsafe(export_name = "runtime.assertE2I2")]
pub unsafe extern "C" fn assert_e2i2(inter: *const InterfaceType, typ: *const Type) -> *const ITab {
    match unsafe { typ.as_ref() } {
        Some(t) => get_itab(unsafe { &*inter }, t, true),
        None => null(),
    }
}

/// A failed e.(T): have = dynamic type (null for nil), want = T, iface = e's static type.
///
/// # Safety
/// Descriptors are compiler-emitted; want and iface non-null.
#[unsafe(export_name = "runtime.panicdottypeE")]
pub unsafe extern "C" fn panicdottype_e(have: *const Type, want: *const Type, iface: *const Type) {
    type_assertion_error(iface, have, unsafe { &*want }, b"")
}

/// A failed i.(T) on a non-empty interface: have is the dynamic itab (null for nil).
///
/// # Safety
/// As panicdottypeE; have null or an itab.
#[unsafe(export_name = "runtime.panicdottypeI")]
pub unsafe extern "C" fn panicdottype_i(have: *const ITab, want: *const Type, iface: *const Type) {
    let t = match unsafe { have.as_ref() } {
        Some(m) => m.typ,
        None => null(),
    };
    type_assertion_error(iface, t, unsafe { &*want }, b"")
}

/// i.(T) on a nil interface: `interface conversion: interface is nil, not T`.
///
/// # Safety
/// want is a type descriptor.
#[unsafe(export_name = "runtime.panicnildottype")]
pub unsafe extern "C" fn panicnildottype(want: *const Type) {
    type_assertion_error(null(), null(), unsafe { &*want }, b"")
}

// ---- interface equality -------------------------------------------------------------------

fn data_equal(t: &Type, x: usize, y: usize) -> bool {
    if !t.comparable() {
        panic::runtime_error_parts(&[b"comparing uncomparable type ", t.string()])
    }
    if t.is_direct_iface() {
        return x == y;
    }
    // SAFETY: for indirect types the data words point to values of type t.
    unsafe { typeequal(t, x as *const u8, y as *const u8) }
}

/// Equality of two empty interfaces already known to have the same dynamic type `t`; x and y
/// are the data words.
///
/// # Safety
/// t null or a type descriptor; x, y data words of values of type t.
#[unsafe(export_name = "runtime.efaceeq")]
pub unsafe extern "C" fn efaceeq(t: *const Type, x: usize, y: usize) -> u8 {
    match unsafe { t.as_ref() } {
        Some(t) => data_equal(t, x, y) as u8,
        None => 1,
    }
}

/// As efaceeq for non-empty interfaces sharing the itab `tab`.
///
/// # Safety
/// tab null or an itab; x, y data words of values of its type.
#[unsafe(export_name = "runtime.ifaceeq")]
pub unsafe extern "C" fn ifaceeq(tab: *const ITab, x: usize, y: usize) -> u8 {
    match unsafe { tab.as_ref() } {
        Some(m) => data_equal(unsafe { &*m.typ }, x, y) as u8,
        None => 1,
    }
}

// ---- panic values -------------------------------------------------------------------------

/// gc's preprintpanics: when the dynamic type has `Error() string` (checked first) or
/// `String() string` in its method set, calls it on the value and returns the text.
///
/// # Safety
/// (typ, data) is a valid eface.
pub unsafe fn panic_value_text(typ: *const Type, data: *const u8) -> Option<&'static [u8]> {
    // SAFETY: non-null typ is a compiler-emitted descriptor.
    let t = unsafe { typ.as_ref() }?;
    let u = t.uncommon()?;
    let base = t as *const Type as usize;
    let methods = u.methods();
    let exported = &methods[..(u.xcount as usize).min(methods.len())];
    for want in [&b"Error"[..], b"String"] {
        let Some(m) = exported
            .iter()
            .find(|m| name_bytes(resolve_name_off(base, m.name)) == want)
        else {
            continue;
        };
        let mt = resolve_type_off(base, m.mtyp);
        // SAFETY: non-null mtyp is a func descriptor.
        if m.ifn == -1 || mt.is_null() || unsafe { (*mt).string() } != b"func() string" {
            continue;
        }
        let code = text_off(base, m.ifn);
        // SAFETY: Ifn takes the interface data word as its receiver and returns a string.
        let r = unsafe { call_go1r2(code, 0, data as usize, getg()) };
        // SAFETY: (ptr, len) is the Go string the method returned.
        return Some(unsafe { print::raw(r.r0 as *const u8, r.r1) });
    }
    None
}

// ---- wrappers -----------------------------------------------------------------------------

fn index_of(s: &[u8], c: u8) -> Option<usize> {
    s.iter().position(|&b| b == c)
}

/// Called by a compiler-generated `pkg.(*T).M` wrapper of a value method when the pointer is
/// nil: `value method pkg.T.M called using nil *T pointer` (a plainError), the names taken from
/// the wrapper's own function name, as gc does.
#[unsafe(export_name = "runtime.panicwrap")]
#[inline(never)]
pub extern "C" fn panicwrap() -> ! {
    let fp = current_fp();
    // SAFETY: with frame pointers, [rbp + 8] is this function's return address.
    let ret = unsafe { *((fp + 8) as *const usize) };
    let name = symtab::find_func(ret.wrapping_sub(1)).map_or(&b"?"[..], |f| f.name());
    let Some(i) = index_of(name, b'(').filter(|&i| i >= 1) else {
        panic::throw_parts(&[b"panicwrap: no ( in ", name])
    };
    let pkg = &name[..i - 1];
    if i + 2 >= name.len() || &name[i - 1..i + 2] != b".(*" {
        panic::throw_parts(&[b"panicwrap: unexpected string after package name: ", name])
    }
    let rest = &name[i + 2..];
    let Some(j) = index_of(rest, b')') else {
        panic::throw_parts(&[b"panicwrap: no ) in ", rest])
    };
    if j + 2 >= rest.len() || &rest[j..j + 2] != b")." {
        panic::throw_parts(&[b"panicwrap: unexpected string after type name: ", rest])
    }
    let typ = &rest[..j];
    let meth = &rest[j + 2..];
    panic::plain_panic_parts(&[
        b"value method ",
        pkg,
        b".",
        typ,
        b".",
        meth,
        b" called using nil *",
        typ,
        b" pointer",
    ])
}

/// Target of method TextOffs the linker resolved to -1 (gc's runtime.unreachableMethod).
#[unsafe(export_name = "runtime.unreachableMethod")]
pub extern "C" fn unreachable_method() -> ! {
    panic::throw(b"unreachable method called. linker bug?")
}
