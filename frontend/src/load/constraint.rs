//! Build constraints: which files of a directory take part in a build.
//!
//! Three mechanisms decide it, as for the go command:
//! - file-name suffixes (`_linux.go`, `_amd64.go`, `_linux_amd64.go`, optionally before `_test`),
//!   judged against the full lists of GOOS/GOARCH values the go command knows, so that
//!   `_windows.go` is excluded on linux while `_unix.go` (not a known GOOS) is not special;
//! - a `//go:build` expression in the file header (`&&`, `||`, `!`, parentheses);
//! - legacy `// +build` lines, honoured only when the header has no `//go:build` line.

use std::collections::BTreeSet;

/// Every GOOS the go command recognises in file names (1.27's list). A suffix naming any of them
/// makes the file OS-specific; the list must be complete or e.g. `_zos.go` would leak in.
pub const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];

/// The GOOS values that satisfy the `unix` build tag (only in `//go:build` lines, never in file
/// names).
pub const UNIX_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "linux",
    "netbsd",
    "openbsd",
    "solaris",
];

/// Every GOARCH the go command recognises in file names (1.27's list).
pub const KNOWN_ARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

/// The newest release tag: `go1.1` … `go1.27` are all satisfied by the pinned 1.27 toolchain.
pub const GO_MINOR: u32 = 27;

/// The set of satisfied build tags.
#[derive(Clone, Debug, Default)]
pub struct Tags {
    set: BTreeSet<String>,
}

impl Tags {
    /// The tags gc 1.27.3 satisfies for `goos`/`goarch`: the pair itself (plus the implied OS of
    /// android/illumos/ios), `unix`, the compiler `gc`, the release tags, GOAMD64=v1's `amd64.v1`,
    /// the experiments on by default (internal/buildcfg's baseline; `go list -f
    /// '{{context.ToolTags}}'` shows them), `cgo` when enabled, and the user's extra tags.
    pub fn new(goos: &str, goarch: &str, cgo: bool, extra: &[String]) -> Tags {
        let mut set = BTreeSet::new();
        set.insert(goos.to_string());
        set.insert(goarch.to_string());
        // These GOOS values are supersets of another one and satisfy its tag too.
        match goos {
            "android" => {
                set.insert("linux".to_string());
            }
            "illumos" => {
                set.insert("solaris".to_string());
            }
            "ios" => {
                set.insert("darwin".to_string());
            }
            _ => {}
        }
        if UNIX_OS.contains(&goos) {
            set.insert("unix".to_string());
        }
        set.insert("gc".to_string());
        for minor in 1..=GO_MINOR {
            set.insert(format!("go1.{minor}"));
        }
        if goarch == "amd64" {
            // GOAMD64=v1 is rgo's target; v1 satisfies only its own level.
            set.insert("amd64.v1".to_string());
        }
        // Default-on experiments of 1.27 (internal/buildcfg/exp.go's baseline).
        let regabi = matches!(
            goarch,
            "amd64" | "arm64" | "loong64" | "ppc64le" | "ppc64" | "riscv64" | "s390x"
        );
        if regabi {
            set.insert("goexperiment.regabiwrappers".to_string());
            set.insert("goexperiment.regabiargs".to_string());
        }
        if !matches!(goos, "darwin" | "ios" | "aix") {
            set.insert("goexperiment.dwarf5".to_string());
        }
        for e in [
            "randomizedheapbase64",
            "greenteagc",
            "jsonv2",
            "sizespecializedmalloc",
        ] {
            set.insert(format!("goexperiment.{e}"));
        }
        if cgo {
            set.insert("cgo".to_string());
        }
        for t in extra {
            set.insert(t.clone());
        }
        Tags { set }
    }

    pub fn has(&self, tag: &str) -> bool {
        self.set.contains(tag)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.set.iter().map(|s| s.as_str())
    }
}

/// Whether a file name's GOOS/GOARCH suffixes admit it. Only the part after the first `_` counts
/// (so `linux.go` and `windows.go` are ordinary files), the extension and everything after the
/// first `.` is ignored, and a trailing `_test` is skipped before looking at the suffixes.
pub fn file_name_ok(name: &str, tags: &Tags) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let Some(us) = stem.find('_') else {
        return true;
    };
    let mut parts: Vec<&str> = stem[us..].split('_').collect();
    if parts.last() == Some(&"test") {
        parts.pop();
    }
    let n = parts.len();
    if n >= 2 && KNOWN_OS.contains(&parts[n - 2]) && KNOWN_ARCH.contains(&parts[n - 1]) {
        return tags.has(parts[n - 2]) && tags.has(parts[n - 1]);
    }
    if n >= 1 && (KNOWN_OS.contains(&parts[n - 1]) || KNOWN_ARCH.contains(&parts[n - 1])) {
        return tags.has(parts[n - 1]);
    }
    true
}

/// A parsed `//go:build` expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Tag(String),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    pub fn eval(&self, tags: &Tags) -> bool {
        match self {
            Expr::Tag(t) => tags.has(t),
            Expr::Not(x) => !x.eval(tags),
            Expr::And(a, b) => a.eval(tags) && b.eval(tags),
            Expr::Or(a, b) => a.eval(tags) || b.eval(tags),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Tag(String),
    Not,
    And,
    Or,
    LParen,
    RParen,
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

fn tokenize(s: &str) -> Result<Vec<Tok>, String> {
    let mut toks = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some(&(i, c)) = it.peek() {
        if c == ' ' || c == '\t' {
            it.next();
        } else if c == '!' {
            it.next();
            toks.push(Tok::Not);
        } else if c == '(' {
            it.next();
            toks.push(Tok::LParen);
        } else if c == ')' {
            it.next();
            toks.push(Tok::RParen);
        } else if c == '&' || c == '|' {
            it.next();
            match it.next() {
                Some((_, d)) if d == c => toks.push(if c == '&' { Tok::And } else { Tok::Or }),
                _ => return Err(format!("invalid syntax at {c}")),
            }
        } else if is_tag_char(c) {
            let mut end = s.len();
            while let Some(&(j, d)) = it.peek() {
                if !is_tag_char(d) {
                    end = j;
                    break;
                }
                it.next();
            }
            toks.push(Tok::Tag(s[i..end].to_string()));
        } else {
            return Err(format!("invalid syntax at {c}"));
        }
    }
    Ok(toks)
}

/// Parses the text after `//go:build`. Errors use go/build/constraint's phrases so that a driver
/// can print `parsing //go:build line: <err>`.
pub fn parse_expr(s: &str) -> Result<Expr, String> {
    let toks = tokenize(s)?;
    if toks.is_empty() {
        return Err("unexpected end of expression".to_string());
    }
    let mut p = ExprParser { toks, pos: 0 };
    let e = p.or()?;
    if p.pos != p.toks.len() {
        return Err("unexpected token".to_string());
    }
    Ok(e)
}

struct ExprParser {
    toks: Vec<Tok>,
    pos: usize,
}

impl ExprParser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn or(&mut self) -> Result<Expr, String> {
        let mut x = self.and()?;
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            let y = self.and()?;
            x = Expr::Or(Box::new(x), Box::new(y));
        }
        Ok(x)
    }
    fn and(&mut self) -> Result<Expr, String> {
        let mut x = self.not()?;
        while self.peek() == Some(&Tok::And) {
            self.pos += 1;
            let y = self.not()?;
            x = Expr::And(Box::new(x), Box::new(y));
        }
        Ok(x)
    }
    fn not(&mut self) -> Result<Expr, String> {
        if self.peek() == Some(&Tok::Not) {
            self.pos += 1;
            if self.peek() == Some(&Tok::Not) {
                return Err("double negation not allowed".to_string());
            }
            return Ok(Expr::Not(Box::new(self.atom()?)));
        }
        self.atom()
    }
    fn atom(&mut self) -> Result<Expr, String> {
        match self.toks.get(self.pos).cloned() {
            Some(Tok::LParen) => {
                self.pos += 1;
                let x = self.or()?;
                if self.peek() != Some(&Tok::RParen) {
                    return Err("missing close paren".to_string());
                }
                self.pos += 1;
                Ok(x)
            }
            Some(Tok::Tag(t)) => {
                self.pos += 1;
                Ok(Expr::Tag(t))
            }
            Some(Tok::RParen) => Err("unexpected token )".to_string()),
            Some(_) => Err("unexpected operator".to_string()),
            None => Err("unexpected end of expression".to_string()),
        }
    }
}

/// Evaluates one legacy `// +build` line's arguments: space-separated alternatives, each a
/// comma-separated conjunction of possibly negated tags. A malformed term (`!!x`, `!`, empty)
/// is simply false, as the go command treats it.
pub fn eval_plus_build(args: &str, tags: &Tags) -> bool {
    args.split_whitespace().any(|alt| {
        alt.split(',').all(|term| {
            let (neg, name) = match term.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, term),
            };
            if name.is_empty() || name.starts_with('!') || !name.chars().all(is_tag_char) {
                return false;
            }
            tags.has(name) != neg
        })
    })
}

/// What the header of a file says about its build constraints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// Text after `//go:build`, with its line (1-based).
    pub go_build: Option<(String, u32)>,
    /// Arguments of the `// +build` lines that count (those before the last blank line preceding
    /// the package clause, so a `+build` inside the package doc comment is ignored).
    pub plus_build: Vec<String>,
    /// A second `//go:build` line is an error.
    pub multiple_go_build: bool,
}

/// Reads the header: the leading run of blank lines and comments before the first token.
/// `//go:build` counts anywhere in that run (outside `/* */`); `// +build` only up to the last
/// blank line of the run.
pub fn scan_header(text: &str) -> Header {
    let mut h = Header::default();
    let mut plus_end = 0usize; // byte offset just after the last counted blank line
    let mut ended = false; // a line not starting with `//` was seen: blank lines stop counting
    let mut in_block = false;
    let mut candidates: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0usize;
    'lines: for (lineno, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim();
        if line.is_empty() && !ended {
            plus_end = offset;
            continue;
        }
        if !line.starts_with("//") {
            ended = true;
        }
        if !in_block {
            if let Some(rest) = line.strip_prefix("//go:build")
                && (rest.is_empty() || rest.starts_with([' ', '\t']))
            {
                if h.go_build.is_some() {
                    h.multiple_go_build = true;
                } else {
                    h.go_build = Some((rest.trim().to_string(), lineno as u32 + 1));
                }
            }
            if line.starts_with("//") {
                candidates.push((start, line));
            }
        }
        // Skip the comments of this line; stop at the first real token.
        let mut rest = line;
        loop {
            if in_block {
                match rest.find("*/") {
                    Some(i) => {
                        rest = &rest[i + 2..];
                        in_block = false;
                    }
                    None => continue 'lines,
                }
            }
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with("//") {
                continue 'lines;
            }
            if let Some(r) = rest.strip_prefix("/*") {
                rest = r;
                in_block = true;
                continue;
            }
            break 'lines;
        }
    }
    for (start, line) in candidates {
        if start >= plus_end {
            break;
        }
        let body = line[2..].trim();
        if let Some(args) = body.strip_prefix("+build")
            && (args.is_empty() || args.starts_with([' ', '\t']))
        {
            h.plus_build.push(args.trim().to_string());
        }
    }
    h
}

/// Whether the header admits the file. `Err` carries a `//go:build` syntax problem with its line.
pub fn header_ok(h: &Header, tags: &Tags) -> Result<bool, (u32, String)> {
    if let Some((expr, line)) = &h.go_build {
        if h.multiple_go_build {
            return Err((*line, "multiple //go:build comments".to_string()));
        }
        let e = parse_expr(expr).map_err(|e| (*line, format!("parsing //go:build line: {e}")))?;
        return Ok(e.eval(tags));
    }
    Ok(h.plus_build.iter().all(|l| eval_plus_build(l, tags)))
}
