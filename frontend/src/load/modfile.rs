//! The parts of `go.mod` that loading needs: the module path, the `go` version, `require`d
//! module versions (to find them in the module cache) and `replace` directives.

use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModFile {
    pub module: String,
    pub go: Option<String>,
    /// `(module path, version)`.
    pub require: Vec<(String, String)>,
    /// `(old path, old version or "", new path, new version or "")`.
    pub replace: Vec<(String, String, String, String)>,
}

/// Splits a line into fields, honouring Go-quoted strings (`"..."`, `` `...` ``) and `//`
/// comments.
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if line[i..].starts_with("//") {
            break;
        } else if c == '"' || c == '`' {
            chars.next();
            let mut s = String::new();
            while let Some((_, d)) = chars.next() {
                if d == c {
                    break;
                }
                if d == '\\' && c == '"' {
                    if let Some((_, e)) = chars.next() {
                        s.push(e);
                    }
                    continue;
                }
                s.push(d);
            }
            out.push(s);
        } else {
            let mut s = String::new();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_whitespace() || line[j..].starts_with("//") {
                    break;
                }
                s.push(d);
                chars.next();
            }
            out.push(s);
        }
    }
    out
}

pub fn parse(text: &str) -> ModFile {
    let mut m = ModFile::default();
    let mut block: Option<String> = None;
    for line in text.lines() {
        let mut f = fields(line);
        if f.is_empty() {
            continue;
        }
        let verb = match &block {
            Some(v) => {
                if f[0] == ")" {
                    block = None;
                    continue;
                }
                v.clone()
            }
            None => {
                let v = f.remove(0);
                if f.len() == 1 && f[0] == "(" {
                    block = Some(v);
                    continue;
                }
                v
            }
        };
        match verb.as_str() {
            "module" if !f.is_empty() => m.module = f[0].clone(),
            "go" if !f.is_empty() => m.go = Some(f[0].clone()),
            "require" if f.len() >= 2 => m.require.push((f[0].clone(), f[1].clone())),
            "replace" => {
                if let Some(arrow) = f.iter().position(|x| x == "=>") {
                    let old = f.first().cloned().unwrap_or_default();
                    let old_v = if arrow == 2 {
                        f[1].clone()
                    } else {
                        String::new()
                    };
                    let new = f.get(arrow + 1).cloned().unwrap_or_default();
                    let new_v = f.get(arrow + 2).cloned().unwrap_or_default();
                    m.replace.push((old, old_v, new, new_v));
                }
            }
            _ => {}
        }
    }
    m
}

/// The module cache's case-encoding of a path or version: `A` becomes `!a`.
pub fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('!');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Finds `go.mod` in `dir` or its parents; returns the module root.
pub fn find_root(dir: &Path) -> Option<PathBuf> {
    let mut d = Some(dir);
    while let Some(p) = d {
        if p.join("go.mod").is_file() {
            return Some(p.to_path_buf());
        }
        d = p.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        let m = parse(
            "module \"example.com/m\" // c\n\ngo 1.22\nrequire (\n\tgolang.org/x/y v1.2.3 // indirect\n)\nreplace a.b/c => ../c\nreplace (\n a.b/d v1 => a.b/e v2\n)\n",
        );
        assert_eq!(m.module, "example.com/m");
        assert_eq!(m.go.as_deref(), Some("1.22"));
        assert_eq!(m.require, [("golang.org/x/y".into(), "v1.2.3".into())]);
        assert_eq!(m.replace.len(), 2);
        assert_eq!(m.replace[0].2, "../c");
        assert_eq!(m.replace[1].1, "v1");
        assert_eq!(escape("github.com/BurntSushi"), "github.com/!burnt!sushi");
    }
}
