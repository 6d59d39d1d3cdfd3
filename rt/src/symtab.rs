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
const MD_GOFUNC: usize = 344 / 8;
const MD_NEXT: usize = 560 / 8;
/// gc's abi.FUNCDATA_ArgInfo.
pub const FUNCDATA_ARG_INFO: u8 = 5;

pub fn first_module() -> &'static ModuleData {
    // SAFETY: the linker defines the symbol; it is never written after link time except
    // for fields the runtime itself owns (none yet).
    unsafe { &*core::ptr::addr_of!(FIRSTMODULEDATA) }
}

pub fn modules() -> impl Iterator<Item = &'static ModuleData> {
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
    } else if core::ptr::eq(md, first_module()) {
        p as *const crate::types::Type
    } else {
        // A plugin's descriptor that the host also has: the host's (gc's typemap).
        crate::plugin::typemap(md as *const ModuleData as usize, p) as *const crate::types::Type
    }
}

/// textOff: code address of a TextOff found in the type data at `base` (moduledata.text plus
/// the offset: a single text section). -1 (a method the linker removed) resolves to
/// `runtime.unreachableMethod`, as in gc. In a type reflect made at run time (StructOf with an
/// embedded field's methods) the offsets are reflectOffs ids of the code addresses.
pub fn text_off(base: usize, off: i32) -> usize {
    if off == -1 {
        return crate::iface::unreachable_method as *const () as usize;
    }
    let Some(md) = module_of_type_data(base) else {
        return crate::reflect::reflect_off(off);
    };
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

    /// The line of the function's declaration (`_func.startLine`); 0 for code without Go line
    /// information (the Rust runtime).
    pub fn start_line(&self) -> u32 {
        self.field_u32(36)
    }

    /// gc's funcID (byte 40 of the _func record).
    pub fn func_id(&self) -> u8 {
        // SAFETY: func points to a _func record (44+ bytes) inside pclntable.
        unsafe { *self.func.add(40) }
    }

    /// gc's funcdata(f, i): the funcdata blob `i` inside `go:func.*`, or null when absent.
    /// The _func record is followed by npcdata u32s (byte 28) and then nfuncdata u32 offsets
    /// (byte 43).
    pub fn funcdata(&self, i: u8) -> *const u8 {
        // SAFETY: func points to a _func record; the counts bound the trailing arrays.
        let nfuncdata = unsafe { *self.func.add(43) };
        if i >= nfuncdata {
            return core::ptr::null();
        }
        let npcdata = self.field_u32(28) as usize;
        let off = self.field_u32(44 + 4 * npcdata + 4 * i as usize);
        if off == u32::MAX {
            return core::ptr::null();
        }
        (self.md[MD_GOFUNC] + off as usize) as *const u8
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

/// The function whose `_func` record is at `f` (a `*runtime.Func`), if it is one.
pub fn func_of_record(f: usize) -> Option<FuncInfo> {
    let md = modules().find(|md| {
        let start = md[MD_PCLNTABLE];
        start <= f && f < start + md[MD_PCLNTABLE + 1]
    })?;
    // SAFETY: f lies inside the module's pclntable; word 0 of a _func is its entryOff.
    let entryoff = unsafe { (f as *const u32).read_unaligned() } as usize;
    Some(FuncInfo {
        md,
        func: f as *const u8,
        entry: md[MD_TEXT] + entryoff,
    })
}

/// runtime.callers: stores the return PCs of the current goroutine's Go frames into
/// `buf[..len]`, skipping `skip` of them (0 = the frame that called this function), as gc's
/// `callers`. Compiler-generated wrappers (funcID wrapper) are left out, as gc's tracebackPCs
/// elides them; a `.deferbody` half and its entry count once (the entry is a wrapper).
///
/// # Safety
/// `buf` points to `len` writable words.
#[unsafe(export_name = "runtime.callers")]
#[inline(never)]
pub unsafe extern "C" fn callers(skip: isize, buf: *mut usize, len: isize, _cap: isize) -> isize {
    let fp = crate::panic::current_fp();
    let mut n = 0isize;
    let mut seen = 0isize;
    // The frame visited just before (the callee of the current one).
    let mut callee: &[u8] = b"";
    crate::panic::walk_frames(0, fp, |f, frame| {
        let lookup_pc = frame.lookup_pc;
        let after = core::mem::replace(&mut callee, f.name());
        // The entry half of a function with defers is a wrapper, hidden while its `.deferbody`
        // runs; once that returned, the entry runs the deferred calls through deferreturn and
        // stands for the function (gc shows the function at its exit there).
        let defer_entry = after == b"runtime.deferreturn";
        if f.func_id() == FUNC_ID_WRAPPER && !defer_entry {
            return;
        }
        if f.start_line() == 0 && !gc_runtime_frame(f.name()) {
            return;
        }
        if seen >= skip && n < len {
            // gc stores the symbolisation PC plus one: users (and Frames) subtract one. For a
            // frame that faulted that is the faulting PC + 1, not the address after it.
            // SAFETY: n < len.
            unsafe { *buf.add(n as usize) = lookup_pc + 1 };
            n += 1;
        }
        seen += 1;
    });
    n
}

/// Whether a function of the Rust runtime (code without Go line information) stands for a
/// frame gc's stacks have too: panics run deferred calls from gopanic, faults enter sigpanic,
/// the main goroutine starts in runtime.main and goroutines return to goexit. The runtime's
/// other frames (defer trampolines, deferreturn's loop, Rust helpers) have no gc counterpart,
/// and `runtime.Caller(n)` counts frames as gc does only without them.
fn gc_runtime_frame(name: &[u8]) -> bool {
    matches!(
        name,
        b"runtime.gopanic" | b"runtime.sigpanic" | b"runtime.main" | b"runtime.goexit"
    )
}

/// runtime.findfuncRecord: the `_func` record of the function containing `pc`, or 0.
#[unsafe(export_name = "runtime.findfuncRecord")]
pub extern "C" fn findfunc_record(pc: usize) -> usize {
    find_func(pc).map_or(0, |f| f.func as usize)
}

/// A Go string returned in rax:rdx.
#[repr(C)]
pub struct GoStr {
    pub ptr: *const u8,
    pub len: usize,
}

/// runtime.funcRecordName: the name of the function of a `_func` record, with the
/// `.deferbody` half named as its function (tracebacks print it so too).
#[unsafe(export_name = "runtime.funcRecordName")]
pub extern "C" fn func_record_name(f: usize) -> GoStr {
    let name = func_of_record(f).map_or(&b""[..], |fi| fi.name());
    let name = name.strip_suffix(b".deferbody").unwrap_or(name);
    GoStr {
        ptr: name.as_ptr(),
        len: name.len(),
    }
}

/// runtime.funcRecordEntry: the entry PC of the function of a `_func` record.
#[unsafe(export_name = "runtime.funcRecordEntry")]
pub extern "C" fn func_record_entry(f: usize) -> usize {
    func_of_record(f).map_or(0, |fi| fi.entry)
}

/// runtime.funcRecordFileLine: file and line of `pc` in the function of a `_func` record;
/// the (string, int) result is written through `out` (three words).
///
/// # Safety
/// `out` points to three writable words.
#[unsafe(export_name = "runtime.funcRecordFileLine")]
pub unsafe extern "C" fn func_record_file_line(out: *mut usize, f: usize, pc: usize) {
    let (file, line) = func_of_record(f).map_or((&b""[..], 0), |fi| fi.file_line(pc));
    // SAFETY: out points to three words.
    unsafe {
        *out = file.as_ptr() as usize;
        *out.add(1) = file.len();
        *out.add(2) = line as isize as usize;
    }
}
