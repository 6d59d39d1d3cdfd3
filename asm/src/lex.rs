//! Tokens and the preprocessor of Plan 9 assembly (cmd/asm's lexer, as GOROOT's `.s` files use it).
//!
//! The preprocessor works on tokens, line by line: `#include` pulls in a header (textflag.h,
//! funcdata.h, go_asm.h) from the caller's resolver, `#define` records object-like and
//! function-like macros (a body may continue over lines ending in `\`), `#undef`, and
//! `#ifdef`/`#ifndef`/`#else`/`#endif` skip lines. Macro uses are expanded when a line is
//! read, recursively, but a macro is never expanded inside its own expansion (C's rule).
//! Statements are separated by newlines and `;`; the output is one token list per statement,
//! each token carrying the file and line it came from, so errors read `file.s:line: message`.

use std::collections::HashMap;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Ident(String),
    Int(u64),
    Float(f64),
    Str(Vec<u8>),
    Char(u64),
    Punct(&'static str),
}

impl std::fmt::Display for Tok {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tok::Ident(s) => write!(f, "{s}"),
            Tok::Int(v) => write!(f, "{v}"),
            Tok::Float(v) => write!(f, "{v}"),
            Tok::Str(s) => write!(f, "{:?}", String::from_utf8_lossy(s)),
            Tok::Char(c) => write!(f, "'{c}'"),
            Tok::Punct(p) => write!(f, "{p}"),
        }
    }
}

/// Where a token came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Pos {
    pub file: Rc<str>,
    pub line: u32,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

#[derive(Clone, Debug)]
pub struct Error {
    pub pos: Pos,
    pub msg: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.pos, self.msg)
    }
}

const PUNCTS: [&str; 22] = [
    "<<", ">>", "(", ")", ",", "$", "+", "-", "*", "/", "%", "&", "|", "^", "~", "<", ">", ":",
    ";", "!", "=", "#",
];

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '·' || c == '∕' || c == '.'
}

fn is_ident_char(c: char) -> bool {
    is_ident_start(c) || c.is_ascii_digit()
}

/// Splits one logical line (comments already removed) into tokens.
fn tokenize(line: &str, pos: &Pos) -> Result<Vec<Tok>, Error> {
    let err = |msg: String| Error {
        pos: pos.clone(),
        msg,
    };
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let start = i;
            let mut is_float = false;
            if c == '0' && i + 1 < chars.len() && matches!(chars[i + 1], 'x' | 'X') {
                i += 2;
                while i < chars.len() && (chars[i].is_ascii_hexdigit() || chars[i] == '_') {
                    i += 1;
                }
                let s: String = chars[start + 2..i].iter().filter(|&&c| c != '_').collect();
                let v =
                    u64::from_str_radix(&s, 16).map_err(|_| err(format!("bad number 0x{s}")))?;
                out.push(Tok::Int(v));
                continue;
            }
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '_') {
                i += 1;
            }
            if i < chars.len() && chars[i] == '.' {
                is_float = true;
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            if i < chars.len() && matches!(chars[i], 'e' | 'E') {
                is_float = true;
                i += 1;
                if i < chars.len() && matches!(chars[i], '+' | '-') {
                    i += 1;
                }
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let s: String = chars[start..i].iter().filter(|&&c| c != '_').collect();
            if is_float {
                let v: f64 = s.parse().map_err(|_| err(format!("bad number {s}")))?;
                out.push(Tok::Float(v));
            } else if s.len() > 1 && s.starts_with('0') {
                let v =
                    u64::from_str_radix(&s[1..], 8).map_err(|_| err(format!("bad number {s}")))?;
                out.push(Tok::Int(v));
            } else {
                let v: u64 = s.parse().map_err(|_| err(format!("bad number {s}")))?;
                out.push(Tok::Int(v));
            }
            continue;
        }
        if is_ident_start(c) {
            let start = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            out.push(Tok::Ident(chars[start..i].iter().collect()));
            continue;
        }
        if c == '"' {
            i += 1;
            let mut s = Vec::new();
            loop {
                let Some(&c) = chars.get(i) else {
                    return Err(err("unterminated string".into()));
                };
                i += 1;
                match c {
                    '"' => break,
                    '\\' => {
                        let (v, n) = escape(&chars[i..]).ok_or_else(|| err("bad escape".into()))?;
                        i += n;
                        s.push(v as u8);
                    }
                    c => {
                        let mut b = [0; 4];
                        s.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
                    }
                }
            }
            out.push(Tok::Str(s));
            continue;
        }
        if c == '\'' {
            i += 1;
            let v = match chars.get(i) {
                Some('\\') => {
                    let (v, n) = escape(&chars[i + 1..]).ok_or_else(|| err("bad escape".into()))?;
                    i += 1 + n;
                    v
                }
                Some(&c) => {
                    i += 1;
                    c as u64
                }
                None => return Err(err("bad character constant".into())),
            };
            if chars.get(i) != Some(&'\'') {
                return Err(err("bad character constant".into()));
            }
            i += 1;
            out.push(Tok::Char(v));
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
        match PUNCTS.iter().find(|p| rest.starts_with(**p)) {
            Some(p) => {
                out.push(Tok::Punct(p));
                i += p.len();
            }
            None => return Err(err(format!("unexpected character {c:?}"))),
        }
    }
    Ok(out)
}

/// A backslash escape after the backslash: its value and how many characters it used.
fn escape(s: &[char]) -> Option<(u64, usize)> {
    let c = *s.first()?;
    Some(match c {
        'n' => (10, 1),
        't' => (9, 1),
        'r' => (13, 1),
        '0'..='7' => {
            let n = s
                .iter()
                .take(3)
                .take_while(|c| ('0'..='7').contains(c))
                .count();
            let t: String = s[..n].iter().collect();
            (u64::from_str_radix(&t, 8).ok()?, n)
        }
        'x' => {
            let t: String = s.get(1..3)?.iter().collect();
            (u64::from_str_radix(&t, 16).ok()?, 3)
        }
        '\\' | '\'' | '"' => (c as u64, 1),
        _ => return None,
    })
}

#[derive(Clone, Debug)]
struct Macro {
    params: Option<Vec<String>>,
    body: Vec<Tok>,
}

/// A token with its position.
#[derive(Clone, Debug)]
pub struct PTok {
    pub tok: Tok,
    pub pos: Pos,
}

/// One statement: its tokens (never empty) and the line it starts on.
#[derive(Clone, Debug)]
pub struct Stmt {
    pub toks: Vec<Tok>,
    pub pos: Pos,
}

/// Resolves `#include "name"` to the header's text.
pub type Resolver<'a> = dyn Fn(&str) -> Option<String> + 'a;

pub struct Preprocessor<'a> {
    macros: HashMap<String, Rc<Macro>>,
    resolve: &'a Resolver<'a>,
    pub stmts: Vec<Stmt>,
    depth: usize,
}

/// Removes comments; `in_block` carries an open `/* */` across lines.
fn strip_comments(line: &str, in_block: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        if *in_block {
            match rest.find("*/") {
                Some(i) => {
                    rest = &rest[i + 2..];
                    *in_block = false;
                    out.push(' ');
                }
                None => return out,
            }
        }
        // A `//` or `/*` inside a string or character literal is not a comment.
        let mut quote: Option<char> = None;
        let mut cut = None;
        let mut prev = '\0';
        for (i, c) in rest.char_indices() {
            match quote {
                Some(q) => {
                    if c == q && prev != '\\' {
                        quote = None;
                    }
                }
                None => {
                    if c == '"' || c == '\'' {
                        quote = Some(c);
                    } else if c == '/' && rest[i + 1..].starts_with('/') {
                        cut = Some((i, false));
                        break;
                    } else if c == '/' && rest[i + 1..].starts_with('*') {
                        cut = Some((i, true));
                        break;
                    }
                }
            }
            prev = if prev == '\\' && c == '\\' { '\0' } else { c };
        }
        match cut {
            None => {
                out.push_str(rest);
                return out;
            }
            Some((i, false)) => {
                out.push_str(&rest[..i]);
                return out;
            }
            Some((i, true)) => {
                out.push_str(&rest[..i]);
                rest = &rest[i + 2..];
                *in_block = true;
            }
        }
    }
}

impl<'a> Preprocessor<'a> {
    pub fn new(resolve: &'a Resolver<'a>) -> Self {
        Preprocessor {
            macros: HashMap::new(),
            resolve,
            stmts: Vec::new(),
            depth: 0,
        }
    }

    /// Predefines an object-like macro (the go command's `-D GOOS_linux -D GOARCH_amd64`).
    pub fn define(&mut self, name: &str, value: &str) {
        let pos = Pos {
            file: Rc::from("<command line>"),
            line: 0,
        };
        let body = tokenize(value, &pos).unwrap_or_default();
        self.macros
            .insert(name.to_string(), Rc::new(Macro { params: None, body }));
    }

    pub fn run(&mut self, file: &str, text: &str) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > 20 {
            return Err(Error {
                pos: Pos {
                    file: Rc::from(file),
                    line: 0,
                },
                msg: "#include nested too deeply".into(),
            });
        }
        let fname: Rc<str> = Rc::from(file);
        let lines: Vec<&str> = text.lines().collect();
        let mut in_block = false;
        // Conditional stack: (this branch active, some branch taken, parent active).
        let mut conds: Vec<(bool, bool)> = Vec::new();
        let active = |c: &Vec<(bool, bool)>| c.iter().all(|x| x.0);
        let mut i = 0;
        while i < lines.len() {
            let pos = Pos {
                file: fname.clone(),
                line: i as u32 + 1,
            };
            let mut line = strip_comments(lines[i], &mut in_block);
            i += 1;
            // Continuation lines (macro bodies).
            while line.trim_end().ends_with('\\') && i < lines.len() {
                let t = line.trim_end();
                line = format!("{} ", &t[..t.len() - 1]);
                line.push_str(&strip_comments(lines[i], &mut in_block));
                i += 1;
            }
            let trimmed = line.trim_start();
            if let Some(d) = trimmed.strip_prefix('#') {
                let d = d.trim_start();
                let (word, rest) = d.split_once(|c: char| c.is_whitespace()).unwrap_or((d, ""));
                let rest = rest.trim();
                let err = |msg: String| Error {
                    pos: pos.clone(),
                    msg,
                };
                match word {
                    "ifdef" | "ifndef" => {
                        let def = self.macros.contains_key(rest);
                        conds.push(((word == "ifdef") == def, (word == "ifdef") == def));
                    }
                    "else" => {
                        let Some(top) = conds.last_mut() else {
                            return Err(err("#else without #ifdef".into()));
                        };
                        top.0 = !top.1;
                        top.1 = true;
                    }
                    "endif" => {
                        if conds.pop().is_none() {
                            return Err(err("#endif without #ifdef".into()));
                        }
                    }
                    _ if !active(&conds) => {}
                    "include" => {
                        let name = rest.trim_matches(|c| c == '"' || c == '<' || c == '>');
                        let text = (self.resolve)(name)
                            .ok_or_else(|| err(format!("#include: cannot find {name}")))?;
                        self.run(name, &text)?;
                    }
                    "define" => self.define_line(rest, &pos)?,
                    "undef" => {
                        self.macros.remove(rest);
                    }
                    _ => return Err(err(format!("unknown directive #{word}"))),
                }
                continue;
            }
            if !active(&conds) {
                continue;
            }
            let toks = tokenize(&line, &pos)?;
            if toks.is_empty() {
                continue;
            }
            let toks = self.expand(toks, &pos, &mut Vec::new())?;
            let mut cur = Vec::new();
            for t in toks {
                if t == Tok::Punct(";") {
                    if !cur.is_empty() {
                        self.push_stmt(std::mem::take(&mut cur), &pos);
                    }
                } else {
                    cur.push(t);
                }
            }
            if !cur.is_empty() {
                self.push_stmt(cur, &pos);
            }
        }
        self.depth -= 1;
        if !conds.is_empty() {
            return Err(Error {
                pos: Pos {
                    file: fname,
                    line: lines.len() as u32,
                },
                msg: "unterminated #ifdef".into(),
            });
        }
        Ok(())
    }

    /// A label followed by an instruction on the same line (`loop: ADDQ ...`) becomes two
    /// statements.
    fn push_stmt(&mut self, toks: Vec<Tok>, pos: &Pos) {
        if toks.len() > 2 && matches!(toks[0], Tok::Ident(_)) && toks[1] == Tok::Punct(":") {
            self.stmts.push(Stmt {
                toks: toks[..2].to_vec(),
                pos: pos.clone(),
            });
            self.stmts.push(Stmt {
                toks: toks[2..].to_vec(),
                pos: pos.clone(),
            });
        } else {
            self.stmts.push(Stmt {
                toks,
                pos: pos.clone(),
            });
        }
    }

    fn define_line(&mut self, rest: &str, pos: &Pos) -> Result<(), Error> {
        let name_end = rest
            .char_indices()
            .find(|&(_, c)| !is_ident_char(c))
            .map_or(rest.len(), |(i, _)| i);
        let name = &rest[..name_end];
        if name.is_empty() {
            return Err(Error {
                pos: pos.clone(),
                msg: "#define without a name".into(),
            });
        }
        let after = &rest[name_end..];
        let (params, body) = if let Some(p) = after.strip_prefix('(') {
            let close = p.find(')').ok_or_else(|| Error {
                pos: pos.clone(),
                msg: format!("#define {name}: missing )"),
            })?;
            let params: Vec<String> = p[..close]
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            (Some(params), &p[close + 1..])
        } else {
            (None, after)
        };
        let body = tokenize(body, pos)?;
        self.macros
            .insert(name.to_string(), Rc::new(Macro { params, body }));
        Ok(())
    }

    /// Expands macros in `toks`; `active` lists the macros being expanded (never re-expanded).
    fn expand(
        &self,
        toks: Vec<Tok>,
        pos: &Pos,
        active: &mut Vec<String>,
    ) -> Result<Vec<Tok>, Error> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            i += 1;
            let Tok::Ident(name) = t else {
                out.push(t.clone());
                continue;
            };
            let Some(m) = self.macros.get(name).filter(|_| !active.contains(name)) else {
                out.push(t.clone());
                continue;
            };
            let body = match &m.params {
                None => m.body.clone(),
                Some(params) => {
                    if toks.get(i) != Some(&Tok::Punct("(")) {
                        out.push(t.clone());
                        continue;
                    }
                    i += 1;
                    let mut args: Vec<Vec<Tok>> = vec![Vec::new()];
                    let mut depth = 0;
                    loop {
                        let Some(a) = toks.get(i) else {
                            return Err(Error {
                                pos: pos.clone(),
                                msg: format!("macro {name}: missing )"),
                            });
                        };
                        i += 1;
                        match a {
                            Tok::Punct("(") => depth += 1,
                            Tok::Punct(")") if depth == 0 => break,
                            Tok::Punct(")") => depth -= 1,
                            Tok::Punct(",") if depth == 0 => {
                                args.push(Vec::new());
                                continue;
                            }
                            _ => {}
                        }
                        if let Some(last) = args.last_mut() {
                            last.push(a.clone());
                        }
                    }
                    if params.is_empty() && args.len() == 1 && args[0].is_empty() {
                        args.clear();
                    }
                    if args.len() != params.len() {
                        return Err(Error {
                            pos: pos.clone(),
                            msg: format!(
                                "macro {name}: {} arguments, want {}",
                                args.len(),
                                params.len()
                            ),
                        });
                    }
                    // Arguments are expanded before substitution.
                    let mut ex = Vec::new();
                    for a in args {
                        ex.push(self.expand(a, pos, active)?);
                    }
                    let mut b = Vec::new();
                    for bt in &m.body {
                        match bt {
                            Tok::Ident(p) if params.contains(p) => {
                                let k = params.iter().position(|x| x == p).unwrap_or(0);
                                b.extend(ex[k].iter().cloned());
                            }
                            _ => b.push(bt.clone()),
                        }
                    }
                    b
                }
            };
            active.push(name.clone());
            let e = self.expand(body, pos, active)?;
            active.pop();
            out.extend(e);
        }
        Ok(out)
    }
}
