//! rgo's plugin loader: what `dlopen` and the C dynamic linker do for gc's plugins, done by
//! the runtime of a static, libc-free executable (docs/plugin.md).
//!
//! gc's `plugin.Open` calls `dlopen`, which maps the shared object, binds its symbols (the
//! host's preempt the plugin's), and runs its ELF initialisers, one of which is
//! `runtime.addmoduledata`: it appends the plugin's moduledata to the module list. Then
//! `plugin.lastmoduleinit` (runtime/plugin.go, overlay/runtime/plugin.go here) checks and
//! initialises that last module. This file is the first half, with no foreign code run:
//!
//! 1. [`plugin_realpath`]: the canonical path (`open` + `readlink /proc/self/fd/N`), which
//!    keys the plugin package's table of opened plugins.
//! 2. [`plugin_load`]: map the file read-only; check it is an x86-64 `ET_DYN` with rgo's
//!    `.rgo.plugin` table (linker/src/plugin.rs); reserve its whole image (`.text` to the end
//!    of `.noptrbss`) below 2 GiB so 32-bit PC-relative references to the host still reach;
//!    copy each `PT_LOAD` segment; patch every recorded place, binding symbols to the host's
//!    table `go:rgo.hostsyms` first and to the plugin's own definitions second; write-protect
//!    text and read-only data; and [`addmoduledata`].
//! 3. [`plugin_sym`]: a symbol's run-time address, from the plugin's `.symtab` (what `dlsym`
//!    reads from `.dynsym`).

use crate::symtab::ModuleData;
use crate::sys;

const SYS_CLOSE: usize = 3;
const SYS_LSEEK: usize = 8;
const SYS_READLINK: usize = 89;
const SYS_OPENAT: usize = 257;
const AT_FDCWD: isize = -100;
const O_CLOEXEC: usize = 0o2000000;
const MAP_FIXED_NOREPLACE: usize = 0x100000;
const PT_LOAD: u32 = 1;
const PF_X: u32 = 1;
const PF_W: u32 = 2;
const SHT_SYMTAB: u32 = 2;
/// moduledata.next (reference §6).
const MD_NEXT: usize = 560 / 8;

// The host's symbol table, or 0 in a program the linker gave none (one that does not
// import package plugin): a weak reference, as rgo_cpu_initialize in start.rs.
core::arch::global_asm!(
    ".weak \"go:rgo.hostsyms\"",
    ".pushsection .rodata.rgo_hostsyms,\"a\",@progbits",
    ".p2align 3",
    ".globl rgo_hostsyms",
    "rgo_hostsyms:",
    ".quad \"go:rgo.hostsyms\"",
    ".popsection",
);

unsafe extern "C" {
    static rgo_hostsyms: usize;
}

/// One loaded plugin: its file (mapped for good; `.symtab` is read from it) and load delta.
#[derive(Clone, Copy)]
struct Loaded {
    file: *const u8,
    file_len: usize,
    delta: usize,
    md: usize,
    /// gc's moduledata.typemap: (plugin descriptor, host descriptor) pairs sorted by the
    /// first, for every type the host has too.
    typemap: *const [usize; 2],
    ntypemap: usize,
}

const MAX_PLUGINS: usize = 64;
static mut PLUGINS: [Loaded; MAX_PLUGINS] = [Loaded {
    file: core::ptr::null(),
    file_len: 0,
    delta: 0,
    md: 0,
    typemap: core::ptr::null(),
    ntypemap: 0,
}; MAX_PLUGINS];
static mut NPLUGINS: usize = 0;

/// A path as a NUL-terminated C string in `buf`, or None if it does not fit or holds a NUL.
fn c_path<'b>(p: &[u8], buf: &'b mut [u8; 4096]) -> Option<&'b [u8]> {
    if p.len() >= buf.len() || p.contains(&0) {
        return None;
    }
    buf[..p.len()].copy_from_slice(p);
    buf[p.len()] = 0;
    Some(&buf[..=p.len()])
}

fn open_read(path: &[u8]) -> Option<usize> {
    let mut b = [0u8; 4096];
    let c = c_path(path, &mut b)?;
    // SAFETY: c is NUL-terminated.
    let fd = unsafe {
        sys::syscall6(
            SYS_OPENAT,
            AT_FDCWD as usize,
            c.as_ptr() as usize,
            O_CLOEXEC,
            0,
            0,
            0,
        )
    };
    (fd >= 0).then_some(fd as usize)
}

fn close(fd: usize) {
    // SAFETY: fd is a descriptor this file opened.
    unsafe { sys::syscall3(SYS_CLOSE, fd, 0, 0) };
}

/// runtime.pluginRealpath: writes the canonical absolute path of `name` into `buf`; returns its
/// length, or -1 when the file cannot be opened (gc's `realpath failed`).
///
/// # Safety
/// `name` and `buf` describe valid byte ranges.
#[unsafe(export_name = "runtime.pluginRealpath")]
pub unsafe extern "C" fn plugin_realpath(
    name: *const u8,
    name_len: usize,
    buf: *mut u8,
    buf_len: usize,
    _buf_cap: usize,
) -> isize {
    // SAFETY: the caller passes a Go string.
    let name = unsafe { core::slice::from_raw_parts(name, name_len) };
    let Some(fd) = open_read(name) else {
        return -1;
    };
    let mut link = *b"/proc/self/fd/\0\0\0\0\0\0\0\0\0\0\0";
    let mut digits = [0u8; 20];
    let (mut n, mut v) = (0, fd);
    loop {
        digits[n] = b'0' + (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for i in 0..n {
        link[14 + i] = digits[n - 1 - i];
    }
    // SAFETY: link is NUL-terminated; buf has buf_len writable bytes.
    let r = unsafe { sys::syscall3(SYS_READLINK, link.as_ptr() as usize, buf as usize, buf_len) };
    close(fd);
    if r <= 0 || r as usize >= buf_len {
        -1
    } else {
        r
    }
}

fn rd_u16(b: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(o..o + 2)?.try_into().ok()?))
}
fn rd_u32(b: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(o..o + 4)?.try_into().ok()?))
}
fn rd_u64(b: &[u8], o: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(o..o + 8)?.try_into().ok()?))
}

/// The section header fields rgo uses: (type, offset, size, link) of section `i`.
fn section(f: &[u8], i: usize) -> Option<(u32, usize, usize, u32)> {
    let shoff = rd_u64(f, 0x28)? as usize;
    let sh = shoff.checked_add(i.checked_mul(64)?)?;
    Some((
        rd_u32(f, sh + 4)?,
        rd_u64(f, sh + 24)? as usize,
        rd_u64(f, sh + 32)? as usize,
        rd_u32(f, sh + 40)?,
    ))
}

/// The contents of the section named `want`.
fn section_named<'f>(f: &'f [u8], want: &[u8]) -> Option<&'f [u8]> {
    let shnum = rd_u16(f, 0x3c)? as usize;
    let shstrndx = rd_u16(f, 0x3e)? as usize;
    let (_, stroff, strsize, _) = section(f, shstrndx)?;
    let strs = f.get(stroff..stroff.checked_add(strsize)?)?;
    let shoff = rd_u64(f, 0x28)? as usize;
    for i in 0..shnum {
        let name = rd_u32(f, shoff + i * 64)? as usize;
        let n = strs.get(name..)?;
        let end = n.iter().position(|&c| c == 0)?;
        if &n[..end] == want {
            let (_, off, size, _) = section(f, i)?;
            return f.get(off..off.checked_add(size)?);
        }
    }
    None
}

/// The host's address of `name`, by bisection of `go:rgo.hostsyms` (linker/src/plugin.rs).
fn host_lookup(table: usize, name: &[u8]) -> Option<usize> {
    // SAFETY: the linker wrote the table: a count, 16-byte entries, then the names.
    unsafe {
        let n = *(table as *const u64) as usize;
        let (mut lo, mut hi) = (0usize, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let e = table + 8 + 16 * mid;
            let off = *(e as *const u32) as usize;
            let len = *((e + 4) as *const u32) as usize;
            let s = core::slice::from_raw_parts((table + off) as *const u8, len);
            match s.cmp(name) {
                core::cmp::Ordering::Less => lo = mid + 1,
                core::cmp::Ordering::Greater => hi = mid,
                core::cmp::Ordering::Equal => return Some(*((e + 8) as *const u64) as usize),
            }
        }
    }
    None
}

/// A load error; its message is in [`ERRMSG`] (one load at a time: the plugin package holds
/// its lock), which `plugin_load` copies to the Go side.
struct LoadError;

static mut ERRMSG: [u8; 512] = [0; 512];
static mut ERRLEN: usize = 0;

impl LoadError {
    fn new(parts: &[&[u8]]) -> LoadError {
        // SAFETY: see the type's comment.
        unsafe {
            let buf = (&raw mut ERRMSG).cast::<u8>();
            let mut len = 0;
            for p in parts {
                let n = p.len().min(512 - len);
                core::ptr::copy_nonoverlapping(p.as_ptr(), buf.add(len), n);
                len += n;
            }
            ERRLEN = len;
        }
        LoadError
    }
}

/// runtime.pluginLoad: loads the plugin at `path` (already canonical) and appends its
/// moduledata to the module list. Returns a handle > 0, or −(length of the error message
/// written to `errbuf`).
///
/// # Safety
/// `path` and `errbuf` describe valid byte ranges.
#[unsafe(export_name = "runtime.pluginLoad")]
pub unsafe extern "C" fn plugin_load(
    path: *const u8,
    path_len: usize,
    errbuf: *mut u8,
    errbuf_len: usize,
    _errbuf_cap: usize,
) -> isize {
    // SAFETY: the caller passes a Go string.
    let path = unsafe { core::slice::from_raw_parts(path, path_len) };
    match load(path) {
        Ok(h) => h as isize,
        Err(LoadError) => {
            // SAFETY: errbuf has errbuf_len writable bytes; ERRMSG holds ERRLEN bytes.
            unsafe {
                let n = ERRLEN.min(errbuf_len);
                core::ptr::copy_nonoverlapping((&raw const ERRMSG).cast::<u8>(), errbuf, n);
                -(n as isize)
            }
        }
    }
}

fn load(path: &[u8]) -> Result<usize, LoadError> {
    let fail = |what: &[u8]| LoadError::new(&[path, b": ", what]);
    // SAFETY: the NPLUGINS/PLUGINS statics are only touched under the plugin package's mutex.
    if unsafe { NPLUGINS } == MAX_PLUGINS {
        return Err(fail(b"too many plugins loaded"));
    }
    // SAFETY: a word of read-only data; volatile because the weak address may be 0.
    let host = unsafe { core::ptr::read_volatile(&raw const rgo_hostsyms) };
    if host == 0 {
        return Err(fail(b"the executable carries no symbol table for plugins"));
    }
    let fd = open_read(path).ok_or_else(|| fail(b"cannot open shared object file"))?;
    // SAFETY: lseek and mmap of a descriptor this function opened.
    let file = unsafe {
        let len = sys::syscall3(SYS_LSEEK, fd, 0, 2);
        if len <= 0 {
            close(fd);
            return Err(fail(b"file too short"));
        }
        let p = sys::syscall6(
            sys::SYS_MMAP,
            0,
            len as usize,
            sys::PROT_READ,
            sys::MAP_PRIVATE,
            fd,
            0,
        );
        close(fd);
        if p < 0 && p > -4096 {
            return Err(fail(b"cannot map the file"));
        }
        core::slice::from_raw_parts(p as *const u8, len as usize)
    };
    let bad = || fail(b"invalid ELF header");
    if file.get(..4) != Some(b"\x7fELF") || file.get(4) != Some(&2) {
        return Err(bad());
    }
    if rd_u16(file, 0x10) != Some(3) || rd_u16(file, 0x12) != Some(62) {
        return Err(fail(b"not an x86-64 shared object"));
    }
    let tab = section_named(file, b".rgo.plugin")
        .ok_or_else(|| fail(b"not a plugin built by rgo (no .rgo.plugin section)"))?;
    if tab.get(..8) != Some(b"rgoplug1") {
        return Err(fail(b"unknown .rgo.plugin version"));
    }
    let hdr = |i: usize| rd_u64(tab, 8 + 8 * i).ok_or_else(bad);
    let (base, end, md_link) = (hdr(0)?, hdr(1)?, hdr(2)?);
    let (ntypes, nrel, blob_len) = (hdr(3)? as usize, hdr(4)? as usize, hdr(5)? as usize);
    let recs_at = 56usize;
    let types_at = nrel
        .checked_mul(32)
        .and_then(|n| n.checked_add(recs_at))
        .ok_or_else(bad)?;
    let blob_at = ntypes
        .checked_mul(16)
        .and_then(|n| n.checked_add(types_at))
        .filter(|&b| b.checked_add(blob_len).is_some_and(|e| e <= tab.len()))
        .ok_or_else(bad)?;
    let blob = &tab[blob_at..blob_at + blob_len];
    if end <= base || base % 4096 != 0 {
        return Err(bad());
    }
    let size = ((end - base) as usize).next_multiple_of(4096);

    // Reserve the image below 2 GiB, above the host's own image.
    let mut load = 0usize;
    let mut cand = 0x1000_0000usize;
    while cand + size < 0x8000_0000 {
        let p = sys::mmap(
            cand,
            size,
            sys::PROT_READ | sys::PROT_WRITE,
            MAP_FIXED_NOREPLACE,
        );
        if p as usize == cand {
            load = cand;
            break;
        }
        if !p.is_null() {
            // An old kernel that ignores MAP_FIXED_NOREPLACE placed it elsewhere.
            // SAFETY: p is the mapping just made.
            unsafe { sys::syscall3(sys::SYS_MUNMAP, p as usize, size, 0) };
        }
        cand += size.next_multiple_of(0x100_0000);
    }
    if load == 0 {
        return Err(fail(b"no room below 2 GiB to map the plugin"));
    }
    let delta = load.wrapping_sub(base as usize);

    // Segments.
    let phoff = rd_u64(file, 0x20).ok_or_else(bad)? as usize;
    let phnum = rd_u16(file, 0x38).ok_or_else(bad)? as usize;
    let mut protect: [(usize, usize, usize); 8] = [(0, 0, 0); 8];
    let mut nprotect = 0;
    for i in 0..phnum {
        let ph = phoff + 56 * i;
        if rd_u32(file, ph) != Some(PT_LOAD) {
            continue;
        }
        let flags = rd_u32(file, ph + 4).ok_or_else(bad)?;
        let off = rd_u64(file, ph + 8).ok_or_else(bad)? as usize;
        let vaddr = rd_u64(file, ph + 16).ok_or_else(bad)?;
        let filesz = rd_u64(file, ph + 32).ok_or_else(bad)? as usize;
        let memsz = rd_u64(file, ph + 40).ok_or_else(bad)?;
        if vaddr < base || vaddr + memsz > base + size as u64 || filesz as u64 > memsz {
            return Err(bad());
        }
        let src = file.get(off..off + filesz).ok_or_else(bad)?;
        let dst = load + (vaddr - base) as usize;
        // SAFETY: dst..dst+filesz lies inside the reservation.
        unsafe { core::ptr::copy_nonoverlapping(src.as_ptr(), dst as *mut u8, filesz) };
        if flags & PF_W == 0 && nprotect < protect.len() {
            let prot = sys::PROT_READ | if flags & PF_X != 0 { 4 } else { 0 };
            let lo = dst & !4095;
            let hi = (dst + memsz as usize).next_multiple_of(4096);
            protect[nprotect] = (lo, hi, prot);
            nprotect += 1;
        }
    }

    // Relocation and binding.
    for i in 0..nrel {
        let r = recs_at + 32 * i;
        let at = rd_u64(tab, r).ok_or_else(bad)?;
        let kind = tab[r + 8];
        let fb = tab[r + 9];
        let name_off = rd_u32(tab, r + 12).ok_or_else(bad)?;
        let addend = rd_u64(tab, r + 16).ok_or_else(bad)? as i64;
        let fb_addr = rd_u64(tab, r + 24).ok_or_else(bad)? as usize;
        if at < base || at + 8 > base + size as u64 {
            return Err(bad());
        }
        let place = load + (at - base) as usize;
        let sym = if name_off == u32::MAX {
            0
        } else {
            let o = name_off as usize;
            let len = rd_u32(blob, o).ok_or_else(bad)? as usize;
            let name = blob.get(o + 4..o + 4 + len).ok_or_else(bad)?;
            match host_lookup(host, name) {
                Some(a) => a,
                None => match fb {
                    1 => fb_addr.wrapping_add(delta),
                    2 => 0,
                    _ => return Err(LoadError::new(&[path, b": undefined symbol: ", name])),
                },
            }
        };
        let s_a = sym.wrapping_add(addend as usize);
        // SAFETY: place..place+8 lies inside the reservation (checked above).
        unsafe {
            match kind {
                0 => {
                    let p = place as *mut usize;
                    p.write_unaligned(p.read_unaligned().wrapping_add(delta));
                }
                1 => (place as *mut usize).write_unaligned(s_a),
                2 => {
                    let v = s_a.wrapping_sub(place) as isize;
                    if v < i32::MIN as isize || v > i32::MAX as isize {
                        return Err(fail(b"PC-relative reference out of range"));
                    }
                    (place as *mut i32).write_unaligned(v as i32);
                }
                3 | 4 => (place as *mut u32).write_unaligned(s_a as u32),
                5 => {
                    let p = place as *mut u32;
                    p.write_unaligned((p.read_unaligned() as usize).wrapping_add(delta) as u32);
                }
                _ => return Err(bad()),
            }
        }
    }
    for &(lo, hi, prot) in &protect[..nprotect] {
        // SAFETY: a range of the reservation.
        unsafe { sys::syscall3(sys::SYS_MPROTECT, lo, hi - lo, prot) };
    }

    let md = (md_link as usize).wrapping_add(delta) as *mut ModuleData;
    let (typemap, ntypemap) = typelinksinit(host, tab, types_at, ntypes, blob, delta)?;
    addmoduledata(md);
    // SAFETY: see above.
    unsafe {
        PLUGINS[NPLUGINS] = Loaded {
            file: file.as_ptr(),
            file_len: file.len(),
            delta,
            md: md as usize,
            typemap,
            ntypemap,
        };
        NPLUGINS += 1;
        Ok(NPLUGINS)
    }
}

/// typelinksinit: maps each type descriptor of the plugin that the host also has to the
/// host's. gc walks the typelinks of the earlier modules and compares candidates with
/// typesEqual; rgo's linker lists the plugin's descriptors by symbol name, and a type's
/// symbol name (its link string, package paths included) identifies it exactly, so the
/// host's table answers the same question by name. Returns the sorted pairs.
fn typelinksinit(
    host: usize,
    tab: &[u8],
    types_at: usize,
    ntypes: usize,
    blob: &[u8],
    delta: usize,
) -> Result<(*const [usize; 2], usize), LoadError> {
    let bad = || LoadError::new(&[b"plugin: malformed type table"]);
    let map = crate::mheap::persistent_alloc(ntypes.max(1) * 16, 8) as *mut [usize; 2];
    let mut n = 0;
    for i in 0..ntypes {
        let e = types_at + 16 * i;
        let o = rd_u32(tab, e).ok_or_else(bad)? as usize;
        let addr = rd_u64(tab, e + 8).ok_or_else(bad)? as usize;
        let len = rd_u32(blob, o).ok_or_else(bad)? as usize;
        let name = blob.get(o + 4..o + 4 + len).ok_or_else(bad)?;
        if let Some(h) = host_lookup(host, name) {
            // SAFETY: n < ntypes entries were allocated.
            unsafe { *map.add(n) = [addr.wrapping_add(delta), h] };
            n += 1;
        }
    }
    // The linker sorted the names, not the addresses: sort the pairs by plugin address.
    // SAFETY: map holds n initialised pairs.
    let pairs = unsafe { core::slice::from_raw_parts_mut(map, n) };
    pairs.sort_unstable_by_key(|p| p[0]);
    Ok((map, n))
}

/// The descriptor to use for the plugin descriptor `t` of module `md`: the host's equal
/// one when there is one (gc's `md.typemap[t]` in resolveTypeOff), else `t`.
pub fn typemap(md: usize, t: usize) -> usize {
    // SAFETY: the table is appended to only while loading, under the plugin package's lock.
    let n = unsafe { NPLUGINS };
    for i in 0..n {
        // SAFETY: i < NPLUGINS entries are initialised.
        let p = unsafe { (&raw const PLUGINS).cast::<Loaded>().add(i).read() };
        if p.md != md {
            continue;
        }
        // SAFETY: typemap holds ntypemap pairs.
        let pairs = unsafe { core::slice::from_raw_parts(p.typemap, p.ntypemap) };
        return match pairs.binary_search_by_key(&t, |e| e[0]) {
            Ok(i) => pairs[i][1],
            Err(_) => t,
        };
    }
    t
}

/// runtime.addmoduledata: appends a module to the list that starts at firstmoduledata (gc's
/// is assembly called from the plugin's ELF initialiser; here the loader calls it).
fn addmoduledata(md: *mut ModuleData) {
    let mut cur = crate::symtab::first_module() as *const ModuleData as *mut ModuleData;
    // SAFETY: every module's `next` is null or another module; the loader runs with the plugin
    // package's lock held, so the list does not change meanwhile.
    unsafe {
        while (*cur)[MD_NEXT] != 0 {
            cur = (*cur)[MD_NEXT] as *mut ModuleData;
        }
        (*md)[MD_NEXT] = 0;
        core::ptr::write_volatile(&raw mut (*cur)[MD_NEXT], md as usize);
    }
}

/// runtime.pluginSym: the run-time address of the plugin symbol `name` (from its `.symtab`),
/// or 0.
///
/// # Safety
/// `name` describes a valid byte range.
#[unsafe(export_name = "runtime.pluginSym")]
pub unsafe extern "C" fn plugin_sym(h: usize, name: *const u8, name_len: usize) -> usize {
    // SAFETY: the caller passes a Go string; h came from plugin_load.
    let (name, p) = unsafe {
        if h == 0 || h > NPLUGINS {
            return 0;
        }
        (core::slice::from_raw_parts(name, name_len), PLUGINS[h - 1])
    };
    // SAFETY: the file stays mapped for the life of the process.
    let f = unsafe { core::slice::from_raw_parts(p.file, p.file_len) };
    find_symbol(f, name).map_or(0, |v| v.wrapping_add(p.delta))
}

fn find_symbol(f: &[u8], want: &[u8]) -> Option<usize> {
    let shnum = rd_u16(f, 0x3c)? as usize;
    for i in 0..shnum {
        let (ty, off, size, link) = section(f, i)?;
        if ty != SHT_SYMTAB {
            continue;
        }
        let (_, stroff, strsize, _) = section(f, link as usize)?;
        let strs = f.get(stroff..stroff.checked_add(strsize)?)?;
        for k in 0..size / 24 {
            let s = off + 24 * k;
            let n = rd_u32(f, s)? as usize;
            let name = strs.get(n..)?;
            let end = name.iter().position(|&c| c == 0)?;
            if &name[..end] == want && rd_u16(f, s + 6)? != 0 {
                return Some(rd_u64(f, s + 8)? as usize);
            }
        }
    }
    None
}

/// runtime.firstmoduledataPtr: the host's moduledata, head of the module list.
#[unsafe(export_name = "runtime.firstmoduledataPtr")]
pub extern "C" fn firstmoduledata_ptr() -> usize {
    crate::symtab::first_module() as *const ModuleData as usize
}

/// runtime.pluginTypeOff: the descriptor a module's typeOff names, through the typemap
/// (lastmoduleinit's `typeOff(ptab.typ)`).
#[unsafe(export_name = "runtime.pluginTypeOff")]
pub extern "C" fn plugin_type_off(types: usize, off: i32) -> usize {
    crate::symtab::resolve_type_off(types, off) as usize
}
