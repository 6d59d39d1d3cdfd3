//! Source files of a package and the mapping from [`Pos`] to `file:line:col`.
//!
//! Columns count bytes from 1, as gc does (a tab is one column).

use crate::ast::Pos;

/// One source file's text and line table.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as it is printed in diagnostics (as given on the command line, like gc does for
    /// files it was handed directly).
    pub path: String,
    pub text: String,
    /// Byte offset of the start of each line.
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(path: String, text: String) -> SourceFile {
        let mut line_starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        SourceFile {
            path,
            text,
            line_starts,
        }
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line as u32 + 1, offset - self.line_starts[line] + 1)
    }
}

/// The files of one package (or of a whole build), indexed by `Pos::file`.
#[derive(Clone, Debug, Default)]
pub struct FileSet {
    pub files: Vec<SourceFile>,
}

impl FileSet {
    pub fn new() -> FileSet {
        FileSet::default()
    }

    /// Adds a file and returns its index, to be used as `Pos::file`.
    pub fn add(&mut self, path: String, text: String) -> u32 {
        self.files.push(SourceFile::new(path, text));
        (self.files.len() - 1) as u32
    }

    pub fn file(&self, index: u32) -> Option<&SourceFile> {
        self.files.get(index as usize)
    }

    /// `(path, line, col)` of a position; `None` for `Pos::NONE`.
    pub fn position(&self, pos: Pos) -> Option<(&str, u32, u32)> {
        let f = self.file(pos.file)?;
        let (l, c) = f.line_col(pos.offset);
        Some((&f.path, l, c))
    }

    /// `path:line:col`, the form diagnostics use.
    pub fn format(&self, pos: Pos) -> String {
        match self.position(pos) {
            // gc's positions keep 8 bits of column; 0 and 255 mean "unknown" and print none.
            Some((p, l, c)) if c > 0 && c < 255 => format!("{p}:{l}:{c}"),
            Some((p, l, _)) => format!("{p}:{l}"),
            None => "<unknown>".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let f = SourceFile::new("a.go".into(), "ab\ncd\n\nx".into());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(1), (1, 2));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(6), (3, 1));
        assert_eq!(f.line_col(7), (4, 1));
    }
}
