//! Go's lexical grammar: a logos scanner plus an adapter that inserts semicolons.
//!
//! logos recognises operators, keywords and the first character of every literal; literals,
//! comments and identifiers with Unicode letters are finished by hand-written callbacks so that
//! malformed input gets gc's error texts at gc's positions (`cmd/compile/internal/syntax/scanner.go`).
//! Lexical errors never stop scanning: they are collected and the token is still produced, so the
//! parser can keep going exactly as gc's does.
//!
//! [`Lexer`] is the iterator lalrpop consumes: it drops comments and newlines, inserts `;` where the
//! spec says so (after an identifier, literal, `break continue fallthrough return`, `++ --`, `) ] }`
//! at a newline, a multi-line general comment or EOF), records `//go:` and `//line` directives and
//! bounds the bracket nesting depth so that later recursive passes cannot overflow the stack.

use crate::ast::BinaryOp;
use logos::Logos;

/// Why a `;` token is there; gc names them differently in error messages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SemiKind {
    /// Written in the source.
    Explicit,
    /// Inserted at a newline (or a general comment spanning lines).
    Newline,
    /// Inserted at the end of the file.
    Eof,
}

impl SemiKind {
    /// The word gc uses for this token in "unexpected ..." messages.
    pub fn gc_name(self) -> &'static str {
        match self {
            SemiKind::Explicit => "semicolon",
            SemiKind::Newline => "newline",
            SemiKind::Eof => "EOF",
        }
    }
}

/// A token as the parser sees it. Literal and identifier payloads borrow the source text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tok<'a> {
    Ident(&'a str),
    Int(&'a str),
    Float(&'a str),
    Imag(&'a str),
    Char(&'a str),
    Str(&'a str),

    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,

    Add,
    Sub,
    Star,
    Quo,
    Rem,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    AndNot,
    /// `op=` for every binary operator that has one.
    OpAssign(BinaryOp),
    LAnd,
    LOr,
    Arrow,
    Inc,
    Dec,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
    Assign,
    Define,
    Not,
    Tilde,
    Ellipsis,
    LParen,
    RParen,
    LBrack,
    RBrack,
    LBrace,
    RBrace,
    Comma,
    Period,
    Colon,
    Semi(SemiKind),
}

impl Tok<'_> {
    /// gc's description of the token in `syntax error: unexpected X` (see `syntaxErrorAt`).
    pub fn gc_describe(&self) -> String {
        use Tok::*;
        match *self {
            Ident(s) => format!("name {s}"),
            Int(s) | Float(s) | Imag(s) | Char(s) | Str(s) => format!("literal {s}"),
            Semi(k) => k.gc_name().to_string(),
            Comma => "comma".to_string(),
            OpAssign(op) => format!("{}=", op.as_str()),
            t => match t.keyword() {
                Some(k) => format!("keyword {k}"),
                None => t.punct().to_string(),
            },
        }
    }

    /// The keyword text, for keyword tokens.
    pub fn keyword(&self) -> Option<&'static str> {
        use Tok::*;
        Some(match self {
            Break => "break",
            Case => "case",
            Chan => "chan",
            Const => "const",
            Continue => "continue",
            Default => "default",
            Defer => "defer",
            Else => "else",
            Fallthrough => "fallthrough",
            For => "for",
            Func => "func",
            Go => "go",
            Goto => "goto",
            If => "if",
            Import => "import",
            Interface => "interface",
            Map => "map",
            Package => "package",
            Range => "range",
            Return => "return",
            Select => "select",
            Struct => "struct",
            Switch => "switch",
            Type => "type",
            Var => "var",
            _ => return None,
        })
    }

    /// The spelling of an operator or delimiter token (empty for others).
    pub fn punct(&self) -> &'static str {
        use Tok::*;
        match self {
            Add => "+",
            Sub => "-",
            Star => "*",
            Quo => "/",
            Rem => "%",
            And => "&",
            Or => "|",
            Xor => "^",
            Shl => "<<",
            Shr => ">>",
            AndNot => "&^",
            LAnd => "&&",
            LOr => "||",
            Arrow => "<-",
            Inc => "++",
            Dec => "--",
            Eql => "==",
            Neq => "!=",
            Lss => "<",
            Leq => "<=",
            Gtr => ">",
            Geq => ">=",
            Assign => "=",
            Define => ":=",
            Not => "!",
            Tilde => "~",
            Ellipsis => "...",
            LParen => "(",
            RParen => ")",
            LBrack => "[",
            RBrack => "]",
            LBrace => "{",
            RBrace => "}",
            Comma => ",",
            Period => ".",
            Colon => ":",
            Semi(_) => ";",
            _ => "",
        }
    }

    /// Whether a newline after this token becomes a `;`.
    fn ends_statement(&self) -> bool {
        use Tok::*;
        matches!(
            self,
            Ident(_)
                | Int(_)
                | Float(_)
                | Imag(_)
                | Char(_)
                | Str(_)
                | Break
                | Continue
                | Fallthrough
                | Return
                | Inc
                | Dec
                | RParen
                | RBrack
                | RBrace
        )
    }
}

/// A lexical error: byte offset and gc's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub offset: u32,
    pub message: String,
}

/// A `//go:xxx`, `//line` or `/*line` comment: offset of the comment and its text without the
/// comment markers (`go:noinline`, `line a.go:3`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawDirective {
    pub offset: u32,
    pub text: String,
}

/// State shared with the logos callbacks.
#[derive(Default)]
pub struct Extras {
    pub errors: Vec<LexError>,
    pub directives: Vec<RawDirective>,
}

impl Extras {
    fn error(&mut self, offset: usize, message: String) {
        self.errors.push(LexError {
            offset: offset as u32,
            message,
        });
    }
}

/// What a literal callback found.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum NumKind {
    Int,
    Float,
    Imag,
}

/// The raw token stream of logos, before semicolon insertion.
#[derive(Logos, Clone, Copy, PartialEq, Eq, Debug)]
#[logos(extras = Extras)]
#[logos(skip r"[ \t\r]+")]
enum Raw {
    #[token("\n")]
    Newline,
    #[token("//", line_comment)]
    LineComment,
    /// `true` when the comment spans lines (it then acts like a newline).
    #[token("/*", block_comment)]
    BlockComment(bool),

    #[regex(r"[A-Za-z_][A-Za-z0-9_]*", ident_tail)]
    Ident,
    /// An identifier (or stray character) starting with a non-ASCII character.
    #[regex(r"[^\x00-\x7F]", unicode_ident)]
    UnicodeIdent,

    #[regex(r"[0-9]", |lex| number(lex, false))]
    #[regex(r"\.[0-9]", |lex| number(lex, true))]
    Number(NumKind),
    #[token("'", rune_lit)]
    Rune,
    #[token("\"", string_lit)]
    Str,
    #[token("`", raw_string_lit)]
    Backquoted,

    #[token("break")]
    Break,
    #[token("case")]
    Case,
    #[token("chan")]
    Chan,
    #[token("const")]
    Const,
    #[token("continue")]
    Continue,
    #[token("default")]
    Default,
    #[token("defer")]
    Defer,
    #[token("else")]
    Else,
    #[token("fallthrough")]
    Fallthrough,
    #[token("for")]
    For,
    #[token("func")]
    Func,
    #[token("go")]
    Go,
    #[token("goto")]
    Goto,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("interface")]
    Interface,
    #[token("map")]
    Map,
    #[token("package")]
    Package,
    #[token("range")]
    Range,
    #[token("return")]
    Return,
    #[token("select")]
    Select,
    #[token("struct")]
    Struct,
    #[token("switch")]
    Switch,
    #[token("type")]
    Type,
    #[token("var")]
    Var,

    #[token("+")]
    Add,
    #[token("-")]
    Sub,
    #[token("*")]
    Star,
    #[token("/")]
    Quo,
    #[token("%")]
    Rem,
    #[token("&")]
    And,
    #[token("|")]
    Or,
    #[token("^")]
    Xor,
    #[token("<<")]
    Shl,
    #[token(">>")]
    Shr,
    #[token("&^")]
    AndNot,
    #[token("+=", |_| BinaryOp::Add)]
    #[token("-=", |_| BinaryOp::Sub)]
    #[token("*=", |_| BinaryOp::Mul)]
    #[token("/=", |_| BinaryOp::Quo)]
    #[token("%=", |_| BinaryOp::Rem)]
    #[token("&=", |_| BinaryOp::And)]
    #[token("|=", |_| BinaryOp::Or)]
    #[token("^=", |_| BinaryOp::Xor)]
    #[token("<<=", |_| BinaryOp::Shl)]
    #[token(">>=", |_| BinaryOp::Shr)]
    #[token("&^=", |_| BinaryOp::AndNot)]
    OpAssign(BinaryOp),
    #[token("&&")]
    LAnd,
    #[token("||")]
    LOr,
    #[token("<-")]
    Arrow,
    #[token("++")]
    Inc,
    #[token("--")]
    Dec,
    #[token("==")]
    Eql,
    #[token("!=")]
    Neq,
    #[token("<")]
    Lss,
    #[token("<=")]
    Leq,
    #[token(">")]
    Gtr,
    #[token(">=")]
    Geq,
    #[token("=")]
    Assign,
    #[token(":=")]
    Define,
    #[token("!")]
    Not,
    #[token("~")]
    Tilde,
    #[token("...")]
    Ellipsis,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBrack,
    #[token("]")]
    RBrack,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(".")]
    Period,
    #[token(":")]
    Colon,
    #[token(";")]
    Semi,
}

type Lx<'a> = logos::Lexer<'a, Raw>;

/// Go's `%#U`: `U+0040 '@'`, without the quoted form for unprintable characters.
pub fn fmt_unicode(c: char) -> String {
    if is_printable(c) {
        format!("U+{:04X} '{c}'", c as u32)
    } else {
        format!("U+{:04X}", c as u32)
    }
}

/// An approximation of Go's `strconv.IsPrint`.
fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    // Format characters and noncharacters that Go does not consider printable.
    !matches!(c as u32, 0xAD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xFFFE | 0xFFFF)
        && !(0xD800..=0xDFFF).contains(&(c as u32))
}

/// Go's `%q` for a rune: `'a'`, `'\n'`, `'\x00'`.
fn quote_rune(c: char) -> String {
    match c {
        '\x07' => "'\\a'".into(),
        '\x08' => "'\\b'".into(),
        '\x0c' => "'\\f'".into(),
        '\n' => "'\\n'".into(),
        '\r' => "'\\r'".into(),
        '\t' => "'\\t'".into(),
        '\x0b' => "'\\v'".into(),
        '\\' => "'\\\\'".into(),
        '\'' => "'\\''".into(),
        c if is_printable(c) => format!("'{c}'"),
        c if (c as u32) < 0x80 => format!("'\\x{:02x}'", c as u32),
        c if (c as u32) < 0x10000 => format!("'\\u{:04x}'", c as u32),
        c => format!("'\\U{:08x}'", c as u32),
    }
}

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || c == '_'
        || (!c.is_ascii() && c.is_alphabetic() && !is_unicode_digit(c))
}

/// Unicode category Nd. Rust has no direct test; `is_numeric` also covers Nl/No, so exclude
/// characters that are numeric but not decimal digits by checking `to_digit`-like behaviour is
/// not possible for non-ASCII; approximate with the common Nd blocks.
fn is_unicode_digit(c: char) -> bool {
    if c.is_ascii_digit() {
        return true;
    }
    if c.is_ascii() || !c.is_numeric() {
        return false;
    }
    // Nd characters come in runs of ten starting at a code point ending in 0 (hex) or at a
    // known offset; Nl/No characters (Roman numerals, superscripts, fractions) are excluded.
    let u = c as u32;
    !matches!(u, 0x00B2 | 0x00B3 | 0x00B9 | 0x00BC..=0x00BE | 0x2070..=0x218F | 0x2460..=0x24FF | 0x2776..=0x2793 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303A | 0x3192..=0x3195 | 0x3220..=0x3229 | 0x3248..=0x324F | 0x3251..=0x325F | 0x3280..=0x3289 | 0x32B1..=0x32BF | 0x16EE..=0x16F0 | 0x10107..=0x10133 | 0x10140..=0x10178)
        && !(0x2150..=0x218B).contains(&u)
        && !(0x0BF0..=0x0BF2).contains(&u)
        && !(0x09F4..=0x09F9).contains(&u)
        && !(0x1369..=0x137C).contains(&u)
}

/// Continues an identifier over non-ASCII characters (gc: `atIdentChar(false)`).
fn ident_tail(lex: &mut Lx<'_>) {
    let start = lex.span().end;
    let rest = lex.remainder();
    let mut n = 0;
    for c in rest.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() || c == '_' {
                n += 1;
                continue;
            }
            break;
        }
        if !(is_letter(c) || is_unicode_digit(c)) {
            lex.extras.error(
                start + n,
                format!("invalid character {} in identifier", fmt_unicode(c)),
            );
        }
        n += c.len_utf8();
    }
    lex.bump(n);
}

/// A token starting with a non-ASCII character: gc scans it as an identifier and complains when
/// it does not start with a letter.
fn unicode_ident(lex: &mut Lx<'_>) {
    let start = lex.span().start;
    if let Some(c) = lex.slice().chars().next() {
        if is_unicode_digit(c) {
            lex.extras.error(
                start,
                format!("identifier cannot begin with digit {}", fmt_unicode(c)),
            );
        } else if !is_letter(c) {
            lex.extras.error(
                start,
                format!("invalid character {} in identifier", fmt_unicode(c)),
            );
        }
    }
    ident_tail(lex);
}

fn line_comment(lex: &mut Lx<'_>) {
    let start = lex.span().start;
    let rest = lex.remainder();
    // The newline stays: it is needed for semicolon insertion.
    let n = rest.find('\n').unwrap_or(rest.len());
    let body = &rest[..n];
    if body.starts_with("go:") || body.starts_with("line ") {
        lex.extras.directives.push(RawDirective {
            offset: start as u32,
            text: body.trim_end_matches('\r').to_string(),
        });
    }
    lex.bump(n);
}

fn block_comment(lex: &mut Lx<'_>) -> bool {
    let start = lex.span().start;
    let rest = lex.remainder();
    match rest.find("*/") {
        Some(n) => {
            let body = &rest[..n];
            if body.starts_with("line ") {
                lex.extras.directives.push(RawDirective {
                    offset: start as u32,
                    text: body.to_string(),
                });
            }
            lex.bump(n + 2);
            body.contains('\n')
        }
        None => {
            lex.extras
                .error(start, "comment not terminated".to_string());
            lex.bump(rest.len());
            rest.contains('\n')
        }
    }
}

fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary",
        8 => "octal",
        16 => "hexadecimal",
        _ => "decimal",
    }
}

/// Scans a number literal after its first character (or `.digit`), reporting errors as gc's
/// `scanner.number` does.
fn number(lex: &mut Lx<'_>, seen_point_start: bool) -> NumKind {
    let src = lex.source().as_bytes();
    let start = lex.span().start;
    let mut s = NumScan {
        src,
        start,
        i: if seen_point_start { start + 1 } else { start },
        errors: Vec::new(),
    };
    let kind = s.scan(seen_point_start);
    let end = s.i;
    for (off, msg) in s.errors {
        lex.extras.error(off, msg);
    }
    let consumed = lex.span().end;
    lex.bump(end.saturating_sub(consumed));
    kind
}

struct NumScan<'a> {
    src: &'a [u8],
    start: usize,
    i: usize,
    errors: Vec<(usize, String)>,
}

impl NumScan<'_> {
    fn ch(&self) -> u8 {
        self.src.get(self.i).copied().unwrap_or(0)
    }

    fn err(&mut self, msg: String) {
        self.errors.push((self.i, msg));
    }

    /// Accepts `{ digit | '_' }`; bit 0 of the result: digits seen, bit 1: separators seen.
    fn digits(&mut self, base: u32, invalid: &mut Option<usize>) -> u32 {
        let mut digsep = 0;
        loop {
            let c = self.ch();
            let ok = if base <= 10 {
                c.is_ascii_digit() || c == b'_'
            } else {
                c.is_ascii_hexdigit() || c == b'_'
            };
            if !ok {
                break;
            }
            if c == b'_' {
                digsep |= 2;
            } else {
                digsep |= 1;
                if base <= 10 && u32::from(c - b'0') >= base && invalid.is_none() {
                    *invalid = Some(self.i - self.start);
                }
            }
            self.i += 1;
        }
        digsep
    }

    fn scan(&mut self, mut seen_point: bool) -> NumKind {
        let mut ok = true;
        let mut kind = NumKind::Int;
        let mut base = 10;
        let mut prefix = 0u8;
        let mut digsep = 0;
        let mut invalid = None;

        if !seen_point {
            if self.ch() == b'0' {
                self.i += 1;
                match self.ch().to_ascii_lowercase() {
                    b'x' => {
                        self.i += 1;
                        base = 16;
                        prefix = b'x';
                    }
                    b'o' => {
                        self.i += 1;
                        base = 8;
                        prefix = b'o';
                    }
                    b'b' => {
                        self.i += 1;
                        base = 2;
                        prefix = b'b';
                    }
                    _ => {
                        base = 8;
                        prefix = b'0';
                        digsep = 1;
                    }
                }
            }
            digsep |= self.digits(base, &mut invalid);
            if self.ch() == b'.' {
                if prefix == b'o' || prefix == b'b' {
                    self.err(format!(
                        "invalid radix point in {} literal",
                        base_name(base)
                    ));
                    ok = false;
                }
                self.i += 1;
                seen_point = true;
            }
        }
        if seen_point {
            kind = NumKind::Float;
            digsep |= self.digits(base, &mut invalid);
        }
        if digsep & 1 == 0 && ok {
            self.err(format!("{} literal has no digits", base_name(base)));
            ok = false;
        }
        let e = self.ch().to_ascii_lowercase();
        if e == b'e' || e == b'p' {
            if ok {
                if e == b'e' && prefix != 0 && prefix != b'0' {
                    self.err(format!(
                        "{} exponent requires decimal mantissa",
                        quote_rune(self.ch() as char)
                    ));
                    ok = false;
                } else if e == b'p' && prefix != b'x' {
                    self.err(format!(
                        "{} exponent requires hexadecimal mantissa",
                        quote_rune(self.ch() as char)
                    ));
                    ok = false;
                }
            }
            self.i += 1;
            kind = NumKind::Float;
            if self.ch() == b'+' || self.ch() == b'-' {
                self.i += 1;
            }
            let mut none = None;
            digsep = self.digits(10, &mut none) | (digsep & 2);
            if digsep & 1 == 0 && ok {
                self.err("exponent has no digits".to_string());
                ok = false;
            }
        } else if prefix == b'x' && kind == NumKind::Float && ok {
            self.err("hexadecimal mantissa requires a 'p' exponent".to_string());
            ok = false;
        }
        if self.ch() == b'i' {
            kind = NumKind::Imag;
            self.i += 1;
        }
        let lit = &self.src[self.start..self.i];
        if kind == NumKind::Int
            && ok
            && let Some(inv) = invalid
        {
            let c = lit.get(inv).copied().unwrap_or(b'0') as char;
            self.errors.push((
                self.start + inv,
                format!(
                    "invalid digit {} in {} literal",
                    quote_rune(c),
                    base_name(base)
                ),
            ));
            ok = false;
        }
        if digsep & 2 != 0
            && ok
            && let Some(i) = invalid_sep(lit)
        {
            self.errors.push((
                self.start + i,
                "'_' must separate successive digits".to_string(),
            ));
        }
        kind
    }
}

/// Index of the first misplaced `_` in a number literal (gc's `invalidSep`).
fn invalid_sep(x: &[u8]) -> Option<usize> {
    let mut x1 = b' ';
    let mut d = b'.';
    let mut i = 0;
    if x.len() >= 2 && x[0] == b'0' {
        x1 = x[1].to_ascii_lowercase();
        if x1 == b'x' || x1 == b'o' || x1 == b'b' {
            d = b'0';
            i = 2;
        }
    }
    while i < x.len() {
        let p = d;
        d = x[i];
        if d == b'_' {
            if p != b'0' {
                return Some(i);
            }
        } else if d.is_ascii_digit() || (x1 == b'x' && d.is_ascii_hexdigit()) {
            d = b'0';
        } else {
            if p == b'_' {
                return Some(i - 1);
            }
            d = b'.';
        }
        i += 1;
    }
    if d == b'_' {
        return Some(x.len() - 1);
    }
    None
}

/// Scans an escape after `\` at byte `i` of `text` (which is the whole source); returns the new
/// index and whether the escape was valid (gc's `scanner.escape`).
fn escape(
    text: &str,
    mut i: usize,
    quote: char,
    errors: &mut Vec<(usize, String)>,
) -> (usize, bool) {
    let Some(c) = text[i..].chars().next() else {
        return (i, true); // the caller complains about the missing terminator
    };
    let (n, base, max): (u32, u32, u32) = match c {
        c if c == quote => return (i + 1, true),
        'a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' | '\\' => return (i + 1, true),
        '0'..='7' => (3, 8, 255),
        'x' => {
            i += 1;
            (2, 16, 255)
        }
        'u' => {
            i += 1;
            (4, 16, 0x10FFFF)
        }
        'U' => {
            i += 1;
            (8, 16, 0x10FFFF)
        }
        _ => {
            errors.push((i, "unknown escape".to_string()));
            return (i, false);
        }
    };
    let mut x: u32 = 0;
    for _ in 0..n {
        let Some(c) = text[i..].chars().next() else {
            return (i, true);
        };
        let d = c.to_digit(16).unwrap_or(base);
        if d >= base {
            errors.push((
                i,
                format!(
                    "invalid character {} in {} escape",
                    quote_rune(c),
                    base_name(base)
                ),
            ));
            return (i, false);
        }
        x = x.wrapping_mul(base).wrapping_add(d);
        i += 1;
    }
    if x > max && base == 8 {
        errors.push((i, format!("octal escape value {x} > 255")));
        return (i, false);
    }
    if x > max || (0xD800..0xE000).contains(&x) {
        let shown = match char::from_u32(x) {
            Some(c) => fmt_unicode(c),
            None => format!("U+{x:04X}"),
        };
        errors.push((i, format!("escape is invalid Unicode code point {shown}")));
        return (i, false);
    }
    (i, true)
}

fn rune_lit(lex: &mut Lx<'_>) {
    let text = lex.source();
    let start = lex.span().start;
    let mut i = start + 1;
    let mut ok = true;
    let mut errors = Vec::new();
    let mut n = 0;
    loop {
        let Some(c) = text[i..].chars().next() else {
            if ok {
                errors.push((start, "rune literal not terminated".to_string()));
            }
            break;
        };
        match c {
            '\'' => {
                if ok {
                    if n == 0 {
                        errors.push((i, "empty rune literal or unescaped '".to_string()));
                    } else if n != 1 {
                        errors.push((start, "more than one character in rune literal".to_string()));
                    }
                }
                i += 1;
                break;
            }
            '\\' => {
                let (j, good) = escape(text, i + 1, '\'', &mut errors);
                i = j;
                ok &= good;
            }
            '\n' => {
                if ok {
                    errors.push((i, "newline in rune literal".to_string()));
                }
                break;
            }
            c => i += c.len_utf8(),
        }
        n += 1;
    }
    for (o, m) in errors {
        lex.extras.error(o, m);
    }
    lex.bump(i - lex.span().end);
}

fn string_lit(lex: &mut Lx<'_>) {
    let text = lex.source();
    let start = lex.span().start;
    let mut i = start + 1;
    let mut errors = Vec::new();
    loop {
        let Some(c) = text[i..].chars().next() else {
            errors.push((start, "string not terminated".to_string()));
            break;
        };
        match c {
            '"' => {
                i += 1;
                break;
            }
            '\\' => {
                let (j, _) = escape(text, i + 1, '"', &mut errors);
                i = j;
            }
            '\n' => {
                errors.push((i, "newline in string".to_string()));
                break;
            }
            c => i += c.len_utf8(),
        }
    }
    for (o, m) in errors {
        lex.extras.error(o, m);
    }
    lex.bump(i - lex.span().end);
}

fn raw_string_lit(lex: &mut Lx<'_>) {
    let start = lex.span().start;
    let rest = lex.remainder();
    match rest.find('`') {
        Some(n) => lex.bump(n + 1),
        None => {
            lex.extras.error(start, "string not terminated".to_string());
            lex.bump(rest.len());
        }
    }
}

/// Brackets deeper than this are rejected: the tree would be too deep for the recursive passes
/// that follow (and for dropping it).
pub const MAX_NESTING: usize = 1000;
/// The longest run of tokens without a `,` `;` `:` `{` `}` (a bound on the depth of operator
/// chains such as `a+a+...`, `***p`, `[][]...T`, `f()()...`), for the same reason.
pub const MAX_RUN: usize = 3000;

/// The token iterator fed to lalrpop: `(start, token, end)` byte offsets.
pub struct Lexer<'a> {
    raw: logos::Lexer<'a, Raw>,
    /// Whether a newline here would become a `;`.
    nlsemi: bool,
    done: bool,
    depth: usize,
    run: usize,
    /// Set when the input was cut short (nesting limit); the parser reports it.
    pub too_deep: Option<u32>,
}

impl<'a> Lexer<'a> {
    /// Lexes `text`, which must already have a leading BOM stripped or blanked out.
    pub fn new(text: &'a str) -> Lexer<'a> {
        Lexer {
            raw: Raw::lexer(text),
            nlsemi: false,
            done: false,
            depth: 0,
            run: 0,
            too_deep: None,
        }
    }

    /// Lexical errors and directives found so far.
    pub fn extras(&self) -> &Extras {
        &self.raw.extras
    }

    pub fn into_extras(self) -> Extras {
        self.raw.extras
    }

    fn convert(&self, raw: Raw, s: &'a str) -> Tok<'a> {
        use Tok as T;
        match raw {
            Raw::Ident | Raw::UnicodeIdent => T::Ident(s),
            Raw::Number(NumKind::Int) => T::Int(s),
            Raw::Number(NumKind::Float) => T::Float(s),
            Raw::Number(NumKind::Imag) => T::Imag(s),
            Raw::Rune => T::Char(s),
            Raw::Str | Raw::Backquoted => T::Str(s),
            Raw::Break => T::Break,
            Raw::Case => T::Case,
            Raw::Chan => T::Chan,
            Raw::Const => T::Const,
            Raw::Continue => T::Continue,
            Raw::Default => T::Default,
            Raw::Defer => T::Defer,
            Raw::Else => T::Else,
            Raw::Fallthrough => T::Fallthrough,
            Raw::For => T::For,
            Raw::Func => T::Func,
            Raw::Go => T::Go,
            Raw::Goto => T::Goto,
            Raw::If => T::If,
            Raw::Import => T::Import,
            Raw::Interface => T::Interface,
            Raw::Map => T::Map,
            Raw::Package => T::Package,
            Raw::Range => T::Range,
            Raw::Return => T::Return,
            Raw::Select => T::Select,
            Raw::Struct => T::Struct,
            Raw::Switch => T::Switch,
            Raw::Type => T::Type,
            Raw::Var => T::Var,
            Raw::Add => T::Add,
            Raw::Sub => T::Sub,
            Raw::Star => T::Star,
            Raw::Quo => T::Quo,
            Raw::Rem => T::Rem,
            Raw::And => T::And,
            Raw::Or => T::Or,
            Raw::Xor => T::Xor,
            Raw::Shl => T::Shl,
            Raw::Shr => T::Shr,
            Raw::AndNot => T::AndNot,
            Raw::OpAssign(op) => T::OpAssign(op),
            Raw::LAnd => T::LAnd,
            Raw::LOr => T::LOr,
            Raw::Arrow => T::Arrow,
            Raw::Inc => T::Inc,
            Raw::Dec => T::Dec,
            Raw::Eql => T::Eql,
            Raw::Neq => T::Neq,
            Raw::Lss => T::Lss,
            Raw::Leq => T::Leq,
            Raw::Gtr => T::Gtr,
            Raw::Geq => T::Geq,
            Raw::Assign => T::Assign,
            Raw::Define => T::Define,
            Raw::Not => T::Not,
            Raw::Tilde => T::Tilde,
            Raw::Ellipsis => T::Ellipsis,
            Raw::LParen => T::LParen,
            Raw::RParen => T::RParen,
            Raw::LBrack => T::LBrack,
            Raw::RBrack => T::RBrack,
            Raw::LBrace => T::LBrace,
            Raw::RBrace => T::RBrace,
            Raw::Comma => T::Comma,
            Raw::Period => T::Period,
            Raw::Colon => T::Colon,
            Raw::Semi => T::Semi(SemiKind::Explicit),
            // Handled by the caller.
            Raw::Newline | Raw::LineComment | Raw::BlockComment(_) => T::Semi(SemiKind::Newline),
        }
    }
}

/// The lexer never fails: errors are collected in [`Extras`]. lalrpop still wants an error type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Never {}

impl<'a> Iterator for Lexer<'a> {
    type Item = Result<(usize, Tok<'a>, usize), Never>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            let Some(res) = self.raw.next() else {
                self.done = true;
                let end = self.raw.source().len();
                if self.nlsemi {
                    self.nlsemi = false;
                    return Some(Ok((end, Tok::Semi(SemiKind::Eof), end)));
                }
                return None;
            };
            let span = self.raw.span();
            let raw = match res {
                Ok(raw) => raw,
                Err(()) => {
                    let c = self.raw.source()[span.start..]
                        .chars()
                        .next()
                        .unwrap_or('\0');
                    let msg = if c == '\0' {
                        "invalid NUL character".to_string()
                    } else {
                        format!("invalid character {}", fmt_unicode(c))
                    };
                    self.raw.extras.error(span.start, msg);
                    continue;
                }
            };
            match raw {
                Raw::Newline | Raw::BlockComment(true) => {
                    if self.nlsemi {
                        self.nlsemi = false;
                        self.run = 0;
                        return Some(Ok((
                            span.start,
                            Tok::Semi(SemiKind::Newline),
                            span.start + 1,
                        )));
                    }
                    continue;
                }
                Raw::LineComment | Raw::BlockComment(false) => continue,
                _ => {}
            }
            let tok = self.convert(raw, self.raw.slice());
            self.nlsemi = tok.ends_statement();
            match tok {
                Tok::LParen | Tok::LBrack | Tok::LBrace => {
                    self.depth += 1;
                    if self.depth > MAX_NESTING {
                        self.too_deep = Some(span.start as u32);
                        self.done = true;
                        return None;
                    }
                }
                Tok::RParen | Tok::RBrack | Tok::RBrace => {
                    self.depth = self.depth.saturating_sub(1);
                }
                _ => {}
            }
            if matches!(
                tok,
                Tok::Semi(_) | Tok::Comma | Tok::Colon | Tok::LBrace | Tok::RBrace
            ) {
                self.run = 0;
            } else {
                self.run += 1;
                if self.run > MAX_RUN {
                    self.too_deep = Some(span.start as u32);
                    self.done = true;
                    return None;
                }
            }
            return Some(Ok((span.start, tok, span.end)));
        }
    }
}

/// Replaces NUL characters and BOMs (other than a leading one) with blanks of the same length,
/// reporting them as gc's source reader does. Returns `None` when the text is clean.
pub fn sanitize(text: &str) -> (Option<String>, Vec<LexError>) {
    let mut errors = Vec::new();
    if !text.contains(['\0', '\u{feff}']) {
        return (None, errors);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '\0' => {
                errors.push(LexError {
                    offset: i as u32,
                    message: "invalid NUL character".into(),
                });
                out.push(' ');
            }
            '\u{feff}' => {
                if i != 0 {
                    errors.push(LexError {
                        offset: i as u32,
                        message: "invalid BOM in the middle of the file".into(),
                    });
                }
                out.push_str("   ");
            }
            c => out.push(c),
        }
    }
    (Some(out), errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        Lexer::new(s)
            .map(|r| match r {
                Ok((_, t, _)) => match t {
                    Tok::Ident(x) => format!("id:{x}"),
                    Tok::Int(x) | Tok::Float(x) | Tok::Imag(x) | Tok::Char(x) | Tok::Str(x) => {
                        format!("lit:{x}")
                    }
                    Tok::Semi(k) => format!(";{}", k.gc_name()),
                    t => t.gc_describe(),
                },
                Err(e) => match e {},
            })
            .collect()
    }

    #[test]
    fn semicolons() {
        assert_eq!(toks("a\nb"), ["id:a", ";newline", "id:b", ";EOF"]);
        assert_eq!(toks("a /* x\n */ b"), ["id:a", ";newline", "id:b", ";EOF"]);
        assert_eq!(toks("a /* x */ b"), ["id:a", "id:b", ";EOF"]);
        assert_eq!(toks("f(\n)\n"), ["id:f", "(", ")", ";newline"]);
        assert_eq!(toks("x++ // c\n"), ["id:x", "++", ";newline"]);
    }

    #[test]
    fn numbers() {
        assert_eq!(
            toks("0x1p-2 .5 1. 1e9 01i 0b1i 1_000"),
            [
                "lit:0x1p-2",
                "lit:.5",
                "lit:1.",
                "lit:1e9",
                "lit:01i",
                "lit:0b1i",
                "lit:1_000",
                ";EOF"
            ]
        );
    }
}
