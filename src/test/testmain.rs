//! The test main of `rgo test`: which functions of a package's `_test.go` files are tests,
//! benchmarks, fuzz targets and examples, and the `_testmain.go` the go command generates for
//! them (GOROOT/src/cmd/go/internal/load/test.go's `loadTestFuncs` and `testmainTmpl`).
//!
//! The go command reads the test files with go/parser and go/doc; rgo reads its own parsed
//! files, and for examples the source text between the braces of the function body, where the
//! last comment group (go/ast's grouping: comments on consecutive lines with no token between)
//! holds the expected output when it starts with `Output:` or `Unordered output:`
//! (go/doc's `exampleOutput`). The generated text is gc's template expanded with the same
//! blank lines, so line numbers in a traceback through it match gc's.

use frontend::ast::{Decl, ExprKind, FuncDecl};
use frontend::load::{self, LoadedPackage};
use frontend::source::FileSet;

/// One function the test main refers to: `pkg.name`, where `pkg` is `_test` (the package under
/// test with its in-package test files) or `_xtest` (the external `_test` package).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestFunc {
    pub package: &'static str,
    pub name: String,
    /// The expected output of an example.
    pub output: String,
    pub unordered: bool,
}

/// What the test files of one package hold (cmd/go's `testFuncs`).
#[derive(Clone, Debug, Default)]
pub struct TestFuncs {
    pub tests: Vec<TestFunc>,
    pub benchmarks: Vec<TestFunc>,
    pub fuzz_targets: Vec<TestFunc>,
    pub examples: Vec<TestFunc>,
    pub test_main: Option<TestFunc>,
    /// The package under test has files to import (always, unless it is test-only).
    pub import_test: bool,
    /// Some function of its test files is referred to.
    pub need_test: bool,
    /// There is an external test package.
    pub import_xtest: bool,
    pub need_xtest: bool,
}

/// go/doc's and cmd/go's `isTest`: `name` is `prefix` followed by nothing or by a rune that is
/// not a lower-case letter (`TestFoo`, `Test_foo`, `Test`, but not `Testify`).
pub fn is_test_name(name: &str, prefix: &str) -> bool {
    match name.strip_prefix(prefix) {
        None => false,
        Some(rest) => rest.chars().next().is_none_or(|c| !c.is_lowercase()),
    }
}

/// cmd/go's `isTestFunc`: one parameter of type `*arg` or `*x.arg`, no results.
fn is_test_func(f: &FuncDecl, arg: &str) -> bool {
    if !f.sig.results.is_empty() || f.sig.params.len() != 1 || f.sig.params[0].names.len() > 1 {
        return false;
    }
    let ExprKind::Star(inner) = &f.sig.params[0].typ.kind else {
        return false;
    };
    match &inner.kind {
        ExprKind::Ident(id) => id.name == arg,
        ExprKind::Selector { sel, .. } => sel.name == arg,
        _ => false,
    }
}

/// cmd/go's `checkTestFunc`: the error for a test, benchmark, fuzz target or TestMain whose
/// signature is wrong, positioned at the declaration.
fn check_test_func(fset: &FileSet, f: &FuncDecl, arg: &str) -> Result<(), String> {
    let mut why = None;
    if !is_test_func(f, arg) {
        why = Some(format!(
            "must be: func {}({} *testing.{arg})",
            f.name.name,
            arg.to_lowercase()
        ));
    }
    if !f.type_params.is_empty() {
        why = Some("test functions cannot have type parameters".to_string());
    }
    match why {
        None => Ok(()),
        Some(why) => {
            // The go command parses test files by their absolute names.
            let at = fset
                .position(f.pos)
                .map(|(p, l, c)| {
                    let abs = std::path::absolute(p)
                        .map_or_else(|_| p.to_string(), |a| a.to_string_lossy().into_owned());
                    format!("{abs}:{l}:{c}")
                })
                .unwrap_or_default();
            Err(format!("{at}: wrong signature for {}, {why}", f.name.name))
        }
    }
}

impl TestFuncs {
    /// Collects the functions of the package under test (`ptest`, whose `_test.go` files are
    /// the in-package tests) and of its external test package, in the go command's order:
    /// in-package test files, then external ones, each in file-name order and source order.
    pub fn collect(
        fset: &FileSet,
        ptest: &LoadedPackage,
        pxtest: Option<&LoadedPackage>,
    ) -> Result<TestFuncs, String> {
        let mut t = TestFuncs {
            import_test: ptest
                .files
                .iter()
                .any(|f| !file_name(fset, f.file_index).ends_with("_test.go")),
            import_xtest: pxtest.is_some(),
            ..TestFuncs::default()
        };
        let mut first_err = None;
        for f in &ptest.files {
            if !file_name(fset, f.file_index).ends_with("_test.go") {
                continue;
            }
            // Test files in the package itself make it imported even when it has no other
            // file (cmd/go sets ImportTest for any test function found).
            let mut import = false;
            let mut need = false;
            if let Err(e) = t.load(fset, f, "_test", &mut import, &mut need) {
                first_err.get_or_insert(e);
            }
            t.import_test |= import;
            t.need_test |= need;
        }
        if let Some(x) = pxtest {
            for f in &x.files {
                let mut import = false;
                let mut need = false;
                if let Err(e) = t.load(fset, f, "_xtest", &mut import, &mut need) {
                    first_err.get_or_insert(e);
                }
                t.need_xtest |= need;
            }
        }
        match first_err {
            Some(e) => Err(e),
            None => Ok(t),
        }
    }

    /// One file (cmd/go's `testFuncs.load`).
    fn load(
        &mut self,
        fset: &FileSet,
        file: &frontend::ast::File,
        pkg: &'static str,
        do_import: &mut bool,
        seen: &mut bool,
    ) -> Result<(), String> {
        let func = |name: &str| TestFunc {
            package: pkg,
            name: name.to_string(),
            output: String::new(),
            unordered: false,
        };
        for d in &file.decls {
            let Decl::Func(f) = d else { continue };
            if f.recv.is_some() {
                continue;
            }
            let name = f.name.name.as_str();
            if name == "TestMain" {
                if is_test_func(f, "T") {
                    self.tests.push(func(name));
                } else {
                    check_test_func(fset, f, "M")?;
                    if self.test_main.is_some() {
                        return Err("multiple definitions of TestMain".into());
                    }
                    self.test_main = Some(func(name));
                }
                (*do_import, *seen) = (true, true);
            } else if is_test_name(name, "Test") {
                check_test_func(fset, f, "T")?;
                self.tests.push(func(name));
                (*do_import, *seen) = (true, true);
            } else if is_test_name(name, "Benchmark") {
                check_test_func(fset, f, "B")?;
                self.benchmarks.push(func(name));
                (*do_import, *seen) = (true, true);
            } else if is_test_name(name, "Fuzz") {
                check_test_func(fset, f, "F")?;
                self.fuzz_targets.push(func(name));
                (*do_import, *seen) = (true, true);
            }
        }
        // go/doc's Examples, in source order within the file.
        let text = fset.file(file.file_index).map_or("", |f| f.text.as_str());
        for d in &file.decls {
            let Decl::Func(f) = d else { continue };
            let name = f.name.name.as_str();
            if f.recv.is_some()
                || is_test_name(name, "Test")
                || is_test_name(name, "Benchmark")
                || is_test_name(name, "Fuzz")
                || !is_test_name(name, "Example")
                || !f.sig.params.is_empty()
                || !f.sig.results.is_empty()
            {
                continue;
            }
            let Some(body) = &f.body else { continue };
            // The test file is imported whether or not the example runs.
            *do_import = true;
            let Some((output, unordered)) = example_output(
                text,
                body.lbrace.offset as usize,
                body.rbrace.offset as usize + 1,
            ) else {
                // Examples without an output comment are compiled, not run.
                continue;
            };
            self.examples.push(TestFunc {
                package: pkg,
                name: name.to_string(),
                output,
                unordered,
            });
            *seen = true;
        }
        Ok(())
    }

    /// The `_testmain.go` of package `import_path` (gc's template, expanded).
    pub fn render(&self, import_path: &str, module_path: &str) -> String {
        let mut s = String::new();
        s.push_str("\n// Code generated by 'go test'. DO NOT EDIT.\n\npackage main\n\nimport (\n\t\"os\"\n");
        if self.test_main.is_some() {
            s.push_str("\n\t\"reflect\"\n");
        }
        s.push_str("\n\t\"testing\"\n\t\"testing/internal/testdeps\"\n\n\n");
        if self.import_test {
            let alias = if self.need_test { "_test" } else { "_" };
            s.push_str(&format!("\n\t{alias} {}\n", go_quote(import_path)));
        }
        s.push('\n');
        if self.import_xtest {
            let alias = if self.need_xtest { "_xtest" } else { "_" };
            s.push_str(&format!(
                "\n\t{alias} {}\n",
                go_quote(&format!("{import_path}_test"))
            ));
        }
        s.push_str("\n)\n\n");
        let list = |s: &mut String, var: &str, ty: &str, fs: &[TestFunc]| {
            s.push_str(&format!("var {var} = []testing.{ty}{{\n"));
            for f in fs {
                s.push_str(&format!(
                    "\n\t{{\"{}\", {}.{}}},\n",
                    f.name, f.package, f.name
                ));
            }
            s.push_str("\n}\n\n");
        };
        list(&mut s, "tests", "InternalTest", &self.tests);
        list(&mut s, "benchmarks", "InternalBenchmark", &self.benchmarks);
        list(
            &mut s,
            "fuzzTargets",
            "InternalFuzzTarget",
            &self.fuzz_targets,
        );
        s.push_str("var examples = []testing.InternalExample{\n");
        for e in &self.examples {
            s.push_str(&format!(
                "\n\t{{\"{}\", {}.{}, {}, {}}},\n",
                e.name,
                e.package,
                e.name,
                go_quote(&e.output),
                e.unordered
            ));
        }
        s.push_str("\n}\n\n");
        // testdeps.ImportPath is empty for command-line-arguments (cmd/go's ImportPath method).
        let shown = if import_path == load::COMMAND_LINE_ARGUMENTS {
            ""
        } else {
            import_path
        };
        s.push_str(&format!(
            "func init() {{\n\n\ttestdeps.ModulePath = {}\n\ttestdeps.ImportPath = {}\n}}\n\n",
            go_quote(module_path),
            go_quote(shown)
        ));
        s.push_str("func main() {\n\tm := testing.MainStart(testdeps.TestDeps{}, tests, benchmarks, fuzzTargets, examples)\n");
        match &self.test_main {
            Some(tm) => s.push_str(&format!(
                "\n\t{}.{}(m)\n\tos.Exit(int(reflect.ValueOf(m).Elem().FieldByName(\"exitCode\").Int()))\n\n",
                tm.package, tm.name
            )),
            None => s.push_str("\n\tos.Exit(m.Run())\n\n"),
        }
        s.push_str("}\n\n");
        s
    }

    /// The imports of the generated file other than the packages under test. They are loaded
    /// before the file is written, so `reflect` (imported with a TestMain) is among them in
    /// any case; `testing` imports it already.
    pub fn deps() -> Vec<String> {
        ["os", "reflect", "testing", "testing/internal/testdeps"]
            .into_iter()
            .map(String::from)
            .collect()
    }
}

fn file_name(fset: &FileSet, index: u32) -> &str {
    fset.file(index).map_or("", |f| f.path.as_str())
}

/// Go's `%q` of a string (strconv.Quote): printable runes as they are, the others escaped.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\x7f' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c == '\u{fffd}' || !is_go_printable(c) => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's unicode.IsPrint for the characters that appear in example output:
/// letters, marks, numbers, punctuation, symbols and the ASCII space; not other spaces, control
/// or format characters, or unassigned code points. (U+FFFD is printable in Go, and the quoting
/// of an example's output does not change what the test compares: the string is the same.)
fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_whitespace() || c.is_control() {
        return false;
    }
    // Format characters (Cf) Go does not print: soft hyphen, zero-width and bidi controls, BOM.
    !matches!(c as u32, 0xad | 0x200b..=0x200f | 0x2028..=0x202e | 0x2060..=0x206f | 0xfeff)
}

/// A comment in a function body: its text as written (`// ...` or `/* ... */`), the lines it
/// starts and ends on, and whether a token precedes it on its line.
struct Comment<'a> {
    text: &'a str,
    start_line: usize,
    end_line: usize,
    after_token: bool,
    /// A token came between the previous comment and this one.
    token_between: bool,
}

/// The comments between `start` and `end` of `src` (a function body), skipping string, raw
/// string and rune literals.
fn body_comments(src: &str, start: usize, end: usize) -> Vec<Comment<'_>> {
    let b = src.as_bytes();
    let end = end.min(b.len());
    let mut out = Vec::new();
    let mut line = 1 + b[..start.min(b.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count();
    // A token was seen on the current line since the last comment or newline.
    let mut token_on_line = false;
    let mut token_since_comment = false;
    let mut i = start;
    while i < end {
        match b[i] {
            b'\n' => {
                line += 1;
                token_on_line = false;
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let s = i;
                while i < end && b[i] != b'\n' {
                    i += 1;
                }
                out.push(Comment {
                    text: &src[s..i],
                    start_line: line,
                    end_line: line,
                    after_token: token_on_line,
                    token_between: token_since_comment,
                });
                token_since_comment = false;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let s = i;
                let first = line;
                i += 2;
                while i < end && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                    if b[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i = (i + 2).min(end);
                out.push(Comment {
                    text: &src[s..i],
                    start_line: first,
                    end_line: line,
                    after_token: token_on_line,
                    token_between: token_since_comment,
                });
                token_since_comment = false;
            }
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < end && b[i] != q && b[i] != b'\n' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                token_on_line = true;
                token_since_comment = true;
            }
            b'`' => {
                i += 1;
                while i < end && b[i] != b'`' {
                    if b[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 1;
                token_on_line = true;
                token_since_comment = true;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                token_on_line = true;
                token_since_comment = true;
                i += 1;
            }
        }
    }
    out
}

/// The expected output of an example whose body spans `start..end` of `src` and whether it is
/// unordered, or `None` without an output comment (go/doc's `exampleOutput`).
fn example_output(src: &str, start: usize, end: usize) -> Option<(String, bool)> {
    let comments = body_comments(src, start, end);
    // go/parser's grouping: a comment after a token on its line forms a group with the
    // comments on that same line only; other comments join the previous comment when they
    // start at most one line after it ends and no token came between.
    let mut groups: Vec<Vec<&Comment>> = Vec::new();
    let mut prev: Option<(&Comment, bool)> = None;
    for c in &comments {
        let joins = match prev {
            Some((p, line_group)) => {
                !c.token_between
                    && if line_group {
                        c.start_line == p.end_line
                    } else {
                        c.start_line <= p.end_line + 1
                    }
            }
            None => false,
        };
        if joins {
            if let Some(g) = groups.last_mut() {
                g.push(c);
            }
            prev = Some((c, prev.is_some_and(|(_, l)| l)));
        } else {
            groups.push(vec![c]);
            prev = Some((c, c.after_token));
        }
    }
    let last = groups.last()?;
    let text = comment_group_text(last);
    let (rest, unordered) = strip_output_prefix(&text)?;
    let rest = rest.trim_start_matches(' ');
    let rest = rest.strip_prefix('\n').unwrap_or(rest);
    Some((rest.to_string(), unordered))
}

/// `(?i)^[[:space:]]*(unordered )?output:`: the text after the prefix, and whether it said
/// unordered.
fn strip_output_prefix(text: &str) -> Option<(&str, bool)> {
    let t = text.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let lower_starts = |s: &str, p: &str| {
        s.len() >= p.len() && s.is_char_boundary(p.len()) && s[..p.len()].eq_ignore_ascii_case(p)
    };
    if lower_starts(t, "unordered output:") {
        return Some((&t["unordered output:".len()..], true));
    }
    if lower_starts(t, "output:") {
        return Some((&t["output:".len()..], false));
    }
    None
}

/// go/ast's `CommentGroup.Text`: comment markers removed (and the first space after `//`),
/// directives dropped, trailing spaces stripped, leading blank lines and runs of blank lines
/// removed, one final newline.
fn comment_group_text(group: &[&Comment]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for c in group {
        let body: &str = if let Some(rest) = c.text.strip_prefix("//") {
            if let Some(r) = rest.strip_prefix(' ') {
                r
            } else if is_directive(rest) {
                continue;
            } else {
                rest
            }
        } else {
            let t = c.text.strip_prefix("/*").unwrap_or(c.text);
            t.strip_suffix("*/").unwrap_or(t)
        };
        let body = body.replace('\r', "");
        for l in body.split('\n') {
            lines.push(
                l.trim_end_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c'])
                    .to_string(),
            );
        }
    }
    let mut kept: Vec<String> = Vec::new();
    for l in lines {
        if !l.is_empty() || kept.last().is_some_and(|p| !p.is_empty()) {
            kept.push(l);
        }
    }
    if kept.last().is_some_and(|l| !l.is_empty()) {
        kept.push(String::new());
    }
    kept.join("\n")
}

/// go/ast's `isDirective` (the text after `//`): `line `, `extern `, `export `, or
/// `[a-z0-9]+:[a-z0-9]`.
fn is_directive(c: &str) -> bool {
    if c.starts_with("line ") || c.starts_with("extern ") || c.starts_with("export ") {
        return true;
    }
    let b = c.as_bytes();
    let Some(colon) = c.find(':') else {
        return false;
    };
    if colon == 0 || colon + 1 >= b.len() {
        return false;
    }
    (0..=colon + 1)
        .filter(|&i| i != colon)
        .all(|i| b[i].is_ascii_lowercase() || b[i].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(body: &str) -> Option<(String, bool)> {
        example_output(body, 0, body.len())
    }

    #[test]
    fn example_output_is_the_last_comment_group() {
        let b = "{\n\tfmt.Println(\"a\") // not this\n\t// Output:\n\t// a\n\t//   b  \n}";
        assert_eq!(output(b), Some(("a\n  b\n".to_string(), false)));
        let b = "{\n\tfmt.Println(1)\n\t// unordered OUTPUT: x\n\t// y\n}";
        assert_eq!(output(b), Some(("x\ny\n".to_string(), true)));
        // A comment after a token is its own group.
        let b = "{\n\t// Output: no\n\tfmt.Println(\"// Output:\") // Output: yes\n}";
        assert_eq!(output(b), Some(("yes\n".to_string(), false)));
        // A blank line ends a group.
        let b = "{\n\t// Output:\n\n\t// later\n}";
        assert_eq!(output(b), None);
        let b = "{\n\tf()\n\t// Output:\n}";
        assert_eq!(output(b), Some((String::new(), false)));
        assert_eq!(output("{\n\tf()\n}"), None);
    }

    #[test]
    fn test_names_follow_the_go_command() {
        assert!(is_test_name("Test", "Test"));
        assert!(is_test_name("TestFoo", "Test"));
        assert!(is_test_name("Test_foo", "Test"));
        assert!(is_test_name("Test1", "Test"));
        assert!(!is_test_name("Testify", "Test"));
        assert!(!is_test_name("Example", "Test"));
    }

    #[test]
    fn quoting_is_go_quote() {
        assert_eq!(go_quote("a\"b\\\n\t"), r#""a\"b\\\n\t""#);
        assert_eq!(go_quote("örnek İŞ"), "\"örnek İŞ\"");
        assert_eq!(go_quote("\x01\u{200b}"), r#""\x01\u200b""#);
    }
}
