//! `//go:embed`: the files a package-level variable is initialised with.
//!
//! gc splits the work: cmd/go resolves each directive's patterns against the package directory
//! (load.resolveEmbed) and cmd/compile lays the contents out as static data
//! (staticdata.WriteEmbed). rgo does both here, from the directives the parser leaves on the file
//! (`File::directives`): the midend lowers the variables ([`crate::lower`]) and the driver hashes
//! the same file list into the package's cache key, so an edited embedded file rebuilds it.
//!
//! Resolution follows cmd/go: a pattern is a `path.Match` glob of slash-separated elements
//! relative to the directory of the Go file, optionally prefixed `all:`. A matching regular file
//! is embedded even if its name starts with `.` or `_`; a matching directory is walked
//! recursively, leaving out entries whose names start with `.` or `_` (unless `all:`) and
//! subdirectories that hold a `go.mod` (another module). A pattern that matches nothing is an
//! error, as is a directory with nothing to embed.
//!
//! For an `embed.FS` the list also holds every parent directory (as `dir/`), sorted as package
//! embed expects for its binary search: by directory, then by element (embed.go's `split`).

use frontend::ast::{Decl, Directive, Pos};
use frontend::types::{ObjId, PkgId, Program, Type};
use std::path::{Path, PathBuf};

/// What a `//go:embed` variable holds (gc's embedKind).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EmbedKind {
    String,
    Bytes,
    Fs,
}

/// One embedded file or directory (`name` ends with `/` for directories; they have no data).
#[derive(Clone, Debug)]
pub struct EmbedFile {
    pub name: String,
    pub data: Vec<u8>,
}

/// A package-level variable with `//go:embed` patterns and the files they resolved to.
#[derive(Clone, Debug)]
pub struct EmbedVar {
    pub obj: ObjId,
    pub pos: Pos,
    pub kind: EmbedKind,
    pub files: Vec<EmbedFile>,
}

/// A var spec a directive may apply to: its first variable, position and number of names.
type SpecVar = (ObjId, Pos, usize);

/// The embedded variables of package `pkg`, or the diagnostics (position, gc's message) of
/// directives that cannot be resolved.
pub fn package_embeds(prog: &Program, pkg: PkgId) -> (Vec<EmbedVar>, Vec<(Pos, String)>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for file in &prog.package(pkg).files {
        let dirs: Vec<&Directive> = file
            .directives
            .iter()
            .filter(|d| d.name == "go:embed")
            .collect();
        if dirs.is_empty() {
            continue;
        }
        let Some(src) = prog.fset.file(file.file_index) else {
            continue;
        };
        let dir = Path::new(&src.path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        // Declaration starts: a directive belongs to the var spec that follows it directly.
        let mut starts: Vec<(Pos, Option<SpecVar>)> = Vec::new();
        for d in &file.decls {
            match d {
                Decl::Var(g) => {
                    for s in &g.specs {
                        let obj = s
                            .names
                            .first()
                            .and_then(|n| prog.info.defs.get(&n.id).copied());
                        starts.push((s.pos, obj.map(|o| (o, s.pos, s.names.len()))));
                    }
                }
                Decl::Const(g) => starts.push((g.pos, None)),
                Decl::Type(g) => starts.push((g.pos, None)),
                Decl::Func(f) => starts.push((f.pos, None)),
                Decl::Bad(p) => starts.push((*p, None)),
            }
        }
        starts.sort_by_key(|s| s.0);
        let mut vars: Vec<EmbedVar> = Vec::new();
        for d in dirs {
            let next = starts.iter().find(|s| s.0 > d.pos);
            let Some((_, Some((obj, pos, nnames)))) = next else {
                errors.push((d.pos, "misplaced go:embed directive".to_string()));
                continue;
            };
            if *nnames != 1 {
                errors.push((*pos, "go:embed cannot apply to multiple vars".to_string()));
                continue;
            }
            let Some(kind) = embed_kind(prog, prog.obj(*obj).typ) else {
                errors.push((
                    *pos,
                    format!(
                        "go:embed cannot apply to var of type {}",
                        prog.link_string(prog.obj(*obj).typ)
                    ),
                ));
                continue;
            };
            let patterns = match split_patterns(&d.args) {
                Ok(p) => p,
                Err(e) => {
                    errors.push((d.pos, format!("invalid quoted string in //go:embed: {e}")));
                    continue;
                }
            };
            let mut names = Vec::new();
            for pat in &patterns {
                match resolve_pattern(&dir, pat) {
                    Ok(list) => names.extend(list),
                    Err(e) => errors.push((d.pos, format!("pattern {pat}: {e}"))),
                }
            }
            // Several directives may name the same variable: their files add up.
            let entry = match vars.iter().position(|v| v.obj == *obj) {
                Some(i) => &mut vars[i],
                None => {
                    vars.push(EmbedVar {
                        obj: *obj,
                        pos: *pos,
                        kind,
                        files: Vec::new(),
                    });
                    let last = vars.len() - 1;
                    &mut vars[last]
                }
            };
            for n in names {
                if !entry.files.iter().any(|f| f.name == n) {
                    entry.files.push(EmbedFile {
                        name: n,
                        data: Vec::new(),
                    });
                }
            }
        }
        // Read contents, add parent directories, order.
        for v in vars.iter_mut() {
            let mut files = Vec::new();
            for f in &v.files {
                if f.name.ends_with('/') {
                    continue;
                }
                match std::fs::read(dir.join(&f.name)) {
                    Ok(data) => files.push(EmbedFile {
                        name: f.name.clone(),
                        data,
                    }),
                    Err(e) => errors.push((v.pos, format!("embed {}: {e}", f.name))),
                }
            }
            match v.kind {
                EmbedKind::String | EmbedKind::Bytes => {
                    if files.len() > 1 {
                        let what = if v.kind == EmbedKind::String {
                            "string"
                        } else {
                            "[]byte"
                        };
                        errors.push((
                            v.pos,
                            format!("invalid go:embed: multiple files for type {what}"),
                        ));
                    }
                }
                EmbedKind::Fs => {
                    let mut dirs: Vec<String> = Vec::new();
                    for f in &files {
                        let mut n = f.name.as_str();
                        while let Some(i) = n.rfind('/') {
                            n = &n[..i];
                            let d = format!("{n}/");
                            if !dirs.contains(&d) {
                                dirs.push(d);
                            }
                        }
                    }
                    files.extend(dirs.into_iter().map(|name| EmbedFile {
                        name,
                        data: Vec::new(),
                    }));
                    files.sort_by(|a, b| split_name(&a.name).cmp(&split_name(&b.name)));
                }
            }
            v.files = files;
        }
        out.append(&mut vars);
    }
    (out, errors)
}

/// The variable kinds gc accepts: a string, a byte slice, or embed.FS (gc's embedKind).
fn embed_kind(prog: &Program, t: frontend::types::TypeId) -> Option<EmbedKind> {
    if let Type::Named(n) = prog.ty(t) {
        let o = prog.obj(n.obj);
        if o.name == "FS" && o.pkg.is_some_and(|p| prog.package(p).path == "embed") {
            return Some(EmbedKind::Fs);
        }
    }
    match prog.ty(prog.underlying(t)) {
        Type::Basic(k) if k.is_string() => Some(EmbedKind::String),
        Type::Slice(e) => match prog.ty(prog.underlying(*e)) {
            Type::Basic(k) if k.name() == "uint8" => Some(EmbedKind::Bytes),
            _ => None,
        },
        _ => None,
    }
}

/// embed.go's `split`: (dir, elem) of a file list name, "." for top-level names.
fn split_name(name: &str) -> (&str, &str) {
    let n = name.strip_suffix('/').unwrap_or(name);
    match n.rfind('/') {
        Some(i) => (&n[..i], &n[i + 1..]),
        None => (".", n),
    }
}

/// The patterns of a directive: space-separated, each possibly a Go double-quoted or
/// back-quoted string (cmd/go's parseGoEmbed).
fn split_patterns(args: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut rest = args.trim_start();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('`') {
            let end = r.find('`').ok_or_else(|| args.to_string())?;
            out.push(r[..end].to_string());
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix('"') {
            let mut s = String::new();
            let mut chars = r.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => {
                        end = Some(i);
                        break;
                    }
                    '\\' => match chars.next() {
                        Some((_, 'n')) => s.push('\n'),
                        Some((_, 't')) => s.push('\t'),
                        Some((_, c @ ('\\' | '"' | '\''))) => s.push(c),
                        _ => return Err(args.to_string()),
                    },
                    c => s.push(c),
                }
            }
            let end = end.ok_or_else(|| args.to_string())?;
            out.push(s);
            rest = &r[end + 1..];
        } else {
            let end = rest.find([' ', '\t']).unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
        if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
            return Err(args.to_string());
        }
        rest = rest.trim_start();
    }
    Ok(out)
}

/// The files (slash-separated, relative to `dir`) that one pattern embeds.
fn resolve_pattern(dir: &Path, pattern: &str) -> Result<Vec<String>, String> {
    let (all, pat) = match pattern.strip_prefix("all:") {
        Some(p) => (true, p),
        None => (false, pattern),
    };
    if pat.is_empty()
        || pat.starts_with('/')
        || pat.ends_with('/')
        || pat
            .split('/')
            .any(|e| e.is_empty() || e == "." || e == "..")
    {
        return Err("invalid pattern syntax".to_string());
    }
    let mut matches: Vec<String> = vec![String::new()];
    for elem in pat.split('/') {
        let mut next = Vec::new();
        for m in &matches {
            let d: PathBuf = if m.is_empty() {
                dir.to_path_buf()
            } else {
                dir.join(m)
            };
            let Ok(rd) = std::fs::read_dir(&d) else {
                continue;
            };
            let mut names: Vec<String> = rd
                .filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect();
            names.sort();
            for n in names {
                if glob_match(elem, &n)? {
                    next.push(if m.is_empty() { n } else { format!("{m}/{n}") });
                }
            }
        }
        matches = next;
    }
    let mut out = Vec::new();
    for m in matches {
        let p = dir.join(&m);
        let md = std::fs::metadata(&p).map_err(|e| e.to_string())?;
        if md.is_file() {
            out.push(m);
        } else if md.is_dir() {
            let before = out.len();
            walk_dir(dir, &m, all, &mut out)?;
            if out.len() == before {
                return Err(format!(
                    "cannot embed directory {m}: contains no embeddable files"
                ));
            }
        } else {
            return Err(format!("cannot embed irregular file {m}"));
        }
    }
    if out.is_empty() {
        return Err("no matching files found".to_string());
    }
    Ok(out)
}

/// Adds the embeddable files under `rel` (a directory relative to `root`), in name order.
fn walk_dir(root: &Path, rel: &str, all: bool, out: &mut Vec<String>) -> Result<(), String> {
    let rd = std::fs::read_dir(root.join(rel)).map_err(|e| e.to_string())?;
    let mut entries: Vec<(String, std::fs::FileType)> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().into_string().ok()?, e.file_type().ok()?)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, ft) in entries {
        if !all && (name.starts_with('.') || name.starts_with('_')) {
            continue;
        }
        let path = format!("{rel}/{name}");
        if ft.is_dir() {
            if root.join(&path).join("go.mod").exists() {
                continue;
            }
            walk_dir(root, &path, all, out)?;
        } else if ft.is_file() {
            out.push(path);
        } else {
            return Err(format!("cannot embed irregular file {path}"));
        }
    }
    Ok(())
}

/// `path.Match` for one path element: `*`, `?`, `[...]` classes (with `^` negation and ranges)
/// and `\` escapes. A malformed pattern is an error.
fn glob_match(pattern: &str, name: &str) -> Result<bool, String> {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    match_from(&p, &n)
}

fn match_from(p: &[char], n: &[char]) -> Result<bool, String> {
    if p.is_empty() {
        return Ok(n.is_empty());
    }
    match p[0] {
        '*' => {
            for i in 0..=n.len() {
                if match_from(&p[1..], &n[i..])? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        '?' => Ok(!n.is_empty() && match_from(&p[1..], &n[1..])?),
        '[' => {
            let mut i = 1;
            let negate = p.get(1) == Some(&'^');
            if negate {
                i += 1;
            }
            let c = n.first().copied();
            let mut matched = false;
            let mut first = true;
            loop {
                let Some(&lo) = p.get(i) else {
                    return Err("syntax error in pattern".to_string());
                };
                if lo == ']' && !first {
                    i += 1;
                    break;
                }
                first = false;
                let (lo, next) = class_char(p, i)?;
                i = next;
                let hi = if p.get(i) == Some(&'-') && p.get(i + 1) != Some(&']') {
                    let (hi, next) = class_char(p, i + 1)?;
                    i = next;
                    hi
                } else {
                    lo
                };
                if c.is_some_and(|c| lo <= c && c <= hi) {
                    matched = true;
                }
            }
            Ok(c.is_some() && matched != negate && match_from(&p[i..], &n[1..])?)
        }
        '\\' => {
            let Some(&c) = p.get(1) else {
                return Err("syntax error in pattern".to_string());
            };
            Ok(n.first() == Some(&c) && match_from(&p[2..], &n[1..])?)
        }
        c => Ok(n.first() == Some(&c) && match_from(&p[1..], &n[1..])?),
    }
}

/// One (possibly escaped) character of a `[...]` class at `i`, and the index after it.
fn class_char(p: &[char], i: usize) -> Result<(char, usize), String> {
    match p.get(i) {
        Some('\\') => p
            .get(i + 1)
            .map(|&c| (c, i + 2))
            .ok_or_else(|| "syntax error in pattern".to_string()),
        Some(&c) => Ok((c, i + 1)),
        None => Err("syntax error in pattern".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("*.json.zst", "a.json.zst").unwrap());
        assert!(!glob_match("*.json", "a.json.zst").unwrap());
        assert!(glob_match("[a-c]?", "bx").unwrap());
        assert!(!glob_match("[^a-c]?", "bx").unwrap());
        assert!(glob_match("\\*", "*").unwrap());
        assert!(glob_match("[", "x").is_err());
    }

    #[test]
    fn fs_order() {
        let mut v = vec!["q/s/t", "q/", "p", "q/r", "w", "q/s/", "q/v", "q/s/u"];
        v.sort_by(|a, b| split_name(a).cmp(&split_name(b)));
        assert_eq!(v, ["p", "q/", "w", "q/r", "q/s/", "q/v", "q/s/t", "q/s/u"]);
    }

    #[test]
    fn patterns() {
        assert_eq!(
            split_patterns("a b \"c d\" `e`").unwrap(),
            ["a", "b", "c d", "e"]
        );
        assert!(split_patterns("\"a").is_err());
    }
}
