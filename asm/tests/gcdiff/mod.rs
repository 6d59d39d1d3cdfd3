//! Shared by the differential tests: gc's own assembler (`go tool asm -S`) as the oracle.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn goroot() -> Option<PathBuf> {
    if let Ok(g) = std::env::var("GOROOT") {
        return Some(PathBuf::from(g));
    }
    let out = Command::new("go").args(["env", "GOROOT"]).output().ok()?;
    let s = String::from_utf8(out.stdout).ok()?;
    let p = PathBuf::from(s.trim());
    p.join("src").is_dir().then_some(p)
}

fn go_bin(goroot: &Path) -> PathBuf {
    goroot.join("bin").join("go")
}

/// One function of gc's listing: its bytes and the byte ranges its relocations cover.
#[derive(Debug, Default)]
pub struct GcFunc {
    pub bytes: Vec<u8>,
    pub relocs: Vec<(usize, usize)>,
}

/// Runs `go tool asm -S` on `file` (package `pkg`, includes from `incdirs`) and parses the
/// listing into TEXT symbols.
pub fn gc_listing(
    goroot: &Path,
    file: &Path,
    pkg: &str,
    incdirs: &[PathBuf],
) -> Result<BTreeMap<String, GcFunc>, String> {
    let tmp = std::env::temp_dir().join(format!("rgo-asm-{}.o", std::process::id()));
    let mut cmd = Command::new(go_bin(goroot));
    cmd.args(["tool", "asm", "-S", "-p", pkg]);
    for d in incdirs {
        cmd.arg("-I").arg(d);
    }
    cmd.arg("-I").arg(goroot.join("pkg").join("include"));
    cmd.args(["-D", "GOOS_linux", "-D", "GOARCH_amd64", "-D", "GOAMD64_v1"]);
    cmd.arg("-o").arg(&tmp).arg(file);
    cmd.env("GOROOT", goroot)
        .env("GOARCH", "amd64")
        .env("GOOS", "linux");
    let out = cmd.output().map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&tmp);
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut funcs = BTreeMap::new();
    let mut cur: Option<(String, GcFunc)> = None;
    for line in text.lines() {
        if !line.starts_with('\t') {
            if let Some((n, f)) = cur.take() {
                funcs.insert(n, f);
            }
            let mut w = line.split_whitespace();
            if let (Some(name), Some(kind)) = (w.next(), w.next())
                && kind.starts_with("STEXT")
            {
                cur = Some((name.to_string(), GcFunc::default()));
            }
            continue;
        }
        let Some((_, f)) = cur.as_mut() else { continue };
        let l = line.trim_start();
        if let Some(rest) = l.strip_prefix("rel ") {
            // rel OFF+SIZ t=...
            let spec = rest.split_whitespace().next().unwrap_or("");
            if let Some((o, s)) = spec.split_once('+')
                && let (Ok(o), Ok(s)) = (o.parse::<usize>(), s.parse::<usize>())
            {
                f.relocs.push((o, s));
            }
            continue;
        }
        if let Some(rest) = l.strip_prefix("0x") {
            let mut parts = rest.splitn(2, ' ');
            let _addr = parts.next();
            let Some(rest) = parts.next() else { continue };
            // A hex line is "0x0010 48 8b ..  ascii"; an instruction line has "00016 (file:line)".
            let hex = rest.split("  ").next().unwrap_or("");
            let toks: Vec<&str> = hex.split(' ').collect();
            if toks
                .iter()
                .all(|t| t.len() == 2 && u8::from_str_radix(t, 16).is_ok())
            {
                for t in toks {
                    f.bytes.push(u8::from_str_radix(t, 16).unwrap_or(0));
                }
            }
        }
    }
    if let Some((n, f)) = cur.take() {
        funcs.insert(n, f);
    }
    Ok(funcs)
}

/// Assembles `file` with rgo's assembler.
pub fn rgo_unit(
    goroot: &Path,
    file: &Path,
    pkg: &str,
    extra: &[(String, String)],
) -> Result<asm::Unit, String> {
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let inc = goroot.join("pkg").join("include");
    let resolve = |name: &str| -> Option<String> {
        if let Some((_, t)) = extra.iter().find(|(n, _)| n == name) {
            return Some(t.clone());
        }
        std::fs::read_to_string(dir.join(name))
            .or_else(|_| std::fs::read_to_string(inc.join(name)))
            .ok()
    };
    let opts = asm::Options {
        pkg,
        resolve: &resolve,
        defines: vec![
            ("GOOS_linux".into(), "1".into()),
            ("GOARCH_amd64".into(), "1".into()),
            ("GOAMD64_v1".into(), "1".into()),
        ],
    };
    asm::assemble(&file.display().to_string(), &text, &opts).map_err(|e| e.to_string())
}

/// Compares one function; relocation fields are masked on both sides. Returns the first
/// differing offset, if any.
pub fn compare(rgo: &asm::Func, gc: &GcFunc) -> Option<usize> {
    let mut a = rgo.code.clone();
    let mut b = gc.bytes.clone();
    // A field either side relocates is masked on both: gc's object leaves the TLS offset of
    // `MOVQ (TLS), R14` to the linker (R_TLS_LE, -8 once linked), rgo writes -8 itself.
    let fields = rgo
        .relocs
        .iter()
        .map(|r| (r.at, if r.kind == asm::RelKind::Abs64 { 8 } else { 4 }))
        .chain(gc.relocs.iter().copied());
    for (o, s) in fields {
        for x in a.iter_mut().skip(o).take(s) {
            *x = 0;
        }
        for x in b.iter_mut().skip(o).take(s) {
            *x = 0;
        }
    }
    let n = a.len().min(b.len());
    (0..n)
        .find(|&i| a[i] != b[i])
        .or((a.len() != b.len()).then_some(n))
}

/// gc's own `go_asm.h` for package `pkg` (from a `go build -a -work` of it), written to a
/// fresh directory that is returned.
pub fn gc_asm_h(goroot: &Path, pkg: &str) -> Option<PathBuf> {
    let out = Command::new(go_bin(goroot))
        .args(["build", "-a", "-work", "-o", "/dev/null", pkg])
        .env("GOROOT", goroot)
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    let work = err
        .lines()
        .find_map(|l| l.strip_prefix("WORK="))?
        .to_string();
    let name = pkg.rsplit('/').next()?;
    let mut found = None;
    for e in std::fs::read_dir(&work).ok()?.flatten() {
        let h = e.path().join("go_asm.h");
        if let Ok(t) = std::fs::read_to_string(&h)
            && t.starts_with(&format!(
                "// generated by compile -asmhdr from package {name}\n"
            ))
        {
            let dir = std::env::temp_dir().join(format!("rgo-asmh-{}-{name}", std::process::id()));
            std::fs::create_dir_all(&dir).ok()?;
            std::fs::write(dir.join("go_asm.h"), t).ok()?;
            found = Some(dir);
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    found
}
