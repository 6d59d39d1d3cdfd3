//! Rewording of lalrpop's parse errors into gc's syntax error texts.
//!
//! lalrpop reports the offending token and the set of terminals the LR state would have accepted.
//! gc's recursive-descent parser words its messages after the construct it was parsing ("at end
//! of statement", "in argument list; possibly missing comma or )"). The expected set identifies
//! most of those constructs; where it cannot (a `(` of a call vs. a parameter list, a block vs. a
//! struct body), the tokens before the error are re-scanned to find the innermost open bracket
//! and what introduced it.

use crate::ast::Pos;
use crate::diag::Diagnostic;
use crate::lexer::{Lexer, Never, Tok};
use lalrpop_util::ParseError;

/// What introduced an open bracket.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Open {
    Params,
    Call,
    Paren,
    Struct,
    Interface,
    /// A block or other brace introduced after the given keyword (`for`, `switch`, `func`...).
    Brace(Option<&'static str>),
    Bracket,
}

struct Context {
    stack: Vec<Open>,
    /// `if`/`for`/`switch`/`select` whose header is being parsed at the current depth.
    pending: Option<&'static str>,
    /// The token before the error.
    prev: Option<Tok<'static>>,
    /// Whether a top-level function declaration without body just ended.
    after_bodyless_func: bool,
}

fn static_tok(t: Tok<'_>) -> Tok<'static> {
    match t {
        Tok::Ident(_) => Tok::Ident(""),
        Tok::Int(_) => Tok::Int(""),
        Tok::Float(_) => Tok::Float(""),
        Tok::Imag(_) => Tok::Imag(""),
        Tok::Char(_) => Tok::Char(""),
        Tok::Str(_) => Tok::Str(""),
        Tok::Break => Tok::Break,
        Tok::Case => Tok::Case,
        Tok::Chan => Tok::Chan,
        Tok::Const => Tok::Const,
        Tok::Continue => Tok::Continue,
        Tok::Default => Tok::Default,
        Tok::Defer => Tok::Defer,
        Tok::Else => Tok::Else,
        Tok::Fallthrough => Tok::Fallthrough,
        Tok::For => Tok::For,
        Tok::Func => Tok::Func,
        Tok::Go => Tok::Go,
        Tok::Goto => Tok::Goto,
        Tok::If => Tok::If,
        Tok::Import => Tok::Import,
        Tok::Interface => Tok::Interface,
        Tok::Map => Tok::Map,
        Tok::Package => Tok::Package,
        Tok::Range => Tok::Range,
        Tok::Return => Tok::Return,
        Tok::Select => Tok::Select,
        Tok::Struct => Tok::Struct,
        Tok::Switch => Tok::Switch,
        Tok::Type => Tok::Type,
        Tok::Var => Tok::Var,
        Tok::Add => Tok::Add,
        Tok::Sub => Tok::Sub,
        Tok::Star => Tok::Star,
        Tok::Quo => Tok::Quo,
        Tok::Rem => Tok::Rem,
        Tok::And => Tok::And,
        Tok::Or => Tok::Or,
        Tok::Xor => Tok::Xor,
        Tok::Shl => Tok::Shl,
        Tok::Shr => Tok::Shr,
        Tok::AndNot => Tok::AndNot,
        Tok::OpAssign(o) => Tok::OpAssign(o),
        Tok::LAnd => Tok::LAnd,
        Tok::LOr => Tok::LOr,
        Tok::Arrow => Tok::Arrow,
        Tok::Inc => Tok::Inc,
        Tok::Dec => Tok::Dec,
        Tok::Eql => Tok::Eql,
        Tok::Neq => Tok::Neq,
        Tok::Lss => Tok::Lss,
        Tok::Leq => Tok::Leq,
        Tok::Gtr => Tok::Gtr,
        Tok::Geq => Tok::Geq,
        Tok::Assign => Tok::Assign,
        Tok::Define => Tok::Define,
        Tok::Not => Tok::Not,
        Tok::Tilde => Tok::Tilde,
        Tok::Ellipsis => Tok::Ellipsis,
        Tok::LParen => Tok::LParen,
        Tok::RParen => Tok::RParen,
        Tok::LBrack => Tok::LBrack,
        Tok::RBrack => Tok::RBrack,
        Tok::LBrace => Tok::LBrace,
        Tok::RBrace => Tok::RBrace,
        Tok::Comma => Tok::Comma,
        Tok::Period => Tok::Period,
        Tok::Colon => Tok::Colon,
        Tok::Semi(k) => Tok::Semi(k),
    }
}

fn ends_operand(t: &Tok<'_>) -> bool {
    matches!(
        t,
        Tok::Ident(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Imag(_)
            | Tok::Char(_)
            | Tok::Str(_)
            | Tok::RParen
            | Tok::RBrack
            | Tok::RBrace
    )
}

/// Re-scans `src` up to byte `at` and reconstructs the bracket context there.
fn context(src: &str, at: usize) -> Context {
    let mut stack: Vec<Open> = Vec::new();
    // Per open bracket: the keyword pending when it was opened (restored when it closes).
    let mut saved: Vec<Option<&'static str>> = Vec::new();
    let mut pending: Option<&'static str> = None;
    let mut prev: Option<Tok<'static>> = None;
    let mut prev2: Option<Tok<'static>> = None;
    // The class of the bracket closed by the previous token, if it was a closer.
    let mut last_closed: Option<Open> = None;
    let mut after_bodyless_func = false;
    let mut func_sig_at_top = false;
    for item in Lexer::new(src) {
        let Ok((l, tok, _)) = item;
        if l >= at {
            break;
        }
        let mut closed = None;
        match tok {
            Tok::LParen => {
                let class = match prev {
                    Some(Tok::Func) => Open::Params,
                    Some(Tok::Ident(_)) if prev2 == Some(Tok::Func) => Open::Params,
                    Some(Tok::Ident(_)) if last_closed_before_name(&prev2, &last_closed) => {
                        Open::Params
                    }
                    Some(Tok::RParen) | Some(Tok::RBrack)
                        if matches!(last_closed, Some(Open::Params)) =>
                    {
                        Open::Params
                    }
                    Some(ref t) if ends_operand(t) => Open::Call,
                    _ => Open::Paren,
                };
                stack.push(class);
                saved.push(pending);
            }
            Tok::LBrack => {
                let class = if prev2 == Some(Tok::Func) {
                    // `func f[` type parameters: the following `(` is a parameter list.
                    Open::Params
                } else {
                    Open::Bracket
                };
                stack.push(class);
                saved.push(pending);
            }
            Tok::LBrace => {
                let class = match prev {
                    Some(Tok::Struct) => Open::Struct,
                    Some(Tok::Interface) => Open::Interface,
                    _ => Open::Brace(pending.take()),
                };
                stack.push(class);
                saved.push(None);
            }
            Tok::RParen | Tok::RBrack | Tok::RBrace => {
                closed = stack.pop();
                pending = saved.pop().flatten();
                if matches!(closed, Some(Open::Params)) {
                    // A `[...]` of type parameters is recorded as Params too.
                }
            }
            Tok::If => pending = Some("if"),
            Tok::For => pending = Some("for"),
            Tok::Switch => pending = Some("switch"),
            Tok::Select => pending = Some("select"),
            Tok::Func if stack.is_empty() => {
                func_sig_at_top = true;
                pending = Some("func");
            }
            Tok::Func => pending = Some("func"),
            Tok::Semi(_) if stack.is_empty() => {
                after_bodyless_func = func_sig_at_top && prev != Some(Tok::RBrace);
                func_sig_at_top = false;
                pending = None;
            }
            Tok::Semi(_) => {}
            _ => {}
        }
        if !matches!(tok, Tok::Semi(_)) {
            after_bodyless_func = false;
        }
        last_closed = closed;
        prev2 = prev;
        prev = Some(static_tok(tok));
    }
    Context {
        stack,
        pending,
        prev,
        after_bodyless_func,
    }
}

/// `) name (` where the `)` closed a receiver: a method's parameter list.
fn last_closed_before_name(prev2: &Option<Tok<'static>>, _last: &Option<Open>) -> bool {
    // The receiver case is handled by the caller's check on the closer before the name; kept
    // simple: `) Name (` at top level only occurs for methods.
    matches!(prev2, Some(Tok::RParen))
}

/// gc's `tokstring` for the token named by a lalrpop terminal.
fn tokstring(term: &str) -> String {
    match term {
        "," => "comma".into(),
        ";" => "semicolon or newline".into(),
        "name" => "name".into(),
        "int" | "float" | "imag" | "char" | "string" => "literal".into(),
        t if t.chars().all(|c| c.is_ascii_lowercase()) => format!("keyword {t}"),
        t => t.into(),
    }
}

/// Turns a lalrpop error into gc's `syntax error: ...` text at gc's position.
pub fn syntax_error(src: &str, file: u32, e: ParseError<usize, Tok<'_>, Never>) -> Diagnostic {
    let (at, tok, expected) = match e {
        ParseError::UnrecognizedToken {
            token: (l, tok, _),
            expected,
        } => (l, Some(tok), expected),
        ParseError::UnrecognizedEof { location, expected } => (location, None, expected),
        ParseError::ExtraToken { token: (l, tok, _) } => (l, Some(tok), Vec::new()),
        ParseError::InvalidToken { location } => (location, None, Vec::new()),
        ParseError::User { error } => match error {},
    };
    let exp: Vec<String> = expected
        .iter()
        .map(|s| s.trim_matches('"').to_string())
        .collect();
    let desc = match &tok {
        Some(t) => t.gc_describe(),
        None => "EOF".to_string(),
    };
    let msg = message(src, at, tok.as_ref(), &desc, &exp);
    Diagnostic::new(Pos::new(file, at as u32), format!("syntax error: {msg}"))
}

fn message(src: &str, at: usize, tok: Option<&Tok<'_>>, desc: &str, exp: &[String]) -> String {
    let has = |t: &str| exp.iter().any(|e| e == t);
    let cx = context(src, at);
    let innermost = cx.stack.last().copied();
    let unexpected = |rest: &str| format!("unexpected {desc}{rest}");

    if has("package") {
        return "package statement must be first".into();
    }
    // Top level: only declarations may follow.
    if cx.stack.is_empty() && has("func") && has("import") {
        if matches!(tok, Some(Tok::LBrace)) && cx.after_bodyless_func {
            return "unexpected semicolon or newline before {".into();
        }
        return "non-declaration statement outside function body".into();
    }
    if cx.prev == Some(Tok::Else) && has("if") {
        return "else must be followed by if or statement block".into();
    }
    // Lists: `(a, b`, `{a, b`, struct and interface bodies.
    if has(",") && has(")") && !matches!(tok, Some(Tok::RParen) | Some(Tok::Comma)) {
        let what = match innermost {
            Some(Open::Params) => "parameter list",
            _ => "argument list",
        };
        if !has("name") || has(".") || has("...") {
            return unexpected(&format!(" in {what}; possibly missing comma or )"));
        }
    }
    if has(",") && has("}") && !has(";") && !matches!(tok, Some(Tok::RBrace) | Some(Tok::Comma)) {
        return unexpected(" in composite literal; possibly missing comma or }");
    }
    if has("}") && has(";") && !has("case") {
        match innermost {
            Some(Open::Struct) => {
                return unexpected(" in struct type; possibly missing semicolon or newline or }");
            }
            Some(Open::Interface) => {
                return unexpected(
                    " in interface type; possibly missing semicolon or newline or }",
                );
            }
            _ => {}
        }
    }
    // A complete statement followed by something else.
    if has(";") && (has("}") || has("case")) && !has("int") && !has("name") {
        return unexpected(" at end of statement");
    }
    if has(";") && has("}") && has("name") && has("break") {
        // At the start of a statement: gc's stmtList stops and wants the closing brace.
        return match innermost {
            Some(Open::Brace(Some("switch"))) | Some(Open::Brace(Some("select"))) => {
                unexpected(", expected case or default or }")
            }
            _ => unexpected(", expected }"),
        };
    }
    if has("{")
        && exp.len() <= 3
        && !has("int")
        && let Some(kw) = cx.pending
        && kw != "func"
    {
        return unexpected(&format!(", expected {{ after {kw} clause"));
    }
    if has(":") && has(",") && !has("int") {
        return unexpected(", expected :");
    }
    // An expression was required.
    if has("int") && has("name") {
        return unexpected(", expected expression");
    }
    if has("name") && has("(") && exp.len() == 2 {
        if cx.prev == Some(Tok::Period) {
            return unexpected(", expected name or (");
        }
        return unexpected(", expected name");
    }
    if has("chan") && has("map") && has("name") {
        return unexpected(", expected type");
    }
    if exp.len() == 1 {
        return unexpected(&format!(", expected {}", tokstring(&exp[0])));
    }
    if has(";") && cx.stack.is_empty() {
        return unexpected(" after top level declaration");
    }
    if has(";") {
        return unexpected(" at end of statement");
    }
    if exp.is_empty() {
        return unexpected("");
    }
    let list: Vec<String> = exp.iter().map(|e| tokstring(e)).collect();
    unexpected(&format!(", expected {}", list.join(" or ")))
}
