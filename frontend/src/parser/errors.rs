//! Rewording of lalrpop's parse errors into gc's syntax error texts.

use crate::ast::Pos;
use crate::diag::Diagnostic;
use crate::lexer::{Never, Tok};
use lalrpop_util::ParseError;

/// Turns a lalrpop error into gc's `syntax error: unexpected X, expected Y` form.
pub fn syntax_error(src: &str, file: u32, e: ParseError<usize, Tok<'_>, Never>) -> Diagnostic {
    let _ = src;
    match e {
        ParseError::UnrecognizedToken {
            token: (l, tok, _),
            expected,
        } => Diagnostic::new(
            Pos::new(file, l as u32),
            format!("syntax error: unexpected {}{}", super::describe(&tok), expected_suffix(&expected)),
        ),
        ParseError::UnrecognizedEof { location, expected } => Diagnostic::new(
            Pos::new(file, location as u32),
            format!("syntax error: unexpected EOF{}", expected_suffix(&expected)),
        ),
        ParseError::ExtraToken { token: (l, tok, _) } => Diagnostic::new(
            Pos::new(file, l as u32),
            format!("syntax error: unexpected {} after top level declaration", super::describe(&tok)),
        ),
        ParseError::InvalidToken { location } => {
            Diagnostic::new(Pos::new(file, location as u32), "syntax error: invalid token")
        }
        ParseError::User { error } => match error {},
    }
}

fn expected_suffix(expected: &[String]) -> String {
    if expected.is_empty() {
        return String::new();
    }
    format!(", expected {}", expected.join(" or "))
}
