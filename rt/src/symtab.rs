//! moduledata and pclntab readers (reference §6, §7): name/type offset resolution, PC → function,
//! PC → file:line. The linker builds `runtime.firstmoduledata` in gc's 568-byte layout.

/// moduledata as 71 words; field word indices below follow reference §6.
pub type ModuleData = [usize; 71];

unsafe extern "C" {
    #[link_name = "runtime.firstmoduledata"]
    static FIRSTMODULEDATA: ModuleData;
}

const MD_FUNCNAMETAB: usize = 1; // byte offset 8
const MD_CUTAB: usize = 32 / 8;
const MD_FILETAB: usize = 56 / 8;
const MD_PCTAB: usize = 80 / 8;
const MD_PCLNTABLE: usize = 104 / 8;
const MD_FTAB: usize = 128 / 8;
const MD_FTAB_LEN: usize = 136 / 8;
const MD_MINPC: usize = 160 / 8;
const MD_MAXPC: usize = 168 / 8;
const MD_TEXT: usize = 176 / 8;
const MD_TYPES: usize = 296 / 8;
const MD_ETYPES: usize = 312 / 8;
const MD_TYPEDESCLEN: usize = 304 / 8;
const MD_ITABOFFSET: usize = 320 / 8;
const MD_ITABSIZE: usize = 328 / 8;
pub const MD_INITTASKS: usize = 448 / 8;
pub const MD_INITTASKS_LEN: usize = 456 / 8;
const MD_NEXT: usize = 560 / 8;

pub fn first_module() -> &'static ModuleData {
    // SAFETY: the linker defines the symbol; it is never written after link time except
    // for fields the runtime itself owns (none yet).
    unsafe { &*core::ptr::addr_of!(FIRSTMODULEDATA) }
}

fn modules() -> impl Iterator<Item = &'static ModuleData> {
    let mut cur: *const ModuleData = first_module();
    core::iter::from_fn(move || {
        if cur.is_null() {
            return None;
        }
        // SAFETY: cur is firstmoduledata or a `next` link written by the linker/loader.
        let md = unsafe { &*cur };
        cur = md[MD_NEXT] as *const ModuleData;
        Some(md)
    })
}

/// resolveNameOff: `base` is the address of the structure holding the offset. A structure
/// outside every module's type data was made by reflect at run time, and its offsets are ids
/// from `reflect.addReflectOff` (gc's reflectOffs).
pub fn resolve_name_off(base: usize, off: i32) -> *const u8 {
    if off == 0 {
        return core::ptr::null();
    }
    let Some(md) = module_of_type_data(base) else {
        return crate::reflect::reflect_off(off) as *const u8;
    };
    let p = md[MD_TYPES].wrapping_add(off as isize as usize);
    if p >= md[MD_ETYPES] {
        core::ptr::null()
    } else {
        p as *const u8
    }
}

/// The module whose type data contains `base`.
fn module_of_type_data(base: usize) -> Option<&'static ModuleData> {
    modules().find(|md| md[MD_TYPES] <= base && base < md[MD_ETYPES])
}

/// resolveTypeOff: `base` is the address of the structure holding the offset. The sentinels 0
/// and -1 (a method type removed by the linker) resolve to null, as in gc; offsets in
/// structures reflect made are reflectOffs ids.
pub fn resolve_type_off(base: usize, off: i32) -> *const crate::types::Type {
    if off == 0 || off == -1 {
        return core::ptr::null();
    }
    let Some(md) = module_of_type_data(base) else {
        return crate::reflect::reflect_off(off) as *const crate::types::Type;
    };
    let p = md[MD_TYPES].wrapping_add(off as isize as usize);
    if p >= md[MD_ETYPES] {
        core::ptr::null()
    } else {
        p as *const crate::types::Type
    }
}

/// textOff: code address of a TextOff found in the type data at `base` (moduledata.text plus
/// the offset: a single text section). -1 (a method the linker removed) resolves to
/// `runtime.unreachableMethod`, as in gc.
pub fn text_off(base: usize, off: i32) -> usize {
    if off == -1 {
        return crate::iface::unreachable_method as *const () as usize;
    }
    let md = module_of_type_data(base).unwrap_or_else(first_module);
    md[MD_TEXT].wrapping_add(off as u32 as usize)
}

/// The compiler-emitted itabs of every module: (start, end) of the area at the tail of
/// `.go.type` (moduledata.types + itaboffset, itabsize bytes).
pub fn itab_areas() -> impl Iterator<Item = (usize, usize)> {
    modules().map(|md| {
        let start = md[MD_TYPES] + md[MD_ITABOFFSET];
        (start, start + md[MD_ITABSIZE])
    })
}

/// The typelink descriptors of the first module: (start, end) of the prefix of `.go.type`
/// holding them, sorted by type string (moduledata.types + 8 up to types + typedesclen).
pub fn typelink_area() -> (usize, usize) {
    let md = first_module();
    let start = md[MD_TYPES];
    (start + 8, start + md[MD_TYPEDESCLEN])
}

/// A function found in the pclntab.
#[derive(Clone, Copy)]
pub struct FuncInfo {
    md: &'static ModuleData,
    func: *const u8,
    pub entry: usize,
}

impl FuncInfo {
    #[inline]
    fn field_u32(&self, off: usize) -> u32 {
        // SAFETY: func points to a _func record (44+ bytes) inside pclntable.
        unsafe { (self.func.add(off) as *const u32).read_unaligned() }
    }

    /// gc's funcID (byte 40 of the _func record).
    pub fn func_id(&self) -> u8 {
        // SAFETY: func points to a _func record (44+ bytes) inside pclntable.
        unsafe { *self.func.add(40) }
    }

    pub fn name(&self) -> &'static [u8] {
        let off = self.field_u32(4) as usize;
        let tab = self.md[MD_FUNCNAMETAB] as *const u8;
        let len = self.md[MD_FUNCNAMETAB + 1];
        if off >= len {
            return b"?";
        }
        // SAFETY: NUL-terminated string inside funcnametab.
        unsafe {
            let start = tab.add(off);
            let mut n = 0;
            while off + n < len && *start.add(n) != 0 {
                n += 1;
            }
            core::slice::from_raw_parts(start, n)
        }
    }

    /// Value of a pcvalue table at `pc`, or None when absent.
    fn pcvalue(&self, table_off: u32, pc: usize) -> Option<i32> {
        if table_off == 0 {
            return None;
        }
        let tab = self.md[MD_PCTAB] as *const u8;
        let len = self.md[MD_PCTAB + 1];
        let mut i = table_off as usize;
        let mut val: i32 = -1;
        let mut cur = self.entry;
        let mut first = true;
        let read_uvarint = |i: &mut usize| -> Option<u32> {
            let mut v: u32 = 0;
            let mut shift = 0;
            loop {
                if *i >= len {
                    return None;
                }
                // SAFETY: i < len.
                let b = unsafe { *tab.add(*i) };
                *i += 1;
                v |= ((b & 0x7f) as u32) << shift;
                if b & 0x80 == 0 {
                    return Some(v);
                }
                shift += 7;
                if shift > 28 {
                    return None;
                }
            }
        };
        loop {
            let uv = read_uvarint(&mut i)?;
            if uv == 0 && !first {
                return None;
            }
            first = false;
            val = val.wrapping_add(((uv >> 1) as i32) ^ -((uv & 1) as i32));
            let pcdelta = read_uvarint(&mut i)? as usize;
            cur += pcdelta;
            if pc < cur {
                return Some(val);
            }
        }
    }

    /// File and line for `pc` (use a PC inside the instruction of interest).
    pub fn file_line(&self, pc: usize) -> (&'static [u8], i32) {
        let line = self.pcvalue(self.field_u32(24), pc).unwrap_or(0);
        let file = self
            .pcvalue(self.field_u32(20), pc)
            .and_then(|fileno| {
                let cu = self.field_u32(32) as usize + fileno as usize;
                if cu >= self.md[MD_CUTAB + 1] {
                    return None;
                }
                // SAFETY: index checked against the cutab length.
                let off = unsafe { *(self.md[MD_CUTAB] as *const u32).add(cu) } as usize;
                let ftab = self.md[MD_FILETAB] as *const u8;
                let flen = self.md[MD_FILETAB + 1];
                if off >= flen {
                    return None;
                }
                // SAFETY: NUL-terminated path inside filetab.
                unsafe {
                    let start = ftab.add(off);
                    let mut n = 0;
                    while off + n < flen && *start.add(n) != 0 {
                        n += 1;
                    }
                    Some(core::slice::from_raw_parts(start, n))
                }
            })
            .unwrap_or(b"?");
        (file, line)
    }
}

/// findfunc: the function whose code contains `pc`.
pub fn find_func(pc: usize) -> Option<FuncInfo> {
    let md = modules().find(|md| md[MD_MINPC] <= pc && pc < md[MD_MAXPC])?;
    let n = md[MD_FTAB_LEN];
    if n < 2 {
        return None;
    }
    let ftab = md[MD_FTAB] as *const [u32; 2];
    let text = md[MD_TEXT];
    let rel = pc - text;
    // Binary search for the last entry with entryoff <= rel among the n-1 real functions.
    let (mut lo, mut hi) = (0usize, n - 1);
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        // SAFETY: mid < n.
        if unsafe { (*ftab.add(mid))[0] } as usize <= rel {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    // SAFETY: lo < n - 1.
    let [entryoff, funcoff] = unsafe { *ftab.add(lo) };
    if entryoff as usize > rel {
        return None;
    }
    let func = (md[MD_PCLNTABLE] + funcoff as usize) as *const u8;
    Some(FuncInfo {
        md,
        func,
        entry: text + entryoff as usize,
    })
}

/// gc's funcID of wrapper functions (method wrappers, `-fm`, defer/go thunks).
pub const FUNC_ID_WRAPPER: u8 = 23;

/// Whether `pc` lies in a compiler-generated wrapper function (funcID wrapper), which
/// tracebacks hide and `recover` looks through.
pub fn is_wrapper_pc(pc: usize) -> bool {
    find_func(pc.wrapping_sub(1)).is_some_and(|f| f.func_id() == FUNC_ID_WRAPPER)
}

// ---- runtime.Callers, runtime.FuncForPC (overlay/runtime/symtab.go) ----------------------------

/// `runtime.callers(skip, pcs, n) int`: return addresses of the calling goroutine's Go frames,
/// frame 0 being the function that called `callers`; wrapper frames (funcID wrapper: the entry
/// halves of functions with defers, `-fm`, `gowrap`/`deferwrap` thunks) are left out, as gc's
/// tracebackPCs does. Stores at most `n` after skipping `skip`; returns how many it stored.
///
/// # Safety
/// `pcs` points to `n` writable words.
#[unsafe(export_name = "runtime.callers")]
#[inline(never)]
pub unsafe extern "C" fn callers(skip: isize, pcs: *mut usize, n: isize) -> isize {
    let g = crate::start::getg();
    let (lo, hi) = if g.is_null() {
        (0, usize::MAX)
    } else {
        ((*g).stack.lo, (*g).stack.hi)
    };
    let mut fp = crate::panic::current_fp();
    let mut skip = skip.max(0);
    let mut stored = 0;
    while fp != 0 && fp >= lo && fp < hi && fp.is_multiple_of(8) && stored < n {
        let (next, ret) = (*(fp as *const usize), *((fp + 8) as *const usize));
        if ret == 0 {
            break;
        }
        if let Some(f) = find_func(ret - 1)
            && f.func_id() != FUNC_ID_WRAPPER
            && f.name().contains(&b'.')
            && f.name().first() != Some(&b'_')
        {
            if skip > 0 {
                skip -= 1;
            } else {
                *pcs.add(stored as usize) = ret;
                stored += 1;
            }
        }
        if next <= fp {
            break;
        }
        fp = next;
    }
    stored
}

/// A function's name as Go sees it: the body half of a function with defers is named after
/// the function (`main.f.deferbody` → `main.f`).
fn go_name(f: &FuncInfo) -> &'static [u8] {
    let name = f.name();
    name.strip_suffix(b".deferbody").unwrap_or(name)
}

fn go_string(s: &'static [u8]) -> crate::strings::GoString {
    crate::strings::GoString {
        ptr: s.as_ptr(),
        len: s.len(),
    }
}

const NO_STRING: crate::strings::GoString = crate::strings::GoString {
    ptr: core::ptr::null(),
    len: 0,
};

/// `runtime.funcname(pc) string`: the name of the function containing pc ("" if none).
#[unsafe(export_name = "runtime.funcname")]
pub extern "C" fn funcname(pc: usize) -> crate::strings::GoString {
    match find_func(pc) {
        Some(f) => go_string(go_name(&f)),
        None => NO_STRING,
    }
}

/// `runtime.funcfile(pc) string`: the source file of the instruction at pc.
#[unsafe(export_name = "runtime.funcfile")]
pub extern "C" fn funcfile(pc: usize) -> crate::strings::GoString {
    match find_func(pc) {
        Some(f) => go_string(f.file_line(pc).0),
        None => NO_STRING,
    }
}

/// `runtime.funcline(pc) int`: the source line of the instruction at pc.
#[unsafe(export_name = "runtime.funcline")]
pub extern "C" fn funcline(pc: usize) -> isize {
    match find_func(pc) {
        Some(f) => f.file_line(pc).1 as isize,
        None => 0,
    }
}

/// `runtime.funcentry(pc) uintptr`: the entry of the function containing pc, 0 if none.
#[unsafe(export_name = "runtime.funcentry")]
pub extern "C" fn funcentry(pc: usize) -> usize {
    find_func(pc).map_or(0, |f| f.entry)
}
