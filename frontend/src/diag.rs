//! Diagnostics in gc's form: `file:line:col: message`.

use crate::ast::Pos;
use crate::source::FileSet;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub pos: Pos,
    pub message: String,
}

impl Diagnostic {
    pub fn new(pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            pos,
            message: message.into(),
        }
    }
}

/// gc stops reporting after this many errors and prints `too many errors`.
pub const MAX_ERRORS: usize = 10;

/// Set by gc's `-e` (`rgo check -e`): report every error instead of stopping after
/// [`MAX_ERRORS`]. Process-wide because it is a command-line switch and `render` is reached
/// from several layers (loader syntax errors, checker errors) that would otherwise all need it.
static REPORT_ALL: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Turns the [`MAX_ERRORS`] cap off (`true`) or on for the rest of the process.
pub fn set_report_all(all: bool) {
    REPORT_ALL.store(all, std::sync::atomic::Ordering::Relaxed);
}

/// Renders diagnostics as gc reports them: gc counts errors in the order they are found (the
/// order of `diags`) and, at the [`MAX_ERRORS`]th, prints those found so far sorted by position
/// (exact duplicates once) followed by `<position of that error>: too many errors`, and stops.
pub fn render(fset: &FileSet, diags: &[Diagnostic]) -> String {
    let all = REPORT_ALL.load(std::sync::atomic::Ordering::Relaxed);
    let cut = if all {
        diags.len()
    } else {
        diags.len().min(MAX_ERRORS)
    };
    let mut sorted: Vec<&Diagnostic> = diags[..cut].iter().collect();
    sorted.sort_by_key(|d| {
        let (line, col) = fset
            .position(d.pos)
            .map(|(_, l, c)| (l, c))
            .unwrap_or((0, 0));
        (d.pos.file, line, col)
    });
    sorted.dedup_by(|a, b| a.pos == b.pos && a.message == b.message);
    let mut out = String::new();
    for d in &sorted {
        out.push_str(&fset.format(d.pos));
        out.push_str(": ");
        out.push_str(&d.message);
        out.push('\n');
    }
    if !all && diags.len() >= MAX_ERRORS {
        out.push_str(&fset.format(diags[MAX_ERRORS - 1].pos));
        out.push_str(": too many errors\n");
    }
    out
}
