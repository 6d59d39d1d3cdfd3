//! Writing the executable: gc's header, program headers, section headers at 0x190, notes ending
//! at 0x401000, file offset = vaddr − 0x400000, then .symtab/.strtab/.shstrtab.

use crate::layout::{BASE, OutSec, PAGE, TEXT_ADDR, align_up};
use crate::{LinkError, SectionInfo};
use object::elf as E;

pub(crate) struct OutSym {
    pub name: String,
    pub value: u64,
    pub size: u64,
    pub st_type: u8,
    pub global: bool,
    pub sec: OutSec,
}

pub(crate) struct Image {
    /// A plugin: `ET_DYN`, no entry point.
    pub dyn_object: bool,
    /// Contents per output section (empty for NOBITS).
    pub bufs: Vec<Vec<u8>>,
    pub addr: [u64; 12],
    pub size: [u64; 12],
    pub entry: u64,
    pub go_buildid: String,
    pub gnu_buildid: [u8; 20],
    pub syms: Vec<OutSym>,
    pub strip: bool,
    /// Non-alloc debug sections (name, contents), written after the last alloc section.
    pub debug: Vec<(&'static str, Vec<u8>)>,
}

const NPHDR: u64 = 6;
const SHOFF: u64 = 0x190;

fn note(name: &[u8], ty: u32, desc: &[u8]) -> Vec<u8> {
    let mut n = Vec::new();
    n.extend_from_slice(&(name.len() as u32).to_le_bytes());
    n.extend_from_slice(&(desc.len() as u32).to_le_bytes());
    n.extend_from_slice(&ty.to_le_bytes());
    n.extend_from_slice(name);
    n.resize(n.len().div_ceil(4) * 4, 0);
    n.extend_from_slice(desc);
    n.resize(n.len().div_ceil(4) * 4, 0);
    n
}

struct Shdr {
    name: u32,
    ty: u32,
    flags: u64,
    addr: u64,
    off: u64,
    size: u64,
    link: u32,
    info: u32,
    align: u64,
    entsize: u64,
}

fn put16(b: &mut Vec<u8>, v: u16) {
    b.extend_from_slice(&v.to_le_bytes());
}
fn put32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_le_bytes());
}
fn put64(b: &mut Vec<u8>, v: u64) {
    b.extend_from_slice(&v.to_le_bytes());
}

fn write_at(file: &mut Vec<u8>, off: u64, data: &[u8]) {
    let off = off as usize;
    if file.len() < off + data.len() {
        file.resize(off + data.len(), 0);
    }
    file[off..off + data.len()].copy_from_slice(data);
}

pub(crate) fn write(img: &mut Image) -> Result<(Vec<u8>, Vec<SectionInfo>), LinkError> {
    let go_note = note(b"Go\0\0", 4, img.go_buildid.as_bytes());
    let gnu_note = note(b"GNU\0", E::NT_GNU_BUILD_ID, &img.gnu_buildid);
    let gnu_addr = TEXT_ADDR - gnu_note.len() as u64;
    let go_addr = gnu_addr - go_note.len() as u64;
    let nsec: u64 = if img.strip { 16 } else { 18 } + img.debug.len() as u64;
    if SHOFF + 64 * nsec > go_addr - BASE {
        return Err(LinkError::Layout("headers overlap the notes".into()));
    }
    let a = |s: OutSec| img.addr[s.idx()];
    let end = |s: OutSec| img.addr[s.idx()] + img.size[s.idx()];

    let mut file: Vec<u8> = Vec::new();
    write_at(&mut file, go_addr - BASE, &go_note);
    write_at(&mut file, gnu_addr - BASE, &gnu_note);
    for s in OutSec::ALL {
        if !s.nobits() {
            write_at(&mut file, a(s) - BASE, &img.bufs[s.idx()]);
        }
    }
    let alloc_end = end(OutSec::Data) - BASE;
    file.resize(alloc_end as usize, 0);

    // Section names.
    let mut shstr: Vec<u8> = vec![0];
    let mut name_of = |n: &str| -> u32 {
        let o = shstr.len() as u32;
        shstr.extend_from_slice(n.as_bytes());
        shstr.push(0);
        o
    };
    let mut shdrs: Vec<Shdr> = vec![Shdr {
        name: 0,
        ty: 0,
        flags: 0,
        addr: 0,
        off: 0,
        size: 0,
        link: 0,
        info: 0,
        align: 0,
        entsize: 0,
    }];
    let alloc = u64::from(E::SHF_ALLOC);
    for (n, addr, size) in [
        (".note.go.buildid", go_addr, go_note.len()),
        (".note.gnu.build-id", gnu_addr, gnu_note.len()),
    ] {
        shdrs.push(Shdr {
            name: name_of(n),
            ty: E::SHT_NOTE,
            flags: alloc,
            addr,
            off: addr - BASE,
            size: size as u64,
            link: 0,
            info: 0,
            align: 4,
            entsize: 0,
        });
    }
    for s in OutSec::ALL {
        let mut flags = alloc;
        if s.exec() {
            flags |= u64::from(E::SHF_EXECINSTR);
        }
        if s.writable() {
            flags |= u64::from(E::SHF_WRITE);
        }
        shdrs.push(Shdr {
            name: name_of(s.name()),
            ty: if s.nobits() {
                E::SHT_NOBITS
            } else {
                E::SHT_PROGBITS
            },
            flags,
            addr: a(s),
            off: a(s) - BASE,
            size: img.size[s.idx()],
            link: 0,
            info: 0,
            align: s.align(),
            entsize: 0,
        });
    }
    let sec_index = |s: OutSec| (3 + s.idx()) as u16;

    let mut off = align_up(file.len() as u64, PAGE);
    for (name, data) in &img.debug {
        shdrs.push(Shdr {
            name: name_of(name),
            ty: E::SHT_PROGBITS,
            flags: 0,
            addr: 0,
            off,
            size: data.len() as u64,
            link: 0,
            info: 0,
            align: 1,
            entsize: 0,
        });
        write_at(&mut file, off, data);
        off += data.len() as u64;
    }
    if !img.strip {
        // .symtab: null, FILE go.go, locals, globals; each group by address.
        let mut strtab: Vec<u8> = vec![0];
        let mut sym = Vec::new();
        sym.extend_from_slice(&[0u8; 24]);
        let mut add =
            |sym: &mut Vec<u8>, name: &str, info: u8, shndx: u16, value: u64, size: u64| {
                let o = strtab.len() as u32;
                strtab.extend_from_slice(name.as_bytes());
                strtab.push(0);
                put32(sym, o);
                sym.push(info);
                sym.push(0);
                put16(sym, shndx);
                put64(sym, value);
                put64(sym, size);
            };
        add(&mut sym, "go.go", E::STT_FILE, E::SHN_ABS, 0, 0);
        let mut order: Vec<usize> = (0..img.syms.len()).collect();
        order.sort_by_key(|&i| (img.syms[i].global, img.syms[i].value));
        let mut first_global = 2 + order.len();
        for (k, &i) in order.iter().enumerate() {
            let s = &img.syms[i];
            if s.global && first_global > 2 + k {
                first_global = 2 + k;
            }
            let bind = if s.global {
                E::STB_GLOBAL
            } else {
                E::STB_LOCAL
            };
            add(
                &mut sym,
                &s.name,
                (bind << 4) | s.st_type,
                sec_index(s.sec),
                s.value,
                s.size,
            );
        }
        off = align_up(off, 8);
        let strndx = shdrs.len() as u32 + 1;
        shdrs.push(Shdr {
            name: name_of(".symtab"),
            ty: E::SHT_SYMTAB,
            flags: 0,
            addr: 0,
            off,
            size: sym.len() as u64,
            link: strndx,
            info: first_global as u32,
            align: 8,
            entsize: 24,
        });
        write_at(&mut file, off, &sym);
        off += sym.len() as u64;
        shdrs.push(Shdr {
            name: name_of(".strtab"),
            ty: E::SHT_STRTAB,
            flags: 0,
            addr: 0,
            off,
            size: strtab.len() as u64,
            link: 0,
            info: 0,
            align: 1,
            entsize: 0,
        });
        write_at(&mut file, off, &strtab);
        off += strtab.len() as u64;
    }
    let shstr_name = name_of(".shstrtab");
    shdrs.push(Shdr {
        name: shstr_name,
        ty: E::SHT_STRTAB,
        flags: 0,
        addr: 0,
        off,
        size: 0,
        link: 0,
        info: 0,
        align: 1,
        entsize: 0,
    });
    let last = shdrs.len() - 1;
    shdrs[last].size = shstr.len() as u64;
    write_at(&mut file, off, &shstr);

    // ELF header.
    let mut h = Vec::with_capacity(64);
    h.extend_from_slice(&[
        0x7f,
        b'E',
        b'L',
        b'F',
        E::ELFCLASS64,
        E::ELFDATA2LSB,
        E::EV_CURRENT,
        E::ELFOSABI_NONE,
    ]);
    h.extend_from_slice(&[0; 8]);
    put16(
        &mut h,
        if img.dyn_object {
            E::ET_DYN
        } else {
            E::ET_EXEC
        },
    );
    put16(&mut h, E::EM_X86_64);
    put32(&mut h, u32::from(E::EV_CURRENT));
    put64(&mut h, img.entry);
    put64(&mut h, 64);
    put64(&mut h, SHOFF);
    put32(&mut h, 0);
    put16(&mut h, 64);
    put16(&mut h, 56);
    put16(&mut h, NPHDR as u16);
    put16(&mut h, 64);
    put16(&mut h, shdrs.len() as u16);
    put16(&mut h, last as u16);
    // Program headers.
    let r = E::PF_R;
    let ph = |b: &mut Vec<u8>,
              ty: u32,
              flags: u32,
              off: u64,
              vaddr: u64,
              filesz: u64,
              memsz: u64,
              align: u64| {
        put32(b, ty);
        put32(b, flags);
        put64(b, off);
        put64(b, vaddr);
        put64(b, vaddr);
        put64(b, filesz);
        put64(b, memsz);
        put64(b, align);
    };
    ph(
        &mut h,
        E::PT_PHDR,
        r,
        64,
        BASE + 64,
        NPHDR * 56,
        NPHDR * 56,
        PAGE,
    );
    ph(
        &mut h,
        E::PT_NOTE,
        r,
        go_addr - BASE,
        go_addr,
        go_note.len() as u64,
        go_note.len() as u64,
        4,
    );
    let tend = end(OutSec::Text) - BASE;
    ph(&mut h, E::PT_LOAD, r | E::PF_X, 0, BASE, tend, tend, PAGE);
    let (ro, roe) = (a(OutSec::Rodata), end(OutSec::GoFunc));
    ph(
        &mut h,
        E::PT_LOAD,
        r,
        ro - BASE,
        ro,
        roe - ro,
        roe - ro,
        PAGE,
    );
    let rw = a(OutSec::GoBuildinfo);
    ph(
        &mut h,
        E::PT_LOAD,
        r | E::PF_W,
        rw - BASE,
        rw,
        end(OutSec::Data) - rw,
        end(OutSec::Noptrbss) - rw,
        PAGE,
    );
    ph(&mut h, E::PT_GNU_STACK, r | E::PF_W, 0, 0, 0, 0, 8);
    write_at(&mut file, 0, &h);

    let mut sh = Vec::new();
    for s in &shdrs {
        put32(&mut sh, s.name);
        put32(&mut sh, s.ty);
        put64(&mut sh, s.flags);
        put64(&mut sh, s.addr);
        put64(&mut sh, s.off);
        put64(&mut sh, s.size);
        put32(&mut sh, s.link);
        put32(&mut sh, s.info);
        put64(&mut sh, s.align);
        put64(&mut sh, s.entsize);
    }
    write_at(&mut file, SHOFF, &sh);

    let names = |o: u32| {
        let b = &shstr[o as usize..];
        String::from_utf8_lossy(&b[..b.iter().position(|&c| c == 0).unwrap_or(b.len())])
            .into_owned()
    };
    let info = shdrs[1..]
        .iter()
        .map(|s| SectionInfo {
            name: names(s.name),
            addr: s.addr,
            offset: s.off,
            size: s.size,
        })
        .collect();
    Ok((file, info))
}
