//! Builds the runtime archive (`rt/`) that the `rgo` binary embeds and links into every
//! executable it produces.
//!
//! The runtime is compiled here with `$RUSTC` directly rather than as a cargo dependency because
//! it needs settings cargo cannot give one crate of a std binary: `crate-type=staticlib`,
//! `panic=abort`, fat LTO (so core is compiled into a single object with our code) and forced
//! frame pointers (tracebacks walk rbp chains through runtime frames).
//!
//! rustc's staticlib also carries every compiler_builtins object (~4.5 MB) although the runtime
//! normally needs none of them, so the archive is then trimmed to the members reachable from
//! the entry point `_rt0_amd64_linux` through undefined symbols, and rewritten as a GNU ar
//! archive with a symbol index. The result's path is handed to the compiler as
//! `RGO_RUNTIME_ARCHIVE` for `include_bytes!`.

use std::collections::{BTreeSet, HashMap};
use std::env;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let src = manifest_dir.join("rt/src/lib.rs");
    let full = out_dir.join("librgort-full.a");
    let archive = out_dir.join("librgort.a");

    println!("cargo:rerun-if-changed=rt/src");
    println!("cargo:rerun-if-changed=build.rs");

    let status = Command::new(&rustc)
        .args([
            "--crate-type",
            "staticlib",
            "--crate-name",
            "rgort",
            "--edition",
            "2024",
        ])
        .args([
            "-C",
            "panic=abort",
            "-C",
            "opt-level=2",
            "-C",
            "force-frame-pointers=yes",
        ])
        .args([
            "-C",
            "codegen-units=1",
            "-C",
            "lto=fat",
            "-C",
            "debuginfo=0",
        ])
        .args(["--target", "x86_64-unknown-linux-gnu"])
        // Cargo's flags for the host build (RUSTFLAGS, incremental dirs) are deliberately not
        // forwarded: this is a separate artifact for the target programs.
        .arg(&src)
        .arg("-o")
        .arg(&full)
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => panic!("building the runtime archive failed ({s})"),
        Err(e) => panic!("cannot run {}: {e}", rustc.to_string_lossy()),
    }

    let bytes = fs::read(&full).expect("read the runtime archive");
    let members = parse_archive(&bytes).expect("rustc produced a malformed archive");
    let kept = reachable(&members, "_rt0_amd64_linux");
    let trimmed = write_archive(&kept.iter().map(|&i| &members[i]).collect::<Vec<_>>());
    fs::write(&archive, trimmed).expect("write the trimmed runtime archive");
    println!("cargo:rustc-env=RGO_RUNTIME_ARCHIVE={}", archive.display());
}

/// One object file of the archive with its global symbols.
struct Member<'a> {
    name: String,
    data: &'a [u8],
    defined: Vec<String>,
    /// Strong undefined references (weak ones never pull members in, as in GNU ld).
    undefined: Vec<String>,
}

fn parse_archive(b: &[u8]) -> Option<Vec<Member<'_>>> {
    if !b.starts_with(b"!<arch>\n") {
        return None;
    }
    let mut pos = 8;
    let mut long_names: &[u8] = &[];
    let mut out = Vec::new();
    while pos + 60 <= b.len() {
        let hdr = &b[pos..pos + 60];
        let name = std::str::from_utf8(&hdr[..16]).ok()?.trim_end();
        let size: usize = std::str::from_utf8(&hdr[48..58])
            .ok()?
            .trim()
            .parse()
            .ok()?;
        let data = b.get(pos + 60..pos + 60 + size)?;
        pos += 60 + size + (size & 1);
        if name == "/" || name == "/SYM64/" {
            continue; // old symbol index; a new one is written
        }
        if name == "//" {
            long_names = data;
            continue;
        }
        let name = if let Some(off) = name.strip_prefix('/') {
            let off: usize = off.parse().ok()?;
            let rest = long_names.get(off..)?;
            let end = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
            String::from_utf8_lossy(&rest[..end])
                .trim_end_matches('/')
                .to_string()
        } else {
            name.trim_end_matches('/').to_string()
        };
        let (defined, undefined) = elf_symbols(data).unwrap_or_default();
        out.push(Member {
            name,
            data,
            defined,
            undefined,
        });
    }
    Some(out)
}

fn rd16(b: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(o..o + 2)?.try_into().ok()?))
}
fn rd32(b: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(o..o + 4)?.try_into().ok()?))
}
fn rd64(b: &[u8], o: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(o..o + 8)?.try_into().ok()?))
}

/// Global symbols of an ELF64 relocatable object: (defined, strong undefined).
fn elf_symbols(o: &[u8]) -> Option<(Vec<String>, Vec<String>)> {
    if !o.starts_with(b"\x7fELF\x02\x01") {
        return None;
    }
    let shoff = rd64(o, 0x28)? as usize;
    let shentsize = rd16(o, 0x3a)? as usize;
    let shnum = rd16(o, 0x3c)? as usize;
    let sh = |i: usize| shoff + i * shentsize;
    let (mut defined, mut undefined) = (Vec::new(), Vec::new());
    for i in 0..shnum {
        if rd32(o, sh(i) + 4)? != 2 {
            continue; // SHT_SYMTAB only
        }
        let (off, size) = (rd64(o, sh(i) + 24)? as usize, rd64(o, sh(i) + 32)? as usize);
        let strtab = rd32(o, sh(i) + 40)? as usize;
        let (stroff, strsize) = (
            rd64(o, sh(strtab) + 24)? as usize,
            rd64(o, sh(strtab) + 32)? as usize,
        );
        let strs = o.get(stroff..stroff + strsize)?;
        for s in (off..off + size).step_by(24).skip(1) {
            let name_off = rd32(o, s)? as usize;
            let bind = o.get(s + 4)? >> 4;
            let shndx = rd16(o, s + 6)?;
            if bind == 0 {
                continue; // local
            }
            let rest = strs.get(name_off..)?;
            let end = rest.iter().position(|&c| c == 0)?;
            let name = String::from_utf8_lossy(&rest[..end]).into_owned();
            if name.is_empty() {
                continue;
            }
            if shndx != 0 {
                defined.push(name);
            } else if bind == 1 {
                undefined.push(name);
            }
        }
    }
    Some((defined, undefined))
}

/// Indices of the members needed to resolve `root` transitively, in archive order.
fn reachable(members: &[Member<'_>], root: &str) -> BTreeSet<usize> {
    let mut definer: HashMap<&str, usize> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        for s in &m.defined {
            definer.entry(s.as_str()).or_insert(i);
        }
    }
    let mut kept = BTreeSet::new();
    let mut work: Vec<usize> = definer.get(root).copied().into_iter().collect();
    assert!(
        !work.is_empty(),
        "the runtime archive does not define {root}"
    );
    while let Some(i) = work.pop() {
        if !kept.insert(i) {
            continue;
        }
        for u in &members[i].undefined {
            if let Some(&j) = definer.get(u.as_str())
                && !kept.contains(&j)
            {
                work.push(j);
            }
        }
    }
    kept
}

/// GNU ar archive with a symbol index ("/") and long-name table ("//"); deterministic headers.
fn write_archive(members: &[&Member<'_>]) -> Vec<u8> {
    fn header(out: &mut Vec<u8>, name: &str, size: usize) {
        out.extend_from_slice(
            format!("{name:<16}{:<12}{:<6}{:<6}{:<8}{size:<10}`\n", 0, 0, 0, 644).as_bytes(),
        );
    }
    let mut long_names = Vec::new();
    let mut name_refs = Vec::new();
    for m in members {
        name_refs.push(format!("/{}", long_names.len()));
        long_names.extend_from_slice(m.name.as_bytes());
        long_names.extend_from_slice(b"/\n");
    }
    let syms: Vec<(usize, &str)> = members
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.defined.iter().map(move |s| (i, s.as_str())))
        .collect();
    let index_size = 4 + 4 * syms.len() + syms.iter().map(|(_, s)| s.len() + 1).sum::<usize>();
    let pad = |n: usize| n + (n & 1);
    let mut offsets = Vec::new();
    let mut pos = 8 + 60 + pad(index_size) + 60 + pad(long_names.len());
    for m in members {
        offsets.push(pos);
        pos += 60 + pad(m.data.len());
    }
    let mut out = b"!<arch>\n".to_vec();
    header(&mut out, "/", index_size);
    out.extend_from_slice(&(syms.len() as u32).to_be_bytes());
    for (i, _) in &syms {
        out.extend_from_slice(&(offsets[*i] as u32).to_be_bytes());
    }
    for (_, s) in &syms {
        out.extend_from_slice(s.as_bytes());
        out.push(0);
    }
    if index_size & 1 == 1 {
        out.push(b'\n');
    }
    header(&mut out, "//", long_names.len());
    out.extend_from_slice(&long_names);
    if long_names.len() & 1 == 1 {
        out.push(b'\n');
    }
    for (m, r) in members.iter().zip(&name_refs) {
        header(&mut out, r, m.data.len());
        out.extend_from_slice(m.data);
        if m.data.len() & 1 == 1 {
            out.push(b'\n');
        }
    }
    out
}
