//! A small scanner for the package clause and import declarations of a Go file.
//!
//! Loading needs each file's package name and imports before anything is parsed: the import graph
//! decides which packages exist and in which order their files enter the `FileSet`. Reading only
//! the header (as the go command does) keeps that cheap and independent of the full parser. A
//! file whose header is malformed just yields what was recognised; the full parse reports the
//! syntax error later in gc's wording.

/// One import of a file: the unquoted path and the byte offset of the import spec (its name if it
/// has one, else its string literal) — where the go command positions import errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    pub path: String,
    pub offset: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileHeader {
    /// Empty when there is no well-formed package clause.
    pub package: String,
    pub package_offset: usize,
    pub imports: Vec<Import>,
}

#[derive(Debug, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Str(String),
    LParen,
    RParen,
    Semi,
    Dot,
    Other,
    Eof,
}

struct Scanner<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    /// Skips blanks and comments (a newline acts as `;` where Go would insert one, but the header
    /// grammar below does not need to tell the two apart, so both are just separators).
    fn skip(&mut self) {
        let b = self.src.as_bytes();
        while self.pos < b.len() {
            match b[self.pos] {
                b' ' | b'\t' | b'\r' | b'\n' => self.pos += 1,
                b'/' if b.get(self.pos + 1) == Some(&b'/') => {
                    while self.pos < b.len() && b[self.pos] != b'\n' {
                        self.pos += 1;
                    }
                }
                b'/' if b.get(self.pos + 1) == Some(&b'*') => {
                    match self.src[self.pos + 2..].find("*/") {
                        Some(i) => self.pos += 2 + i + 2,
                        None => self.pos = b.len(),
                    }
                }
                _ => break,
            }
        }
    }

    fn next(&mut self) -> (usize, Tok) {
        self.skip();
        let start = self.pos;
        let rest = &self.src[self.pos..];
        let Some(c) = rest.chars().next() else {
            return (start, Tok::Eof);
        };
        if c.is_alphabetic() || c == '_' {
            let len = rest
                .char_indices()
                .find(|&(_, d)| !(d.is_alphanumeric() || d == '_'))
                .map_or(rest.len(), |(i, _)| i);
            self.pos += len;
            return (start, Tok::Ident(rest[..len].to_string()));
        }
        self.pos += c.len_utf8();
        let tok = match c {
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            ';' => Tok::Semi,
            '.' => Tok::Dot,
            '`' => match rest[1..].find('`') {
                Some(i) => {
                    self.pos = start + 1 + i + 1;
                    Tok::Str(rest[1..1 + i].replace('\r', ""))
                }
                None => Tok::Other,
            },
            '"' => match scan_interpreted(&rest[1..]) {
                Some((s, len)) => {
                    self.pos = start + 1 + len;
                    Tok::Str(s)
                }
                None => Tok::Other,
            },
            _ => Tok::Other,
        };
        (start, tok)
    }
}

/// Decodes an interpreted string body up to its closing quote; returns the value and the number of
/// bytes consumed including the quote. Import paths seldom use escapes, but `\x..`, `\u....` and
/// the single-character escapes are honoured so the path matches what the parser will see.
fn scan_interpreted(s: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut it = s.char_indices();
    while let Some((i, c)) = it.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\n' => return None,
            '\\' => {
                let (_, e) = it.next()?;
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    '\\' => out.push('\\'),
                    '"' => out.push('"'),
                    '\'' => out.push('\''),
                    'x' | 'u' | 'U' => {
                        let n = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut v = 0u32;
                        for _ in 0..n {
                            let (_, h) = it.next()?;
                            v = v * 16 + h.to_digit(16)?;
                        }
                        out.push(char::from_u32(v)?);
                    }
                    _ => return None,
                }
            }
            _ => out.push(c),
        }
    }
    None
}

/// Reads `package name` and the import declarations that follow it.
pub fn scan(src: &str) -> FileHeader {
    let mut h = FileHeader::default();
    let mut s = Scanner { src, pos: 0 };
    let (_, t) = s.next();
    if t != Tok::Ident("package".to_string()) {
        return h;
    }
    let (off, t) = s.next();
    let Tok::Ident(name) = t else {
        return h;
    };
    h.package = name;
    h.package_offset = off;
    loop {
        let (_, t) = s.next();
        match t {
            Tok::Semi => continue,
            Tok::Ident(kw) if kw == "import" => {}
            _ => return h,
        }
        let (off, t) = s.next();
        if t == Tok::LParen {
            loop {
                let (off, t) = s.next();
                match t {
                    Tok::Semi => continue,
                    Tok::RParen => break,
                    t => {
                        if !import_spec(&mut s, off, t, &mut h) {
                            return h;
                        }
                    }
                }
            }
        } else if !import_spec(&mut s, off, t, &mut h) {
            return h;
        }
    }
}

/// `["name" | "." | "_"] "path"`, the first token already read.
fn import_spec(s: &mut Scanner, off: usize, t: Tok, h: &mut FileHeader) -> bool {
    let t = match t {
        Tok::Ident(_) | Tok::Dot => s.next().1,
        t => t,
    };
    match t {
        Tok::Str(path) => {
            h.imports.push(Import { path, offset: off });
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header() {
        let src = "// c\npackage p // x\n\nimport \"a\"\nimport (\n\tb \"b/c\"\n\t. `d`\n\t_ \"e\\x41\"\n)\nimport /* z */ \"f\"; var x = 1\nimport \"g\"\n";
        let h = scan(src);
        assert_eq!(h.package, "p");
        let paths: Vec<&str> = h.imports.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["a", "b/c", "d", "eA", "f"]);
        assert_eq!(&src[h.imports[0].offset..h.imports[0].offset + 3], "\"a\"");
        assert_eq!(&src[h.imports[1].offset..h.imports[1].offset + 3], "b \"");
    }
}
