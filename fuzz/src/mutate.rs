//! Mutations of Go source text: byte flips, token deletions, duplications and swaps, splices of
//! lines and tokens from other files, truncation, inserted keywords, operators, brackets and
//! types, replaced identifiers and literals, and deep nesting.

/// xorshift64* — small, fast and good enough for choosing mutations.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (0 when `n == 0`).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

/// Byte spans of the tokens of `s` (whitespace skipped; comments and literals are single tokens).
/// Every span starts and ends on a char boundary.
pub fn tokens(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                i += 1;
            }
        } else if c == b'"' || c == b'\'' {
            i += 1;
            while i < b.len() && b[i] != c && b[i] != b'\n' {
                i += if b[i] == b'\\' && i + 1 < b.len() && b[i + 1].is_ascii() {
                    2
                } else {
                    1
                };
            }
            i = (i + 1).min(b.len());
        } else if c == b'`' {
            i += 1;
            while i < b.len() && b[i] != b'`' {
                i += 1;
            }
            i = (i + 1).min(b.len());
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                i += 1;
            }
            i = (i + 2).min(b.len());
        } else {
            i += 1;
        }
        out.push((start, i));
    }
    out
}

const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

const OPERATORS: &[&str] = &[
    "+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", "&^", "+=", "-=", "*=", "/=", "%=", "&=",
    "|=", "^=", "<<=", ">>=", "&^=", "&&", "||", "<-", "++", "--", "==", "<", ">", "=", "!", "~",
    "!=", "<=", ">=", ":=", "...", "(", ")", "[", "]", "{", "}", ",", ";", ".", ":", "\n", "@",
    "#", "$", "?", "\\", "\"", "'", "`", "/*", "//",
];

const IDENTS: &[&str] = &[
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "float32",
    "float64",
    "complex64",
    "complex128",
    "string",
    "bool",
    "byte",
    "rune",
    "error",
    "any",
    "comparable",
    "nil",
    "true",
    "false",
    "iota",
    "len",
    "cap",
    "make",
    "new",
    "append",
    "copy",
    "delete",
    "panic",
    "recover",
    "print",
    "println",
    "close",
    "complex",
    "real",
    "imag",
    "min",
    "max",
    "clear",
    "unsafe",
    "_",
    "init",
    "main",
    "x",
    "T",
    "Error",
    "String",
];

const TYPES: &[&str] = &[
    "[]int",
    "[0]int",
    "[3]string",
    "[1 << 62]byte",
    "[1 << 40][1 << 40]int64",
    "[-1]int",
    "[...]int",
    "map[string]int",
    "map[[]int]bool",
    "map[any]func()",
    "chan int",
    "<-chan int",
    "chan<- []byte",
    "func(int) int",
    "func(...int) (int, error)",
    "struct{}",
    "struct{ x int; y string }",
    "struct{ T; *U }",
    "interface{}",
    "interface{ M() }",
    "interface{ ~int | string }",
    "interface{ comparable; M() }",
    "*int",
    "**struct{}",
    "unsafe.Pointer",
    "T[int]",
    "T[int, string]",
    "error",
    "any",
    "[2]func()",
    "complex128",
];

const LITERALS: &[&str] = &[
    "0",
    "1",
    "-1",
    "255",
    "256",
    "1 << 63",
    "1 << 64",
    "-1 << 63",
    "1 << 1000",
    "1e309",
    "1e-400",
    "0x7fffffffffffffff",
    "0xffffffffffffffff",
    "18446744073709551616",
    "0.5",
    "1i",
    "2.5i",
    "'a'",
    "'\\x80'",
    "'\\U0010ffff'",
    "'\\U00110000'",
    "\"\"",
    "\"x\"",
    "\"\\xff\"",
    "`raw`",
    "nil",
    "0o17",
    "0b101",
    "1_000",
    "0x1p-2",
    "0x_1",
    "09",
    "1.e",
    "'ab'",
];

const SNIPPETS: &[&str] = &[
    "go f()",
    "defer f()",
    "return",
    "return 1, 2",
    "break L",
    "continue",
    "goto L",
    "L:",
    "fallthrough",
    "select {}",
    "select { case <-c: case c <- 1: default: }",
    "switch x := y.(type) { case int: case nil: default: }",
    "switch { case true: fallthrough; default: }",
    "for range 10 {}",
    "for i := range 1 << 70 {}",
    "for i := 0; i < 10; i++ {}",
    "for k, v := range m {}",
    "for x := range f {}",
    "var _ = x",
    "x, y := 1",
    "x, y = y, x",
    "_ = x",
    "type T[P any] struct{}",
    "type T = int",
    "type T[P interface{ ~[]E }, E any] []E",
    "func (T) M() {}",
    "func (t *T[P]) M() {}",
    "func f[T any](x T) T { return x }",
    "func init() {}",
    "func main() {}",
    "const c = iota",
    "const (a = iota; b; c)",
    "var x, y int = 1",
    "import \"fmt\"",
    "import _ \"unsafe\"",
    "import . \"fmt\"",
    "x := struct{ int }{1}",
    "x := []int{1: 1, 1: 2}",
    "x := [...]int{5: 1}",
    "x := map[int]int{1: 1, 1: 2}",
    "x := T{a: 1, b: 2}",
    "x := &T{}",
    "x := f[int]",
    "x := new(T)",
    "x := make([]int, -1)",
    "x := make([]int, 10, 5)",
    "x := make(chan int, 1 << 62)",
    "x := append(s, t...)",
    "x := s[1:2:3]",
    "x := s[2:1]",
    "x := a[5]",
    "x := \"abc\"[5]",
    "x := 1 / 0",
    "x := 1.0 / 0",
    "x := 1 % 0.0",
    "x := -(-1 << 63)",
    "x := ^uint(0)",
    "x := uint8(256)",
    "x := int(1e100)",
    "x := string(rune(65))",
    "x := []byte(\"x\")",
    "x := any(1).(int)",
    "x := interface{ M() }(nil)",
    "x := func() int { return 1 }()",
    "x := <-c",
    "c <- x",
    "x++",
    "x += 1",
    "x <<= 70",
    "x := 1 << x",
    "x := unsafe.Sizeof(x)",
    "x := unsafe.Offsetof(t.f)",
    "x := unsafe.Slice(p, 10)",
    "x := min(1, 2.5, x)",
    "clear(m)",
    "x := complex(1, 2)",
    "x := real(1i)",
    "x := len([10]int{})",
    "x := cap(c)",
    "copy(a, b)",
    "delete(m, k)",
    "panic(nil)",
    "x := recover()",
    "print(1, \"x\")",
    "println()",
    "close(c)",
    "var _ [len(x)]int",
    "var _ [unsafe.Sizeof(x)]int",
    "x.f.g.h = 1",
    "x.M()",
    "T.M(x)",
    "(*T).M(nil)",
    "x := T.M",
    "x := (*T).M",
    "x := x.M",
    "if x := 1; x > 0 {} else if true {} else {}",
    "//go:noinline",
    "//go:linkname x runtime.x",
    "//go:build ignore",
    "//line foo.go:1",
    "/*line :10:20*/",
];

/// Pairs of (opening, closing) text repeated to build deeply nested input.
const NESTERS: &[(&str, &str)] = &[
    ("(", ")"),
    ("[", "]"),
    ("{", "}"),
    ("*", ""),
    ("-", ""),
    ("!", ""),
    ("^", ""),
    ("&", ""),
    ("<-", ""),
    ("[]", ""),
    ("*[1]", ""),
    ("map[int]", ""),
    ("chan ", ""),
    ("func() ", ""),
    ("f(", ")"),
    ("[]any{", "}"),
    ("struct{ x ", "}"),
    ("interface{ M() ", "}"),
    ("func() { ", "}"),
    ("if x { ", "}"),
    ("for { ", "}"),
    ("{ ", "}"),
    ("switch { case true: ", "}"),
    ("x + ", ""),
    ("", " + 1"),
    ("", ".x"),
    ("", "[0]"),
    ("", "()"),
    ("", "++"),
    ("", ".(int)"),
    ("\"a\" + ", ""),
    ("1 << ", ""),
];

fn boundary(rng: &mut Rng, s: &str, toks: &[(usize, usize)]) -> usize {
    if toks.is_empty() || rng.chance(5) {
        return s.len();
    }
    let (a, b) = toks[rng.below(toks.len())];
    if rng.chance(50) { a } else { b }
}

fn insert(s: &str, at: usize, text: &str) -> String {
    let mut out = String::with_capacity(s.len() + text.len() + 2);
    out.push_str(&s[..at]);
    out.push(' ');
    out.push_str(text);
    out.push(' ');
    out.push_str(&s[at..]);
    out
}

fn splice(s: &str, a: usize, b: usize, text: &str) -> String {
    let mut out = String::with_capacity(s.len() + text.len());
    out.push_str(&s[..a]);
    out.push_str(text);
    out.push_str(&s[b..]);
    out
}

/// A random line range of `s`.
fn lines_of(rng: &mut Rng, s: &str, max: usize) -> String {
    let lines: Vec<&str> = s.lines().collect();
    if lines.is_empty() {
        return String::new();
    }
    let a = rng.below(lines.len());
    let n = 1 + rng.below(max);
    let b = (a + n).min(lines.len());
    let mut out = lines[a..b].join("\n");
    out.push('\n');
    out
}

/// Byte offsets of line starts of `s`.
fn line_starts(s: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(s.match_indices('\n').map(|(i, _)| i + 1));
    v
}

fn nest_count(rng: &mut Rng) -> usize {
    match rng.below(10) {
        0..=3 => 10 + rng.below(100),
        4..=6 => 500 + rng.below(1000),
        7 | 8 => 3000 + rng.below(3000),
        _ => 10_000 + rng.below(60_000),
    }
}

/// Applies one random mutation to `s`; `other` is another seed for splicing.
pub fn mutate_once(rng: &mut Rng, s: &str, other: &str) -> String {
    let toks = tokens(s);
    match rng.below(17) {
        // Byte-level damage.
        0 => {
            let mut b = s.as_bytes().to_vec();
            if b.is_empty() {
                return "\u{0}".into();
            }
            for _ in 0..1 + rng.below(4) {
                let i = rng.below(b.len());
                b[i] = match rng.below(3) {
                    0 => b[i] ^ (1 << rng.below(8)),
                    1 => (rng.next() & 0xff) as u8,
                    _ => b"{}()[];,.\"'`/*\n\\\0\xef\xbb\xbf"[rng.below(19)],
                };
            }
            String::from_utf8_lossy(&b).into_owned()
        }
        // Delete a run of tokens.
        1 if !toks.is_empty() => {
            let i = rng.below(toks.len());
            let max = if rng.chance(80) { 3 } else { 40 };
            let j = (i + 1 + rng.below(max)).min(toks.len());
            splice(s, toks[i].0, toks[j - 1].1, "")
        }
        // Duplicate a run of tokens somewhere else.
        2 if !toks.is_empty() => {
            let i = rng.below(toks.len());
            let j = (i + 1 + rng.below(8)).min(toks.len());
            let text = s[toks[i].0..toks[j - 1].1].to_string();
            let at = boundary(rng, s, &toks);
            insert(s, at, &text)
        }
        // Swap two tokens.
        3 if toks.len() >= 2 => {
            let mut i = rng.below(toks.len());
            let mut j = rng.below(toks.len());
            if i == j {
                return s.to_string();
            }
            if i > j {
                std::mem::swap(&mut i, &mut j);
            }
            let (a, b) = (toks[i], toks[j]);
            let mut out = String::with_capacity(s.len());
            out.push_str(&s[..a.0]);
            out.push_str(&s[b.0..b.1]);
            out.push_str(&s[a.1..b.0]);
            out.push_str(&s[a.0..a.1]);
            out.push_str(&s[b.1..]);
            out
        }
        // Splice lines from another file.
        4 => {
            let text = lines_of(rng, other, 20);
            let starts = line_starts(s);
            let at = starts[rng.below(starts.len())];
            splice(s, at, at, &text)
        }
        // Splice tokens from another file.
        5 => {
            let ot = tokens(other);
            if ot.is_empty() {
                return s.to_string();
            }
            let i = rng.below(ot.len());
            let j = (i + 1 + rng.below(30)).min(ot.len());
            let at = boundary(rng, s, &toks);
            insert(s, at, &other[ot[i].0..ot[j - 1].1])
        }
        // Truncate.
        6 => {
            let at = boundary(rng, s, &toks);
            s[..at].to_string()
        }
        // Insert a keyword, operator, identifier, type, literal or statement.
        7 => {
            let text = match rng.below(6) {
                0 => rng.pick(KEYWORDS),
                1 => rng.pick(OPERATORS),
                2 => rng.pick(IDENTS),
                3 => rng.pick(TYPES),
                4 => rng.pick(LITERALS),
                _ => rng.pick(SNIPPETS),
            };
            let at = boundary(rng, s, &toks);
            insert(s, at, text)
        }
        // Insert a statement or declaration on a line of its own.
        8 => {
            let starts = line_starts(s);
            let at = starts[rng.below(starts.len())];
            let mut text = rng.pick(SNIPPETS).to_string();
            text.push('\n');
            splice(s, at, at, &text)
        }
        // Replace an identifier by another (from this file or a predeclared one).
        9 | 10 if !toks.is_empty() => {
            let idents: Vec<(usize, usize)> = toks
                .iter()
                .copied()
                .filter(|&(a, _)| {
                    let c = s.as_bytes()[a];
                    c.is_ascii_alphabetic() || c == b'_'
                })
                .collect();
            if idents.is_empty() {
                return s.to_string();
            }
            let (a, b) = idents[rng.below(idents.len())];
            let repl = match rng.below(3) {
                0 => {
                    let (c, d) = idents[rng.below(idents.len())];
                    s[c..d].to_string()
                }
                1 => rng.pick(IDENTS).to_string(),
                _ => rng.pick(TYPES).to_string(),
            };
            splice(s, a, b, &repl)
        }
        // Replace a literal (or any token) by an interesting literal.
        11 if !toks.is_empty() => {
            let lits: Vec<(usize, usize)> = toks
                .iter()
                .copied()
                .filter(|&(a, _)| matches!(s.as_bytes()[a], b'0'..=b'9' | b'"' | b'\'' | b'`'))
                .collect();
            let (a, b) = if lits.is_empty() || rng.chance(20) {
                toks[rng.below(toks.len())]
            } else {
                lits[rng.below(lits.len())]
            };
            splice(s, a, b, rng.pick(LITERALS))
        }
        // Replace an operator by another.
        12 if !toks.is_empty() => {
            let ops: Vec<(usize, usize)> = toks
                .iter()
                .copied()
                .filter(|&(a, _)| s.as_bytes()[a].is_ascii_punctuation())
                .collect();
            if ops.is_empty() {
                return s.to_string();
            }
            let (a, b) = ops[rng.below(ops.len())];
            splice(s, a, b, rng.pick(OPERATORS))
        }
        // Deep nesting.
        13 => {
            let (open, close) = NESTERS[rng.below(NESTERS.len())];
            let n = nest_count(rng);
            let mut text = open.repeat(n);
            if rng.chance(70) {
                text.push_str(rng.pick(&["x", "1", "int", "nil", "f()", ""]));
            }
            text.push_str(&close.repeat(n));
            if rng.chance(50) {
                // Somewhere an expression or type may go.
                let at = boundary(rng, s, &toks);
                insert(s, at, &text)
            } else {
                let body = format!("\nfunc _() {{ _ = {text} }}\nvar _ = {text}\ntype _ {text}\n");
                let mut out = s.to_string();
                out.push_str(&body);
                out
            }
        }
        // Line deletion / duplication / swap.
        14 => {
            let mut lines: Vec<&str> = s.split('\n').collect();
            if lines.is_empty() {
                return s.to_string();
            }
            let i = rng.below(lines.len());
            match rng.below(3) {
                0 => {
                    let n = (1 + rng.below(5)).min(lines.len() - i);
                    lines.drain(i..i + n);
                }
                1 => {
                    let l = lines[i];
                    let j = rng.below(lines.len());
                    lines.insert(j, l);
                }
                _ => {
                    let j = rng.below(lines.len());
                    lines.swap(i, j);
                }
            }
            lines.join("\n")
        }
        // Replace a token run by a token run of another file.
        15 if !toks.is_empty() => {
            let ot = tokens(other);
            if ot.is_empty() {
                return s.to_string();
            }
            let i = rng.below(toks.len());
            let j = (i + 1 + rng.below(10)).min(toks.len());
            let k = rng.below(ot.len());
            let l = (k + 1 + rng.below(10)).min(ot.len());
            splice(s, toks[i].0, toks[j - 1].1, &other[ot[k].0..ot[l - 1].1])
        }
        // Repeat a token run many times (long lists, long chains).
        16 if !toks.is_empty() => {
            let i = rng.below(toks.len());
            let j = (i + 1 + rng.below(4)).min(toks.len());
            let text = s[toks[i].0..toks[j - 1].1].to_string();
            let n = nest_count(rng).min(20_000);
            let mut rep = String::with_capacity((text.len() + 1) * n);
            for _ in 0..n {
                rep.push_str(&text);
                rep.push(' ');
            }
            splice(s, toks[i].0, toks[j - 1].1, &rep)
        }
        _ => {
            let at = boundary(rng, s, &toks);
            insert(s, at, rng.pick(OPERATORS))
        }
    }
}

/// Applies one to four mutations.
pub fn mutate(rng: &mut Rng, s: &str, other: &str) -> String {
    let max = if rng.chance(60) { 1 } else { 4 };
    let n = 1 + rng.below(max);
    let mut cur = s.to_string();
    for _ in 0..n {
        let next = mutate_once(rng, &cur, other);
        // Stacked repetitions would grow without bound; keep inputs reasonably small.
        if next.len() <= MAX_MUTANT_BYTES {
            cur = next;
        }
    }
    cur
}

/// Largest mutant kept (repetition and nesting mutations stay well below it on their own).
const MAX_MUTANT_BYTES: usize = 2 << 20;
